// The analysis core is pure: no vscode, no LSP types, no fs or process. This keeps
// it usable from the CLI, the server, the webview's graph code and tests alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const CORE = join(__dirname, '..', '..', 'server', 'src', 'core');
const FORBIDDEN = [/^vscode($|-)/, /^vscode-languageserver/, /^vscode-jsonrpc/, /^(node:)?fs($|\/)/, /^(node:)?child_process$/, /^(node:)?process$/, /^(node:)?worker_threads$/];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('server/src/core imports nothing from vscode, LSP, fs or process', () => {
  const bad: string[] = [];
  for (const f of files(CORE)) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (FORBIDDEN.some((re) => re.test(spec))) bad.push(`${relative(CORE, f)} imports ${spec}`);
    }
    if (/\bprocess\.(env|exit|argv|cwd|stdout|stderr)\b/.test(src)) bad.push(`${relative(CORE, f)} uses process`);
  }
  assert.deepEqual(bad, []);
});
