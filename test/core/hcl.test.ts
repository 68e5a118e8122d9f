// The HCL layer: parsing with UTF-16 offsets, error recovery chunk by chunk,
// the Terraform model and its evaluator (variables, locals, references), the
// HCL edits of the fixes, and robustness: every prefix of a real file parses
// and lints without throwing.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../server/src/core/model/workspace';
import { evaluate, listItems, nestedBlocks, scopeOf, setting, TfBlock } from '../../server/src/core/model/terraform';
import { HclAttribute, hclReady, parseHcl } from '../../server/src/core/syntax/hcl';
import { insertAttributes, insertBlock, setAttribute } from '../../server/src/core/fixes/hcl-edit';
import { Linter } from '../../server/src/core/rules/engine';
import { RULES } from '../../server/src/core/rules/registry';
import { applyEdits } from '../../server/src/core/types';
import { initHclFromDisk } from '../../server/src/node/hcl';

before(async () => assert.equal(await initHclFromDisk(), undefined));

function block(ws: Workspace, path: string, address: string): TfBlock {
  const b = ws.get(path)?.terraform?.blocks.find((x) => x.address === address);
  assert.ok(b, `${address} in ${path}`);
  return b;
}

describe('parsing', () => {
  test('offsets are UTF-16 code units, comments are kept, heredocs and escapes are read', () => {
    const text = '# 🔗 remote state\nlocals {\n  a = "x\\"y"\n  b = <<-EOT\n    hello\n    world\n  EOT\n}\n';
    const f = parseHcl(text)!;
    assert.deepEqual(f.errors, []);
    assert.deepEqual(f.comments, [{ start: 0, end: 17 }]);
    const locals = f.body[0];
    assert.equal(locals.type, 'block');
    if (locals.type !== 'block') return;
    assert.equal(text.slice(locals.typeSpan.start, locals.typeSpan.end), 'locals');
    const [a, b] = locals.body as HclAttribute[];
    assert.deepEqual(a.value.kind === 'literal' && a.value.value, 'x"y');
    assert.equal(text.slice(a.span.start, a.span.end), 'a = "x\\"y"');
    assert.equal(b.value.kind, 'template');
    const ws = new Workspace();
    ws.update('m/main.tf', text);
    assert.deepEqual(evaluate(b.value, { ws, dir: 'm' }), { known: true, value: 'hello\nworld\n', via: undefined });
  });

  test('a half-typed block is reported at its header and the blocks after it still parse', () => {
    const text = 'resource "aws_db_instance" "x" {\n  publicly_acc\n\nresource "aws_ecr_repository" "app" {\n  name = "app"\n}\n';
    const f = parseHcl(text)!;
    assert.deepEqual(
      f.errors.map((e) => [e.message, text.slice(e.span.start, e.span.end)]),
      [['the block resource "aws_db_instance" "x" is not closed: "}" is missing.', 'resource "aws_db_instance" "x"']],
    );
    assert.deepEqual(
      f.body.map((b) => b.type === 'block' && b.labels.map((l) => l.value)),
      [['aws_ecr_repository', 'app']],
    );
  });

  test('a header still without "{" does not swallow the next block', () => {
    const text = 'resource "aws_db_instance" "x"\nresource "aws_ecr_repository" "app" {\n  name = "app"\n}\n';
    const f = parseHcl(text)!;
    assert.deepEqual(f.errors.map((e) => e.message), ['the block resource "aws_db_instance" "x" has no body: "{" is missing.']);
    assert.deepEqual(f.body.map((b) => b.type === 'block' && b.labels.map((l) => l.value)), [['aws_ecr_repository', 'app']]);
  });

  test('missing brackets and quotes are named', () => {
    assert.deepEqual(parseHcl('x = [1, 2\n')!.errors.map((e) => e.message), ['"]" is missing here.']);
    assert.deepEqual(parseHcl('resource "a" "b" {\n  x =\n}\n')!.errors.map((e) => e.message), ['"x" has no value.']);
  });
});

