// A dependsOn cycle across three files, live over the protocol: created by a
// didChange in one file, reported on the edge in each of the three files
// (with the other edges as related information), cleared when it is broken.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { RULES } from '../../server/src/core/rules/registry';
import { buildServer, disposeServerBuild, makeWorkspace, TestClient } from './client';

const TIMEOUT = { timeout: 30_000 };
const CYCLE = 'flux/depends-on-cycle';

function kustomization(name: string, dependsOn?: string): string {
  return `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 10m
  path: ./${name}
  prune: true
  wait: true
  sourceRef:
    kind: GitRepository
    name: flux-system
${dependsOn ? `  dependsOn:\n    - name: ${dependsOn}\n` : ''}`;
}

const FILES = { a: kustomization('a', 'b'), b: kustomization('b', 'c'), c: kustomization('c') };
/** Line of the `- name: x` entry (0-based) and its value's columns. */
const ENTRY_LINE = 14;

before(() => buildServer(), { timeout: 90_000 });
after(() => disposeServerBuild());

describe('a dependsOn cycle across three files', () => {
  const ws = makeWorkspace({
    'clusters/production/a.yaml': FILES.a,
    'clusters/production/b.yaml': FILES.b,
    'clusters/production/c.yaml': FILES.c,
    'a/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: default }\n',
    'b/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: b, namespace: default }\n',
    'c/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: default }\n',
  });
  const uri = (n: 'a' | 'b' | 'c') => ws.uri(`clusters/production/${n}.yaml`);
  let client: TestClient;
  before(async () => {
    const rules = Object.fromEntries(RULES.map((r) => [r.id, r.id === CYCLE ? r.severity : 'off']));
    client = await TestClient.start({ root: ws.root, settings: { rules } });
    for (const n of ['a', 'b', 'c'] as const) await client.open(uri(n), FILES[n], 1);
  });
  after(async () => {
    await client?.stop();
    ws.dispose();
  });

  const cycleOf = (ds: Diagnostic[]) => ds.filter((d) => d.code === CYCLE);

  test('no cycle, no diagnostics; a didChange in c.yaml closes a → b → c → a and all three edges are reported', TIMEOUT, async () => {
    // The first lint logs the profile in effect (no Drupal here: the default).
    const log = await client.waitFor('the profile log line', () => client.logs.find((l) => l.startsWith('Blueprint: profile')));
    assert.equal(log, 'Blueprint: profile restricted for test (default)');
    for (const n of ['a', 'b', 'c'] as const) assert.deepEqual(cycleOf(client.diagnostics.get(uri(n))?.diagnostics ?? []), []);

    await client.change(uri('c'), kustomization('c', 'a'), 2);
    const expected: Record<'a' | 'b' | 'c', { target: string; cycle: string; related: string[] }> = {
      a: { target: 'b', cycle: 'a → b → c → a', related: ['b', 'c'] },
      b: { target: 'c', cycle: 'b → c → a → b', related: ['c', 'a'] },
      c: { target: 'a', cycle: 'c → a → b → c', related: ['a', 'b'] },
    };
    for (const n of ['a', 'b', 'c'] as const) {
      const ds = cycleOf(await client.waitForDiagnostics(uri(n), (d) => cycleOf(d).length === 1, n === 'c' ? 2 : undefined));
      const e = expected[n];
      assert.equal(ds.length, 1);
      assert.equal(ds[0].severity, 1);
      assert.deepEqual(ds[0].range, { start: { line: ENTRY_LINE, character: 12 }, end: { line: ENTRY_LINE, character: 13 } });
      assert.equal(ds[0].message, `Kustomization "${n}" depends on "${e.target}", which closes a dependency cycle: ${e.cycle}. Flux waits forever and never reconciles any of them.`);
      assert.deepEqual(ds[0].relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), e.related.map((m) => [uri(m as 'a' | 'b' | 'c'), ENTRY_LINE]));
    }
  });

  test('breaking the cycle in b.yaml clears the diagnostics of all three files', TIMEOUT, async () => {
    await client.change(uri('b'), kustomization('b'), 2);
    for (const n of ['a', 'b', 'c'] as const) await client.waitForDiagnostics(uri(n), (d) => cycleOf(d).length === 0);
  });
});
