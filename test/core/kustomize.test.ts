import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/model/workspace';
import { effectiveNamespace, filesApplied, kustomizeDirs } from '../../server/src/core/model/kustomize';

function repo(): Workspace {
  const ws = new Workspace();
  ws.update('repo/apps/base/kustomization.yaml', 'resources:\n  - deployment.yaml\n  - service.yaml\n  - https://example.org/remote.yaml\n');
  ws.update('repo/apps/base/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n');
  ws.update('repo/apps/base/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: explicit }\n');
  ws.update('repo/apps/production/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: shop\nresources:\n  - ../base\n  - secrets.yaml\n');
  ws.update('repo/apps/production/secrets.yaml', 'apiVersion: v1\nkind: Secret\nmetadata: { name: s }\n');
  ws.update('repo/infra/namespaces/shop.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n');
  ws.update('repo/infra/traefik/kustomization.yaml', 'resources: [release.yaml]\n');
  ws.update('repo/infra/traefik/release.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: t }\n');
  ws.update('repo/loose.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: loose }\n');
  return ws;
}

test('reads kustomization entries with their spans', () => {
  const ws = repo();
  const k = kustomizeDirs(ws).get('repo/apps/production')!;
  assert.equal(k.namespace, 'shop');
  assert.deepEqual(k.entries.map((e) => [e.entry, e.key, e.remote]), [['../base', 'repo/apps/base', false], ['secrets.yaml', 'repo/apps/production/secrets.yaml', false]]);
  const text = ws.get(k.file)!.text;
  assert.equal(text.slice(k.entries[0].span.start, k.entries[0].span.end), '../base');
  assert.equal(kustomizeDirs(ws).get('repo/apps/base')!.entries[2].remote, true);
});

test('follows resources through folders, and plain folders like Flux does', () => {
  const ws = repo();
  assert.deepEqual(filesApplied(ws, 'repo/apps/production').sort(), [
    'repo/apps/base/deployment.yaml',
    'repo/apps/base/kustomization.yaml',
    'repo/apps/base/service.yaml',
    'repo/apps/production/kustomization.yaml',
    'repo/apps/production/secrets.yaml',
  ]);
  // A folder without kustomization.yaml: every YAML file, nested kustomizations followed.
  assert.deepEqual(filesApplied(ws, 'repo/infra').sort(), [
    'repo/infra/namespaces/shop.yaml',
    'repo/infra/traefik/kustomization.yaml',
    'repo/infra/traefik/release.yaml',
  ]);
});

test('objects without a namespace take the including kustomization namespace', () => {
  const ws = repo();
  const byName = (n: string) => [...ws.objects()].find((o) => o.name === n)!;
  assert.equal(effectiveNamespace(ws, byName('web')), 'shop'); // Deployment, through ../base
  assert.equal(effectiveNamespace(ws, byName('s')), 'shop');
  assert.equal(effectiveNamespace(ws, [...ws.objects()].find((o) => o.kind === 'Service')!), 'explicit');
  assert.equal(effectiveNamespace(ws, byName('loose')), 'default');
  // Editing the kustomization updates the answer (indexes are per workspace version).
  ws.update('repo/apps/production/kustomization.yaml', 'namespace: store\nresources: [../base]\n');
  assert.equal(effectiveNamespace(ws, byName('web')), 'store');
});

test('a resources cycle does not hang', () => {
  const ws = new Workspace();
  ws.update('a/kustomization.yaml', 'resources: [../b]\n');
  ws.update('b/kustomization.yaml', 'resources: [../a]\n');
  assert.deepEqual(filesApplied(ws, 'a').sort(), ['a/kustomization.yaml', 'b/kustomization.yaml']);
});
