// A small LSP client for protocol tests: starts `node dist/server/main.js --stdio`,
// speaks JSON-RPC over its pipes, answers the server's requests
// (workspace/configuration, registerCapability, progress) and records what the
// server publishes, with bounded waits. Always `stop()` it (kills the child).
import { ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  ConfigurationParams,
  Diagnostic,
  PublishDiagnosticsParams,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const REPO_ROOT = join(__dirname, '..', '..');
export const SERVER_BUNDLE = join(REPO_ROOT, 'dist', 'server', 'main.js');

/** The server the tests start: a private copy of the bundle, see buildServer. */
let testServer: { root: string; bundle: string } | undefined;

/**
 * Build the bundles the way the project does (`node scripts/build.mjs`), then copy
 * the server bundle to a private `<tmp>/dist/server/main.js`: other test files
 * rebuild dist/ concurrently, and a server must never load a half-written file.
 * The copy keeps the layout, so the server finds its docs at `<tmp>/docs/rules/`.
 */
export function buildServer(): void {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`build failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const root = mkdtempSync(join(tmpdir(), 'blueprint-server-'));
  const bundle = join(root, 'dist', 'server', 'main.js');
  mkdirSync(dirname(bundle), { recursive: true });
  for (let attempt = 1; ; attempt++) {
    const code = readFileSync(SERVER_BUNDLE, 'utf8');
    try {
      new Script(code, { filename: SERVER_BUNDLE }); // parses: not caught mid-write
      writeFileSync(bundle, code);
      break;
    } catch (e) {
      if (attempt >= 50) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  // The HCL parser's WASM files sit next to the bundle (scripts/build.mjs copies them).
  for (const wasm of ['web-tree-sitter.wasm', 'tree-sitter-hcl.wasm']) copyFileSync(join(REPO_ROOT, 'dist', 'server', wasm), join(dirname(bundle), wasm));
  testServer = { root, bundle };
}

/** The extension root of the server the tests run (its docs/rules/ links point there). */
export function serverRoot(): string {
  if (!testServer) throw new Error('call buildServer() first');
  return testServer.root;
}

export function disposeServerBuild(): void {
  if (testServer) rmSync(testServer.root, { recursive: true, force: true });
  testServer = undefined;
}

/** A temporary workspace folder with the given files (paths relative to it). */
export function makeWorkspace(files: Record<string, string>): { root: string; uri(rel: string): string; write(rel: string, text: string): void; dispose(): void } {
  const root = mkdtempSync(join(tmpdir(), 'blueprint-lsp-'));
  const write = (rel: string, text: string) => {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  };
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  return {
    root,
    uri: (rel: string) => pathToFileURL(join(root, rel)).href,
    write,
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface StartOptions {
  /** Workspace folder on disk. */
  root: string;
  /** `blueprint.*` settings answered to workspace/configuration. */
  settings?: Record<string, unknown>;
  /** Extra client capabilities (merged over the defaults below). */
  capabilities?: ClientCapabilities;
  /** `initializationOptions` of the initialize request (the VS Code client sends `{ trusted }`). */
  initializationOptions?: unknown;
}

const DEFAULT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: false },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
  window: { workDoneProgress: true },
};

export class TestClient {
  /** Latest publishDiagnostics per URI. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every notification from the server, in order. */
  readonly notifications: { method: string; params: unknown }[] = [];
  /** window/logMessage texts (the server's console). */
  readonly logs: string[] = [];
  /** Methods of the requests the server sent us. */
  readonly serverRequests: string[] = [];
  settings: Record<string, unknown>;
  private readonly listeners = new Set<() => void>();
  private stderr = '';

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(options: StartOptions): Promise<TestClient> {
    const child = spawn(process.execPath, [testServer?.bundle ?? SERVER_BUNDLE, '--stdio'], { stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new TestClient(child, connection, options.settings ?? {});
    child.stderr.on('data', (d) => (client.stderr += String(d)));
    connection.onNotification((method, params) => {
      client.notifications.push({ method, params });
      if (method === 'textDocument/publishDiagnostics') {
        const p = params as PublishDiagnosticsParams;
        client.diagnostics.set(p.uri, p);
      } else if (method === 'window/logMessage') {
        client.logs.push((params as { message: string }).message);
      }
      for (const l of [...client.listeners]) l();
    });
    connection.onRequest((method, params) => {
      client.serverRequests.push(method);
      if (method === 'workspace/configuration') return (params as ConfigurationParams).items.map(() => client.settings);
      return null; // client/registerCapability, window/workDoneProgress/create, ...
    });
    connection.listen();
    const capabilities = merge(DEFAULT_CAPABILITIES, options.capabilities ?? {});
    await withTimeout(
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(options.root).href,
        workspaceFolders: [{ uri: pathToFileURL(options.root).href, name: 'test' }],
        capabilities,
        initializationOptions: options.initializationOptions,
      }),
      10_000,
      'initialize',
    );
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Resolve with `check()`'s value as soon as it is defined, re-checking on every notification. */
  waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 8000): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const listener = () => {
        const v = check();
        if (v === undefined) return;
        cleanup();
        resolve(v);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}\ndiagnostics: ${JSON.stringify([...this.diagnostics.values()], null, 1)}\nlogs: ${this.logs.join('\n')}\nstderr: ${this.stderr}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
  }

  /** The diagnostics of a URI once `accept` holds for them (and the published version, if given). */
  waitForDiagnostics(uri: string, accept: (ds: Diagnostic[]) => boolean, version?: number, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.waitFor(
      `diagnostics of ${uri}${version !== undefined ? ` at version ${version}` : ''}`,
      () => {
        const p = this.diagnostics.get(uri);
        if (!p || (version !== undefined && p.version !== version)) return undefined;
        return accept(p.diagnostics) ? p.diagnostics : undefined;
      },
      timeoutMs,
    );
  }

  request<R>(method: string, params: unknown, timeoutMs = 8000): Promise<R> {
    return withTimeout(this.connection.sendRequest(method, params) as Promise<R>, timeoutMs, method);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  open(uri: string, text: string, version = 1, languageId = 'yaml'): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replace the whole text (a full-content change). */
  change(uri: string, text: string, version: number): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): Promise<void> {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Change the settings the client answers, and tell the server. */
  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.notify('workspace/didChangeConfiguration', { settings: null });
  }

  async stop(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 2000, 'shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      /* killed below anyway */
    }
    this.connection.dispose();
    if (this.child.exitCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    }
  }
}

/** The text after applying the edits of one document in a WorkspaceEdit. */
export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | undefined, uri: string): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), editsOf(edit, uri));
}

export function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) throw new Error('code action has no edit');
  if (edit.documentChanges) {
    const out: TextEdit[] = [];
    for (const c of edit.documentChanges) if ('textDocument' in c && c.textDocument.uri === uri) out.push(...(c.edits as TextEdit[]));
    return out;
  }
  return edit.changes?.[uri] ?? [];
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms))),
  ]);
}

function merge<T>(base: T, extra: unknown): T {
  if (!extra || typeof extra !== 'object' || Array.isArray(extra)) return (extra ?? base) as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(extra)) out[k] = k in out && v && typeof v === 'object' && !Array.isArray(v) ? merge(out[k], v) : v;
  return out as T;
}
