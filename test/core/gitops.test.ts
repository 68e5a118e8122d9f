// The GitOps graph: repository roots, files applied, CRD and Namespace
// providers, ancestors and order, cycles, local sources, Argo CD, profile detection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/model/workspace';
import { gitopsGraph, normalizeRepoUrl, sopsInfo } from '../../server/src/core/model/gitops';
import { detectProfile } from '../../server/src/core/model/gitops/profile';
import { Linter } from '../../server/src/core/rules/engine';
import { RULES } from '../../server/src/core/rules/registry';

function kustomization(name: string, path: string, extra = '', source = 'flux-system'): string {
  return `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 10m
  path: ${path}
  prune: true
  sourceRef:
    kind: GitRepository
    name: ${source}
${extra}`;
}

const GOTK_SYNC = `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m
  url: ssh://git@github.com/example/gitops
---
${kustomization('flux-system', './clusters/production')}`;

function repo(prefix = 'repo/'): Workspace {
  const ws = new Workspace();
  ws.update(`${prefix}clusters/production/flux-system/gotk-sync.yaml`, GOTK_SYNC);
  ws.update(`${prefix}clusters/production/flux-system/gotk-components.yaml`, `apiVersion: v1
kind: Namespace
metadata: { name: flux-system }
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: helmreleases.helm.toolkit.fluxcd.io }
spec:
  group: helm.toolkit.fluxcd.io
  scope: Namespaced
  names: { kind: HelmRelease, plural: helmreleases }
`);
  ws.update(`${prefix}clusters/production/flux-system/kustomization.yaml`, 'resources:\n  - gotk-components.yaml\n  - gotk-sync.yaml\n');
  ws.update(`${prefix}clusters/production/infrastructure.yaml`, kustomization('infrastructure', './infrastructure', '  wait: true\n'));
  ws.update(`${prefix}clusters/production/apps.yaml`, kustomization('apps', './apps', '  dependsOn:\n    - name: infrastructure\n'));
  ws.update(`${prefix}infrastructure/kustomization.yaml`, 'resources:\n  - namespaces.yaml\n  - cert-manager.yaml\n');
  ws.update(`${prefix}infrastructure/namespaces.yaml`, 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n');
  ws.update(`${prefix}infrastructure/cert-manager.yaml`, `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: { name: cert-manager, namespace: cert-manager }
spec:
  chart: { spec: { chart: cert-manager, sourceRef: { kind: HelmRepository, name: jetstack, namespace: flux-system } } }
  install: { createNamespace: true }
  targetNamespace: cert-manager
`);
  ws.update(`${prefix}apps/certificate.yaml`, `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: shop-tls, namespace: shop }
spec: { secretName: shop-tls, issuerRef: { name: le, kind: ClusterIssuer } }
`);
  return ws;
}

test('the bootstrap Kustomization gives the repository root, even below a workspace folder', () => {
  const ws = repo('work/shared/gitops/');
  const g = gitopsGraph(ws);
  assert.deepEqual(g.bootstrapRoots, ['work/shared/gitops']);
  const apps = g.kustomizations.find((k) => k.name === 'apps')!;
  assert.equal(apps.root, 'work/shared/gitops');
  assert.equal(apps.dir, 'work/shared/gitops/apps');
  assert.equal(apps.exists, true);
  assert.deepEqual(apps.files, ['work/shared/gitops/apps/certificate.yaml']);
  assert.deepEqual([...g.localRepoUrls], ['github.com/example/gitops']);
});

test('roots with URI keys: bootstrap inference keeps the scheme', () => {
  const ws = repo('file:///home/me/gitops/');
  const g = gitopsGraph(ws);
  assert.deepEqual(g.bootstrapRoots, ['file:///home/me/gitops']);
  assert.equal(g.kustomizations.find((k) => k.name === 'infrastructure')!.dir, 'file:///home/me/gitops/infrastructure');
});

test('without a bootstrap: the folder above clusters/, then the workspace root', () => {
  const ws = new Workspace();
  ws.update('file:///w/repo/clusters/prod/apps.yaml', kustomization('apps', './apps'));
  ws.update('file:///w/repo/flux/other.yaml', kustomization('other', './apps'));
  ws.setRoots(['file:///w']);
  const g = gitopsGraph(ws);
  assert.equal(g.kustomizations.find((k) => k.name === 'apps')!.root, 'file:///w/repo');
  assert.equal(g.kustomizations.find((k) => k.name === 'other')!.root, 'file:///w');
  assert.equal(g.rootOf('elsewhere.yaml'), '.');
});

test('a folder is missing only under a workspace root (where every file is loaded)', () => {
  const ws = repo('');
  ws.update('clusters/production/broken.yaml', kustomization('broken', './nowhere'));
  let broken = gitopsGraph(ws).kustomizations.find((k) => k.name === 'broken')!;
  assert.equal(broken.exists, false);
  assert.equal(broken.checkable, true, 'no roots set: the workspace is complete');
  ws.setRoots(['clusters']);
  broken = gitopsGraph(ws).kustomizations.find((k) => k.name === 'broken')!;
  assert.equal(broken.checkable, false, 'nowhere/ is outside the folders that were read');
  ws.setRoots([]);
  assert.equal(gitopsGraph(ws).isComplete('clusters/production/apps.yaml'), false);
});

test('a path out of the repository is flagged, never followed', () => {
  const ws = repo('');
  ws.update('clusters/production/escape.yaml', kustomization('escape', '../../../etc'));
  const k = gitopsGraph(ws).kustomizations.find((x) => x.name === 'escape')!;
  assert.equal(k.outside, true);
  assert.deepEqual(k.files, []);
});

test('CRD and Namespace providers: CRD documents, known charts, Namespaces, createNamespace', () => {
  const g = gitopsGraph(repo(''));
  const infra = g.kustomizations.find((k) => k.name === 'infrastructure')!;
  assert.deepEqual(infra.crds.map((c) => `${c.group}/${c.kind ?? '*'} via ${c.via.kind}`), [
    'cert-manager.io/* via HelmRelease',
    'acme.cert-manager.io/* via HelmRelease',
  ]);
  assert.deepEqual(infra.namespacesCreated.map((n) => n.name), ['shop', 'cert-manager']);
  const boot = g.kustomizations.find((k) => k.name === 'flux-system')!;
  assert.deepEqual(boot.crds.map((c) => `${c.group}/${c.kind}`), ['helm.toolkit.fluxcd.io/HelmRelease']);
  const apps = g.kustomizations.find((k) => k.name === 'apps')!;
  assert.deepEqual(apps.needs.map((n) => (n.type === 'crd' ? `crd ${n.group}/${n.kind}` : `ns ${n.name}`)), ['crd cert-manager.io/Certificate', 'ns shop']);
  assert.deepEqual([...apps.kinds], ['cert-manager.io/Certificate']);
  // A chart with its CRDs switched off provides none.
  const ws = repo('');
  ws.update('infrastructure/cert-manager.yaml', ws.get('infrastructure/cert-manager.yaml')!.text + '  values:\n    installCRDs: false\n');
  assert.ok(ws.get('infrastructure/cert-manager.yaml')!.text.includes('installCRDs: false'));
  assert.deepEqual(gitopsGraph(ws).kustomizations.find((k) => k.name === 'infrastructure')!.crds, []);
});

test('ancestors follow dependsOn and the Kustomization that applies the file; order puts them first', () => {
  const g = gitopsGraph(repo(''));
  const byName = (n: string) => g.kustomizations.find((k) => k.name === n)!;
  assert.deepEqual([...g.ancestors(byName('apps'))].map((n) => n.name).sort(), ['flux-system', 'infrastructure']);
  assert.deepEqual(byName('apps').parents.map((p) => p.name), ['flux-system']);
  assert.deepEqual(g.sortByOrder(g.kustomizations).map((k) => k.name), ['flux-system', 'infrastructure', 'apps']);
  assert.deepEqual(g.descendants(byName('infrastructure')).map((n) => n.name), ['apps']);
  assert.deepEqual(g.orderViolations(byName('apps')), []);
});

test('a missing dependsOn is an order violation naming what makes it necessary', () => {
  const ws = repo('');
  ws.update('clusters/production/apps.yaml', kustomization('apps', './apps'));
  const g = gitopsGraph(ws);
  const v = g.orderViolations(g.kustomizations.find((k) => k.name === 'apps')!);
  assert.equal(v.length, 1);
  assert.equal(v[0].provider.name, 'infrastructure');
  assert.deepEqual(v[0].reasons.map((r) => `${r.need.type} via ${r.provision.via.kind}/${r.provision.via.name}`), ['crd via HelmRelease/cert-manager', 'namespace via Namespace/shop']);
});

test('cycles: every edge, with the shortest cycle through it; other edges are not in it', () => {
  const ws = new Workspace();
  const k = (name: string, deps: string[]) => kustomization(name, `./${name}`, deps.length ? `  dependsOn:\n${deps.map((d) => `    - name: ${d}\n`).join('')}` : '');
  ws.update('clusters/a.yaml', k('a', ['b']));
  ws.update('clusters/b.yaml', k('b', ['c', 'base']));
  ws.update('clusters/c.yaml', k('c', ['a', 'b']));
  ws.update('clusters/base.yaml', k('base', []));
  const g = gitopsGraph(ws);
  const node = (n: string) => g.kustomizations.find((x) => x.name === n)!;
  const path = (n: string, i: number) => g.cycleAt(node(n), i)?.path.map((x) => x.name).join(' → ');
  assert.equal(path('a', 0), 'a → b → c → a');
  assert.equal(path('b', 0), 'b → c → b');
  assert.equal(path('b', 1), undefined, 'b → base leaves the cycle');
  assert.equal(path('c', 0), 'c → a → b → c');
  assert.equal(path('c', 1), 'c → b → c');
  // Order still covers every node (cycles last).
  assert.equal(g.sortByOrder(g.kustomizations)[0].name, 'base');
});

test('sources: a Kustomization of another GitRepository is not followed', () => {
  const ws = repo('');
  ws.update('clusters/production/podinfo.yaml', `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: { name: podinfo, namespace: flux-system }
spec: { url: https://github.com/stefanprodan/podinfo, interval: 5m }
---
${kustomization('podinfo', './kustomize', '', 'podinfo')}`);
  const g = gitopsGraph(ws);
  const podinfo = g.kustomizations.find((k) => k.name === 'podinfo')!;
  assert.equal(podinfo.local, false);
  assert.equal(podinfo.sourceRef?.target?.name, 'podinfo');
  assert.equal(g.kustomizations.find((k) => k.name === 'apps')!.local, true);
});

test('Argo CD Applications: sources, automated sync, repositories evidenced by existing paths', () => {
  const ws = new Workspace();
  ws.update('argocd/apps.yaml', `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: web, namespace: argocd }
spec:
  source: { repoURL: 'git@github.com:example/charts.git', path: charts/web }
  destination: { namespace: web-prod }
  syncPolicy: { automated: { prune: true } }
`);
  ws.update('charts/web/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
  const g = gitopsGraph(ws);
  assert.equal(g.applications.length, 1);
  assert.equal(g.applications[0].automated, true);
  assert.equal(g.applications[0].destinationNamespace, 'web-prod');
  assert.equal(g.isLocalRepo('https://github.com/example/charts'), true);
  assert.equal(normalizeRepoUrl('ssh://git@github.com:22/Example/Charts.git/'), 'github.com/example/charts');
});

test('SOPS files are recognised by their metadata block or ENC values', () => {
  const ws = new Workspace();
  ws.update('a.yaml', 'apiVersion: v1\nkind: Secret\nmetadata: { name: a }\ndata:\n  k: ENC[AES256_GCM,data:abc,iv:x,tag:y,type:str]\nsops:\n  age:\n    - recipient: age1x\n  mac: ENC[AES256_GCM,data:x]\n  version: 3.9.0\n');
  ws.update('b.yaml', 'apiVersion: v1\nkind: Secret\nmetadata: { name: b }\nstringData:\n  k: plain\n');
  assert.deepEqual(sopsInfo(ws.get('a.yaml')!), { keyTypes: ['age'] });
  assert.equal(sopsInfo(ws.get('b.yaml')!), undefined);
});

test('profile detection: a Flux clusters/ layout with a Drupal workload; an explicit profile wins', () => {
  const ws = repo('');
  assert.equal(detectProfile(ws), undefined);
  ws.update('apps/drupal.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: site }\nspec:\n  template:\n    spec:\n      containers:\n        - name: php\n          image: registry.example/drupal:11\n');
  assert.equal(detectProfile(ws), 'drupal-aks');
  const auto = new Linter(RULES, {});
  assert.equal(auto.profileFor(ws), 'drupal-aks');
  assert.ok(auto.forWorkspace(ws).severities.has('drupal/tmp-memory'));
  assert.ok(!auto.severities.has('drupal/tmp-memory'), 'the static view keeps the default profile');
  const drupalFindings = auto.lintFile(ws, 'apps/drupal.yaml').findings.filter((f) => f.ruleId.startsWith('drupal/'));
  assert.ok(drupalFindings.length > 0);
  const explicit = new Linter(RULES, { profile: 'restricted' });
  assert.equal(explicit.profileFor(ws), 'restricted');
  assert.equal(explicit.lintFile(ws, 'apps/drupal.yaml').findings.filter((f) => f.ruleId.startsWith('drupal/')).length, 0);
  // Without the clusters/ layout: no detection.
  const plain = new Workspace();
  plain.update('apps/drupal.yaml', ws.get('apps/drupal.yaml')!.text);
  assert.equal(detectProfile(plain), undefined);
});
