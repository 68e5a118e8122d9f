// Bundles the extension client, the language server and the CLI with esbuild.
// Runs on `npm install` (postinstall) and `npm run build`; `--watch` rebuilds on change.
import { build, context } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};

const targets = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server/main.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/server/cli.js' },
].filter((t) => existsSync(join(root, t.entryPoints[0])));

for (const t of targets) {
  const options = { ...node, ...t };
  if (watch) await (await context(options)).watch();
  else await build(options);
}
if (!watch) console.log(`blueprint: built ${targets.map((t) => t.outfile).join(', ')}`);
