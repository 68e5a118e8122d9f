// Hostile inputs through the bundled CLI (issue 10): each gets a finding or a skip
// with a reason, in bounded time, and the other files still lint. (cli.test.ts
// covers binary files, the alias bomb, a 6 MB file, Helm templates and dangling links.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCli, makeWorkspace, removeWorkspaces, runCli } from './helpers';

before(() => buildCli());
after(() => removeWorkspaces());

const ROOT_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: root\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      securityContext:\n        runAsUser: 0\n';

interface JsonReport {
  findings: { file: string; ruleId: string; message: string }[];
  skipped?: { file: string; reason: string }[];
}

function lintJson(ws: string, args: string[] = []): { report: JsonReport; code: number | null; ms: number; stderr: string } {
  const r = runCli(['lint', '--format', 'json', ...args, '.'], ws);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  return { report: JSON.parse(r.stdout) as JsonReport, code: r.code, ms: r.ms, stderr: r.stderr };
}

const rootFindings = (rep: JsonReport) => rep.findings.filter((f) => f.ruleId === 'k8s/run-as-non-root').map((f) => f.file);

describe('hostile input (CLI)', () => {
  test('a 50 MB file is skipped with a reason, without being read, quickly', () => {
    const ws = makeWorkspace({ 'pod.yaml': ROOT_POD });
    writeFileSync(join(ws, 'huge.yaml'), 'a: 1\n');
    truncateSync(join(ws, 'huge.yaml'), 50 * 1024 * 1024); // sparse: NUL bytes, never written
    const { report, ms, stderr } = lintJson(ws);
    assert.match(stderr, /skipped huge\.yaml: file is 50\.0 MB, above the 5 MB limit/);
    assert.deepEqual(rootFindings(report), ['pod.yaml']);
    assert.ok(ms < 10_000, `took ${ms} ms`);
    // The graph command skips it the same way (it used to read it whole first).
    const g = runCli(['graph', '--format', 'json', '.'], ws);
    assert.equal(g.code, 0, g.stderr);
  });

  test('100,000 tiny documents in one file are linted in bounded time', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `a: ${i}`).join('\n---\n') + '\n';
    const ws = makeWorkspace({ 'many.yaml': many, 'pod.yaml': ROOT_POD });
    const { report, ms } = lintJson(ws);
    assert.deepEqual(rootFindings(report), ['pod.yaml']);
    assert.ok(ms < 60_000, `took ${ms} ms`);
  });

  test('cyclic and undefined aliases are syntax findings, the rest still lints', () => {
    const ws = makeWorkspace({
      'cycle.yaml': 'a: &a\n  b: *a\n---\nx: &x [*x]\n---\nref: *nowhere\n',
      'pod.yaml': ROOT_POD,
    });
    const { report } = lintJson(ws);
    const cyc = report.findings.filter((f) => f.file === 'cycle.yaml');
    assert.ok(cyc.some((f) => f.ruleId === 'yaml/syntax'), JSON.stringify(cyc));
    assert.deepEqual(rootFindings(report), ['pod.yaml']);
  });

  test('a symlink loop in the workspace is skipped with a reason', () => {
    const ws = makeWorkspace({ 'apps/pod.yaml': ROOT_POD });
    symlinkSync('..', join(ws, 'apps', 'loop'));
    symlinkSync('self.yaml', join(ws, 'self.yaml'));
    const { report, stderr, ms } = lintJson(ws);
    assert.match(stderr, /skipped apps\/loop: symlink loop/);
    assert.match(stderr, /skipped self\.yaml: symlink loop/);
    assert.deepEqual(rootFindings(report), ['apps/pod.yaml']);
    assert.ok(ms < 10_000);
  });

  test('symbolic links that resolve outside the linted folder are not followed, and say so', () => {
    const outer = makeWorkspace({ 'secret/pod.yaml': ROOT_POD.replace('name: root', 'name: outside'), 'other/x.yaml': 'a: 1\n' });
    const ws = join(outer, 'repo');
    mkdirSync(join(ws, 'apps'), { recursive: true });
    writeFileSync(join(ws, 'apps', 'pod.yaml'), ROOT_POD);
    symlinkSync(join(outer, 'secret'), join(ws, 'abs-dir')); // absolute target
    symlinkSync('../secret/pod.yaml', join(ws, 'rel-file.yaml')); // relative target
    symlinkSync('../../secret', join(ws, 'apps', 'up')); // from a subfolder
    symlinkSync('pod.yaml', join(ws, 'apps', 'inside.yaml')); // inside: followed
    const { report, stderr } = lintJson(ws);
    assert.match(stderr, /skipped abs-dir: symbolic link to .*secret, outside the folder being linted: not followed/);
    assert.match(stderr, /skipped rel-file\.yaml: symbolic link to .*secret[\\/]pod\.yaml, outside the folder being linted: not followed/);
    assert.match(stderr, /skipped apps[\\/]up: symbolic link to .*secret, outside the folder being linted: not followed/);
    assert.deepEqual(rootFindings(report).sort(), ['apps/inside.yaml', 'apps/pod.yaml']);
    assert.equal(stderr.match(/outside the folder being linted/g)?.length, 3, stderr);
    assert.ok(report.findings.every((f) => !f.file.includes('secret') && !f.file.startsWith('..')), JSON.stringify(report.findings.map((f) => f.file)));
  });

  test('symbolic link cycles, inside the folder or through a folder outside it, never loop', () => {
    const outer = makeWorkspace({ 'repo/a/pod.yaml': ROOT_POD, 'repo/c/c.yaml': 'a: 1\n', 'elsewhere/e.yaml': 'a: 1\n' });
    const ws = join(outer, 'repo');
    symlinkSync('../c', join(ws, 'a', 'to-c'));
    symlinkSync('../a', join(ws, 'c', 'to-a'));
    symlinkSync('../elsewhere', join(ws, 'out')); // a cycle that leaves the folder: elsewhere/back -> repo
    symlinkSync('../repo', join(outer, 'elsewhere', 'back'));
    const { report, stderr, ms } = lintJson(ws);
    assert.match(stderr, /skipped out: symbolic link to .*elsewhere, outside the folder being linted: not followed/);
    assert.match(stderr, /symlink loop \(folder already visited\)/);
    assert.deepEqual(rootFindings(report), ['a/pod.yaml']);
    assert.ok(ms < 10_000, `took ${ms} ms`);
  });

  test('a binary .blueprint.yaml is counted once: linted, with a meta/config finding saying why, not also skipped', () => {
    const ws = makeWorkspace({ '.blueprint.yaml': Buffer.from([0x00, 0x01, 0x02, 0x62]), 'pod.yaml': ROOT_POD });
    const r = runCli(['lint', '.'], ws);
    assert.equal(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /skipped/);
    assert.match(r.stdout, /\.blueprint\.yaml:1:1 +error +The configuration file is not readable as YAML \(binary file\): its settings are ignored\./);
    assert.equal(r.stdout.match(/\[meta\/config\]/g)?.length, 1, r.stdout);
    assert.match(r.stdout, / in 2 of 2 files\.$/m); // it used to say "in 2 of 1 file; 1 skipped"
  });

  test('a Flux Kustomization with path: ../../../etc is a finding; nothing outside the workspace is read', () => {
    const outer = makeWorkspace({ 'outside/pod.yaml': ROOT_POD.replace('name: root', 'name: outside') });
    const ws = join(outer, 'repo');
    mkdirSync(join(ws, 'clusters', 'prod'), { recursive: true });
    writeFileSync(
      join(ws, 'clusters', 'prod', 'apps.yaml'),
      'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ../../../outside\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n' +
        '---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: etc\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ../../../etc\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n' +
        '---\napiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: ssh://git@example.com/repo\n  ref:\n    branch: main\n',
    );
    const { report } = lintJson(ws);
    const paths = report.findings.filter((f) => f.ruleId === 'flux/path-exists');
    assert.equal(paths.length, 2, JSON.stringify(report.findings, null, 1));
    assert.ok(report.findings.every((f) => !f.file.includes('outside') && !f.file.startsWith('..') && !f.file.startsWith('/')), JSON.stringify(report.findings.map((f) => f.file)));
  });

  test('an HCL file with unbalanced braces and a 1 MB heredoc: findings, no crash, the rest still lints', () => {
    const heredoc = `resource "azurerm_storage_blob" "big" {\n  name = "big"\n  source_content = <<EOT\n${'x'.repeat(80).concat('\n').repeat(13_000)}EOT\n}\n`;
    const ws = makeWorkspace({
      'infra/unbalanced.tf': 'resource "azurerm_redis_cache" "r" {\n  name = "r"\n  minimum_tls_version = "1.0"\n\nresource "x" "y" {\n}}\n}\n',
      'infra/heredoc.tf': heredoc,
      'infra/unterminated.tf': `locals {\n  doc = <<EOT\n${'y'.repeat(1024 * 1024)}\n`,
      'pod.yaml': ROOT_POD,
    });
    const { report, ms } = lintJson(ws);
    assert.ok(report.findings.some((f) => f.file === 'infra/unbalanced.tf' && f.ruleId === 'hcl/syntax'), JSON.stringify(report.findings));
    assert.ok(report.findings.some((f) => f.file === 'infra/unterminated.tf' && f.ruleId === 'hcl/syntax'), JSON.stringify(report.findings));
    assert.ok(!report.findings.some((f) => f.file === 'infra/heredoc.tf' && f.ruleId === 'hcl/syntax'));
    assert.deepEqual(rootFindings(report), ['pod.yaml']);
    assert.ok(ms < 20_000, `took ${ms} ms`);
  });

  for (const [what, config, expect] of [
    ['a list', '- k8s/run-as-non-root\n- off\n', /The configuration must be a mapping/],
    ['unknown rules', 'rules:\n  k8s/run-as-nonroot: off\n  nope/nothing: error\n', /Unknown rule "k8s\/run-as-nonroot"; did you mean "k8s\/run-as-non-root"\?/],
    ['a wrong type', 'profile: 3\nrules: [a]\nignore: yes\n', /profile must be one of: baseline, restricted, drupal-aks/],
    ['a binary file', '\u0000\u0001\u0002', /binary file/],
  ] as const) {
    test(`a .blueprint.yaml that is ${what}: a meta/config finding or a note, the manifests still lint`, () => {
      const ws = makeWorkspace({ '.blueprint.yaml': config, 'pod.yaml': ROOT_POD });
      const r = runCli(['lint', '--format', 'json', '.'], ws);
      assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
      const report = JSON.parse(r.stdout) as JsonReport;
      const meta = report.findings.filter((f) => f.ruleId === 'meta/config');
      assert.ok(meta.some((f) => expect.test(f.message)) || expect.test(r.stderr), `${JSON.stringify(meta)}\n${r.stderr}`);
      assert.deepEqual(rootFindings(report), ['pod.yaml']);
    });
  }

  test('a file of invalid UTF-8 named .yaml is linted as text or skipped, never a crash', () => {
    const ws = makeWorkspace({ 'bad.yaml': Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28, 0xff, 0xfe, 0x0a, 0xe2, 0x82]), 'pod.yaml': ROOT_POD });
    const { report } = lintJson(ws);
    assert.deepEqual(rootFindings(report), ['pod.yaml']);
  });
});

