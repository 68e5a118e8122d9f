// Cross-file diagnostics over the protocol: a Service in one open file and the
// Deployment it selects in another. Editing the Deployment's file re-publishes
// the Service's file within one debounce; related information and go to
// definition point at the other file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, Hover, LocationLink } from 'vscode-languageserver-protocol';
import { RULES } from '../../server/src/core/rules/registry';
import { buildServer, disposeServerBuild, makeWorkspace, TestClient } from './client';

const TIMEOUT = { timeout: 30_000 };
const ON = new Set(['ref/service-selector', 'ref/service-target-port']);
const DEBOUNCE_MS = 100;
/** One debounce plus generous slack for a loaded CI machine. */
const WITHIN = 5000;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: http
`;

function deployment(labels: string, portName = 'http'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - name: ${portName}
              containerPort: 8080
`;
}

const ids = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();

before(() => buildServer(), { timeout: 90_000 });
after(() => disposeServerBuild());

describe('cross-file references', () => {
  // The kustomization on disk gives the Service (which declares no namespace) namespace "shop".
  const ws = makeWorkspace({ 'apps/kustomization.yaml': 'namespace: shop\nresources:\n  - service.yaml\n  - deployment.yaml\n' });
  let client: TestClient;
  const svcUri = ws.uri('apps/service.yaml');
  const depUri = ws.uri('apps/deployment.yaml');

  before(async () => {
    const rules = Object.fromEntries(RULES.map((r) => [r.id, ON.has(r.id) ? r.severity : 'off']));
    client = await TestClient.start({ root: ws.root, settings: { rules, debounceMs: DEBOUNCE_MS } });
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  test('a Deployment added, edited and removed in another file updates the Service file', TIMEOUT, async () => {
    await client.open(svcUri, SERVICE);
    // The workspace scan may finish after the first lint: wait for the kustomization's namespace.
    const first = await client.waitForDiagnostics(svcUri, (ds) => ds.some((d) => typeof d.message === 'string' && /namespace "shop"/.test(d.message)));
    assert.deepEqual(ids(first), ['ref/service-selector']);
    assert.deepEqual(first[0].range, { start: { line: 5, character: 2 }, end: { line: 5, character: 10 } });

    // Opening the Deployment in another file clears the Service's finding.
    await client.open(depUri, deployment('{ app: web }'));
    await client.waitForDiagnostics(svcUri, (ds) => ds.length === 0, undefined, WITHIN);

    // Removing the label brings it back, after one debounce.
    const t0 = Date.now();
    await client.change(depUri, deployment('{ tier: front }'), 2);
    const back = await client.waitForDiagnostics(svcUri, (ds) => ds.length > 0, undefined, WITHIN);
    assert.deepEqual(ids(back), ['ref/service-selector']);
    assert.ok(Date.now() - t0 < WITHIN);
    // The fix offers the only workload's identifying labels (matchLabels), as a guess (not preferred).
    const related = back[0].relatedInformation ?? [];
    assert.equal(related[0]?.location.uri, depUri);

    // Restored: clears again.
    await client.change(depUri, deployment('{ app: web }'), 3);
    await client.waitForDiagnostics(svcUri, (ds) => ds.length === 0, undefined, WITHIN);
  });

  test('related information points at the container ports in the other file', TIMEOUT, async () => {
    await client.change(depUri, deployment('{ app: web }', 'web'), 4);
    const ds = await client.waitForDiagnostics(svcUri, (d) => d.length > 0, undefined, WITHIN);
    assert.deepEqual(ids(ds), ['ref/service-target-port']);
    assert.deepEqual(ds[0].range, { start: { line: 9, character: 6 }, end: { line: 9, character: 22 } });
    const rel = ds[0].relatedInformation ?? [];
    assert.equal(rel.length, 1);
    assert.equal(rel[0].location.uri, depUri);
    // `- name: web` / `containerPort: 8080`: the port item in deployment.yaml (line 17).
    assert.equal(rel[0].location.range.start.line, 17);
    assert.match(rel[0].message, /container "nginx" of Deployment shop\/web: port 8080 \(web\)\/TCP/);

    const actions = await client.request<{ title: string; isPreferred?: boolean }[]>('textDocument/codeAction', {
      textDocument: { uri: svcUri },
      range: ds[0].range,
      context: { diagnostics: ds, only: ['quickfix'] },
    });
    assert.ok(actions.some((a) => /Set targetPort to "web"/.test(a.title)), JSON.stringify(actions.map((a) => a.title)));

    await client.change(depUri, deployment('{ app: web }'), 5);
    await client.waitForDiagnostics(svcUri, (d) => d.length === 0, undefined, WITHIN);
  });

  test('go to definition and hover on the selector reach the Deployment in the other file', TIMEOUT, async () => {
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: svcUri }, position: { line: 6, character: 5 } });
    assert.equal(links.length, 1);
    assert.equal(links[0].targetUri, depUri);
    assert.equal(links[0].targetRange.start.line, 11);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: svcUri }, position: { line: 6, character: 5 } });
    const value = typeof hover.contents === 'object' && 'value' in hover.contents ? String(hover.contents.value) : '';
    assert.match(value, /Selects 2 pods of Deployment shop\/web/);
  });
});