describe('the Terraform model', () => {
  const ws = new Workspace();
  // Files are parsed when added: after the parser is initialised (the top-level before hook).
  before(() => {
    load();
  });
  const load = () => ws.update(
    'infra/main.tf',
    `resource "aws_db_instance" "db" {
  publicly_accessible    = var.public
  identifier             = "\${local.prefix}-db"
  vpc_security_group_ids = [aws_security_group.db.id, "sg-123"]
  port                   = var.settings.port
  storage_encrypted      = var.unset
}

resource "aws_security_group" "db" {
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port = ingress.value
    }
  }
}
`,
  );
  before(() => ws.update('infra/variables.tf', 'variable "public" {\n  default = true\n}\nvariable "ports" {\n  default = [22, 443]\n}\nvariable "settings" {\n  default = { port = 3306 }\n}\nvariable "unset" {}\nlocals {\n  prefix = "drupal"\n}\n'));
  before(() => ws.update('other/main.tf', 'variable "public" {\n  default = false\n}\n'));

  test('var.x resolves to its default in the same folder, with where it comes from', () => {
    const b = block(ws, 'infra/main.tf', 'aws_db_instance.db');
    const s = setting(b.block, ['publicly_accessible'], scopeOf(ws, b));
    assert.equal(s.value.known && s.value.value, true);
    assert.equal(s.value.known && s.value.via?.name, 'var.public');
    assert.equal(s.value.known && s.value.via?.file, 'infra/variables.tf');
    const vars = ws.get('infra/variables.tf')!.text;
    const def = vars.indexOf('default = { port = 3306 }');
    assert.deepEqual(setting(b.block, ['port'], scopeOf(ws, b)).value, { known: true, value: 3306, via: { name: 'var.settings', file: 'infra/variables.tf', span: { start: def, end: def + 25 } } });
    assert.equal(setting(b.block, ['storage_encrypted'], scopeOf(ws, b)).value.known, false, 'a variable without default is unknown');
  });

  test('templates of literals and locals evaluate; resource references are references', () => {
    const b = block(ws, 'infra/main.tf', 'aws_db_instance.db');
    const scope = scopeOf(ws, b);
    assert.equal((setting(b.block, ['identifier'], scope).value as { value: unknown }).value, 'drupal-db');
    const items = listItems(setting(b.block, ['vpc_security_group_ids'], scope).attr!.value, scope)!;
    assert.deepEqual(items[0], { known: false, refs: ['aws_security_group.db'] });
    assert.deepEqual(items[1], { known: true, value: 'sg-123' });
  });

  test('dynamic blocks expand over a known for_each', () => {
    const b = block(ws, 'infra/main.tf', 'aws_security_group.db');
    const ingress = nestedBlocks(b.block, 'ingress', scopeOf(ws, b));
    assert.deepEqual(
      ingress.map((i) => evaluate((i.block.body[0] as HclAttribute).value, i.scope)).map((v) => v.known && v.value),
      [22, 443],
    );
  });
});

