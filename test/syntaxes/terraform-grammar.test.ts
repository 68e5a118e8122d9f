// The Terraform TextMate grammar (syntaxes/terraform.tmLanguage.json), tokenized
// the way VS Code does it (vscode-textmate + the Oniguruma regex engine): each
// case names a piece of a line and the scope it must get, so a broken pattern
// (a block header that swallows the body, a string that never ends, a heredoc
// that runs to the end of the file) shows up as a wrong scope, not as a count.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = join(__dirname, '..', '..');
const require_ = createRequire(__filename);
let grammar: textmate.IGrammar;

before(async () => {
  const wasm = readFileSync(join(require_.resolve('vscode-oniguruma/package.json'), '..', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.terraform.blueprint'
        ? textmate.parseRawGrammar(readFileSync(join(ROOT, 'syntaxes', 'terraform.tmLanguage.json'), 'utf8'), 'terraform.tmLanguage.json')
        : null,
  });
  const loaded = await registry.loadGrammar('source.terraform.blueprint');
  assert.ok(loaded, 'the grammar loads');
  grammar = loaded;
});

/** Every line's tokens as [text, scopes]. */
function tokenize(source: string): { text: string; scopes: string[]; line: number }[] {
  const out: { text: string; scopes: string[]; line: number }[] = [];
  let state = textmate.INITIAL;
  source.split('\n').forEach((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes, line: i });
    state = r.ruleStack;
  });
  return out;
}

/** The innermost scope of the token `text` on line `line` (0-based), checked to contain `scope`. */
function expectScope(tokens: ReturnType<typeof tokenize>, line: number, text: string, scope: string): void {
  const t = tokens.find((x) => x.line === line && x.text.trim() === text);
  assert.ok(t, `no token "${text}" on line ${line + 1}; line has: ${tokens.filter((x) => x.line === line).map((x) => JSON.stringify(x.text)).join(' ')}`);
  assert.ok(t.scopes.some((s) => s.split(' ').includes(scope)), `"${text}" on line ${line + 1} has ${t.scopes.join(' > ')}, expected ${scope}`);
}

const SAMPLE = `# Redis over TLS only
resource "azurerm_redis_cache" "main" {
  name                 = "\${var.prefix}-redis"
  minimum_tls_version  = "1.2"
  non_ssl_port_enabled = false
  capacity             = 1
  tags = {
    env = var.environment
  }
  dynamic "patch_schedule" {
    for_each = local.windows
    content {
      day_of_week = patch_schedule.value
    }
  }
}

locals {
  policy = <<-EOT
    allow \${var.port}
  EOT
  count_ok = length(var.subnets) >= 2 ? true : null
}
// after the heredoc
/* block
   comment */
variable "prefix" {}
`;

test('block headers: block type, labels, braces', () => {
  const t = tokenize(SAMPLE);
  expectScope(t, 0, 'Redis over TLS only', 'comment.line.number-sign.terraform');
  expectScope(t, 1, 'resource', 'storage.type.terraform');
  expectScope(t, 1, 'azurerm_redis_cache', 'entity.name.label.terraform');
  expectScope(t, 1, 'main', 'entity.name.label.terraform');
  expectScope(t, 1, '{', 'punctuation.section.block.begin.terraform');
  expectScope(t, 9, 'dynamic', 'keyword.other.block.terraform');
  expectScope(t, 11, 'content', 'keyword.other.block.terraform');
  expectScope(t, 17, 'locals', 'storage.type.terraform');
});

test('attributes, strings with interpolation, numbers, constants, references', () => {
  const t = tokenize(SAMPLE);
  expectScope(t, 2, 'name', 'variable.other.property.terraform');
  expectScope(t, 2, '=', 'keyword.operator.assignment.terraform');
  expectScope(t, 2, '${', 'punctuation.section.interpolation.begin.terraform');
  expectScope(t, 2, 'var', 'variable.language.terraform');
  expectScope(t, 2, '-redis', 'string.quoted.double.terraform');
  expectScope(t, 3, '1.2', 'string.quoted.double.terraform');
  expectScope(t, 4, 'false', 'constant.language.terraform');
  expectScope(t, 5, '1', 'constant.numeric.terraform');
  expectScope(t, 7, 'env', 'variable.other.property.terraform');
  expectScope(t, 7, 'environment', 'variable.other.member.terraform');
  expectScope(t, 21, 'length', 'support.function.terraform');
  expectScope(t, 21, 'null', 'constant.language.terraform');
});

test('a heredoc ends at its marker, with interpolation inside; comments after it are comments', () => {
  const t = tokenize(SAMPLE);
  expectScope(t, 18, '<<-', 'keyword.operator.heredoc.terraform');
  expectScope(t, 18, 'EOT', 'keyword.control.heredoc-token.terraform');
  expectScope(t, 19, '${', 'punctuation.section.interpolation.begin.terraform');
  expectScope(t, 20, 'EOT', 'keyword.control.heredoc-token.terraform');
  // After the heredoc the grammar is back in HCL: the attribute is an attribute, not heredoc text.
  expectScope(t, 21, 'count_ok', 'variable.other.property.terraform');
  const inHeredoc = t.filter((x) => x.line === 21).some((x) => x.scopes.includes('string.unquoted.heredoc.terraform'));
  assert.equal(inHeredoc, false, 'the heredoc must end at EOT');
  expectScope(t, 23, 'after the heredoc', 'comment.line.double-slash.terraform');
  expectScope(t, 25, 'comment', 'comment.block.terraform');
  expectScope(t, 26, 'variable', 'storage.type.terraform');
});

test('every block is closed: the line after the last } is at top level', () => {
  const t = tokenize(SAMPLE);
  const lastLine = t.filter((x) => x.line === 24);
  assert.ok(lastLine.length > 0);
  for (const x of lastLine) if (x.text.trim() === '') continue; else assert.ok(!x.scopes.includes('meta.block.terraform') || x.text.includes('*/'), `line 25 "${x.text}" is still inside a block: ${x.scopes.join(' > ')}`);
});

test('the grammar on every .tf of the corpus: no line stays inside a string or heredoc at end of file', { skip: !safeExists(join(ROOT, '..', 'shared', 'corpus')) && 'no ../shared/corpus' }, () => {
  const files = [
    'drupal-aws-terraform',
  ].flatMap((p) => listTf(join(ROOT, '..', 'shared', 'corpus', p)));
  assert.ok(files.length > 0);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    let state = textmate.INITIAL;
    for (const line of text.split('\n')) state = grammar.tokenizeLine(line, state).ruleStack;
    // Back at the top rule: every block, string and heredoc the file opened was closed.
    assert.equal(state.depth, 1, `${f}: the grammar ends inside a construct`);
  }
});

function safeExists(p: string): boolean {
  try {
    readFileSync(join(p, 'README.md'));
    return true;
  } catch {
    return false;
  }
}

function listTf(dir: string): string[] {
  const { readdirSync, statSync } = require_('node:fs') as typeof import('node:fs');
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      if (e === '.terraform' || e === '.git') continue;
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.tf')) out.push(p);
    }
  };
  walk(dir);
  return out;
}
