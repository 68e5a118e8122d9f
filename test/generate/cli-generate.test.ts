// `blueprint generate`, in process: arguments, validation messages, the refusal
// to overwrite (exit 2, nothing written) unless --force, and no write outside --out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli/main';

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {}, stdoutIsTTY: false });
  assert.equal(typeof code, 'number');
  return { code: code as number, stdout, stderr };
}

const ARGS = ['--domain', 'www.example.org', '--acr', 'exampleacr', '--storage-account', 'examplefiles', '--key-vault', 'example-kv', '--postgres-host', 'example-pg.postgres.database.azure.com', '--redis-host', 'example-redis.redis.cache.windows.net', '--git-url', 'ssh://git@github.com/example/drupal-gitops'];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'blueprint-gen-cli-'));
}

test('generate: writes the stack, then refuses to overwrite it (exit 2, nothing written), then --force overwrites', () => {
  const cwd = tempDir();
  try {
    const first = run(['generate', 'drupal-aks', '--out', 'gitops', ...ARGS], cwd);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Generated Drupal on AKS \(Flux\) in gitops \(\d+ files\):/);
    assert.ok(existsSync(join(cwd, 'gitops', 'clusters', 'production', 'apps.yaml')));
    // a user edit survives a second run
    writeFileSync(join(cwd, 'gitops', 'README.md'), 'mine\n');
    rmSync(join(cwd, 'gitops', 'apps', 'drupal', 'service.yaml'));
    const again = run(['generate', 'drupal-aks', '--out', 'gitops', ...ARGS], cwd);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /file\(s\) already exist in gitops; nothing was written \(use --force to overwrite them\)/);
    assert.match(again.stderr, /\n {2}README\.md\n/);
    assert.equal(readFileSync(join(cwd, 'gitops', 'README.md'), 'utf8'), 'mine\n');
    assert.ok(!existsSync(join(cwd, 'gitops', 'apps', 'drupal', 'service.yaml')), 'nothing is written when anything exists');
    const forced = run(['generate', 'drupal-aks', '--out', 'gitops', '--force', ...ARGS], cwd);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /README\.md {2}\(overwritten\)/);
    assert.match(readFileSync(join(cwd, 'gitops', 'README.md'), 'utf8'), /^# Drupal on AKS/);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

test('generate: never writes through a symbolic link inside --out, even with --force', () => {
  const cwd = tempDir();
  const outside = tempDir();
  try {
    mkdirSync(join(cwd, 'gitops'));
    symlinkSync(outside, join(cwd, 'gitops', 'apps'));
    const r = run(['generate', 'drupal-aks', '--out', 'gitops', '--force', ...ARGS], cwd);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot write apps: is a symbolic link; Blueprint does not write through links\.\nblueprint: nothing was written\.\n$/);
    assert.deepEqual(readdirSync(outside), []);
    assert.deepEqual(readdirSync(join(cwd, 'gitops')), ['apps']);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});

test('generate: usage errors and invalid values exit 2 with one sentence each', () => {
  const cwd = tempDir();
  try {
    const cases: [string[], RegExp][] = [
      [['generate'], /no stack given \(stacks: drupal-aks(, [a-z0-9-]+)*\)/],
      [['generate', 'drupal-ak', '--out', 'x'], /unknown stack "drupal-ak"; did you mean "drupal-aks"\?/],
      [['generate', 'drupal-aks', ...ARGS], /--out <folder> is required/],
      [['generate', 'drupal-aks', '--out', 'x', '--domian', 'a.org'], /unknown option "--domian" for drupal-aks; did you mean "--domain"\?/],
      [['generate', 'drupal-aks', '--out', 'x', '--domain'], /option --domain needs a value/],
      [['generate', 'drupal-aks', '--out', 'x', ...ARGS, '--replicas', '0'], /--replicas: The number of replicas must be a whole number from 1 to 50, got "0"\./],
      [['generate', 'drupal-aks', '--out', 'x', '--domain', 'www.example.org'], /--acr: Container registry \(ACR\) name is required\./],
    ];
    for (const [args, message] of cases) {
      const r = run(args, cwd);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stdout, '');
    }
    assert.deepEqual(readdirSync(cwd), [], 'nothing written on errors');
    const help = run(['generate', 'drupal-aks', '--help'], cwd);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--storage-account <value> +Storage account \(required\)/);
    assert.match(run(['generate', '--help'], cwd).stdout, /drupal-aks +Drupal on AKS \(Flux\)/);
    assert.match(run(['--help'], cwd).stdout, /generate <stack>/);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});
