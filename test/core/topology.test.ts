// core/topology: the graph of each view on small fixtures (typed edges, groups,
// finding counts, cycles, missing references), bad input, and the request flow
// and GitOps order of ../shared/corpus/drupal-aks-flux (skipped when absent).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildTopology, markCycles, TopologyContributor, TopologyEdge, TopologyGraph } from '../../server/src/core/topology';
import { toMermaid } from '../../server/src/core/topology/mermaid';
import { Workspace } from '../../server/src/core/model/workspace';
import type { Finding } from '../../server/src/core/types';
import { walk } from '../../server/src/node/files';
import { initHclFromDisk } from '../../server/src/node/hcl';
import { GITOPS_FILES, NETWORK_FILES, TERRAFORM_FILES, workspaceOf, XSS_NAME } from '../harness/topology';

const CORPUS = resolve(__dirname, '..', '..', '..', 'shared', 'corpus');

function edge(g: TopologyGraph, from: string, to: string, type?: string): TopologyEdge | undefined {
  return g.edges.find((e) => e.from === from && e.to === to && (!type || e.type === type));
}

function hasEdge(g: TopologyGraph, from: string, to: string, type: string): void {
  assert.ok(edge(g, from, to, type), `expected ${from} -${type}-> ${to}; edges:\n${g.edges.map((e) => `  ${e.from} -${e.type}-> ${e.to}`).join('\n')}`);
}

