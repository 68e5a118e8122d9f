// Hostile inputs to the pure core (issue 10): bounded time, a finding or a skip
// with a reason, never a throw, and the other files of the workspace unaffected.
// The same inputs through the CLI (reading from disk): test/cli/hostile.test.ts.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../server/src/core/config';
import { MAX_FILE_BYTES, Workspace } from '../../server/src/core/model/workspace';
import { Linter } from '../../server/src/core/rules/engine';
import { RULES } from '../../server/src/core/rules/registry';
import { defineRule } from '../../server/src/core/rules/rule';
import { initHclFromDisk } from '../../server/src/node/hcl';
import { drupalAks, safeRelativePath } from '../../server/src/core/generate';

before(async () => assert.equal(await initHclFromDisk(), undefined));

const ROOT_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: root\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      securityContext:\n        runAsUser: 0\n';
const IDS = RULES.map((r) => r.id);

function lintAll(files: Record<string, string>, rules = RULES) {
  const ws = new Workspace();
  for (const [k, v] of Object.entries(files)) ws.update(k, v);
  const linter = new Linter(rules);
  const out = new Map<string, ReturnType<Linter['lintFile']>>();
  for (const p of ws.paths()) out.set(p, linter.lintFile(ws, p));
  return { ws, out };
}

function assertPodStillLints(out: Map<string, ReturnType<Linter['lintFile']>>) {
  assert.ok(out.get('pod.yaml')!.findings.some((f) => f.ruleId === 'k8s/run-as-non-root'));
  for (const [p, r] of out) assert.deepEqual(r.ruleErrors, [], p);
}

test('cyclic, self-referencing and undefined aliases: syntax findings, no hang', () => {
  const t0 = Date.now();
  const { out } = lintAll({ 'cycle.yaml': 'a: &a\n  b: *a\n---\nx: &x [*x]\n---\nref: *nowhere\n---\n<<: *nowhere\n', 'pod.yaml': ROOT_POD });
  const ids = out.get('cycle.yaml')!.findings.map((f) => f.ruleId);
  assert.ok(ids.filter((id) => id === 'yaml/syntax').length >= 2, JSON.stringify(out.get('cycle.yaml')!.findings));
  assertPodStillLints(out);
  assert.ok(Date.now() - t0 < 5000);
});

test('a file above the size limit is skipped with a reason before parsing', () => {
  const big = 'a: ' + 'x'.repeat(MAX_FILE_BYTES) + '\n';
  const t0 = Date.now();
  const { ws, out } = lintAll({ 'big.yaml': big, 'pod.yaml': ROOT_POD });
  assert.match(ws.get('big.yaml')!.skipped ?? '', /larger than 5 MB/);
  assert.equal(ws.get('big.yaml')!.yaml, undefined);
  assert.deepEqual(out.get('big.yaml')!.findings, []);
  assertPodStillLints(out);
  assert.ok(Date.now() - t0 < 5000);
});

test('100,000 tiny documents in one file: parsed and linted in bounded time', () => {
  const text = Array.from({ length: 100_000 }, (_, i) => `a: ${i}`).join('\n---\n') + '\n';
  const t0 = Date.now();
  const { ws, out } = lintAll({ 'many.yaml': text, 'pod.yaml': ROOT_POD });
  assert.equal(ws.get('many.yaml')!.yaml!.documents.length, 100_000);
  assertPodStillLints(out);
  assert.ok(Date.now() - t0 < 45_000, `took ${Date.now() - t0} ms`);
});

test('binary content named .yaml or .tf is skipped with a reason', () => {
  const { ws, out } = lintAll({ 'x.yaml': 'a: \u0000\u0001\uFFFD', 'x.tf': 'resource "a" "b" {\u0000}', 'pod.yaml': ROOT_POD });
  assert.equal(ws.get('x.yaml')!.skipped, 'binary file');
  assert.equal(ws.get('x.tf')!.skipped, 'binary file');
  assertPodStillLints(out);
});

test('a Flux Kustomization path climbing out of the repository is a finding (the core reads no disk)', () => {
  const ks = (name: string, path: string) =>
    `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ${path}\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n`;
  const { out } = lintAll({
    'clusters/prod/apps.yaml': [ks('etc', '../../../etc'), ks('abs', '/etc/passwd'), ks('nul', '"./apps\\0/../../.."')].join('---\n'),
    'pod.yaml': ROOT_POD,
  });
  const found = out.get('clusters/prod/apps.yaml')!.findings.filter((f) => f.ruleId === 'flux/path-exists');
  assert.ok(found.some((f) => /\.\.\/\.\.\/\.\.\/etc.*climbs out of the repository root/.test(f.message)), JSON.stringify(found.map((f) => f.message)));
  assertPodStillLints(out);
});

