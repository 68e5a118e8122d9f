// `blueprint graph`: the JSON contract of the topology issue, Mermaid, and SVG
// from the webview's own layout and renderer; usage errors. Runs the bundled
// command (bin/blueprint.js) on temporary workspaces and on the corpus.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../../server/src/cli/args';
import { EDGE_TYPES } from '../../server/src/core/topology/types';
import { GITOPS_FILES, NETWORK_FILES, XSS_NAME } from '../harness/topology';
import { buildCli, checkedRulesConfig, CORPUS, makeWorkspace, removeWorkspaces, runCli } from './helpers';

before(() => buildCli());
after(() => removeWorkspaces());

describe('blueprint graph', () => {
  test('argument parsing: defaults, views, formats, mistakes', () => {
    assert.deepEqual(parseArgs(['graph'], []), { kind: 'graph', options: { paths: ['.'], view: 'network', format: 'json' } });
    assert.deepEqual(parseArgs(['graph', 'k8s', '--view=gitops', '-f', 'svg'], []), { kind: 'graph', options: { paths: ['k8s'], view: 'gitops', format: 'svg' } });
    assert.deepEqual(parseArgs(['help', 'graph'], []), { kind: 'help', topic: 'graph' });
    assert.throws(() => parseArgs(['graph', '--view', 'cloud'], []), /unknown view "cloud" \(use network, gitops or infrastructure\)/);
    assert.throws(() => parseArgs(['graph', '--format', 'png'], []), /unknown graph format "png" \(use json, svg or mermaid\)/);
    assert.throws(() => parseArgs(['grpah'], []), /did you mean "graph"/);
  });

  test('--format json: nodes with id, kind, name, namespace, file, line, findings; typed edges', () => {
    const ws = makeWorkspace({ ...NETWORK_FILES, '.blueprint.yaml': checkedRulesConfig() });
    const r = runCli(['graph', '.', '--view', 'network', '--format', 'json'], ws);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { view: string; nodes: Record<string, unknown>[]; edges: { from: string; to: string; type: string }[] };
    assert.equal(out.view, 'network');
    const web = out.nodes.find((n) => n.id === 'Deployment/shop/web')!;
    assert.deepEqual(
      { id: web.id, kind: web.kind, name: web.name, namespace: web.namespace, file: web.file, line: web.line },
      { id: 'Deployment/shop/web', kind: 'Deployment', name: 'web', namespace: 'shop', file: 'app/deployment.yaml', line: 4 },
    );
    // k8s/run-as-non-root is on: the web Deployment runs as root.
    assert.deepEqual(Object.keys(web.findings as object), ['error', 'warning', 'info', 'hint']);
    assert.ok((web.findings as Record<string, number>).error >= 1, JSON.stringify(web.findings));
    const internet = out.nodes.find((n) => n.id === 'internet')!;
    assert.equal(internet.file, undefined);
    assert.ok(out.nodes.some((n) => n.name === XSS_NAME));
    for (const e of out.edges) assert.ok((EDGE_TYPES as readonly string[]).includes(e.type), e.type);
    assert.ok(out.edges.some((e) => e.from === 'Service/shop/web' && e.to === 'Deployment/shop/web' && e.type === 'selects'));
  });

  test('--format mermaid and --format svg', () => {
    const ws = makeWorkspace(GITOPS_FILES);
    const m = runCli(['graph', '--view', 'gitops', '--format', 'mermaid'], ws);
    assert.equal(m.code, 0, m.stderr);
    assert.match(m.stdout, /^flowchart TD\n/);
    assert.match(m.stdout, /subgraph ns\d+\["namespace flux-system"\]/);
    assert.match(m.stdout, /linkStyle \d+ stroke:#d1242f/, 'the cycle is red');
    const s = runCli(['graph', '--view', 'gitops', '--format', 'svg'], ws);
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stdout, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="bp-topology" data-view="gitops"/);
    assert.match(s.stdout, /<style>/, 'standalone: the stylesheet is embedded');
    assert.equal((s.stdout.match(/class="bp-node /g) ?? []).length, 12);
    assert.ok((s.stdout.match(/class="bp-edge bp-edge-depends-on( bp-cycle)?"/g) ?? []).length >= 4);
    assert.match(s.stdout, /bp-cycle/);
  });

  test('an XSS payload name is escaped in the SVG', () => {
    const ws = makeWorkspace(NETWORK_FILES);
    const s = runCli(['graph', '--format', 'svg'], ws);
    assert.equal(s.code, 0, s.stderr);
    assert.ok(!s.stdout.includes('<img'), 'no markup from a manifest');
    assert.ok(s.stdout.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });

  test('infrastructure without Terraform, and usage errors', () => {
    const ws = makeWorkspace(NETWORK_FILES);
    const r = runCli(['graph', '--view', 'infrastructure'], ws);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), { view: 'infrastructure', nodes: [], edges: [], empty: 'No Terraform in this workspace.' });
    const bad = runCli(['graph', '--view', 'clouds'], ws);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'blueprint: unknown view "clouds" (use network, gitops or infrastructure).\nRun "blueprint graph --help" for usage.\n');
    const help = runCli(['graph', '--help'], ws);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: blueprint graph/);
  });

  test('the drupal-aks-flux corpus: the GitOps order as JSON', { skip: !existsSync(join(CORPUS, 'drupal-aks-flux')) && 'corpus not found' }, () => {
    const r = runCli(['graph', join(CORPUS, 'drupal-aks-flux'), '--view', 'gitops'], CORPUS);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { edges: { from: string; to: string; type: string }[] };
    const deps = out.edges.filter((e) => e.type === 'depends-on').map((e) => `${e.from.split('/').pop()} -> ${e.to.split('/').pop()}`).sort();
    assert.deepEqual(deps, ['apps -> drupal-migration', 'certificates -> infrastructure', 'drupal-migration -> certificates']);
  });
});
