// Runs every test/**/*.test.ts with Node's test runner (Node 20 cannot glob .ts
// files itself). Extra arguments are passed through, e.g. a subset of files.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const find = (dir) =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === 'fixtures' || n === 'e2e' ? [] : find(p);
    return n.endsWith('.test.ts') ? [relative(root, p)] : [];
  });

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('-'));
const flags = args.filter((a) => a.startsWith('-'));
const selected = files.length ? files : find(join(root, 'test')).sort();
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...flags, ...selected], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
