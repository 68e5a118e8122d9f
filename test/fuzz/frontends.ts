// Fuzzing the front ends: the bundled language server over stdio (didOpen, then
// random incremental didChange sequences; the server must still answer hover and
// documentSymbol, and every published range must lie inside its document) and the
// bundled CLI on a folder of mutated files (exit code 0 or 1, never 2 or a crash).
import type { Diagnostic, DocumentSymbol, Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildCli, makeWorkspace as makeCliWorkspace, removeWorkspaces, runCli } from '../cli/helpers';
import { buildServer, disposeServerBuild, makeWorkspace, TestClient } from '../lsp/client';
import { loadSeeds, makeInput, MUTATORS, rngFor, type Rng } from './lib';

const int = (r: Rng, n: number) => Math.floor(r() * n);

function rangeInside(range: Range, doc: TextDocument): boolean {
  const ok = (p: Range['start']) => {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0 || p.line >= doc.lineCount) return false;
    const lineText = doc.getText({ start: { line: p.line, character: 0 }, end: { line: p.line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
    return p.character <= lineText.length;
  };
  return ok(range.start) && ok(range.end) && doc.offsetAt(range.start) <= doc.offsetAt(range.end);
}

/** A random incremental change of `doc`: an insertion, deletion or replacement somewhere, or a mutator's output as a full edit. */
function randomChange(doc: TextDocument, r: Rng): { range: Range; text: string } {
  const text = doc.getText();
  const a = int(r, text.length + 1);
  const b = Math.min(text.length, a + (r() < 0.5 ? 0 : int(r, 40)));
  const kind = int(r, 4);
  if (kind === 3) {
    // Re-type a stretch: what a mutator does to the text between a and b.
    const names = Object.keys(MUTATORS);
    const piece = MUTATORS[names[int(r, names.length)]](text.slice(a, b), r);
    return { range: { start: doc.positionAt(a), end: doc.positionAt(b) }, text: piece.length > 100_000 ? piece.slice(0, 100_000) : piece };
  }
  const inserts = ['\n', ' ', '  ', '- ', ': ', 'x', '{{ .Values.x }}', '\t', '\r\n', '---\n', '"', '[', '{', '}', '#', '\uFEFF', '\u0000', '🙂', 'kind: Deployment\n', 'metadata:\n  name: a\n'];
  return { range: { start: doc.positionAt(a), end: doc.positionAt(b) }, text: kind === 0 ? '' : inserts[int(r, inserts.length)] };
}

export interface FrontendResult {
  failures: string[];
}

/**
 * `sessions` LSP sessions, each on a fresh server: open the target file of a
 * fuzz input (and its neighbours on disk), apply 10–40 random incremental changes
 * (a few sent without waiting), then check the server answers hover and
 * documentSymbol, and every published diagnostic range fits the final text.
 */
export async function fuzzLsp(seed: number, sessions: number, first = 0): Promise<FrontendResult & { sessions: number; changes: number }> {
  const failures: string[] = [];
  let changes = 0;
  if (sessions <= 0) return { failures, sessions: 0, changes };
  buildServer();
  const seeds = loadSeeds();
  try {
    for (let s = first; s < first + sessions; s++) {
      const r = rngFor(seed ^ 0x1595, s);
      const input = makeInput(seeds, seed ^ 0x1595, s);
      const ws = makeWorkspace(input.files);
      const client = await TestClient.start({ root: ws.root });
      const where = `session ${s} (${input.seedName} → ${input.target})`;
      try {
        const uri = ws.uri(input.target);
        const languageId = input.target.endsWith('.tf') ? 'terraform' : 'yaml';
        let doc = TextDocument.create(uri, languageId, 1, input.files[input.target]);
        const versions = new Map<number, TextDocument>([[1, doc]]);
        const onDisk = doc;
        await client.open(uri, doc.getText(), 1, languageId);
        const n = 10 + int(r, 30);
        for (let i = 0; i < n; i++) {
          const change = randomChange(doc, r);
          doc = TextDocument.update(TextDocument.create(uri, languageId, doc.version, doc.getText()), [change], doc.version + 1);
          versions.set(doc.version, doc);
          await client.notify('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [change] });
          changes++;
          if (r() < 0.3) await new Promise((res) => setTimeout(res, int(r, 30)));
        }
        const at = doc.positionAt(int(r, doc.getText().length + 1));
        await client.request('textDocument/hover', { textDocument: { uri }, position: at }, 10_000);
        await client.request<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri } }, 10_000);
        await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } }, 10_000);
        // Diagnostics are published only when they change: check every publication
        // against the text of the version it names.
        await new Promise((res) => setTimeout(res, 300));
        for (const note of client.notifications) {
          if (note.method !== 'textDocument/publishDiagnostics') continue;
          const p = note.params as { uri: string; version?: number; diagnostics: Diagnostic[] };
          if (p.uri !== uri) continue;
          // Without a version: the file as read from disk (a background pass before the open was synced).
          const candidates = p.version === undefined ? [onDisk, doc] : [versions.get(p.version)].filter((x): x is TextDocument => x !== undefined);
          if (!candidates.length) {
            failures.push(`${where}: diagnostics published for unknown version ${p.version}`);
            continue;
          }
          for (const d of p.diagnostics) if (!candidates.some((text) => rangeInside(d.range, text))) failures.push(`${where}: diagnostic ${d.code} range ${JSON.stringify(d.range)} outside version ${p.version} (${candidates[0].lineCount} lines)`);
        }
      } catch (e) {
        failures.push(`${where}: ${e instanceof Error ? e.message.split('\n').slice(0, 3).join(' | ') : String(e)}`);
      } finally {
        await client.stop();
        ws.dispose();
      }
    }
  } finally {
    disposeServerBuild();
  }
  return { failures, sessions, changes };
}

