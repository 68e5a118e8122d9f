// Drive a language server over stdio for the benchmark: Blueprint (dist/server/main.js)
// or yaml-language-server. Answers workspace/configuration, records every
// publishDiagnostics with its arrival time, reads the child's peak RSS from /proc.
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export interface ServerSpec {
  name: string;
  command: string[];
  /** Answer to one workspace/configuration item. */
  configuration(section: string | undefined): unknown;
}

export interface Published {
  at: number;
  params: PublishDiagnosticsParams;
}

export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

export class BenchServer {
  readonly published: Published[] = [];
  readonly notifications: { at: number; method: string; params: unknown }[] = [];
  private listeners = new Set<() => void>();
  private stderr = '';

  private constructor(
    readonly spec: ServerSpec,
    private readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
  ) {}

  static async start(spec: ServerSpec, root: string): Promise<BenchServer> {
    const child = spawn(spec.command[0], spec.command.slice(1), { stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const server = new BenchServer(spec, child, connection);
    child.stderr.on('data', (d) => (server.stderr += String(d)));
    connection.onNotification((method, params) => {
      const at = now();
      server.notifications.push({ at, method, params });
      if (method === 'textDocument/publishDiagnostics') server.published.push({ at, params: params as PublishDiagnosticsParams });
      for (const l of [...server.listeners]) l();
    });
    connection.onRequest((method, params) => {
      if (method === 'workspace/configuration') return (params as { items: { section?: string }[] }).items.map((i) => spec.configuration(i.section));
      return null;
    });
    connection.listen();
    const rootUri = pathToFileURL(root).href;
    await withTimeout(
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'bench' }],
        capabilities: {
          workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
          textDocument: {
            synchronization: { dynamicRegistration: false },
            publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          },
          window: { workDoneProgress: true },
        },
      }),
      30_000,
      `initialize ${spec.name}`,
    );
    await connection.sendNotification('initialized', {});
    return server;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Peak resident set size of the server process so far (VmHWM), in MB. */
  peakRssMb(): number {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  /** Resolve when `check` holds (re-checked on every notification). */
  waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 60_000): Promise<T> {
    const v = check();
    if (v !== undefined) return Promise.resolve(v);
    return new Promise((resolve, reject) => {
      const listener = () => {
        const r = check();
        if (r === undefined) return;
        done();
        resolve(r);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.spec.name}: timed out waiting for ${what}\n${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
  }

  /** The first publishDiagnostics for `uri` at index >= `from` (and of `version` when the server sends versions). */
  waitForPublish(uri: string, from: number, version?: number, timeoutMs = 60_000): Promise<Published> {
    return this.waitFor(`diagnostics of ${uri}`, () => {
      for (let i = from; i < this.published.length; i++) {
        const p = this.published[i];
        if (p.params.uri !== uri) continue;
        if (version !== undefined && p.params.version !== undefined && p.params.version !== version) continue;
        return p;
      }
      return undefined;
    }, timeoutMs);
  }

  /** Resolve once no notification arrived for `quietMs`. */
  async settle(quietMs = 700, maxMs = 120_000): Promise<void> {
    const start = now();
    let last = this.notifications.length;
    let lastChange = now();
    while (now() - start < maxMs) {
      await sleep(50);
      if (this.notifications.length !== last) {
        last = this.notifications.length;
        lastChange = now();
      } else if (now() - lastChange >= quietMs) return;
    }
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  change(uri: string, version: number, changes: unknown[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async stop(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 5000, 'shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      /* killed below */
    }
    const exited = this.child.exitCode !== null ? Promise.resolve() : new Promise<void>((r) => this.child.once('exit', () => r()));
    await Promise.race([exited, sleep(5000)]); // let it exit by itself (a --cpu-prof profile is written then)
    this.connection.dispose();
    if (this.child.exitCode === null) {
      this.child.kill();
      await Promise.race([exited, sleep(3000)]);
    }
  }
}

export interface Edit {
  /** LSP range change (an insertion of one character). */
  change: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };
}

/**
 * `count` single-character insertions at seeded random positions: a random line that
 * holds content (not a `---` separator, not blank), a column from its first
 * non-blank character to its end, a lower-case letter. Positions refer to the text
 * after the previous edits.
 */
export function seededEdits(text: string, count: number, random: () => number): { edits: Edit[]; finalText: string } {
  let doc = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
  const edits: Edit[] = [];
  for (let i = 0; i < count; i++) {
    const lines = doc.getText().split('\n');
    let line = 0;
    for (let tries = 0; tries < 100; tries++) {
      line = Math.floor(random() * lines.length);
      const l = lines[line];
      if (l.trim() !== '' && !l.startsWith('---')) break;
    }
    const l = lines[line].replace(/\r$/, '');
    const first = l.length - l.trimStart().length;
    const character = first + Math.floor(random() * (l.length - first + 1));
    const ch = String.fromCharCode(97 + Math.floor(random() * 26));
    const pos = { line, character };
    const change = { range: { start: pos, end: pos }, text: ch };
    edits.push({ change });
    doc = TextDocument.update(doc, [change], doc.version + 1);
  }
  return { edits, finalText: doc.getText() };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms))),
  ]);
}