describe('network view', () => {
  const ws = workspaceOf(NETWORK_FILES);
  const finding = (over: Partial<Finding>): Finding => ({ ruleId: 'k8s/x', severity: 'warning', message: 'm', file: 'app/deployment.yaml', span: { start: 100, end: 110 }, fixes: [], ...over });
  const findings = new Map([
    ['app/deployment.yaml', [finding({ severity: 'error', object: 'Deployment/shop/web' }), finding({}), finding({ severity: 'hint' })]],
    ['app/service.yaml', [finding({ file: 'app/service.yaml', span: { start: 5, end: 6 } })]],
  ]);
  const g = buildTopology(ws, findings, 'network');

  test('nodes: workloads, Services, route, controller, config, storage, policy, externals; namespaces are groups', () => {
    const ids = g.nodes.map((n) => n.id);
    for (const id of ['internet', 'HelmRelease/traefik/traefik', 'IngressRoute/shop/web', 'Service/shop/web', 'Deployment/shop/web', 'Deployment/shop/frontend', 'ConfigMap/shop/web-env', 'Secret/shop/web-secrets', 'PersistentVolumeClaim/shop/uploads', 'StorageClass/fast', 'NetworkPolicy/shop/web-from-frontend', 'external:db.example.com:5432', 'external:cache.redis.cache.windows.net:6380']) {
      assert.ok(ids.includes(id), `node ${id} in ${ids.join(', ')}`);
    }
    assert.deepEqual(g.namespaces, ['shop', 'traefik']);
    assert.equal(g.nodes.find((n) => n.id === 'Deployment/shop/web')!.namespace, 'shop');
    assert.equal(g.nodes.find((n) => n.id === 'StorageClass/fast')!.namespace, undefined);
    assert.ok(!ids.some((id) => id.startsWith('Namespace/')), 'Namespace objects are groups, not nodes');
  });

  test('typed edges: routes-to with TLS per hop, selects, mounts, uses-secret, references, connects-to, allowed-by-policy, blocked', () => {
    assert.deepEqual(edge(g, 'internet', 'HelmRelease/traefik/traefik', 'routes-to'), { from: 'internet', to: 'HelmRelease/traefik/traefik', type: 'routes-to', label: 'HTTPS', tls: true });
    hasEdge(g, 'HelmRelease/traefik/traefik', 'IngressRoute/shop/web', 'routes-to');
    assert.equal(edge(g, 'IngressRoute/shop/web', 'Service/shop/web', 'routes-to')!.tls, false);
    assert.equal(edge(g, 'Service/shop/web', 'Deployment/shop/web', 'selects')!.label, '80→http');
    hasEdge(g, 'Deployment/shop/web', 'PersistentVolumeClaim/shop/uploads', 'mounts');
    hasEdge(g, 'Deployment/shop/web', 'ConfigMap/shop/web-settings', 'mounts');
    hasEdge(g, 'Deployment/shop/web', 'Secret/shop/web-secrets', 'uses-secret');
    hasEdge(g, 'Deployment/shop/web', 'Secret/shop/registry', 'uses-secret');
    hasEdge(g, 'Deployment/shop/web', 'ConfigMap/shop/web-env', 'references');
    hasEdge(g, 'PersistentVolumeClaim/shop/uploads', 'StorageClass/fast', 'references');
    assert.deepEqual(edge(g, 'Deployment/shop/web', 'external:db.example.com:5432', 'connects-to'), { from: 'Deployment/shop/web', to: 'external:db.example.com:5432', type: 'connects-to', label: '5432 TLS', port: 5432, tls: true, note: 'from DATABASE_URL' });
    assert.equal(edge(g, 'Deployment/shop/web', 'external:cache.redis.cache.windows.net:6380', 'connects-to')!.tls, true);
    // A host that is a Service of the workspace links to it.
    hasEdge(g, 'Deployment/shop/frontend', 'Service/shop/web', 'connects-to');
    hasEdge(g, 'NetworkPolicy/shop/web-from-frontend', 'Deployment/shop/web', 'selects');
    hasEdge(g, 'Deployment/shop/frontend', 'NetworkPolicy/shop/web-from-frontend', 'allowed-by-policy');
    // The policy admits only the frontend: Traefik's route into web is blocked.
    const blocked = edge(g, 'HelmRelease/traefik/traefik', 'Deployment/shop/web', 'blocked');
    assert.ok(blocked, 'blocked edge');
    assert.match(blocked!.note!, /web-from-frontend admits nothing from namespace traefik/);
  });

  test('references to objects not in the workspace are missing nodes', () => {
    assert.equal(g.nodes.find((n) => n.id === 'ConfigMap/shop/web-settings')!.missing, true);
    assert.equal(g.nodes.find((n) => n.id === 'StorageClass/fast')!.missing, true);
    assert.equal(g.nodes.find((n) => n.id === 'Deployment/shop/web')!.missing, undefined);
  });

  test('finding counts and worst severity per node, with messages for the hover', () => {
    const web = g.nodes.find((n) => n.id === 'Deployment/shop/web')!;
    assert.deepEqual(web.findings, { error: 1, warning: 1, hint: 1 });
    assert.equal(web.worst, 'error');
    assert.equal(web.messages?.[0].severity, 'error');
    assert.equal(web.messages?.length, 2, 'hints are counted, not listed');
    assert.equal(web.file, 'app/deployment.yaml');
    assert.equal(web.line, 4);
    // service.yaml's finding lies in its first document: the web Service.
    assert.deepEqual(g.nodes.find((n) => n.id === 'Service/shop/web')!.findings, { warning: 1 });
    assert.deepEqual(g.nodes.find((n) => n.id === `Service/shop/${XSS_NAME}`)!.findings, {});
    assert.deepEqual(g.nodes.find((n) => n.id === 'internet')!.findings, {});
  });

  test('editing a Service selector changes the selects edge', () => {
    const ws2 = workspaceOf(NETWORK_FILES);
    ws2.update('app/service.yaml', NETWORK_FILES['app/service.yaml'].replace('selector: { app: web }', 'selector: { app: frontend }'));
    const g2 = buildTopology(ws2, new Map(), 'network');
    assert.ok(!edge(g2, 'Service/shop/web', 'Deployment/shop/web', 'selects'));
    hasEdge(g2, 'Service/shop/web', 'Deployment/shop/frontend', 'selects');
  });
});