/**
 * `runs` CLI runs, each on a folder of 20 mutated inputs (plus a few files with
 * raw byte damage: invalid UTF-8, truncated multi-byte characters): `blueprint
 * lint` and `--format json` must exit with 0 or 1 and print no stack trace.
 */
export async function fuzzCli(seed: number, runs: number): Promise<FrontendResult & { runs: number; files: number }> {
  const failures: string[] = [];
  let files = 0;
  if (runs <= 0) return { failures, runs: 0, files };
  buildCli();
  const seeds = loadSeeds();
  try {
    for (let k = 0; k < runs; k++) {
      const content: Record<string, string | Buffer> = {};
      for (let j = 0; j < 20; j++) {
        const input = makeInput(seeds, seed ^ 0xc11, k * 20 + j);
        for (const [p, t] of Object.entries(input.files)) {
          // One .blueprint.yaml at the top only: nested ones are fine, but keep the run fast.
          content[`w${j}/${p}`] = t;
          files++;
        }
      }
      const r = rngFor(seed ^ 0xb17e, k);
      for (let j = 0; j < 3; j++) {
        const bytes = Buffer.from(Object.values(content)[int(r, Object.keys(content).length)] as string, 'utf8');
        for (let n = 0; n < 8; n++) if (bytes.length) bytes[int(r, bytes.length)] = [0xff, 0xc3, 0x80, 0xe2, 0xfe][int(r, 5)];
        content[`bytes${j}.${j === 2 ? 'tf' : 'yaml'}`] = bytes;
        files++;
      }
      const dir = makeCliWorkspace(content);
      for (const args of [['lint', '.'], ['lint', '--format', 'json', '.']]) {
        const res = runCli(args, dir);
        if (res.code !== 0 && res.code !== 1) failures.push(`run ${k} (${args.join(' ')}): exit ${res.code}\n${res.stderr.slice(0, 2000)}`);
        else if (/\n\s+at .+:\d+:\d+\)?\n/.test(res.stderr)) failures.push(`run ${k} (${args.join(' ')}): stack trace on stderr\n${res.stderr.slice(0, 2000)}`);
        else if (args.includes('json')) {
          try {
            JSON.parse(res.stdout);
          } catch {
            failures.push(`run ${k}: --format json printed invalid JSON`);
          }
        }
      }
    }
  } finally {
    removeWorkspaces();
  }
  return { failures, runs, files };
}
