import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Workspace } from '../../server/src/core/model/workspace';
import { Linter } from '../../server/src/core/rules/engine';
import { RULES } from '../../server/src/core/rules/registry';
import { REFERENCE_RULES } from '../../server/src/core/rules/ref/group';
import {
  allWorkloads, configMapExists, containerPorts, duplicateCopies, findObject, findObjects, kustomizeScopes, namespaceLabels, nsOf,
  objectsOfKind, pdbsSelectingWorkload, portsMatching, replicasOf, secretExists, secretProducers, serviceAccountExists, servicePorts,
  servicesIn, servicesSelectingWorkload, workloadsIn, workloadsSelectedByService,
} from '../../server/src/core/model/joins';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web, tier: front } }
    spec:
      initContainers:
        - name: migrate
          image: drush:12
          ports: [{ containerPort: 1234 }]
        - name: sidecar
          image: envoy:1.30
          restartPolicy: Always
          ports: [{ name: admin, containerPort: 9901 }]
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - { name: http, containerPort: 8080 }
            - { name: dns, containerPort: 53, protocol: UDP }
`;

function repo(): Workspace {
  const ws = new Workspace();
  ws.update('apps/shop/kustomization.yaml', 'namespace: shop\nresources: [deployment.yaml, service.yaml]\nsecretGenerator:\n  - name: generated\nconfigMapGenerator:\n  - name: settings\n');
  ws.update('apps/shop/deployment.yaml', DEPLOY);
  ws.update('apps/shop/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec:\n  selector: { app: web }\n  ports:\n    - { port: 80, targetPort: http }\n    - { port: 9000 }\n');
  ws.update('infra/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop, labels: { team: a } }\n');
  ws.update('infra/secrets.yaml', [
    'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: { name: es, namespace: shop }\nspec: { target: { name: from-vault } }',
    'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: { name: plain-es, namespace: shop }\nspec: {}',
    'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: { name: sealed, namespace: shop }\nspec: { template: { metadata: { name: unsealed } } }',
    'apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata: { name: kv, namespace: shop }\nspec: { secretObjects: [{ secretName: kv-sync }] }',
    'apiVersion: v1\nkind: Secret\nmetadata: { name: enc, namespace: shop }\nsops: { version: 3.8.1 }',
  ].join('\n---\n'));
  ws.update('infra/pdb.yaml', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: web, namespace: shop }\nspec: { maxUnavailable: 1, selector: { matchLabels: { app: web } } }\n');
  return ws;
}

test('objects and workloads are indexed by effective namespace', () => {
  const ws = repo();
  const web = findObject(ws, 'Deployment', 'shop', 'web');
  assert.ok(web, 'the kustomization gives the Deployment its namespace');
  assert.equal(nsOf(ws, web), 'shop');
  assert.equal(findObject(ws, 'Deployment', 'default', 'web'), undefined);
  assert.equal(findObject(ws, 'Namespace', 'ignored', 'shop')?.kind, 'Namespace', 'cluster-scoped kinds ignore the namespace');
  assert.deepEqual(workloadsIn(ws, 'shop').map((w) => w.object.name), ['web']);
  assert.deepEqual(workloadsIn(ws, 'default'), []);
  assert.equal(allWorkloads(ws).length, 1);
  assert.deepEqual(servicesIn(ws, 'shop').map((s) => s.name), ['web']);
  assert.equal(objectsOfKind(ws, 'ExternalSecret').length, 2);
  assert.equal(replicasOf(workloadsIn(ws, 'shop')[0]), 3);
  assert.deepEqual(namespaceLabels(ws, 'shop'), { team: 'a', 'kubernetes.io/metadata.name': 'shop' });
});

test('container ports: names, numbers, protocols; init containers only as native sidecars', () => {
  const ws = repo();
  const w = workloadsIn(ws, 'shop')[0];
  assert.deepEqual(containerPorts(w).map((p) => [p.container.name, p.name, p.containerPort, p.protocol]), [
    ['nginx', 'http', 8080, 'TCP'],
    ['nginx', 'dns', 53, 'UDP'],
    ['sidecar', 'admin', 9901, 'TCP'],
  ]);
  assert.equal(portsMatching(w, 'http')[0].containerPort, 8080);
  assert.equal(portsMatching(w, 8080)[0].name, 'http');
  assert.equal(portsMatching(w, '53')[0].name, 'dns');
  assert.deepEqual(portsMatching(w, 1234), []);
});

test('Services select workloads; the reverse join and PDBs too', () => {
  const ws = repo();
  const svc = findObject(ws, 'Service', 'shop', 'web')!;
  const w = workloadsIn(ws, 'shop')[0];
  assert.deepEqual(workloadsSelectedByService(ws, svc), [w]);
  assert.deepEqual(servicesSelectingWorkload(ws, w), [svc]);
  assert.deepEqual(servicePorts(svc).map((p) => [p.port, p.targetPort, p.targetPortWritten]), [[80, 'http', true], [9000, 9000, false]]);
  assert.equal(pdbsSelectingWorkload(ws, w).length, 1);
});

test('Secrets produced by ExternalSecret, SealedSecret, SecretProviderClass, SOPS files and generators exist', () => {
  const ws = repo();
  for (const name of ['from-vault', 'plain-es', 'sealed', 'unsealed', 'kv-sync', 'enc', 'generated']) assert.ok(secretExists(ws, 'shop', name), name);
  assert.equal(secretExists(ws, 'shop', 'es'), false, 'an ExternalSecret with target.name does not make a Secret of its own name');
  assert.equal(secretExists(ws, 'other', 'from-vault'), false);
  assert.equal(secretProducers(ws, 'shop', 'enc')[0].how, 'SOPS');
  assert.ok(configMapExists(ws, 'shop', 'settings'));
  assert.ok(configMapExists(ws, 'anywhere', 'kube-root-ca.crt'));
  assert.equal(configMapExists(ws, 'shop', 'nope'), false);
  assert.ok(serviceAccountExists(ws, 'shop', 'default'));
  assert.equal(serviceAccountExists(ws, 'shop', 'app'), false);
});

test('indexes follow edits: a Deployment added in another file is selected at once', () => {
  const ws = repo();
  ws.update('apps/shop/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata: { name: api }\nspec:\n  selector: { app: api }\n');
  const svc = findObject(ws, 'Service', 'shop', 'api')!;
  assert.deepEqual(workloadsSelectedByService(ws, svc), []);
  ws.update('apps/shop/api.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api, namespace: shop }\nspec:\n  template:\n    metadata: { labels: { app: api } }\n    spec: { containers: [{ name: a, image: a:1 }] }\n');
  assert.deepEqual(workloadsSelectedByService(ws, findObject(ws, 'Service', 'shop', 'api')!).map((w) => w.object.name), ['api']);
  ws.remove('apps/shop/api.yaml');
  assert.deepEqual(workloadsSelectedByService(ws, findObject(ws, 'Service', 'shop', 'api')!), []);
});

test('duplicates: per kustomization root, and loose files only along one folder chain', () => {
  const ws = new Workspace();
  const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name} }\n`;
  ws.update('apps/base/kustomization.yaml', 'resources: [a.yaml]\n');
  ws.update('apps/base/a.yaml', cm('x'));
  ws.update('apps/staging/kustomization.yaml', 'namespace: staging\nresources: [../base, b.yaml]\n');
  ws.update('apps/staging/b.yaml', cm('x'));
  ws.update('apps/production/kustomization.yaml', 'namespace: production\nresources: [../base]\n');
  ws.update('apps/production/patch.yaml', cm('x'));
  ws.update('clusters/a/x.yaml', cm('loose'));
  ws.update('clusters/b/x.yaml', cm('loose'));
  ws.update('clusters/a/sub/x.yaml', cm('loose'));
  const scopes = kustomizeScopes(ws);
  assert.deepEqual(scopes.roots.map((r) => r.dir).sort(), ['apps/production', 'apps/staging']);
  assert.deepEqual(scopes.loose.sort(), ['clusters/a/sub/x.yaml', 'clusters/a/x.yaml', 'clusters/b/x.yaml']);
  // base/a.yaml takes the namespace of the first overlay that sets one (staging): with b.yaml, staging builds x twice.
  assert.equal(findObjects(ws, 'ConfigMap', 'staging', 'x').length, 2);
  assert.deepEqual(duplicateCopies(ws, ws.get('apps/staging/b.yaml')!.objects[0]).map((o) => o.file), ['apps/base/a.yaml']);
  const [la, lb, lsub] = ['clusters/a/x.yaml', 'clusters/b/x.yaml', 'clusters/a/sub/x.yaml'].map((f) => ws.get(f)!.objects[0]);
  assert.deepEqual(duplicateCopies(ws, la).map((o) => o.file), ['clusters/a/sub/x.yaml']);
  assert.deepEqual(duplicateCopies(ws, lb), []);
  assert.deepEqual(duplicateCopies(ws, lsub).map((o) => o.file), ['clusters/a/x.yaml']);
  assert.deepEqual(duplicateCopies(ws, ws.get('apps/production/patch.yaml')!.objects[0]), []);
});

