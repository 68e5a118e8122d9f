// Terraform in the language server, over the protocol (the bundle with its WASM
// files, see buildServer): diagnostics on an opened .tf file, typing a half
// block (hcl/syntax at its header, every other finding of the file kept),
// closing it again, "disable for this line" as an HCL comment (and no
// document-level disable), document symbols per block, hover on a finding.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { RULES } from '../../server/src/core/rules/registry';
import { applyWorkspaceEdit, buildServer, disposeServerBuild, makeWorkspace, TestClient } from './client';

const TIMEOUT = { timeout: 30_000 };

/** Only the Terraform rules and hcl/syntax, so rules added later do not change these expectations. */
function terraformSettings(): Record<string, unknown> {
  return { rules: Object.fromEntries(RULES.map((r) => [r.id, r.id.startsWith('tf/aws-') || r.id === 'hcl/syntax' ? r.severity : 'off'])) };
}

const MAIN_TF = `resource "aws_db_instance" "drupal" {
  engine              = "mysql"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = true
}

resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "MUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}
`;

const HALF = 'resource "aws_db_instance" "x" {\n  publicly_acc';
const TYPING = MAIN_TF.replace('resource "aws_ecr_repository"', `${HALF}\n\nresource "aws_ecr_repository"`);

function summary(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();
}

before(() => buildServer(), { timeout: 90_000 });
after(() => disposeServerBuild());

describe('terraform files in the editor', () => {
  const ws = makeWorkspace({ 'infra/variables.tf': 'variable "region" {\n  default = "eu-west-1"\n}\n' });
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ root: ws.root, settings: terraformSettings() });
  });
  after(async () => {
    await client?.stop();
    ws.dispose();
  });
  const uri = ws.uri('infra/main.tf');

  test('an opened .tf file gets its findings at the attributes', TIMEOUT, async () => {
    await client.open(uri, MAIN_TF, 1, 'terraform');
    const ds = await client.waitForDiagnostics(uri, (d) => d.length >= 2, 1);
    assert.deepEqual(summary(ds), ['tf/aws-ecr-immutable@9:2-9:34', 'tf/aws-rds-public@4:2-4:28']);
    const pub = ds.find((d) => d.code === 'tf/aws-rds-public')!;
    assert.equal(pub.message, 'Database "drupal" is publicly accessible (publicly_accessible = true): keep it inside the VPC.');
    assert.equal(pub.severity, 1);
  });

  test('typing a half block gives hcl/syntax at its header and keeps every other finding', TIMEOUT, async () => {
    // Keystroke by keystroke, as an editor sends them: the server never crashes.
    let version = 1;
    for (let i = 1; i <= HALF.length; i += 7) {
      const partial = MAIN_TF.replace('resource "aws_ecr_repository"', `${HALF.slice(0, i)}\n\nresource "aws_ecr_repository"`);
      await client.change(uri, partial, ++version);
    }
    await client.change(uri, TYPING, ++version);
    const ds = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'hcl/syntax'), version);
    // The half block's header (line 7); the RDS finding stays where it was, the ECR one moves down 3 lines.
    assert.deepEqual(summary(ds), ['hcl/syntax@7:0-7:30', 'tf/aws-ecr-immutable@12:2-12:34', 'tf/aws-rds-public@4:2-4:28']);
    const syntax = ds.find((d) => d.code === 'hcl/syntax')!;
    assert.equal(syntax.message, 'HCL syntax error: the block resource "aws_db_instance" "x" is not closed: "}" is missing.');
    assert.equal(client.logs.filter((l) => /error while|failed/.test(l)).length, 0, client.logs.join('\n'));
  });

  test('closing the block clears hcl/syntax and lints the new block', TIMEOUT, async () => {
    const closed = MAIN_TF.replace('resource "aws_ecr_repository"', `resource "aws_db_instance" "x" {\n  publicly_accessible = true\n}\n\nresource "aws_ecr_repository"`);
    await client.change(uri, closed, 100);
    const ds = await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'hcl/syntax'), 100);
    assert.deepEqual(summary(ds), [
      'tf/aws-ecr-immutable@13:2-13:34',
      'tf/aws-rds-encryption@7:0-7:30',
      'tf/aws-rds-public@4:2-4:28',
      'tf/aws-rds-public@8:2-8:28',
    ]);
    await client.change(uri, MAIN_TF, 101);
    await client.waitForDiagnostics(uri, (d) => d.length === 2, 101);
  });

  test('"disable for this line" writes an HCL comment; there is no document-level disable', TIMEOUT, async () => {
    const ds = await client.waitForDiagnostics(uri, (d) => d.length === 2, 101);
    const pub = ds.find((d) => d.code === 'tf/aws-rds-public')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: pub.range,
      context: { diagnostics: [pub], only: ['quickfix'] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Set publicly_accessible = false'), titles.join(', '));
    assert.ok(!titles.some((t) => /entire document/.test(t)), titles.join(', '));
    const disable = actions.find((a) => a.title === 'Disable tf/aws-rds-public for this line')!;
    const after = applyWorkspaceEdit(MAIN_TF, disable.edit, uri);
    assert.equal(after.split('\n')[4], '  # blueprint-disable-next-line tf/aws-rds-public');
    await client.change(uri, after, 102);
    const left = await client.waitForDiagnostics(uri, (d) => d.length === 1, 102);
    assert.deepEqual(summary(left), ['tf/aws-ecr-immutable@10:2-10:34']);
  });

  test('document symbols: one per top-level block, nested blocks as children', TIMEOUT, async () => {
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail, s.range.start.line, s.selectionRange.end.character, (s.children ?? []).map((c) => c.name)]),
      [
        ['aws_db_instance.drupal', 'resource', 0, 35, []],
        ['aws_ecr_repository.app', 'resource', 8, 35, ['image_scanning_configuration']],
      ],
    );
  });

  test('hover on a finding shows the rule', TIMEOUT, async () => {
    const h = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 5 } })) as Hover | null;
    assert.ok(h, 'a hover');
    const text = typeof h.contents === 'string' ? h.contents : 'value' in h.contents ? h.contents.value : JSON.stringify(h.contents);
    assert.match(text, /tf\/aws-ecr-immutable/);
  });
});