describe('gitops view', () => {
  const g = buildTopology(workspaceOf(GITOPS_FILES), new Map(), 'gitops');

  test('Flux Kustomizations, sources, HelmReleases and Argo Applications with their edges', () => {
    hasEdge(g, 'Kustomization/flux-system/apps', 'Kustomization/flux-system/infrastructure', 'depends-on');
    hasEdge(g, 'Kustomization/flux-system/apps', 'GitRepository/flux-system/flux-system', 'references');
    hasEdge(g, 'Kustomization/flux-system/infrastructure', 'HelmRelease/data/redis', 'references');
    assert.equal(edge(g, 'Kustomization/flux-system/infrastructure', 'HelmRelease/data/redis')!.label, 'applies');
    hasEdge(g, 'HelmRelease/data/redis', 'HelmRepository/flux-system/bitnami', 'references');
    hasEdge(g, 'Application/argocd/shop', 'Application/argocd/database', 'depends-on');
    hasEdge(g, 'Application/argocd/shop', 'repo:https://github.com/example/shop.git', 'references');
    assert.deepEqual(g.namespaces, ['argocd', 'data', 'flux-system']);
  });

  test('a dependsOn cycle is marked; the rest is not; a missing dependency is a missing node', () => {
    assert.equal(edge(g, 'Kustomization/flux-system/monitoring', 'Kustomization/flux-system/alerts')!.cycle, true);
    assert.equal(edge(g, 'Kustomization/flux-system/alerts', 'Kustomization/flux-system/monitoring')!.cycle, true);
    assert.equal(edge(g, 'Kustomization/flux-system/apps', 'Kustomization/flux-system/infrastructure')!.cycle, undefined);
    assert.equal(edge(g, 'Kustomization/flux-system/alerts', 'Kustomization/flux-system/missing-one')!.cycle, undefined);
    assert.equal(g.nodes.find((n) => n.id === 'Kustomization/flux-system/missing-one')!.missing, true);
  });

  test('markCycles: self loops and long chains', () => {
    const edges: TopologyEdge[] = [{ from: 'a', to: 'a', type: 'depends-on' }];
    for (let i = 0; i < 5000; i++) edges.push({ from: `n${i}`, to: `n${i + 1}`, type: 'depends-on' });
    markCycles(edges);
    assert.equal(edges[0].cycle, true);
    assert.ok(edges.slice(1).every((e) => !e.cycle));
  });
});

describe('infrastructure view', () => {
  test('without Terraform: an empty view that says so', () => {
    const g = buildTopology(workspaceOf(NETWORK_FILES), new Map(), 'infrastructure');
    assert.deepEqual(g.nodes, []);
    assert.equal(g.empty, 'No Terraform in this workspace.');
  });

  test('Terraform resources and their references, grouped by folder', async () => {
    const problem = await initHclFromDisk();
    if (problem) return; // the HCL parser is not installed: the .tf files are skipped (covered by the Terraform tests)
    const findings = new Map([['tf/main.tf', [{ ruleId: 'aws/rds-public', severity: 'error' as const, message: 'public', file: 'tf/main.tf', span: { start: TERRAFORM_FILES['tf/main.tf'].indexOf('publicly_accessible'), end: TERRAFORM_FILES['tf/main.tf'].indexOf('publicly_accessible') + 5 }, fixes: [] }]]]);
    const g = buildTopology(workspaceOf(TERRAFORM_FILES), findings, 'infrastructure');
    const id = (a: string) => `tf:tf#${a}`;
    assert.equal(g.nodes.length, 5);
    hasEdge(g, id('aws_subnet.db'), id('aws_vpc.main'), 'references');
    hasEdge(g, id('aws_db_instance.main'), id('aws_security_group.db'), 'references');
    hasEdge(g, id('aws_db_instance.main'), id('aws_vpc.main'), 'depends-on');
    const db = g.nodes.find((n) => n.id === id('aws_db_instance.main'))!;
    assert.deepEqual(db.findings, { error: 1 });
    assert.equal(db.kind, 'aws_db_instance');
    assert.equal(db.namespace, 'tf');
    assert.equal(db.line, 14);
  });
});

