// Bundles the extension client, the language server and the CLI with esbuild.
// Runs on `npm install` (postinstall) and `npm run build`; `--watch` rebuilds on change.
import { build, context } from 'esbuild';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
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
  else {
    // Write to a temporary name and rename: a test or server starting meanwhile
    // never loads a half-written bundle.
    const result = await build({ ...options, write: false });
    for (const file of result.outputFiles) {
      mkdirSync(dirname(file.path), { recursive: true });
      const tmp = `${file.path}.${process.pid}.tmp`;
      writeFileSync(tmp, file.contents);
      renameSync(tmp, file.path);
    }
  }
}
if (!watch) console.log(`blueprint: built ${targets.map((t) => t.outfile).join(', ')}`);
