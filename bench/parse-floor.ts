// The raw parse floor of a set of folders: read every .yaml/.yml/.tf file and parse it
// with the `yaml` package (parseAllDocuments) or tree-sitter HCL (parser.parse), nothing
// else. Prints JSON: { files, ms, readMs, yamlMs, hclMs } (time inside the process,
// after the WASM parser is loaded).
//   node --import tsx bench/parse-floor.ts <dir>...
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Language, Parser } from 'web-tree-sitter';
import { readHclWasm } from '../server/src/node/hcl';

function walk(dir: string, out: string[]): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === '.git' || e.name === '.terraform') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ya?ml|tf)$/i.test(e.name)) out.push(p);
  }
  return out;
}

async function main(): Promise<void> {
  const wasm = readHclWasm();
  if (!wasm) throw new Error('HCL WASM not found');
  await Parser.init({ wasmBinary: wasm.runtime } as object);
  const parser = new Parser();
  parser.setLanguage(await Language.load(wasm.grammar));
  const start = performance.now();
  const files = process.argv.slice(2).flatMap((d) => walk(d, []));
  let readMs = 0, yamlMs = 0, hclMs = 0, docs = 0;
  for (const f of files) {
    let t = performance.now();
    const text = readFileSync(f, 'utf8');
    readMs += performance.now() - t;
    t = performance.now();
    if (f.endsWith('.tf')) {
      parser.parse(text)?.delete();
      hclMs += performance.now() - t;
    } else {
      docs += parseAllDocuments(text).length;
      yamlMs += performance.now() - t;
    }
  }
  const ms = performance.now() - start;
  console.log(JSON.stringify({ files: files.length, docs, ms, readMs, yamlMs, hclMs }));
}

void main();