describe('the diagram reads the models the rules read', () => {
  const deployment = (name: string, env: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: shop }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers:
        - name: app
          image: example/${name}:1.0
          env:
${env}
${extra}`;

  test('connection TLS follows tls/*: redis:// is plain even on 6380, a weak sslmode is plain, Azure Postgres is TLS', () => {
    const ws = workspaceOf({
      'a.yaml': deployment('a', [
        '            - { name: CACHE_URL, value: "redis://c.redis.cache.windows.net:6380" }',
        '            - { name: DATABASE_URL, value: "postgres://u@db.example.com/app?sslmode=prefer" }',
        '            - { name: PG_HOST, value: pg.postgres.database.azure.com }',
        '            - { name: MYSQL_URL, value: "mysql://u@my.example.com/app?ssl-mode=DISABLED" }',
        '            - { name: QUEUE_HOST, value: "${QUEUE}" }',
      ].join('\n')),
    });
    const g = buildTopology(ws, new Map(), 'network');
    const tls = (to: string) => edge(g, 'Deployment/shop/a', to, 'connects-to')?.tls;
    assert.equal(tls('external:c.redis.cache.windows.net:6380'), false);
    assert.equal(tls('external:db.example.com:5432'), false);
    assert.equal(tls('external:pg.postgres.database.azure.com:5432'), true);
    assert.equal(tls('external:my.example.com:3306'), false);
    assert.ok(!g.nodes.some((n) => n.id.includes('QUEUE')), 'placeholders are not hosts');
  });

  test('NetworkPolicy semantics of model/network.ts: an empty peer admits everyone; a chart-installed controller is not assumed blocked by a podSelector', () => {
    const files = {
      ...NETWORK_FILES,
      'app/policy.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-policy, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: traefik } }
          podSelector: { matchLabels: { app.kubernetes.io/name: traefik } }
`,
    };
    const g = buildTopology(workspaceOf(files), new Map(), 'network');
    hasEdge(g, 'NetworkPolicy/shop/web-policy', 'Deployment/shop/web', 'selects');
    assert.equal(edge(g, 'HelmRelease/traefik/traefik', 'Deployment/shop/web', 'blocked'), undefined, 'the chart\'s pod labels are unknown');
    const open = workspaceOf({ ...files, 'app/policy.yaml': files['app/policy.yaml'].replace(/- namespaceSelector[^\n]*\n[^\n]*\n/, '- {}\n') });
    const g2 = buildTopology(open, new Map(), 'network');
    hasEdge(g2, 'peer:every-namespace', 'NetworkPolicy/shop/web-policy', 'allowed-by-policy');
    assert.equal(edge(g2, 'HelmRelease/traefik/traefik', 'Deployment/shop/web', 'blocked'), undefined);
  });

  test('a dependsOn cycle carries the cycle path flux/depends-on-cycle reports', () => {
    const g = buildTopology(workspaceOf(GITOPS_FILES), new Map(), 'gitops');
    assert.equal(edge(g, 'Kustomization/flux-system/monitoring', 'Kustomization/flux-system/alerts')!.note, 'dependency cycle: monitoring → alerts → monitoring');
  });
});

describe('robustness and extension', () => {
  test('bad input never throws: broken YAML, odd shapes, empty workspace', () => {
    const ws = new Workspace();
    ws.update('a.yaml', 'kind: Service\napiVersion: v1\nmetadata: { name: x }\nspec: { selector: [1, 2], ports: "no" }\n---\n: : :\n');
    ws.update('b.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d }\nspec: { template: { spec: { containers: [ null, 3, { env: "x", envFrom: [null] } ], volumes: [1] } } }\n');
    ws.update('c.yaml', 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: k }\nspec: { dependsOn: [ null, { name: k } ], sourceRef: 7, path: 5 }\n');
    for (const view of ['network', 'gitops', 'infrastructure'] as const) {
      const g = buildTopology(ws, new Map(), view);
      assert.equal(g.errors, undefined, JSON.stringify(g.errors));
    }
    assert.equal(buildTopology(new Workspace(), new Map(), 'network').empty, 'No workloads, Services or routes in this workspace.');
  });

  test('a contributor that throws is reported, the others still draw', () => {
    const boom: TopologyContributor = { id: 'boom', views: ['network'], contribute: () => { throw new Error('kaboom'); } };
    const extra: TopologyContributor = { id: 'extra', views: ['network'], contribute: ({ g }) => void g.synthetic({ id: 'x', kind: 'Thing', name: 'x', category: 'other' }) };
    const g = buildTopology(new Workspace(), new Map(), 'network', { contributors: [boom, extra] });
    assert.deepEqual(g.errors, [{ contributor: 'boom', message: 'kaboom' }]);
    assert.deepEqual(g.nodes.map((n) => n.id), ['x']);
  });

  test('mermaid: subgraphs per namespace, typed arrows, labels escaped', () => {
    const m = toMermaid(buildTopology(workspaceOf(NETWORK_FILES), new Map(), 'network'));
    assert.match(m, /^flowchart LR\n/);
    assert.match(m, /subgraph ns\d+\["namespace shop"\]/);
    assert.ok(!m.includes('<img'), 'the payload is escaped');
    assert.ok(m.includes('#60;img src=x onerror=alert#40;1#41;#62;'));
    assert.match(m, /==>\|"routes-to HTTPS"\|/);
    assert.match(m, /--x\|"blocked blocked"\|/);
  });
});