test('HCL with unbalanced braces, an unterminated and a 1 MB heredoc: hcl/syntax findings, no throw, bounded time', () => {
  const t0 = Date.now();
  const { out } = lintAll({
    'unbalanced.tf': 'resource "azurerm_redis_cache" "r" {\n  name = "r"\n\nresource "x" "y" {\n}}}\n}\n{{{\n',
    'heredoc.tf': `locals {\n  doc = <<EOT\n${'x'.repeat(100).concat('\n').repeat(10_500)}EOT\n}\n`,
    'unterminated.tf': `locals {\n  doc = <<EOT\n${'y'.repeat(1024 * 1024)}\n`,
    // Deep nesting used to overflow the stack in the HCL conversion (found by the fuzz harness).
    'nested.tf': `locals {\n  x = ${'['.repeat(20_000)}${']'.repeat(20_000)}\n  y = ${'{a = '.repeat(5000)}1${'}'.repeat(5000)}\n}\n`,
    'blocks.tf': `resource "a" "b" {\n${'x {\n'.repeat(5000)}${'}\n'.repeat(5000)}}\n`,
    'pod.yaml': ROOT_POD,
  });
  assert.ok(out.get('unbalanced.tf')!.findings.some((f) => f.ruleId === 'hcl/syntax'));
  assert.ok(out.get('unterminated.tf')!.findings.some((f) => f.ruleId === 'hcl/syntax'));
  assert.ok(!out.get('heredoc.tf')!.findings.some((f) => f.ruleId === 'hcl/syntax'));
  for (const f of ['nested.tf', 'blocks.tf']) assert.ok(out.get(f)!.findings.some((x) => x.ruleId === 'hcl/syntax' && /nested more than 256 levels deep/.test(x.message)), f);
  assertPodStillLints(out);
  assert.ok(Date.now() - t0 < 20_000, `took ${Date.now() - t0} ms`);
});

test('deeply nested YAML (flow and block) does not overflow the stack', () => {
  const block = Array.from({ length: 2000 }, (_, d) => ' '.repeat(d) + `k${d}:`).join('\n') + ' v\n';
  const flow = 'x: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
  const { out } = lintAll({ 'block.yaml': block, 'flow.yaml': flow, 'pod.yaml': ROOT_POD });
  assertPodStillLints(out);
});

test('.blueprint.yaml that is a list, has unknown rules or wrong types: problems with messages, the valid parts still apply', () => {
  const list = parseConfig('- a\n- b\n', IDS);
  assert.deepEqual(list.config, {});
  assert.match(list.problems.map((p) => p.message).join('\n'), /must be a mapping/);

  const unknown = parseConfig('rules:\n  k8s/run-as-nonroot: off\n  k8s/cpu-limit: off\n', IDS);
  assert.match(unknown.problems.map((p) => p.message).join('\n'), /Unknown rule "k8s\/run-as-nonroot"; did you mean "k8s\/run-as-non-root"\?/);
  assert.equal(unknown.config.rules?.['k8s/cpu-limit'], 'off');

  const wrong = parseConfig('profile: 3\nrules: [a]\nignore: yes\n', IDS);
  assert.equal(wrong.problems.length, 3, JSON.stringify(wrong.problems));
  for (const text of ['', '\u0000', '~', '"just a string"', 'rules: *nowhere', 'a: &a [*a]', '{'.repeat(10_000)]) assert.doesNotThrow(() => parseConfig(text, IDS), JSON.stringify(text.slice(0, 20)));
});

test('a rule that throws is reported once per object with its id; the other rules still run', () => {
  const explodes = defineRule({
    id: 'test/explodes',
    severity: 'warning',
    category: 'meta',
    profile: 'baseline',
    docs: 'Throws on every Pod.',
    messages: {},
    appliesTo: ['Pod'],
    check() {
      throw new Error('kaboom');
    },
  });
  const { out } = lintAll({ 'pod.yaml': ROOT_POD }, [...RULES, explodes]);
  const r = out.get('pod.yaml')!;
  assert.deepEqual(r.ruleErrors, [{ ruleId: 'test/explodes', file: 'pod.yaml', object: 'Pod/shop/root', message: 'kaboom' }]);
  assert.ok(r.findings.some((f) => f.ruleId === 'k8s/run-as-non-root'));
});

test('generator paths: safeRelativePath refuses every way out of the target folder', () => {
  for (const bad of ['', '..', '../x', 'a/../../b', 'a/./b', './a', '/etc/passwd', 'C:x', 'c:/x', 'a\\..\\b', 'a//b', 'a/', 'a\u0000b', '.'])
    assert.equal(safeRelativePath(bad), false, JSON.stringify(bad));
  for (const good of ['a.yaml', 'clusters/production/flux-system/gotk-sync.yaml', '..a/b..', 'a/.hidden']) assert.equal(safeRelativePath(good), true, good);
});

const EXAMPLE_INPUT = {
  domain: 'www.example.org',
  acr: 'exampleacr',
  storageAccount: 'examplefiles',
  keyVault: 'example-kv',
  postgresHost: 'example-pg.postgres.database.azure.com',
  redisHost: 'example-redis.redis.cache.windows.net',
  gitUrl: 'ssh://git@github.com/example/drupal-gitops',
};

test('generator input that names a folder cannot climb out: invalid, never a path with ".."', () => {
  for (const env of ['../../etc', '..', 'a/b', '/tmp/x', 'prod\u0000', 'C:\\x', '%2e%2e']) {
    const r = drupalAks.generate({ ...EXAMPLE_INPUT, env });
    if (r.ok) for (const p of r.files.keys()) assert.ok(safeRelativePath(p), `${env}: ${p}`);
    assert.equal(r.ok, false, `env ${JSON.stringify(env)} is refused`);
  }
  const fine = drupalAks.generate(EXAMPLE_INPUT);
  assert.ok(fine.ok);
  for (const p of fine.files.keys()) assert.ok(safeRelativePath(p), p);
});
