// `npm run package`: the .vsix users install. Production bundles (minified, no
// source maps) from scripts/build.mjs, then `vsce package` with no dependencies
// (esbuild bundled them all); .vscodeignore decides what ships.
//   node scripts/package.mjs [--out file.vsix]
// It builds and packages in a staging folder (.e2e/package-*/, removed afterwards),
// never in dist/: a test or a watch build rewriting dist/ meanwhile cannot slip a
// development bundle into the package, and dist/ keeps its source maps.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const at = args.indexOf('--out');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = resolve(root, at >= 0 ? args[at + 1] : `${pkg.name}-${pkg.version}.vsix`);

function run(cmd, argv, cwd) {
  const r = spawnSync(cmd, argv, { cwd, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`package: ${[cmd, ...argv].join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
}

// Inside the project, so that Node and esbuild find its node_modules by walking up.
mkdirSync(join(root, '.e2e'), { recursive: true });
const stage = mkdtempSync(join(root, '.e2e', 'package-'));
try {
  // Sources and dependencies by link; what the package ships by copy.
  for (const name of ['client', 'server', 'node_modules']) symlinkSync(join(root, name), join(stage, name), 'dir');
  for (const name of ['package.json', '.vscodeignore', 'README.md', 'LICENSE', 'CHANGELOG.md', 'scripts/build.mjs', 'media', 'schemas', 'snippets', 'syntaxes', 'docs/rules']) {
    if (existsSync(join(root, name))) cpSync(join(root, name), join(stage, name), { recursive: true });
  }
  run(process.execPath, [join(stage, 'scripts/build.mjs'), '--production'], stage);
  const vsce = join(dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
  mkdirSync(dirname(out), { recursive: true });
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], stage);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
console.log(`package: ${out} (${(statSync(out).size / 1024).toFixed(0)} KiB)`);
