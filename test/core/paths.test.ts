import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basenameKey, dirnameKey, isUnder, joinKey, normalizeKey, relativeKey } from '../../server/src/core/paths';

test('normalizes relative paths and URIs', () => {
  assert.equal(normalizeKey('a/./b//c/../d.yaml'), 'a/b/d.yaml');
  assert.equal(normalizeKey('../shared/corpus/./x'), '../shared/corpus/x');
  assert.equal(normalizeKey('a/../../b'), '../b');
  assert.equal(normalizeKey('/a/../../b'), '/b');
  assert.equal(normalizeKey('file:///work/repo/apps/../infra/x.yaml'), 'file:///work/repo/infra/x.yaml');
});

test('dirname, basename, join, relative', () => {
  assert.equal(dirnameKey('file:///work/repo/apps/x.yaml'), 'file:///work/repo/apps');
  assert.equal(dirnameKey('x.yaml'), '.');
  assert.equal(basenameKey('file:///work/repo/apps/x.yaml'), 'x.yaml');
  assert.equal(joinKey('file:///work/repo/clusters/prod', '../../apps/base'), 'file:///work/repo/apps/base');
  assert.equal(joinKey('apps', './drupal/'), 'apps/drupal');
  assert.equal(joinKey('.', 'apps'), 'apps');
  assert.equal(joinKey('file:///work/repo', '/etc/passwd'), 'file:///etc/passwd');
  assert.equal(relativeKey('file:///work/repo', 'file:///work/repo/apps/x.yaml'), 'apps/x.yaml');
  assert.equal(relativeKey('file:///work/repo', 'file:///work/other/x.yaml'), undefined);
  assert.equal(relativeKey('.', 'apps/x.yaml'), 'apps/x.yaml');
  assert.ok(isUnder('../c/apps/x.yaml', '../c'));
  assert.ok(!isUnder('../cx/apps', '../c'));
});