describe('the drupal-aks-flux corpus', { skip: !existsSync(resolve(CORPUS, 'drupal-aks-flux')) && 'corpus not found at ../shared/corpus' }, () => {
  const ws = new Workspace();
  if (existsSync(resolve(CORPUS, 'drupal-aks-flux'))) {
    for (const f of walk([resolve(CORPUS, 'drupal-aks-flux')]).files) ws.update(f.slice(CORPUS.length + 1), readFileSync(f, 'utf8'));
  }

  test('the request flow: Traefik → IngressRoute → drupal Service → Drupal pods → Postgres 5432 TLS, Redis 6380 TLS, files PVC', () => {
    const g = buildTopology(ws, new Map(), 'network');
    hasEdge(g, 'internet', 'HelmRelease/traefik/traefik', 'routes-to');
    assert.equal(edge(g, 'internet', 'HelmRelease/traefik/traefik', 'routes-to')!.tls, true);
    hasEdge(g, 'HelmRelease/traefik/traefik', 'IngressRoute/drupal/drupal-https', 'routes-to');
    hasEdge(g, 'IngressRoute/drupal/drupal-https', 'Service/drupal/drupal', 'routes-to');
    hasEdge(g, 'Service/drupal/drupal', 'Deployment/drupal/drupal', 'selects');
    const pg = g.edges.find((e) => e.from === 'Deployment/drupal/drupal' && e.type === 'connects-to' && g.nodes.find((n) => n.id === e.to)?.kind === 'PostgreSQL');
    assert.deepEqual([pg?.port, pg?.tls, pg?.to], [5432, true, 'external:drupalcsi-test-pg.postgres.database.azure.com:5432']);
    const redis = g.edges.find((e) => e.from === 'Deployment/drupal/drupal' && e.type === 'connects-to' && g.nodes.find((n) => n.id === e.to)?.kind === 'Redis');
    assert.deepEqual([redis?.port, redis?.tls], [6380, true]);
    hasEdge(g, 'Deployment/drupal/drupal', 'PersistentVolumeClaim/drupal/drupal-files-pvc', 'mounts');
    hasEdge(g, 'PersistentVolumeClaim/drupal/drupal-files-pvc', 'StorageClass/azure-blob-nfs-drupal', 'references');
    assert.ok(g.namespaces.includes('drupal') && g.namespaces.includes('traefik'));
  });

  test('the GitOps DAG: infrastructure → certificates → drupal-migration → apps, no cycle', () => {
    const g = buildTopology(ws, new Map(), 'gitops');
    hasEdge(g, 'Kustomization/flux-system/certificates', 'Kustomization/flux-system/infrastructure', 'depends-on');
    hasEdge(g, 'Kustomization/flux-system/drupal-migration', 'Kustomization/flux-system/certificates', 'depends-on');
    hasEdge(g, 'Kustomization/flux-system/apps', 'Kustomization/flux-system/drupal-migration', 'depends-on');
    assert.ok(g.edges.every((e) => !e.cycle));
    hasEdge(g, 'Kustomization/flux-system/flux-system', 'Kustomization/flux-system/infrastructure', 'references');
    hasEdge(g, 'HelmRelease/traefik/traefik', 'HelmRepository/flux-system/traefik', 'references');
  });

  test('no Terraform: the infrastructure view says so', () => {
    assert.equal(buildTopology(ws, new Map(), 'infrastructure').empty, 'No Terraform in this workspace.');
  });
});