// The three live cases besides workloads: a Service and a Namespace added
// or removed in one open file update the findings of another.
describe('cross-file: Services and Namespaces', () => {
  const ws = makeWorkspace({});
  let client: TestClient;
  const ingressUri = ws.uri('apps/ingress.yaml');
  const serviceUri = ws.uri('apps/service.yaml');
  const policyUri = ws.uri('apps/policy.yaml');
  const namespaceUri = ws.uri('infra/namespace.yaml');
  const ON_HERE = new Set(['ref/ingress-backend', 'net/namespace-selector']);

  const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
spec:
  tls:
    - hosts: [shop.example.org]
      secretName: shop-tls
  rules:
    - host: shop.example.org
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port: { number: 80 }
`;
  const WEB_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: { app: web }
  ports:
    - port: 80
      targetPort: 8080
`;
  const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: from-monitoring
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels: { team: monitoring }
`;
  const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: monitoring
  labels: { team: monitoring }
`;

  before(async () => {
    const rules = Object.fromEntries(RULES.map((r) => [r.id, ON_HERE.has(r.id) ? r.severity : 'off']));
    client = await TestClient.start({ root: ws.root, settings: { rules, debounceMs: DEBOUNCE_MS } });
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  test('a Service added in another file resolves an Ingress backend; removing it brings the error back', TIMEOUT, async () => {
    await client.open(ingressUri, INGRESS);
    const missing = await client.waitForDiagnostics(ingressUri, (ds) => ds.length > 0);
    assert.deepEqual(ids(missing), ['ref/ingress-backend']);
    assert.equal(missing[0].range.start.line, 17);
    await client.open(serviceUri, WEB_SERVICE);
    await client.waitForDiagnostics(ingressUri, (ds) => ds.length === 0, undefined, WITHIN);
    await client.change(serviceUri, WEB_SERVICE.replace('name: web', 'name: web-v2'), 2);
    const back = await client.waitForDiagnostics(ingressUri, (ds) => ds.length > 0, undefined, WITHIN);
    assert.deepEqual(ids(back), ['ref/ingress-backend']);
  });

  test('a Namespace added in another file satisfies a namespaceSelector; removing its label brings the finding back', TIMEOUT, async () => {
    await client.open(policyUri, POLICY);
    const none = await client.waitForDiagnostics(policyUri, (ds) => ds.length > 0);
    assert.deepEqual(ids(none), ['net/namespace-selector']);
    assert.equal(none[0].range.start.line, 10); // `- namespaceSelector:`
    await client.open(namespaceUri, NAMESPACE);
    await client.waitForDiagnostics(policyUri, (ds) => ds.length === 0, undefined, WITHIN);
    await client.change(namespaceUri, NAMESPACE.replace('labels: { team: monitoring }', 'labels: { team: platform }'), 2);
    const back = await client.waitForDiagnostics(policyUri, (ds) => ds.length > 0, undefined, WITHIN);
    assert.deepEqual(ids(back), ['net/namespace-selector']);
  });
});
