// The .vsix users install: `npm run package` (production bundles + vsce) must ship
// what runs and nothing else. Builds a fresh package into a temp dir, or checks
// the one named by BLUEPRINT_VSIX (the E2E passes the package it installs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';

const root = join(__dirname, '..', '..');

interface Entry {
  name: string;
  size: number;
  read(): Buffer;
}

/** The entries of a zip file, from its central directory (no dependency needed). */
function zipEntries(zip: Buffer): Entry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    assert.equal(zip.readUInt32LE(p), 0x02014b50, 'central directory entry');
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    entries.push({
      name,
      size,
      read() {
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const data = zip.subarray(start, start + compressed);
        return method === 0 ? data : inflateRawSync(data);
      },
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

describe('the packaged extension (.vsix)', () => {
  let dir: string | undefined;
  let vsix: string;
  let entries: Entry[];
  let names: string[];

  before(() => {
    if (process.env.BLUEPRINT_VSIX) vsix = process.env.BLUEPRINT_VSIX;
    else {
      dir = mkdtempSync(join(tmpdir(), 'blueprint-vsix-'));
      vsix = join(dir, 'blueprint.vsix');
      const r = spawnSync(process.execPath, [join(root, 'scripts/package.mjs'), '--out', vsix], { cwd: root, encoding: 'utf8' });
      assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
    }
    entries = zipEntries(readFileSync(vsix));
    names = entries.map((e) => e.name).filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('ships the bundles, the WASM, the webview, the rule docs and the manifest files', () => {
    for (const file of [
      'package.json',
      'dist/client/extension.js',
      'dist/server/main.js',
      'dist/server/web-tree-sitter.wasm',
      'dist/server/tree-sitter-hcl.wasm',
      'dist/webview/topology.js',
      'schemas/blueprint-config.schema.json',
      'syntaxes/terraform.tmLanguage.json',
      'docs/rules/README.md',
      'docs/rules/k8s/run-as-non-root.md',
      'media/icon.png',
      'media/walkthrough/lint.md',
      'readme.md',
      'changelog.md',
      'LICENSE.txt',
    ]) {
      assert.ok(names.includes(file), `${file} is in the .vsix`);
    }
  });

  test('ships no sources, tests, dependencies, source maps or tooling', () => {
    const forbidden = [/^src\//, /^(client|server)\//, /^test\//, /^scripts\//, /^examples\//, /(^|\/)node_modules\//, /\.map$/, /\.ts$/,
      /^\.e2e\//, /^\.ci\//, /^\.vscode\//, /^bin\//, /^dist\/server\/cli\.js$/, /\.vsix$/, /^package-lock\.json$/, /^media\/.*\.(svg|mjs)$/];
    const bad = names.filter((n) => forbidden.some((re) => re.test(n)));
    assert.deepEqual(bad, [], 'files that do not run in VS Code');
  });

  test('the manifest points at shipped files and allows VS Code 1.100 (code-server 4.100)', () => {
    const manifest = JSON.parse(entries.find((e) => e.name === 'extension/package.json')!.read().toString('utf8'));
    assert.ok(names.includes(manifest.main.replace(/^\.\//, '')), `main ${manifest.main} is shipped`);
    assert.ok(names.includes(manifest.icon), `icon ${manifest.icon} is shipped`);
    const engine = /^\^1\.(\d+)\./.exec(manifest.engines.vscode);
    assert.ok(engine && Number(engine[1]) <= 100, `engines.vscode ${manifest.engines.vscode} allows 1.100`);
  });

  test('the bundles are production builds and the package has a sane size', () => {
    const main = entries.find((e) => e.name === 'extension/dist/server/main.js')!.read().toString('utf8');
    assert.ok(!main.includes('sourceMappingURL'), 'no source map reference in the server bundle');
    const size = readFileSync(vsix).length;
    assert.ok(size > 500 * 1024, `the .vsix is ${size} bytes: too small to hold the bundles`);
    assert.ok(size < 8 * 1024 * 1024, `the .vsix is ${(size / 1024 / 1024).toFixed(1)} MiB: more than 8 MiB, check .vscodeignore`);
    assert.ok(names.length < 400, `${names.length} files in the .vsix`);
  });
});
