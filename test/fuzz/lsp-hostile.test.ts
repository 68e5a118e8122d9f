// Hostile inputs through the language server (issue 10): a workspace holding a
// 50 MB file, a symlink loop, a binary .yaml, cyclic aliases, a broken
// .blueprint.yaml, deep HCL nesting and a Kustomization climbing out of the
// repository is scanned in bounded time; the normal files still get their
// diagnostics and the server keeps answering. (Core and CLI: test/core/hostile.test.ts,
// test/cli/hostile.test.ts.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LINT_WORKSPACE_REQUEST } from '../../server/src/protocol';
import { buildServer, disposeServerBuild, makeWorkspace, TestClient } from '../lsp/client';

const ROOT_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: root\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      securityContext:\n        runAsUser: 0\n';

before(() => buildServer(), { timeout: 90_000 });
after(() => disposeServerBuild());

test('a hostile workspace is scanned in bounded time; the other files keep their diagnostics', { timeout: 60_000 }, async () => {
  const ws = makeWorkspace({
    '.blueprint.yaml': '- k8s/run-as-non-root\n- off\n',
    'apps/pod.yaml': ROOT_POD,
    'apps/cycle.yaml': 'a: &a\n  b: *a\n---\nx: &x [*x]\n',
    'apps/binary.yaml': 'a: \u0000\u0001\u0002\n',
    'apps/many.yaml': Array.from({ length: 20_000 }, (_, i) => `a: ${i}`).join('\n---\n') + '\n',
    'clusters/prod/apps.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: etc\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ../../../etc\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n',
    'infra/nested.tf': `locals {\n  x = ${'['.repeat(5000)}${']'.repeat(5000)}\n}\n`,
  });
  writeFileSync(join(ws.root, 'apps', 'huge.yaml'), 'a: 1\n');
  truncateSync(join(ws.root, 'apps', 'huge.yaml'), 50 * 1024 * 1024);
  symlinkSync('..', join(ws.root, 'apps', 'loop'));
  const client = await TestClient.start({ root: ws.root });
  try {
    const t0 = Date.now();
    await client.request(LINT_WORKSPACE_REQUEST, {}, 30_000);
    assert.ok(Date.now() - t0 < 30_000);
    const pod = ws.uri('apps/pod.yaml');
    const ds = await client.waitForDiagnostics(pod, (d) => d.some((x) => x.code === 'k8s/run-as-non-root'), undefined, 20_000);
    assert.ok(ds.length > 0);
    const config = await client.waitForDiagnostics(ws.uri('.blueprint.yaml'), (d) => d.some((x) => x.code === 'meta/config'), undefined, 20_000);
    assert.match(config.map((d) => d.message).join('\n'), /must be a mapping/);
    await client.waitForDiagnostics(ws.uri('clusters/prod/apps.yaml'), (d) => d.some((x) => x.code === 'flux/path-exists'), undefined, 20_000);
    await client.waitForDiagnostics(ws.uri('infra/nested.tf'), (d) => d.some((x) => x.code === 'hcl/syntax' && /nested more than/.test(String(x.message))), undefined, 20_000);
    assert.equal(client.diagnostics.get(ws.uri('apps/huge.yaml'))?.diagnostics.length ?? 0, 0);
    assert.equal(client.diagnostics.get(ws.uri('apps/binary.yaml'))?.diagnostics.length ?? 0, 0);
    // Still answering, on the normal file and on the hostile ones.
    await client.open(pod, ROOT_POD);
    await client.request('textDocument/hover', { textDocument: { uri: pod }, position: { line: 1, character: 2 } }, 10_000);
    await client.request('textDocument/documentSymbol', { textDocument: { uri: pod } }, 10_000);
    const cycle = ws.uri('apps/cycle.yaml');
    await client.open(cycle, 'a: &a\n  b: *a\n---\nx: &x [*x]\n');
    await client.request('textDocument/documentSymbol', { textDocument: { uri: cycle } }, 10_000);
    assert.doesNotMatch(client.logs.join('\n'), /RangeError|TypeError|Maximum call stack/);
  } finally {
    await client.stop();
    ws.dispose();
  }
});
