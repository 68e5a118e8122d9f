// Shared by the CLI tests: building and running the bundled `blueprint` command,
// temporary workspaces, and a config that keeps only the rules a test asserts on
// (so rules that land later do not change these tests' expected output).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { RULES } from '../../server/src/core/rules/registry';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const CORPUS = resolve(PROJECT_ROOT, '..', 'shared', 'corpus');

/** The rules the CLI tests assert on; every other rule is turned off in their workspaces. */
export const CHECKED_RULES = ['k8s/run-as-non-root', 'yaml/syntax', 'yaml/duplicate-key', 'meta/config', 'meta/unused-suppression'];

/** `rules:` entries turning off every registered rule not in `keep`. */
export function rulesOffExcept(keep: readonly string[] = CHECKED_RULES): string {
  return RULES.filter((r) => !keep.includes(r.id))
    .map((r) => `  ${r.id}: off\n`)
    .join('');
}

/** A `.blueprint.yaml` text with only the checked rules on (plus extra top-level lines). */
export function checkedRulesConfig(extra = ''): string {
  return `# Only the rules the CLI tests assert on.\n${extra}rules:\n${rulesOffExcept()}`;
}

/** Where runCli finds `bin/blueprint.js` (a private copy, see buildCli). */
let cliRoot: string | undefined;

/**
 * Bundle the CLI as `npm run build` does, then copy bin/blueprint.js and
 * dist/server/cli.js, same layout, to a private folder: other test files rebuild
 * dist/ concurrently, and a run must never load a half-written bundle. The bundle
 * is self-contained (no runtime node_modules), so the copy runs as the original.
 */
export function buildCli(): void {
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs')], { cwd: PROJECT_ROOT, stdio: 'pipe' });
  const root = mkdtempSync(join(tmpdir(), 'blueprint-cli-build-'));
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'dist', 'server'), { recursive: true });
  copyFileSync(join(PROJECT_ROOT, 'bin', 'blueprint.js'), join(root, 'bin', 'blueprint.js'));
  const bundlePath = join(PROJECT_ROOT, 'dist', 'server', 'cli.js');
  for (let attempt = 1; ; attempt++) {
    const code = readFileSync(bundlePath, 'utf8');
    try {
      new Script(code, { filename: bundlePath }); // it parses: not caught mid-write
      writeFileSync(join(root, 'dist', 'server', 'cli.js'), code);
      break;
    } catch (e) {
      if (attempt >= 50) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  // The HCL parser's WASM files sit next to the bundle (scripts/build.mjs copies them).
  for (const wasm of ['web-tree-sitter.wasm', 'tree-sitter-hcl.wasm']) copyFileSync(join(PROJECT_ROOT, 'dist', 'server', wasm), join(root, 'dist', 'server', wasm));
  workspaces.push(root);
  cliRoot = root;
}

/** The bundle runCli runs. */
export function cliBundle(): string {
  if (!cliRoot) throw new Error('call buildCli() first');
  return join(cliRoot, 'dist', 'server', 'cli.js');
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Run `node bin/blueprint.js <args>` (the private copy) in `cwd`, colors off unless `env` says otherwise. */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const base = { ...process.env };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  const started = Date.now();
  if (!cliRoot) throw new Error('call buildCli() first');
  const r = spawnSync(process.execPath, [join(cliRoot, 'bin', 'blueprint.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...base, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

const workspaces: string[] = [];

/** A temporary folder holding `files` (path -> text or bytes). */
export function makeWorkspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'blueprint-cli-'));
  workspaces.push(dir);
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

export function removeWorkspaces(): void {
  for (const dir of workspaces.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * A validator for SARIF 2.1.0. The schema is the one @microsoft/jest-sarif ships
 * (2.1.0-rtm.5, JSON Schema draft-04, so ajv-draft-04). Its `language` pattern is
 * not valid as a Unicode regular expression, hence `unicodeRegExp: false`.
 */
export function sarifValidator(): (data: unknown) => string[] {
  const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}
