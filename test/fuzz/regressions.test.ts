// Regression tests for what the fuzz harness found (docs/robustness.md lists them).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseYaml } from '../../server/src/core/syntax/yaml';
import { parseHcl } from '../../server/src/core/syntax/hcl';
import { Workspace } from '../../server/src/core/model/workspace';
import { Linter } from '../../server/src/core/rules/engine';
import { RULES } from '../../server/src/core/rules/registry';
import { applyEdits, LineIndex } from '../../server/src/core/types';
import { initHclFromDisk } from '../../server/src/node/hcl';

before(async () => assert.equal(await initHclFromDisk(), undefined));

test('a YAML error at the very end of a file has a span inside the file', () => {
  // The yaml parser marks an unclosed flow collection one past the last character.
  for (const text of ['a: [1, 2', 'a: {b: 1', 'a: "unterminated', 'kind: Pod\nmetadata:\n  name: [x']) {
    const y = parseYaml(text);
    const spans = y.documents.flatMap((d) => d.problems.map((p) => ({ start: p.span.start + d.offset, end: p.span.end + d.offset })));
    assert.ok(spans.length > 0, text);
    for (const s of spans) assert.ok(0 <= s.start && s.start <= s.end && s.end <= text.length, `${JSON.stringify(s)} in ${JSON.stringify(text)}`);
    const ws = new Workspace();
    ws.update('f.yaml', text);
    for (const f of new Linter(RULES).lintFile(ws, 'f.yaml').findings) assert.ok(f.span.end <= text.length, `${f.ruleId} ${JSON.stringify(f.span)}`);
  }
});

test('a .blueprint.yaml broken at its end gives meta/config findings inside the file', () => {
  const text = 'rules:\n  k8s/cpu-limit: [off';
  const ws = new Workspace();
  ws.update('.blueprint.yaml', text);
  for (const f of new Linter(RULES).lintFile(ws, '.blueprint.yaml').findings) assert.ok(f.span.end <= text.length, `${f.ruleId} ${JSON.stringify(f.span)}`);
});

test('an HCL block whose "{" the parser had to invent has no opening offset, and fixes never edit backwards', () => {
  // A BOM at the start of the body line made tree-sitter insert a zero-width `{`; the
  // fix inserting into the empty body produced the edit [open + 1, close) with close < open + 1.
  const text = 'resource "azurerm_postgresql_server" "legacy" {\r\n\uFEFF  name = "legacy-pg"\r\n  version = "11"\r\n}\r\n';
  const hcl = parseHcl(text)!;
  for (const item of hcl.body) if (item.type === 'block' && item.open !== undefined) assert.equal(text[item.open], '{');
  const ws = new Workspace();
  ws.update('main.tf', text);
  const res = new Linter(RULES).lintFile(ws, 'main.tf');
  assert.deepEqual(res.ruleErrors, []);
  for (const f of res.findings) for (const fix of f.fixes) for (const e of fix.edits) assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length, `${f.ruleId}: ${JSON.stringify(e)}`);
});

test('a YAML collection used as a key is no process warning (nothing on stderr)', () => {
  // yaml's toJS warned through process.emitWarning: noise on the CLI's and server's stderr.
  const code = `require('tsx/cjs'); const { parseYaml } = require(${JSON.stringify(join(__dirname, '..', '..', 'server', 'src', 'core', 'syntax', 'yaml.ts'))}); parseYaml('? {{ .Values.x }}\\n: 1\\n[a]: 2\\n');`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', cwd: join(__dirname, '..', '..') });
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /Warning/);
});

test('a fix inserting after a tagged empty value (`key: !tag`) goes after the tag, keeping the YAML valid', () => {
  // The tag sits before the value's (empty) range; the insertion went between key and tag.
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: nginx\n          image: nginx:1.27\n          securityContext:\n           !readOnlyRootFilesyst';
  const ws = new Workspace();
  ws.update('d.yaml', text);
  const res = new Linter(RULES).lintFile(ws, 'd.yaml');
  const withFix = res.findings.filter((f) => f.fixes.some((x) => x.edits.length));
  assert.ok(withFix.length > 0);
  for (const f of withFix) {
    for (const fix of f.fixes) {
      if (!fix.edits.length) continue;
      const w2 = new Workspace();
      w2.update('d.yaml', applyEdits(text, fix.edits));
      const problems = w2.get('d.yaml')!.yaml!.documents.flatMap((d) => d.problems.filter((p) => p.code === 'syntax'));
      assert.deepEqual(problems, [], `${f.ruleId} "${fix.title}"`);
    }
  }
});

test('a fix in a file starting with a byte order mark indents new keys like the others', () => {
  // The BOM counted as one column: `spec:` was inserted at column 1.
  const text = '\uFEFFapiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n';
  const ws = new Workspace();
  ws.update('i.yaml', text);
  const tls = new Linter(RULES).lintFile(ws, 'i.yaml').findings.find((f) => f.ruleId === 'tls/ingress-tls');
  assert.ok(tls?.fixes[0]?.edits.length, 'tls/ingress-tls offers a fix');
  const fixed = applyEdits(text, tls.fixes[0].edits);
  assert.match(fixed, /\nspec:\n  tls:\n/);
  const w2 = new Workspace();
  w2.update('i.yaml', fixed);
  assert.deepEqual(w2.get('i.yaml')!.yaml!.documents.flatMap((d) => d.problems), []);
});

test('an offset between \\r and \\n converts to the end of its line (LSP ranges stay inside the line)', () => {
  // A YAML error span ending on the \n of a CRLF gave character = line length + 1.
  const text = 'a: 1\r\nb: [\r\nc: 2\r\n';
  const idx = new LineIndex(text);
  assert.deepEqual(idx.position(5), { line: 0, character: 4 });
  assert.deepEqual(idx.position(4), { line: 0, character: 4 });
  assert.deepEqual(idx.position(6), { line: 1, character: 0 });
  for (let o = 0; o <= text.length; o++) {
    const p = idx.position(o);
    assert.ok(p.character <= idx.lineEnd(p.line) - idx.starts[p.line], `offset ${o}: ${JSON.stringify(p)}`);
  }
});

test('a fix next to a key written with a tag (`!Ref name:`) indents from the tag, not from the key', () => {
  // The key's range starts after its tag: new keys were indented to the key's text.
  const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  !Ref xname: shop\n';
  const ws = new Workspace();
  ws.update('ns.yaml', text);
  const f = new Linter(RULES).lintFile(ws, 'ns.yaml').findings.find((x) => x.ruleId === 'k8s/namespace-pod-security');
  assert.ok(f?.fixes[0]?.edits.length, 'k8s/namespace-pod-security offers a fix');
  const fixed = applyEdits(text, f.fixes[0].edits);
  assert.match(fixed, /\n {2}labels:\n {4}pod-security/);
  const w2 = new Workspace();
  w2.update('ns.yaml', fixed);
  assert.deepEqual(w2.get('ns.yaml')!.yaml!.documents.flatMap((d) => d.problems), []);
});
