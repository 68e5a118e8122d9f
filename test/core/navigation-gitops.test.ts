// Editor help for Flux: completion in dependsOn / sourceRef / spec.path, go to
// definition on them, hover with the reconciliation order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/model/workspace';
import { completeAt, describeAt, findDefinitions } from '../../server/src/core/navigation';

function k(name: string, path: string, extra = ''): string {
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
    name: flux-system
${extra}`;
}

function repo(): Workspace {
  const ws = new Workspace();
  ws.update('clusters/production/flux-system/gotk-sync.yaml', `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  url: ssh://git@github.com/example/gitops
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata:
  name: jetstack
  namespace: flux-system
spec:
  url: https://charts.jetstack.io
`);
  ws.update('clusters/production/infrastructure.yaml', k('infrastructure', './infrastructure/production', '  wait: true\n'));
  ws.update('clusters/production/certificates.yaml', k('certificates', './infrastructure/certificates', '  wait: true\n  dependsOn:\n    - name: infrastructure\n'));
  ws.update('clusters/production/apps.yaml', k('apps', './apps/production', '  dependsOn:\n    - name: certificates\n'));
  ws.update('infrastructure/production/kustomization.yaml', 'resources: [ns.yaml]\n');
  ws.update('infrastructure/production/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n');
  ws.update('infrastructure/certificates/issuer.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n');
  ws.update('apps/production/app.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: y }\n');
  return ws;
}

/** The offset just after `needle` (or at `needle`'s start with atStart) in a file. */
function at(ws: Workspace, file: string, needle: string, atStart = false): number {
  const i = ws.get(file)!.text.indexOf(needle);
  assert.ok(i >= 0, `${needle} in ${file}`);
  return atStart ? i : i + needle.length;
}

test('dependsOn: completes Kustomization names in order, without itself, its dependents or those already listed', () => {
  const ws = repo();
  ws.update('clusters/production/apps.yaml', k('apps', './apps/production', '  dependsOn:\n    - name: certificates\n    - name: \n'));
  const file = 'clusters/production/apps.yaml';
  const offset = ws.get(file)!.text.lastIndexOf('- name: ') + '- name: '.length;
  const items = completeAt({ ws, file, offset });
  assert.deepEqual(items.map((c) => [c.label, c.detail]), [['infrastructure', 'Kustomization flux-system/infrastructure']]);
  // From infrastructure: apps and certificates wait for it, so nothing is offered but names that keep the graph acyclic.
  ws.update('clusters/production/infrastructure.yaml', k('infrastructure', './infrastructure/production', '  dependsOn:\n    - name: a\n'));
  const infra = 'clusters/production/infrastructure.yaml';
  assert.deepEqual(completeAt({ ws, file: infra, offset: at(ws, infra, '- name: a') }).map((c) => c.label), []);
});

test('dependsOn: the typed prefix is replaced', () => {
  const ws = repo();
  const file = 'clusters/production/apps.yaml';
  ws.update(file, k('apps', './apps/production', '  dependsOn:\n    - name: infra\n'));
  const items = completeAt({ ws, file, offset: at(ws, file, '- name: infra') });
  const text = ws.get(file)!.text;
  const infra = items.find((c) => c.label === 'infrastructure')!;
  assert.equal(text.slice(infra.replace!.start, infra.replace!.end), 'infra');
  assert.deepEqual(items.map((c) => c.label), ['infrastructure', 'certificates']);
});

test('sourceRef: completes sources of the kind written there', () => {
  const ws = repo();
  const file = 'clusters/production/apps.yaml';
  const git = completeAt({ ws, file, offset: at(ws, file, 'name: flux-system') });
  assert.deepEqual(git.map((c) => [c.label, c.detail]), [['flux-system', 'GitRepository flux-system/flux-system']]);
  ws.update('infrastructure/production/cert-manager.yaml', `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: { name: cert-manager, namespace: cert-manager }
spec:
  chart:
    spec:
      chart: cert-manager
      sourceRef:
        kind: HelmRepository
        name: jet
`);
  const hr = 'infrastructure/production/cert-manager.yaml';
  assert.deepEqual(completeAt({ ws, file: hr, offset: at(ws, hr, 'name: jet') }).map((c) => c.label), ['jetstack']);
});

test('spec.path: completes repository folders relative to the root, ./-prefixed, kustomizations first', () => {
  const ws = repo();
  const file = 'clusters/production/apps.yaml';
  const labels = completeAt({ ws, file, offset: at(ws, file, 'path: ./apps/production') }).map((c) => c.label);
  assert.equal(labels[0], './infrastructure/production');
  assert.ok(labels.includes('./apps/production'));
  assert.ok(labels.includes('./clusters/production/flux-system'));
  assert.ok(labels.every((l) => l.startsWith('./')));
});

test('go to definition: dependsOn name → Kustomization, sourceRef → source, spec.path → its kustomization.yaml', () => {
  const ws = repo();
  const file = 'clusters/production/apps.yaml';
  const dep = findDefinitions({ ws, file, offset: at(ws, file, '- name: cert') });
  assert.equal(dep.length, 1);
  assert.equal(dep[0].file, 'clusters/production/certificates.yaml');
  assert.equal(ws.get(dep[0].file)!.text.slice(dep[0].span.start, dep[0].span.end), 'certificates');
  assert.equal(ws.get(file)!.text.slice(dep[0].origin!.start, dep[0].origin!.end), 'certificates');
  const src = findDefinitions({ ws, file, offset: at(ws, file, 'name: flux') });
  assert.deepEqual(src.map((t) => t.file), ['clusters/production/flux-system/gotk-sync.yaml']);
  const infra = 'clusters/production/infrastructure.yaml';
  assert.deepEqual(findDefinitions({ ws, file: infra, offset: at(ws, infra, 'path: ./infra') }).map((t) => t.file), ['infrastructure/production/kustomization.yaml']);
  // A plain folder: its files.
  assert.deepEqual(findDefinitions({ ws, file, offset: at(ws, file, 'path: ./apps') }).map((t) => t.file), ['apps/production/app.yaml']);
});

test('hover on a Kustomization: what it waits for and what waits for it, in reconciliation order', () => {
  const ws = repo();
  const file = 'clusters/production/certificates.yaml';
  const hovers = describeAt({ ws, file, offset: at(ws, file, 'name: certif') });
  assert.equal(hovers.length, 1);
  assert.match(hovers[0].markdown, /\*\*Kustomization flux-system\/certificates\*\*/);
  assert.match(hovers[0].markdown, /waits for: infrastructure\n/);
  assert.match(hovers[0].markdown, /then: apps\n/);
  const apps = 'clusters/production/apps.yaml';
  const h = describeAt({ ws, file: apps, offset: at(ws, apps, 'name: apps') })[0];
  assert.match(h.markdown, /waits for: infrastructure → certificates\n/);
  assert.match(h.markdown, /nothing waits for it/);
});
