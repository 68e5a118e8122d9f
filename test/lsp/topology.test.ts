// `blueprint/topology` over LSP: the graph of the workspace with URIs as files,
// a `blueprint/topologyChanged` notification after each lint pass, and an edit
// of a Service selector or a dependsOn in the editor reflected in the next graph
// (the preview redraws from it) well within a second.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TOPOLOGY_CHANGED_NOTIFICATION, TOPOLOGY_REQUEST, TopologyResponse } from '../../server/src/protocol';
import { GITOPS_FILES, NETWORK_FILES } from '../harness/topology';
import { buildServer, disposeServerBuild, makeWorkspace, TestClient } from './client';

before(() => buildServer());
after(() => disposeServerBuild());

describe('topology over LSP', () => {
  let client: TestClient | undefined;
  let ws: ReturnType<typeof makeWorkspace>;
  before(async () => {
    ws = makeWorkspace({ ...NETWORK_FILES, ...GITOPS_FILES });
    client = await TestClient.start({ root: ws.root, settings: { debounceMs: 50 } });
  });
  after(async () => {
    await client?.stop();
    ws.dispose();
  });

  const graph = (view: string, uri?: string) => client!.connection.sendRequest(TOPOLOGY_REQUEST, { view, ...(uri ? { uri } : {}) }) as Promise<TopologyResponse>;
  const changes = () => client!.notifications.filter((n) => n.method === TOPOLOGY_CHANGED_NOTIFICATION).length;

  test('the network graph of the workspace folder, files as URIs', async () => {
    await client!.waitFor('a topology notification after the scan', () => (changes() > 0 ? true : undefined), 20_000);
    const g = await graph('network');
    const web = g.nodes.find((n) => n.id === 'Deployment/shop/web');
    assert.equal(web?.file, ws.uri('app/deployment.yaml'));
    assert.ok(g.edges.some((e) => e.from === 'Service/shop/web' && e.to === 'Deployment/shop/web' && e.type === 'selects'));
    const bad = await client!.connection.sendRequest(TOPOLOGY_REQUEST, { view: 'nonsense' });
    assert.equal((bad as TopologyResponse).view, 'network');
  });

  test('editing a Service selector: a notification, then the new edge, within a second', async () => {
    const uri = ws.uri('app/service.yaml');
    await client!.open(uri, NETWORK_FILES['app/service.yaml']);
    const before = changes();
    const started = Date.now();
    await client!.change(uri, NETWORK_FILES['app/service.yaml'].replace('selector: { app: web }', 'selector: { app: frontend }'), 2);
    await client!.waitFor('topologyChanged after the edit', () => (changes() > before ? true : undefined));
    const g = await graph('network', uri);
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    assert.ok(g.edges.some((e) => e.from === 'Service/shop/web' && e.to === 'Deployment/shop/frontend' && e.type === 'selects'));
    assert.ok(!g.edges.some((e) => e.from === 'Service/shop/web' && e.to === 'Deployment/shop/web' && e.type === 'selects'));
  });

  test('editing a dependsOn: the GitOps graph follows (a request flushes the pending edit)', async () => {
    const uri = ws.uri('clusters/prod/apps.yaml');
    await client!.open(uri, GITOPS_FILES['clusters/prod/apps.yaml']);
    await client!.change(uri, GITOPS_FILES['clusters/prod/apps.yaml'].replace('    - name: infrastructure', '    - name: monitoring'), 2);
    const g = await graph('gitops', uri);
    assert.ok(g.edges.some((e) => e.from === 'Kustomization/flux-system/apps' && e.to === 'Kustomization/flux-system/monitoring' && e.type === 'depends-on'));
    assert.ok(!g.edges.some((e) => e.from === 'Kustomization/flux-system/apps' && e.to === 'Kustomization/flux-system/infrastructure'));
  });
});
