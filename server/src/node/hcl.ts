// Finds and loads the two WASM files the HCL parser needs, for the front ends
// (CLI, language server, tests). The bundles in dist/server/ have copies next to
// them (scripts/build.mjs puts them there: the packaged extension has no
// node_modules); from source (tsx) they come from node_modules.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HclWasm, hclReady, initHcl } from '../core/syntax/hcl';

export const RUNTIME_WASM = 'web-tree-sitter.wasm';
export const GRAMMAR_WASM = 'tree-sitter-hcl.wasm';

/** Where the WASM files are: next to the running bundle, else in node_modules. */
export function locateHclWasm(): { runtime: string; grammar: string } | undefined {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const local = { runtime: join(here, RUNTIME_WASM), grammar: join(here, GRAMMAR_WASM) };
  if (existsSync(local.runtime) && existsSync(local.grammar)) return local;
  try {
    const runtime = require.resolve(`web-tree-sitter/${RUNTIME_WASM}`);
    const grammar = join(dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')), GRAMMAR_WASM);
    if (existsSync(runtime) && existsSync(grammar)) return { runtime, grammar };
  } catch {
    // not installed: .tf files are skipped with a reason
  }
  return undefined;
}

export function readHclWasm(): HclWasm | undefined {
  const at = locateHclWasm();
  if (!at) return undefined;
  return { runtime: readFileSync(at.runtime), grammar: readFileSync(at.grammar) };
}

/**
 * Initialise the HCL parser from the WASM files on disk (once; later calls are
 * cheap). Resolves to an error message when it cannot, never rejects: Terraform
 * files are then skipped with a reason, and YAML linting goes on.
 */
export async function initHclFromDisk(): Promise<string | undefined> {
  if (hclReady()) return undefined;
  try {
    const wasm = readHclWasm();
    if (!wasm) return `${RUNTIME_WASM} and ${GRAMMAR_WASM} not found: Terraform files are not analysed`;
    await initHcl(wasm);
    return undefined;
  } catch (e) {
    return `cannot load the HCL parser: ${e instanceof Error ? e.message : String(e)}`;
  }
}
