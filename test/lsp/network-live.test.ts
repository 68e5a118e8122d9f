// NetworkPolicy coverage over the protocol: a Deployment open in one file reports
// net/policy-coverage; a NetworkPolicy added in another file clears it within
// one debounce, removing it brings it back. The generated-policy quick fixes:
// the new-file variant (CreateFile + edits) only for clients that can create files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { RULES } from '../../server/src/core/rules/registry';
import { buildServer, disposeServerBuild, makeWorkspace, TestClient } from './client';

const TIMEOUT = { timeout: 30_000 };
const COVERAGE = 'net/policy-coverage';
const DEBOUNCE_MS = 100;
/** One debounce plus generous slack for a loaded CI machine. */
const WITHIN = 5000;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
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
          ports:
            - containerPort: 8080
`;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels: { app: web }
  ingress:
    - ports:
        - port: 8080
`;

const NOT_A_POLICY = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: shop\ndata: {}\n';

const hasCoverage = (ds: Diagnostic[]) => ds.some((d) => d.code === COVERAGE);
const settings = { rules: Object.fromEntries(RULES.map((r) => [r.id, r.id === COVERAGE ? r.severity : 'off'])), debounceMs: DEBOUNCE_MS };

before(() => buildServer(), { timeout: 90_000 });
after(() => disposeServerBuild());

describe('network policy coverage, live', () => {
  const ws = makeWorkspace({ 'apps/shop/web.yaml': DEPLOYMENT });
  const webUri = ws.uri('apps/shop/web.yaml');
  const policyUri = ws.uri('apps/shop/policy.yaml');
  let client: TestClient;

  before(async () => {
    client = await TestClient.start({
      root: ws.root,
      settings,
      capabilities: { workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } },
    });
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  test('a NetworkPolicy added in another file clears the Deployment finding; removing it brings it back', TIMEOUT, async () => {
    await client.open(webUri, DEPLOYMENT);
    const first = await client.waitForDiagnostics(webUri, hasCoverage);
    const d = first.find((x) => x.code === COVERAGE)!;
    assert.deepEqual(d.range, { start: { line: 10, character: 6 }, end: { line: 10, character: 12 } });
    assert.equal(d.message, 'Deployment "web" is selected by no NetworkPolicy in namespace "shop": every pod of the cluster can reach it and it can reach anything.');

    await client.open(policyUri, NOT_A_POLICY);
    let t0 = Date.now();
    await client.change(policyUri, POLICY, 2);
    await client.waitForDiagnostics(webUri, (ds) => !hasCoverage(ds), undefined, WITHIN);
    assert.ok(Date.now() - t0 < WITHIN);

    t0 = Date.now();
    await client.change(policyUri, NOT_A_POLICY, 3);
    await client.waitForDiagnostics(webUri, hasCoverage, undefined, WITHIN);
    assert.ok(Date.now() - t0 < WITHIN);

    await client.change(policyUri, POLICY, 4);
    await client.waitForDiagnostics(webUri, (ds) => !hasCoverage(ds), undefined, WITHIN);
    // Closing the unsaved document drops the policy (it is not on disk).
    await client.close(policyUri);
    await client.waitForDiagnostics(webUri, hasCoverage, undefined, WITHIN);
  });

  test('two generated-policy fixes: a new document in this file, or a new file next to it', TIMEOUT, async () => {
    const ds = await client.waitForDiagnostics(webUri, hasCoverage);
    const diag = ds.find((x) => x.code === COVERAGE)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: webUri },
      range: diag.range,
      context: { diagnostics: [diag], only: ['quickfix'] },
    });
    const fixes = actions.filter((a) => /NetworkPolicy web-allow/.test(a.title));
    assert.deepEqual(fixes.map((a) => [a.title, !!a.isPreferred]), [
      ['Add NetworkPolicy web-allow to this file (ingress on 8080/TCP, DNS egress)', false],
      ['Create web-networkpolicy.yaml with NetworkPolicy web-allow (ingress on 8080/TCP, DNS egress)', false],
    ]);
    const changes = fixes[1].edit?.documentChanges ?? [];
    const newUri = ws.uri('apps/shop/web-networkpolicy.yaml');
    assert.deepEqual(changes[0], { kind: 'create', uri: newUri, options: { overwrite: false, ignoreIfExists: false } } satisfies CreateFile);
    const insert = changes[1] as TextDocumentEdit;
    assert.equal(insert.textDocument.uri, newUri);
    assert.deepEqual(insert.edits[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match((insert.edits[0] as TextEdit).newText, /^apiVersion: networking\.k8s\.io\/v1\nkind: NetworkPolicy\nmetadata:\n  name: web-allow\n  namespace: shop\n/);
  });
});

describe('a client that cannot create files', () => {
  const ws = makeWorkspace({ 'web.yaml': DEPLOYMENT });
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ root: ws.root, settings });
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  test('is offered only the same-file variant', TIMEOUT, async () => {
    const uri = ws.uri('web.yaml');
    await client.open(uri, DEPLOYMENT);
    const ds = await client.waitForDiagnostics(uri, hasCoverage);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: ds[0].range,
      context: { diagnostics: ds, only: ['quickfix'] },
    });
    assert.deepEqual(actions.filter((a) => /web-allow/.test(a.title)).map((a) => a.title), ['Add NetworkPolicy web-allow to this file (ingress on 8080/TCP, DNS egress)']);
  });
});