// The real-world corpus (test input only; skipped when absent).
const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'drupal-aks-flux');

function corpus(): Workspace | undefined {
  if (!existsSync(CORPUS)) return undefined;
  const ws = new Workspace();
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  for (const f of walk(CORPUS)) if (/\.ya?ml$/.test(f)) ws.update(relative(CORPUS, f).split(sep).join('/'), readFileSync(f, 'utf8'));
  return ws;
}

test('corpus drupal-aks-flux: the joins see what the repository wires together', { skip: !existsSync(CORPUS) && 'corpus absent' }, () => {
  const ws = corpus()!;
  const svc = findObject(ws, 'Service', 'drupal', 'drupal')!;
  assert.deepEqual(workloadsSelectedByService(ws, svc).map((w) => `${w.object.kind}/${w.object.name}`), ['Deployment/drupal']);
  const w = workloadsSelectedByService(ws, svc)[0];
  assert.deepEqual(portsMatching(w, 'http').map((p) => p.containerPort), [8080]);
  assert.equal(secretProducers(ws, 'drupal', 'drupal-secrets')[0]?.how, 'SOPS', 'the production overlay brings the SOPS-encrypted Secret');
  assert.ok(configMapExists(ws, 'drupal', 'drupal-env'));
  // Objects without a namespace under apps/base/drupal take the kustomization's `drupal`.
  assert.ok(workloadsIn(ws, 'drupal').length >= 3);
  assert.deepEqual(workloadsIn(ws, 'default'), []);
});

