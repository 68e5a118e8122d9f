// Bundles the extension client, the language server and the CLI with esbuild.
// Runs on `npm install` (postinstall) and `npm run build`; `--watch` rebuilds on change.
import { build, context } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
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
  // web-tree-sitter's ES module build finds its files through import.meta.url, which a
  // CommonJS bundle does not have: bundle its CommonJS build (the WASM is passed in anyway).
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
};

const targets = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server/main.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/server/cli.js' },
  // The topology webview runs in the browser: elkjs's bundled build lays out there, no worker file.
  { entryPoints: ['client/webview/main.ts'], outfile: 'dist/webview/topology.js', platform: 'browser', format: 'iife', target: 'chrome114' },
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
// The HCL parser's WASM (web-tree-sitter's runtime and the HCL grammar) is loaded
// at startup from next to the server and CLI bundles (server/src/node/hcl.ts).
{
  const require = createRequire(import.meta.url);
  const wasm = [
    require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
    join(dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')), 'tree-sitter-hcl.wasm'),
  ];
  mkdirSync(join(root, 'dist', 'server'), { recursive: true });
  for (const from of wasm) {
    const to = join(root, 'dist', 'server', basename(from));
    const bytes = readFileSync(from);
    if (existsSync(to) && readFileSync(to).equals(bytes)) continue;
    const tmp = `${to}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, to);
  }
}
if (!watch) console.log(`blueprint: built ${targets.map((t) => t.outfile).join(', ')}`);
