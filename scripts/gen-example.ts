// `npm run gen:example`: regenerate examples/drupal-aks from the Drupal on AKS
// generator with fixed inputs, so the committed example cannot drift from the
// generator (test/generate/example.test.ts compares them). Files in the folder
// that the generator does not produce are removed; examples/ outside it is untouched.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { drupalAks } from '../server/src/core/generate';
import type { DrupalAksKey } from '../server/src/core/generate';

export const ROOT = join(__dirname, '..');
export const EXAMPLE_DIR = join(ROOT, 'examples', 'drupal-aks');

/** The inputs of the committed example (fictional names: nothing here exists). */
export const EXAMPLE_INPUT: Readonly<Partial<Record<DrupalAksKey, string>>> = {
  env: 'production',
  domain: 'www.example.org',
  email: 'ops@example.org',
  acr: 'exampleacr',
  storageAccount: 'examplefiles',
  keyVault: 'example-kv',
  postgresHost: 'example-pg.postgres.database.azure.com',
  redisHost: 'example-redis.redis.cache.windows.net',
  gitUrl: 'ssh://git@github.com/example/drupal-gitops',
  replicas: '3',
};

export function exampleFiles(): ReadonlyMap<string, string> {
  const result = drupalAks.generate(EXAMPLE_INPUT);
  if (!result.ok) throw new Error(`the example inputs are invalid: ${result.problems.map((p) => p.message).join(' ')}`);
  return result.files;
}

/** Every file under dir, as POSIX paths relative to it. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

function removeEmptyDirs(dir: string): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      removeEmptyDirs(p);
      if (readdirSync(p).length === 0) rmdirSync(p);
    }
  }
}

if (require.main === module) {
  const files = exampleFiles();
  let changed = 0;
  for (const stale of listFiles(EXAMPLE_DIR).filter((p) => !files.has(p))) {
    rmSync(join(EXAMPLE_DIR, stale));
    changed++;
  }
  for (const [rel, text] of files) {
    const abs = join(EXAMPLE_DIR, rel);
    if (existsSync(abs) && readFileSync(abs, 'utf8') === text) continue;
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    changed++;
  }
  if (existsSync(EXAMPLE_DIR)) removeEmptyDirs(EXAMPLE_DIR);
  console.log(`examples/drupal-aks: ${files.size} files, ${changed} changed.`);
}
