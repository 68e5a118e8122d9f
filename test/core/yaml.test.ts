import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml, splitChunks, ChunkCache } from '../../server/src/core/syntax/yaml';
import { Workspace } from '../../server/src/core/model/workspace';
import { workloadOf, locate } from '../../server/src/core/model/k8s';

test('splits a file into chunks at --- lines only', () => {
  const text = 'a: 1\n---\nb: |\n  --- not a marker\n---   # comment\nc: 3\n';
  const chunks = splitChunks(text);
  assert.deepEqual(chunks.map((c) => c.offset), [0, 5, 33]);
  assert.equal(chunks.map((c) => c.text).join(''), text);
});

test('parses every document with ranges relative to its chunk offset', () => {
  const text = 'apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\n';
  const f = parseYaml(text);
  assert.equal(f.documents.length, 2);
  const second = f.documents[1];
  assert.equal(second.index, 1);
  assert.equal(second.offset, text.indexOf('---'));
  assert.deepEqual(second.value, { apiVersion: 'v1', kind: 'B' });
});

test('reuses unchanged documents and re-parses only the edited one', () => {
  const docs = Array.from({ length: 50 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm${i}\n`);
  const text = docs.join('---\n');
  const cache: ChunkCache = new Map();
  const first = parseYaml(text, { cache });
  const edited = text.replace('name: cm25', 'name: cm25x');
  const second = parseYaml(edited, { cache });
  let reused = 0;
  for (let i = 0; i < 50; i++) if (first.documents[i].doc === second.documents[i].doc) reused++;
  assert.equal(reused, 49);
  assert.deepEqual((second.documents[25].value as { metadata: { name: string } }).metadata.name, 'cm25x');
  // A document shifted by an earlier edit keeps correct offsets.
  const grownText = '# header\n' + edited;
  const grown = parseYaml(grownText, { cache });
  const marker = grownText.lastIndexOf('---\n', grownText.indexOf('name: cm30'));
  assert.equal(grown.documents[30].offset, marker);
  assert.equal(grown.documents[30].doc, second.documents[30].doc);
});

test('identical documents in one file keep their own offsets', () => {
  const doc = 'apiVersion: v1\nkind: ConfigMap\n';
  const text = `${doc}---\n${doc}---\n${doc}`;
  const f = parseYaml(text, { cache: new Map() });
  assert.deepEqual(f.documents.map((d) => d.offset), [0, doc.length, 2 * doc.length + 4]);
});

test('reports syntax errors and duplicate keys at their position', () => {
  const text = 'a: 1\na: 2\n---\nb: [1, 2\n';
  const f = parseYaml(text);
  const dup = f.documents[0].problems.find((p) => p.code === 'duplicate-key');
  assert.ok(dup);
  assert.equal(text.slice(dup.span.start + f.documents[0].offset, dup.span.start + 1), 'a');
  assert.equal(dup.span.start, 5);
  assert.ok(f.documents[1].problems.some((p) => p.code === 'syntax'));
});

test('an alias bomb is reported, not expanded', () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 0; i < 9; i++) {
    const prev = String.fromCharCode(97 + i);
    const cur = String.fromCharCode(98 + i);
    lines.push(`${cur}: &${cur} [${Array(9).fill('*' + prev).join(',')}]`);
  }
  const started = Date.now();
  const f = parseYaml(lines.join('\n') + '\n');
  assert.ok(Date.now() - started < 2000);
  assert.equal(f.documents[0].value, undefined);
  assert.equal(f.documents[0].problems[0].code, 'alias-bomb');
});

test('Helm templates are recognised and not linted', () => {
  const tpl = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "x.fullname" . }}\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n';
  assert.equal(parseYaml(tpl).isTemplate, true);
  const ws = new Workspace();
  const facts = ws.update('chart/templates/svc.yaml', tpl);
  assert.equal(facts.objects.length, 0);
  assert.match(facts.skipped ?? '', /template/);
  // Go templates inside string values (alert rules) do not make a file a template.
  const alert = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: alerts }\ndata:\n  msg: "{{ $labels.instance }} is down"\n';
  assert.equal(parseYaml(alert).isTemplate, false);
});

test('binary files are skipped with a reason', () => {
  const ws = new Workspace();
  const facts = ws.update('x.yaml', 'PK\u0003\u0004\u0000\u0000garbage');
  assert.equal(facts.skipped, 'binary file');
  assert.equal(facts.objects.length, 0);
});

test('effective security context: container overrides pod', () => {
  const ws = new Workspace();
  const text = [
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata: { name: c }',
    'spec:',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        spec:',
    '          securityContext: { runAsUser: 82, runAsNonRoot: true }',
    '          containers:',
    '            - name: a',
    '              securityContext: { runAsUser: 1000, privileged: false }',
    '            - name: b',
    '          initContainers:',
    '            - name: i',
    '',
  ].join('\n');
  const [obj] = ws.update('c.yaml', text).objects;
  const w = workloadOf(obj)!;
  assert.deepEqual(w.containers.map((c) => [c.name, c.group]), [['a', 'containers'], ['b', 'containers'], ['i', 'initContainers']]);
  assert.equal(w.containers[0].security.runAsUser?.value, 1000);
  assert.equal(w.containers[0].security.runAsUser?.level, 'container');
  assert.equal(w.containers[1].security.runAsUser?.value, 82);
  assert.equal(w.containers[1].security.runAsUser?.level, 'pod');
  assert.equal(w.containers[1].security.privileged, undefined);
  assert.equal(w.runsToCompletion, true);
  // locate: a present field gives "key: value", an absent one the nearest existing key.
  const s = locate(obj, w.containers[0].security.runAsUser!.path);
  assert.equal(text.slice(s.start, s.end), 'runAsUser: 1000');
  const missing = locate(obj, [...w.containers[1].path, 'securityContext', 'runAsNonRoot']);
  assert.equal(text.slice(missing.start, missing.end), 'name: b');
});