test('corpus drupal-aks-flux: the reference rules report only the missing PDB', { skip: !existsSync(CORPUS) && 'corpus absent' }, () => {
  const ws = corpus()!;
  const mine = new Set(REFERENCE_RULES.map((r) => r.id));
  const linter = new Linter(RULES, { rules: Object.fromEntries(RULES.map((r) => [r.id, mine.has(r.id) ? r.severity : 'off'])) });
  const found: string[] = [];
  for (const p of ws.paths()) {
    const r = linter.lintFile(ws, p);
    assert.deepEqual(r.ruleErrors, [], p);
    for (const f of r.findings) found.push(`${p} ${f.ruleId} ${f.object}`);
  }
  // Every Service, IngressRoute backend, Secret/ConfigMap/PVC reference resolves (the SOPS Secret
  // comes from apps/production); the 3-replica Drupal Deployment has no PodDisruptionBudget.
  assert.deepEqual(found, ['apps/base/drupal/deployment.yaml k8s/pdb Deployment/drupal/drupal']);
});

test('findings caused by another file carry related information pointing at it', () => {
  const ws = new Workspace();
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: a\n';
  ws.update('a/one.yaml', cm);
  ws.update('a/two.yaml', cm);
  ws.update('a/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: a }\nspec:\n  selector: { app: web }\n  ports:\n    - { port: 80, targetPort: htp }\n');
  ws.update('a/dep.yaml', DEPLOY.replace('metadata: { name: web }', 'metadata: { name: web, namespace: a }'));
  const linter = new Linter(RULES, { rules: Object.fromEntries(RULES.map((r) => [r.id, ['k8s/duplicate-resource', 'ref/service-target-port'].includes(r.id) ? r.severity : 'off'])) });
  const dup = linter.lintFile(ws, 'a/one.yaml').findings;
  assert.equal(dup.length, 1);
  assert.deepEqual(dup[0].related?.map((r) => [r.file, ws.get(r.file)!.text.slice(r.span.start, r.span.end)]), [['a/two.yaml', 'name: x']]);
  const port = linter.lintFile(ws, 'a/svc.yaml').findings;
  assert.equal(port.length, 1);
  assert.deepEqual(port[0].related?.map((r) => [r.file, ws.get(r.file)!.text.slice(r.span.start, r.span.end)]), [
    ['a/dep.yaml', 'name: http'],
    ['a/dep.yaml', 'name: dns'],
    ['a/dep.yaml', 'name: admin'],
  ]);
});