describe('HCL edits', () => {
  const at = (text: string) => {
    const ws = new Workspace();
    ws.update('a.tf', text);
    return ws.get('a.tf')!.terraform!.blocks[0].block;
  };

  test('an attribute goes after the leading attributes, aligned when it fits, in a group of its own when not', () => {
    const text = 'resource "a" "b" {\n  name         = "x"\n  force_delete = true\n\n  tags = {\n    a = 1\n  }\n\n  nested {\n    z = 1\n  }\n}\n';
    const b = at(text);
    assert.equal(
      applyEdits(text, insertAttributes(text, b, [['acl', 'private']])),
      'resource "a" "b" {\n  name         = "x"\n  force_delete = true\n\n  tags = {\n    a = 1\n  }\n  acl = "private"\n\n  nested {\n    z = 1\n  }\n}\n',
    );
    const short = 'resource "a" "b" {\n  name         = "x"\n  force_delete = true\n}\n';
    assert.equal(applyEdits(short, insertAttributes(short, at(short), [['acl', 'private']])), 'resource "a" "b" {\n  name         = "x"\n  force_delete = true\n  acl          = "private"\n}\n');
    assert.equal(
      applyEdits(short, insertAttributes(short, at(short), [['image_tag_mutability', 'IMMUTABLE']])),
      'resource "a" "b" {\n  name         = "x"\n  force_delete = true\n\n  image_tag_mutability = "IMMUTABLE"\n}\n',
    );
  });

  test('an empty `{}` block is opened up; CRLF files keep CRLF; tabs stay tabs', () => {
    const text = 'resource "aws_ecr_repository" "x" {}\r\n';
    const b = at(text);
    assert.equal(
      applyEdits(text, insertBlock(text, b, 'image_scanning_configuration', [['scan_on_push', true]])),
      'resource "aws_ecr_repository" "x" {\r\n  image_scanning_configuration {\r\n    scan_on_push = true\r\n  }\r\n}\r\n',
    );
    const tabs = 'resource "a" "b" {\n\tname = "x"\n}\n';
    assert.equal(applyEdits(tabs, insertBlock(tabs, at(tabs), 'n', [['k', 1], ['long_key', 2]])), 'resource "a" "b" {\n\tname = "x"\n\n\tn {\n\t\tk        = 1\n\t\tlong_key = 2\n\t}\n}\n');
  });

  test('a value is replaced in place', () => {
    const text = 'resource "a" "b" {\n  public = var.public # why\n}\n';
    const b = at(text);
    assert.equal(applyEdits(text, setAttribute(b.body[0] as HclAttribute, false)), 'resource "a" "b" {\n  public = false # why\n}\n');
  });
});

describe('robustness', () => {
  const corpus = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'drupal-aws-terraform', 'terraform', 'rds', 'main.tf');
  const fixture = join(__dirname, '..', 'fixtures', 'rules', 'tf', 'aws-sg-open-world', 'firing.tf');
  const source = existsSync(corpus) ? readFileSync(corpus, 'utf8') : readFileSync(fixture, 'utf8');

  test('every prefix of a real file parses and lints without throwing', () => {
    assert.ok(hclReady());
    const linter = new Linter(RULES, {});
    const ws = new Workspace();
    for (let i = 0; i <= source.length; i += 3) {
      ws.update('x/main.tf', source.slice(0, i));
      const r = linter.lintFile(ws, 'x/main.tf');
      assert.deepEqual(r.ruleErrors, [], `at ${i}`);
    }
  });

  test('deleting any one line keeps the findings of the blocks it does not touch', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'rules', 'tf', 'aws-rds-public', 'firing.tf'), 'utf8').split('\n').filter((l) => !/^#/.test(l));
    const linter = new Linter(RULES, { rules: Object.fromEntries(RULES.map((r) => [r.id, r.id === 'tf/aws-rds-public' ? 'error' : 'off'])) });
    const ws = new Workspace();
    for (let i = 0; i < 9; i++) {
      // Lines 0-8 are the first resource: the second one's finding must survive any edit there.
      ws.update('x/main.tf', [...text.slice(0, i), ...text.slice(i + 1)].join('\n'));
      const objects = linter.lintFile(ws, 'x/main.tf').findings.map((f) => f.object);
      assert.ok(objects.includes('aws_rds_cluster_instance.reader'), `line ${i} removed: ${objects.join(', ')}`);
    }
  });

  test('every Terraform fixture file parses without errors except hcl/syntax firing ones', () => {
    const root = join(__dirname, '..', 'fixtures', 'rules', 'tf');
    for (const dir of readdirSync(root)) {
      for (const name of readdirSync(join(root, dir)).filter((n) => n.endsWith('.tf') && !n.includes('fixed'))) {
        const text = readFileSync(join(root, dir, name), 'utf8');
        if (text.includes('#- file:')) continue;
        assert.deepEqual(parseHcl(text)!.errors, [], `${dir}/${name}`);
      }
    }
  });
});
