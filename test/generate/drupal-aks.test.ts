// The Drupal on AKS generator: generated into a temporary folder, the stack lints
// clean under its profile (no error, no warning; the infos and hints it may have
// are listed here, so each is deliberate), every kustomization.yaml builds with
// `kubectl kustomize`, and the generator is pure and deterministic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { drupalAks, drupalAksFiles, resolveDrupalAksInput, safeRelativePath } from '../../server/src/core/generate';
import type { DrupalAksKey } from '../../server/src/core/generate';
import { runLint } from '../../server/src/cli/lint';

export const EXAMPLE_INPUT: Partial<Record<DrupalAksKey, string>> = {
  domain: 'www.example.org',
  acr: 'exampleacr',
  storageAccount: 'examplefiles',
  keyVault: 'example-kv',
  postgresHost: 'example-pg.postgres.database.azure.com',
  redisHost: 'example-redis.redis.cache.windows.net',
  gitUrl: 'ssh://git@github.com/example/drupal-gitops',
};

function generateInto(input: Partial<Record<DrupalAksKey, string>>, withConfig = true): { dir: string; files: ReadonlyMap<string, string> } {
  const result = drupalAks.generate(input);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  const dir = mkdtempSync(join(tmpdir(), 'blueprint-gen-drupal-'));
  for (const [rel, text] of result.files) {
    if (!withConfig && rel === '.blueprint.yaml') continue;
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return { dir, files: result.files };
}

function lintRows(dir: string): { rows: string[]; profile: string; skipped: unknown[]; ruleErrors: unknown[] } {
  const report = runLint({ paths: ['.'], format: 'json', rules: {}, fix: false, quiet: false }, dir);
  return {
    rows: report.findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}: ${f.message}`),
    profile: `${report.profile?.name}${report.profile?.detected ? ' (detected)' : ''}`,
    skipped: report.skipped,
    ruleErrors: report.ruleErrors,
  };
}

/** Infos and hints the generated stack is allowed to have: none today. Add one only with a reason. */
const ALLOWED_INFOS_AND_HINTS: string[] = [];

for (const variant of [
  { name: 'defaults (3 replicas, production)', input: EXAMPLE_INPUT },
  { name: 'one replica, staging, other names', input: { ...EXAMPLE_INPUT, replicas: '1', env: 'staging', namespace: 'site', image: 'web/drupal', imageTag: '2.3.4', branch: 'release/2.x', gitUrl: 'https://github.com/example/site' } },
]) {
  test(`drupal-aks (${variant.name}): lints with no finding under the drupal-aks profile`, () => {
    const { dir } = generateInto(variant.input);
    try {
      const lint = lintRows(dir);
      assert.equal(lint.profile, 'drupal-aks');
      assert.deepEqual(lint.ruleErrors, []);
      assert.deepEqual(lint.skipped, []);
      const serious = lint.rows.filter((r) => r.startsWith('error') || r.startsWith('warning'));
      assert.deepEqual(serious, [], 'errors and warnings on the generated stack');
      assert.deepEqual(lint.rows, ALLOWED_INFOS_AND_HINTS);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('drupal-aks: without .blueprint.yaml the drupal-aks profile is detected, and the stack is still clean', () => {
  const { dir } = generateInto(EXAMPLE_INPUT, false);
  try {
    const lint = lintRows(dir);
    assert.equal(lint.profile, 'drupal-aks (detected)');
    assert.deepEqual(lint.rows, ALLOWED_INFOS_AND_HINTS);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const noKubectl = kubectl.error || kubectl.status !== 0 ? 'kubectl is not installed on this machine: the kustomize builds are not checked' : false;

test('drupal-aks: kubectl kustomize builds every kustomization.yaml', { skip: noKubectl }, () => {
  const { dir, files } = generateInto(EXAMPLE_INPUT);
  try {
    const kustomizations = [...files.keys()].filter((p) => p === 'kustomization.yaml' || p.endsWith('/kustomization.yaml'));
    assert.ok(kustomizations.length >= 8, kustomizations.join(', '));
    for (const k of kustomizations) {
      const folder = join(dir, dirname(k));
      const r = spawnSync('kubectl', ['kustomize', folder], { encoding: 'utf8' });
      assert.equal(r.status, 0, `kubectl kustomize ${dirname(k)} failed:\n${r.stderr}`);
      assert.match(r.stdout, /^apiVersion: /m, `kubectl kustomize ${dirname(k)} built nothing`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('drupal-aks: the documented shape (order, security, TLS, storage, automation)', () => {
  const result = drupalAks.generate(EXAMPLE_INPUT);
  assert.ok(result.ok);
  const f = (p: string) => {
    const t = result.files.get(p);
    assert.ok(t !== undefined, `missing ${p}`);
    return t;
  };
  // infrastructure → certificates → drupal-migration → apps
  assert.doesNotMatch(f('clusters/production/infrastructure.yaml'), /dependsOn/);
  assert.match(f('clusters/production/certificates.yaml'), /dependsOn:\n {4}- name: infrastructure\n/);
  assert.match(f('clusters/production/drupal-migration.yaml'), /dependsOn:\n {4}- name: certificates\n[\s\S]*kind: Job\n {6}name: drupal-migration[\s\S]*provider: sops/);
  assert.match(f('clusters/production/apps.yaml'), /dependsOn:\n {4}- name: drupal-migration\n[\s\S]*kind: Deployment/);
  for (const k of ['infrastructure', 'certificates', 'drupal-migration', 'apps']) assert.match(f(`clusters/production/${k}.yaml`), /wait: true/);
  assert.match(f('apps/drupal-migration/migration-job.yaml'), /backoffLimit: 0[\s\S]*drush updatedb/);
  const deployment = f('apps/drupal/deployment.yaml');
  assert.match(deployment, /runAsUser: 82[\s\S]*fsGroup: 82/);
  assert.match(deployment, /- name: nginx[\s\S]*- name: php-fpm/);
  assert.match(deployment, /mountPath: \/var\/www\/html\/web\/sites\/default\/files/);
  assert.match(deployment, /- name: tmp\n {10}emptyDir:\n {12}medium: Memory/);
  assert.match(deployment, /exampleacr\.azurecr\.io\/drupal:1\.0\.0 # \{"\$imagepolicy": "flux-system:drupal"\}/);
  assert.match(f('infrastructure/storage/azure-blob-nfs.yaml'), /protocol: nfs[\s\S]*storageAccount: examplefiles[\s\S]*nconnect=8[\s\S]*actimeo=60/);
  assert.match(f('apps/drupal-migration/configmap.yaml'), /REDIS_PORT: "6380"[\s\S]*/);
  assert.match(f('apps/drupal-migration/configmap.yaml'), /DB_SSLMODE: require/);
  assert.match(f('apps/drupal-migration/drupal-secrets.enc.yaml'), /^# PLACEHOLDER/);
  assert.match(f('.sops.yaml'), /azure_keyvault: https:\/\/example-kv\.vault\.azure\.net\/keys\/sops/);
  assert.match(f('apps/drupal/ingressroute.yaml'), /Host\(`www\.example\.org`\)[\s\S]*security-headers[\s\S]*rate-limit[\s\S]*secretName: drupal-tls[\s\S]*redirect-https/);
  assert.match(f('apps/drupal-migration/networkpolicies.yaml'), /name: default-deny[\s\S]*port: 53[\s\S]*port: 5432[\s\S]*port: 6380/);
  assert.match(f('certificates/cluster-issuer.yaml'), /http01:\n {10}ingress:\n {12}ingressClassName: traefik/);
  assert.match(f('clusters/production/image-automation.yaml'), /kind: ImageRepository[\s\S]*kind: ImagePolicy[\s\S]*range: ">=1\.0\.0 <2\.0\.0"[\s\S]*kind: ImageUpdateAutomation/);
  assert.match(f('README.md'), /^# Drupal on AKS/);
  assert.match(f('infrastructure/namespaces/drupal.yaml'), /pod-security\.kubernetes\.io\/enforce: restricted/);
});

test('drupal-aks: pure and deterministic; every path is a safe relative path', () => {
  const a = drupalAks.generate(EXAMPLE_INPUT);
  const b = drupalAks.generate({ ...EXAMPLE_INPUT });
  assert.ok(a.ok && b.ok);
  assert.deepEqual([...a.files], [...b.files]);
  for (const p of a.files.keys()) assert.ok(safeRelativePath(p), p);
  assert.deepEqual([...a.files.keys()], [...a.files.keys()].sort());
  // one replica: no PodDisruptionBudget (maxUnavailable 1 would block every drain)
  const single = drupalAks.generate({ ...EXAMPLE_INPUT, replicas: '1' });
  assert.ok(single.ok && !single.files.has('apps/drupal/pdb.yaml'));
  assert.doesNotMatch(single.files.get('apps/drupal/kustomization.yaml')!, /pdb/);
});

test('drupal-aks: every input is validated, with a sentence per problem; bad input never throws', () => {
  const bad = (key: DrupalAksKey, value: string) => {
    const r = drupalAks.generate({ ...EXAMPLE_INPUT, [key]: value });
    assert.ok(!r.ok, `${key}=${value} was accepted`);
    assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
    assert.equal(r.problems[0].field, key);
    return r.problems[0].message;
  };
  assert.match(bad('domain', 'https://www.example.org'), /without a scheme/);
  assert.match(bad('domain', 'localhost'), /fully qualified/);
  assert.match(bad('domain', 'Example.org'), /lowercase/);
  assert.match(bad('domain', 'a..b.org'), /empty label/);
  assert.match(bad('domain', 'x.org\nkind: Secret'), /./);
  assert.match(bad('acr', 'my-acr'), /5 to 50 lowercase letters and digits/);
  assert.match(bad('storageAccount', 'Files_1'), /3 to 24 lowercase/);
  assert.match(bad('keyVault', 'kv--x'), /no "--"/);
  assert.match(bad('postgresHost', 'pg.example.org:5432'), /without a port/);
  assert.match(bad('redisHost', '10.0.0.4'), /./);
  assert.match(bad('gitUrl', 'git@github.com:org/repo.git'), /ssh:\/\/git@github\.com\/org\/repo\.git/);
  assert.match(bad('gitUrl', 'ftp://x.org/repo'), /https:\/\//);
  assert.match(bad('replicas', '0'), /1 to 50/);
  assert.match(bad('replicas', 'three'), /whole number/);
  assert.match(bad('env', 'Prod'), /DNS-1123/);
  assert.match(bad('namespace', 'kube-system'), /taken by the platform/);
  assert.match(bad('imageTag', 'latest'), /MAJOR\.MINOR\.PATCH/);
  assert.match(bad('branch', '../main'), /branch/);
  assert.match(bad('email', 'nobody'), /not an e-mail/);
  const missing = drupalAks.generate({});
  assert.ok(!missing.ok);
  assert.deepEqual(missing.problems.map((p) => p.field).sort(), ['acr', 'domain', 'gitUrl', 'keyVault', 'postgresHost', 'redisHost', 'storageAccount']);
  // never throws, whatever it is given
  for (const junk of [null, undefined, 42, 'x', [], { domain: 7 }]) assert.doesNotThrow(() => drupalAks.generate(junk as never));
  // derived default: the e-mail follows the domain
  assert.equal(resolveDrupalAksInput(EXAMPLE_INPUT).input?.email, 'admin@example.org');
  const generated = drupalAks.generate(EXAMPLE_INPUT);
  assert.ok(generated.ok);
  assert.deepEqual([...drupalAksFiles(resolveDrupalAksInput(EXAMPLE_INPUT).input!)], [...generated.files]);
});
