// relintOrder: after one file changes, the files most likely affected (same
// namespace before or after the change, Namespace definitions, same folder) are
// re-linted first, the rest after them, both in workspace order.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/model/workspace';
import { relintOrder } from '../../server/src/lsp/relint-order';

const obj = (kind: string, name: string, ns?: string) =>
  `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}`;

function workspace(): Workspace {
  const ws = new Workspace();
  ws.update('a/web.yaml', obj('Service', 'web', 'shop'));
  ws.update('b/other.yaml', obj('Service', 'other', 'blog'));
  ws.update('b/shop-config.yaml', obj('ConfigMap', 'cfg', 'shop'));
  ws.update('c/ns.yaml', obj('Namespace', 'shop'));
  ws.update('a/readme.yaml', '# no objects\n');
  ws.update('d/kustomization.yaml', 'namespace: shop\nresources:\n  - app.yaml\n');
  ws.update('d/app.yaml', obj('Service', 'app'));
  ws.update('e/loose.yaml', obj('Service', 'loose'));
  ws.update('infra/main.tf', 'locals {}\n');
  return ws;
}

describe('relintOrder', () => {
  it('puts files of the changed file\'s namespaces and folder first, the rest after, in workspace order', () => {
    const ws = workspace();
    const before = ws.get('a/web.yaml');
    ws.update('a/web.yaml', obj('Service', 'web', 'shop') + 'spec: {}\n');
    const { first, rest } = relintOrder(ws, 'a/web.yaml', before);
    // b/shop-config.yaml: namespace shop; c/ns.yaml: the Namespace shop is in namespace ''
    // but defines nothing for a Service, so only files with objects IN shop or the same folder.
    assert.deepEqual(first, ['b/shop-config.yaml', 'a/readme.yaml', 'd/app.yaml']);
    assert.deepEqual(rest, ['b/other.yaml', 'c/ns.yaml', 'd/kustomization.yaml', 'e/loose.yaml', 'infra/main.tf']);
    assert.ok(![...first, ...rest].includes('a/web.yaml'), 'the changed file is linted on its own');
  });

  it('takes the namespaces the file had before the change as well as after (an object moved)', () => {
    const ws = workspace();
    const before = ws.get('b/other.yaml');
    ws.update('b/other.yaml', obj('Service', 'other', 'shop'));
    const { first } = relintOrder(ws, 'b/other.yaml', before);
    assert.ok(first.includes('a/web.yaml'), 'now in shop');
    assert.ok(first.includes('b/shop-config.yaml'), 'same folder and namespace');
    ws.update('f/blog.yaml', obj('ConfigMap', 'blog-config', 'blog'));
    const again = relintOrder(ws, 'b/other.yaml', ws.get('b/other.yaml'));
    assert.ok(!again.first.includes('f/blog.yaml'), 'blog is no longer involved once the file left it');
    const moved = relintOrder(ws, 'b/other.yaml', before);
    assert.ok(moved.first.includes('f/blog.yaml'), 'it was in blog before');
  });

  it('a Namespace object counts for the namespace it defines; effective namespaces come from kustomizations', () => {
    const ws = workspace();
    const before = ws.get('c/ns.yaml');
    ws.update('c/ns.yaml', obj('Namespace', 'shop') + '  labels:\n    team: a\n');
    const { first, rest } = relintOrder(ws, 'c/ns.yaml', before);
    for (const f of ['a/web.yaml', 'b/shop-config.yaml', 'd/app.yaml']) assert.ok(first.includes(f), f); // d/app.yaml: shop through d/kustomization.yaml
    assert.ok(rest.includes('b/other.yaml'), 'blog is not involved');
    // The Namespace object itself counts as being in `default` (effectiveNamespace does not
    // special-case cluster-scoped kinds), so default-namespace files come first too: harmless.
    assert.ok(first.includes('e/loose.yaml'));
  });

  it('a deleted file orders by what it had; a new file by what it has', () => {
    const ws = workspace();
    const before = ws.get('b/shop-config.yaml');
    ws.remove('b/shop-config.yaml');
    const deleted = relintOrder(ws, 'b/shop-config.yaml', before);
    assert.deepEqual(deleted.first, ['a/web.yaml', 'b/other.yaml', 'd/app.yaml']);
    ws.update('g/new.yaml', obj('Service', 'new', 'blog'));
    const added = relintOrder(ws, 'g/new.yaml', undefined);
    assert.deepEqual(added.first, ['b/other.yaml']);
    assert.equal(added.first.length + added.rest.length, ws.paths().length - 1, 'every other file is still re-linted');
  });
});
