// The real drupal-aks-flux repository (../shared/corpus, test input only): its
// dependsOn chain is understood (no GitOps findings), and breaking it in memory
// gives exactly the expected findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Workspace } from '../../server/src/core/model/workspace';
import { Linter } from '../../server/src/core/rules/engine';
import { RULES } from '../../server/src/core/rules/registry';
import { GITOPS_RULES } from '../../server/src/core/rules/flux/group';
import { applyEdits, Finding } from '../../server/src/core/types';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'drupal-aks-flux');
const skip = existsSync(CORPUS) ? false : 'corpus not present';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function load(): Workspace {
  const ws = new Workspace();
  for (const f of walk(CORPUS)) if (/\.ya?ml$/.test(f)) ws.update(relative(CORPUS, f).split(sep).join('/'), readFileSync(f, 'utf8'));
  ws.setRoots(['.']); // as `blueprint lint .` from the repository
  return ws;
}

const GITOPS_IDS = new Set(GITOPS_RULES.map((r) => r.id));
const linter = new Linter(RULES, { rules: Object.fromEntries(RULES.map((r) => [r.id, GITOPS_IDS.has(r.id) ? r.severity : 'off'])) });

function lintAll(ws: Workspace): Finding[] {
  return ws.paths().flatMap((p) => {
    const r = linter.lintFile(ws, p);
    assert.deepEqual(r.ruleErrors, []);
    return r.findings;
  });
}

/** `file:line ruleId: message`, with the underlined text. */
function show(ws: Workspace, f: Finding): string {
  const text = ws.get(f.file)!.text;
  const line = text.slice(0, f.span.start).split('\n').length;
  return `${f.file}:${line} ${f.ruleId} [${text.slice(f.span.start, f.span.end)}]: ${f.message}`;
}

function edit(ws: Workspace, file: string, from: string, to: string): void {
  const text = ws.get(file)!.text;
  assert.ok(text.includes(from), `${file} holds ${JSON.stringify(from)}`);
  ws.update(file, text.replace(from, to));
}

test('the unmodified corpus: the dependsOn chain is understood, no GitOps finding', { skip }, () => {
  const ws = load();
  assert.deepEqual(lintAll(ws).map((f) => show(ws, f)), []);
});

test('removing certificates → infrastructure: one depends-on-order naming the CRDs, the Namespace and the provider; its fix restores the chain', { skip }, () => {
  const ws = load();
  edit(ws, 'clusters/production/certificates.yaml', '  dependsOn:\n    - name: infrastructure\n', '');
  const findings = lintAll(ws);
  assert.deepEqual(findings.map((f) => show(ws, f)), [
    'clusters/production/certificates.yaml:5 flux/depends-on-order [certificates]: Kustomization "certificates" does not depend on Kustomization "infrastructure" (directly or through its dependencies), but it applies ClusterIssuer (cert-manager.io) and Certificate (cert-manager.io), CRDs that "infrastructure" installs with the cert-manager chart (HelmRelease "cert-manager"); it applies Certificate "drupal-cert" into Namespace "drupal", which "infrastructure" creates. Add "infrastructure" to dependsOn.',
  ]);
  const f = findings[0];
  assert.deepEqual(f.related?.map((r) => r.file), [
    'clusters/production/infrastructure.yaml',
    'infrastructure/production/certificates.yaml',
    'infrastructure/base/cert-manager/release.yaml',
    'infrastructure/production/certificates.yaml',
    'infrastructure/base/namespaces/drupal.yaml',
  ]);
  assert.equal(f.fixes[0].title, 'Add "infrastructure" to dependsOn');
  ws.update(f.file, applyEdits(ws.get(f.file)!.text, f.fixes[0].edits));
  assert.match(ws.get(f.file)!.text, /wait: true\n {2}dependsOn:\n {4}- name: infrastructure\n$/);
  assert.deepEqual(lintAll(ws).map((x) => show(ws, x)), []);
});

test('a cycle (infrastructure → apps): depends-on-cycle on every edge, with the whole cycle', { skip }, () => {
  const ws = load();
  edit(ws, 'clusters/production/infrastructure.yaml', '  wait: true\n', '  wait: true\n  dependsOn:\n    - name: apps\n');
  assert.deepEqual(lintAll(ws).map((f) => show(ws, f)).sort(), [
    'clusters/production/apps-migration.yaml:18 flux/depends-on-cycle [certificates]: Kustomization "drupal-migration" depends on "certificates", which closes a dependency cycle: drupal-migration → certificates → infrastructure → apps → drupal-migration. Flux waits forever and never reconciles any of them.',
    'clusters/production/apps.yaml:19 flux/depends-on-cycle [drupal-migration]: Kustomization "apps" depends on "drupal-migration", which closes a dependency cycle: apps → drupal-migration → certificates → infrastructure → apps. Flux waits forever and never reconciles any of them.',
    'clusters/production/certificates.yaml:18 flux/depends-on-cycle [infrastructure]: Kustomization "certificates" depends on "infrastructure", which closes a dependency cycle: certificates → infrastructure → apps → drupal-migration → certificates. Flux waits forever and never reconciles any of them.',
    'clusters/production/infrastructure.yaml:18 flux/depends-on-cycle [apps]: Kustomization "infrastructure" depends on "apps", which closes a dependency cycle: infrastructure → apps → drupal-migration → certificates → infrastructure. Flux waits forever and never reconciles any of them.',
  ]);
});

test('a misspelt dependsOn: depends-on-missing with the closest-name fix, nothing else', { skip }, () => {
  const ws = load();
  edit(ws, 'clusters/production/apps.yaml', '- name: drupal-migration', '- name: drupal-migraton');
  const findings = lintAll(ws);
  assert.deepEqual(findings.map((f) => show(ws, f)), [
    'clusters/production/apps.yaml:19 flux/depends-on-missing [drupal-migraton]: Kustomization "apps" depends on Kustomization "drupal-migraton" (namespace "flux-system"), which is not in the workspace; did you mean "drupal-migration"?',
  ]);
  assert.deepEqual(findings[0].fixes.map((x) => [x.title, x.safe]), [['Depend on "drupal-migration"', true]]);
  ws.update(findings[0].file, applyEdits(ws.get(findings[0].file)!.text, findings[0].fixes[0].edits));
  assert.deepEqual(lintAll(ws), []);
});

test('a path that does not exist: flux/path-exists with the closest folder', { skip }, () => {
  const ws = load();
  edit(ws, 'clusters/production/certificates.yaml', 'path: ./infrastructure/production/certificates', 'path: ./infrastructure/prod/certificates');
  assert.deepEqual(lintAll(ws).map((f) => show(ws, f)), [
    'clusters/production/certificates.yaml:14 flux/path-exists [./infrastructure/prod/certificates]: Kustomization "certificates" applies "./infrastructure/prod/certificates", which does not exist in the repository; did you mean "./infrastructure/production/certificates"?',
  ]);
});
