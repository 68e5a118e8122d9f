// Workspace trust: in VS Code's Restricted Mode the client starts the server with
// `initializationOptions: { trusted: false }`; the server then lints the open
// documents only and never scans the folder, whatever blueprint.lintWorkspace says.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildServer, disposeServerBuild, makeWorkspace, TestClient } from './client';

const TIMEOUT = { timeout: 20_000 };
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
`;
const settings = { lintWorkspace: true, rules: { 'k8s/run-as-non-root': 'error' } };

before(() => buildServer(), { timeout: 90_000 });
after(() => disposeServerBuild());

for (const trusted of [false, true]) {
  describe(`a ${trusted ? 'trusted' : 'untrusted'} workspace`, () => {
    const ws = makeWorkspace({ 'apps/on-disk.yaml': DEPLOYMENT });
    let client: TestClient;
    before(async () => {
      client = await TestClient.start({ root: ws.root, settings, initializationOptions: { trusted } });
    });
    after(async () => {
      await client?.stop();
      ws.dispose();
    });

    test(trusted ? 'scans the folder: a file never opened has diagnostics' : 'lints an open document but not the files on disk', TIMEOUT, async () => {
      const open = ws.uri('apps/open.yaml');
      await client.open(open, DEPLOYMENT, 1);
      const ds = await client.waitForDiagnostics(open, (d) => d.length > 0, 1);
      assert.ok(ds.some((d) => d.code === 'k8s/run-as-non-root'));
      const onDisk = ws.uri('apps/on-disk.yaml');
      if (trusted) {
        assert.ok((await client.waitForDiagnostics(onDisk, (d) => d.length > 0)).length > 0);
      } else {
        await new Promise((r) => setTimeout(r, 1500));
        assert.equal(client.diagnostics.get(onDisk)?.diagnostics.length ?? 0, 0, 'the closed file is not linted');
      }
    });
  });
}
