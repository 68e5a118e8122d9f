// The server's state and the lint pipeline: which files are in which project's
// Workspace, their latest findings, and when they are linted and published.
//
//   didOpen ──────────────► sync into the Workspace ─► lint now ─┐
//   didChange ─► debounce ─► sync (re-parses changed YAML docs) ─┤─► publish (only if changed)
//   scan / settings / watched files ─► LintQueue (one file/turn) ┘─► status notification
//
// After a document is linted, the other files of its project are queued too:
// cross-file rules may see it (a Service selecting the edited Deployment).
import { sep } from 'node:path';
import type { Connection, Diagnostic, FileEvent, TextDocuments, WorkspaceFolder } from 'vscode-languageserver/node';
import { FileChangeType } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_FILE_BYTES, type FileFacts, type Workspace } from '../core/model/workspace';
import { fixFile, type RuleError } from '../core/rules/engine';
import type { AnyRule } from '../core/rules/rule';
import { LineIndex, type Finding } from '../core/types';
import { isLintable, readText } from '../node/files';
import { initHclFromDisk } from '../node/hcl';
import {
  BlueprintSettings,
  LintWorkspaceResult,
  RULE_ERROR_NOTIFICATION,
  RuleErrorParams,
  STATUS_NOTIFICATION,
  StatusParams,
} from '../protocol';
import { ConvertContext, toDiagnostic } from './convert';
import { Project } from './project';
import { relintOrder } from './relint-order';
import { Debouncer, LintQueue, yieldToEventLoop } from './scheduling';
import { normalizeSettings } from './settings';
import { diskKey, documentKey, fsPathOf, fsPathOfKey, isLintedDocument, uriOfKey } from './uris';

/** The latest lint of one file. */
export interface FileResult {
  key: string;
  project: Project;
  /** The text the findings were computed on (offsets point into it). */
  text: string;
  lines: LineIndex;
  findings: Finding[];
  /** Editor version of `text`; undefined for a file read from disk. */
  version?: number;
}

/** A document open in the editor: its text comes from the client, not the disk. */
interface OpenDocument {
  uri: string;
  languageId: string;
  /** Editor version last copied into the Workspace. */
  syncedVersion?: number;
}

export interface SessionOptions {
  extensionRoot: string;
  /** The client answers workspace/configuration (else settings come pushed). */
  configurationSupport: boolean;
  /** The client shows server-initiated progress (window/workDoneProgress). */
  progressSupport: boolean;
  /** False in an untrusted workspace (VS Code's Restricted Mode): only open files are linted, the disk is not scanned. */
  trusted?: boolean;
  /** The rule registry; RULES unless a test swaps it. */
  rules?: readonly AnyRule[];
}

const MAX_LOGGED_RULE_ERRORS = 1000;
/** How long to wait for the client to answer a request before going on without it. */
const CLIENT_REPLY_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer to ${what} after ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class LintSession {
  private folders: Project[] = [];
  private readonly loose: Project;
  private readonly open = new Map<string, OpenDocument>();
  private readonly results = new Map<string, FileResult>();
  /** JSON of the (non-empty) diagnostics last published per key, so identical ones are not sent again. */
  private readonly published = new Map<string, string>();
  private readonly debouncer = new Debouncer();
  private readonly queue: LintQueue;
  private readonly convert: ConvertContext;
  /** Settings pushed by clients without workspace/configuration. */
  private pushedSettings: unknown = {};
  private generation = 0;
  private refreshChain: Promise<void> = Promise.resolve();
  private scannedOnce = false;
  private scanning = false;
  private lastStatus = '';
  private readonly notifiedRules = new Set<string>();
  private readonly loggedRuleErrors = new Set<string>();
  private markReady!: () => void;
  /** Called whenever the lint queue runs dry (the topology preview refreshes then). */
  private readonly idleListeners: (() => void)[] = [];
  /** Resolves once settings and `.blueprint.yaml` files are loaded (the disk scan may still run). */
  readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));
  /** The HCL parser (WASM) loads once, before the first lint: resolves to a problem, never rejects. */
  private readonly hclInit: Promise<string | undefined> = initHclFromDisk();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly options: SessionOptions,
  ) {
    this.loose = new Project(undefined, undefined, 'files outside the workspace folders', options.rules);
    this.queue = new LintQueue(
      (key) => {
        // An edit is pending for it: the debounce will lint the newer text.
        if (!this.debouncer.isPending(key)) this.lint(key);
      },
      () => {
        this.sendStatus();
        for (const listener of this.idleListeners) listener();
      },
    );
    this.convert = {
      extensionRoot: options.extensionRoot,
      linesOf: (key) => {
        const facts = this.projectOfKey(key).ws.get(key);
        if (!facts) return undefined;
        const known = this.results.get(key);
        return known?.text === facts.text ? known.lines : new LineIndex(facts.text);
      },
      uriOf: (key) => this.uriOf(key),
    };
  }

  // ---- projects ---------------------------------------------------------------------

  setFolders(folders: readonly WorkspaceFolder[]): void {
    for (const p of this.allProjects()) {
      for (const key of p.ws.paths()) {
        p.ws.remove(key);
        this.clear(key);
      }
    }
    this.folders = [];
    for (const f of folders) {
      const root = fsPathOf(f.uri);
      if (root) this.folders.push(new Project(root, f.uri, f.name, this.options.rules));
    }
  }

  folderList(): WorkspaceFolder[] {
    return this.folders.map((p) => ({ uri: p.folderUri!, name: p.name }));
  }

  private allProjects(): Project[] {
    return [...this.folders, this.loose];
  }

  /** The project of a Workspace key: the innermost workspace folder holding it. */
  private projectOfKey(key: string): Project {
    const fsPath = fsPathOfKey(key);
    let best: Project | undefined;
    if (fsPath) {
      for (const p of this.folders) if (p.contains(fsPath) && (!best || p.root!.length > best.root!.length)) best = p;
    }
    return best ?? this.loose;
  }

  private uriOf(key: string): string {
    return this.open.get(key)?.uri ?? uriOfKey(key);
  }

  private keyOfUri(uri: string): string | undefined {
    for (const [k, d] of this.open) if (d.uri === uri) return k;
    const fsPath = fsPathOf(uri);
    return fsPath ? diskKey(fsPath) : undefined;
  }

  // ---- settings -----------------------------------------------------------------------

  /** Settings pushed with didChangeConfiguration (clients without workspace/configuration). */
  setPushedSettings(settings: unknown): void {
    this.pushedSettings = settings ?? {};
  }

  private async fetchSettings(projects: Project[]): Promise<BlueprintSettings[]> {
    if (this.options.configurationSupport) {
      try {
        const items = projects.map((p) => (p.folderUri ? { scopeUri: p.folderUri, section: 'blueprint' } : { section: 'blueprint' }));
        const raw: unknown[] = await withTimeout(this.connection.workspace.getConfiguration(items), CLIENT_REPLY_TIMEOUT_MS, 'workspace/configuration');
        return projects.map((_, i) => this.restrict(normalizeSettings(raw?.[i])));
      } catch (e) {
        this.logError('reading the blueprint.* settings', e);
      }
    }
    return projects.map(() => this.restrict(normalizeSettings(this.pushedSettings)));
  }

  /** Restricted Mode: lint the open files only, whatever `blueprint.lintWorkspace` says. */
  private restrict(settings: BlueprintSettings): BlueprintSettings {
    return this.options.trusted === false ? { ...settings, lintWorkspace: false } : settings;
  }

  /** `.blueprint.yaml` of a project: the editor's text when it is open, else the disk's. */
  private configText(project: Project): string | undefined {
    const path = project.configPath();
    if (!path) return undefined;
    const open = this.open.get(diskKey(path));
    const doc = open && this.documents.get(open.uri);
    if (doc) return doc.getText();
    const { text, error } = readText(path, MAX_FILE_BYTES);
    if (error) this.connection.console.warn(`Blueprint: cannot read ${path}: ${error}`);
    return text;
  }

  // ---- refresh: settings, config, disk scan, lint everything ---------------------------

  /**
   * Reload settings and config files, re-scan the folders and lint every file.
   * A newer refresh supersedes a running one (it stops at its next file); the
   * promise resolves when the newest has finished, with the counts.
   */
  async refresh(): Promise<LintWorkspaceResult> {
    const generation = ++this.generation;
    this.refreshChain = this.refreshChain
      .then(() => this.runRefresh(generation))
      .catch((e) => {
        this.logError('scanning the workspace', e);
        this.markReady(); // requests must not wait forever for a refresh that failed
      });
    let seen: number;
    do {
      seen = this.generation;
      await this.refreshChain;
    } while (seen !== this.generation);
    return this.counts();
  }

  private async runRefresh(generation: number): Promise<void> {
    const superseded = () => generation !== this.generation;
    if (superseded()) return;
    const projects = this.allProjects();
    const settings = await this.fetchSettings(projects);
    const hclProblem = await this.hclInit;
    if (hclProblem && !this.scannedOnce) this.connection.console.warn(`Blueprint: ${hclProblem}`);
    if (superseded()) return;
    projects.forEach((p, i) => p.configure(settings[i], this.configText(p)));
    this.markReady();

    const firstScan = !this.scannedOnce;
    if (firstScan) {
      this.scanning = true;
      this.sendStatus();
    }
    // Files each project should hold from disk; the rest of its model goes.
    const toRead: { project: Project; key: string }[] = [];
    for (const p of projects) {
      const keys = new Set<string>();
      if (p.enabled && p.root) {
        if (p.settings.lintWorkspace) for (const k of p.diskFiles()) if (this.projectOfKey(k) === p) keys.add(k);
        const config = p.configPath();
        if (config) keys.add(diskKey(config));
      }
      for (const k of p.ws.paths()) {
        if (!keys.has(k) && !this.open.has(k)) {
          p.ws.remove(k);
          this.clear(k);
        }
      }
      for (const k of keys) if (!this.open.has(k)) toRead.push({ project: p, key: k });
    }
    // Open documents first, so what the user looks at is right early.
    for (const key of [...this.open.keys()]) if (this.syncDocument(key)) this.lint(key);

    const progress = firstScan && toRead.length > 0 && this.options.progressSupport ? await this.beginProgress(toRead.length) : undefined;
    try {
      let reported = -1;
      for (let i = 0; i < toRead.length; i++) {
        const { project, key } = toRead[i];
        if (!this.open.has(key)) this.readFromDisk(project, key);
        const percent = Math.floor(((i + 1) * 100) / toRead.length);
        if (progress && percent !== reported) progress.report((reported = percent), `${i + 1}/${toRead.length} files`);
        await yieldToEventLoop();
        if (superseded()) return;
      }
      // Everything is loaded: lint it all (cross-file rules now see every file).
      const openKeys = [...this.open.keys()];
      this.queue.add(openKeys, true);
      this.queue.add(projects.flatMap((p) => p.ws.paths()));
      await this.queue.whenIdle();
      if (superseded()) return;
      if (firstScan) {
        this.scannedOnce = true;
        this.scanning = false;
      }
      this.sendStatus();
    } finally {
      progress?.done();
    }
  }

  private async beginProgress(total: number): Promise<{ report(pct: number, msg: string): void; done(): void } | undefined> {
    try {
      const p = await withTimeout(this.connection.window.createWorkDoneProgress(), CLIENT_REPLY_TIMEOUT_MS, 'window/workDoneProgress/create');
      p.begin('Blueprint', 0, `Scanning ${total} files`, false);
      return { report: (pct, msg) => p.report(pct, msg), done: () => p.done() };
    } catch {
      return undefined;
    }
  }

  /** Read a file into its project's model (or drop it if it cannot be read). */
  private readFromDisk(project: Project, key: string): void {
    const path = fsPathOfKey(key);
    if (!path) return;
    const { text, error } = readText(path, MAX_FILE_BYTES);
    if (text === undefined) {
      this.connection.console.warn(`Blueprint: not linting ${path}: ${error}`);
      project.ws.remove(key);
      this.clear(key);
      return;
    }
    if (project.ws.get(key)?.text !== text) project.ws.update(key, text);
  }

  /** Whether a closed file belongs in its project's model. */
  private tracksOnDisk(project: Project, key: string): boolean {
    const path = fsPathOfKey(key);
    if (!path || !project.enabled || !project.root) return false;
    if (project.isConfigKey(key)) return true;
    return project.settings.lintWorkspace && isLintable(path) && !project.isIgnored(path);
  }

  // ---- open documents ------------------------------------------------------------------

  async documentOpened(doc: TextDocument): Promise<void> {
    if (!isLintedDocument(doc.uri, doc.languageId)) return;
    const key = documentKey(doc.uri, doc.languageId);
    this.open.set(key, { uri: doc.uri, languageId: doc.languageId });
    await this.ready;
    this.flushDocument(key);
  }

  documentChanged(doc: TextDocument): void {
    const key = this.keyOfUri(doc.uri);
    const open = key !== undefined ? this.open.get(key) : undefined;
    // Not synced yet: the opening flush will read the newest text anyway.
    if (!key || !open || open.syncedVersion === undefined || open.syncedVersion === doc.version) return;
    const delay = this.projectOfKey(key).settings.debounceMs;
    this.debouncer.schedule(key, delay, () => void this.ready.then(() => this.flushDocument(key)));
  }

  async documentClosed(doc: TextDocument): Promise<void> {
    const key = this.keyOfUri(doc.uri);
    if (!key || !this.open.has(key)) return;
    this.debouncer.cancel(key);
    this.open.delete(key);
    await this.ready;
    const project = this.projectOfKey(key);
    // Back to what the disk says (the editor may have discarded unsaved edits).
    if (this.tracksOnDisk(project, key)) this.readFromDisk(project, key);
    else {
      project.ws.remove(key);
      this.clear(key);
    }
    if (project.isConfigKey(key)) void this.refresh();
    else this.queue.add(project.ws.paths());
  }

  /** Copy an open document's text into its project's model; false if it is not linted. */
  private syncDocument(key: string): boolean {
    const open = this.open.get(key);
    const doc = open && this.documents.get(open.uri);
    if (!open || !doc) return false;
    const project = this.projectOfKey(key);
    const path = fsPathOfKey(key);
    if (!project.enabled || (path && project.isIgnored(path))) {
      project.ws.remove(key);
      this.clear(key);
      return false;
    }
    const text = doc.getText();
    if (project.ws.get(key)?.text !== text) project.ws.update(key, text);
    open.syncedVersion = doc.version;
    return true;
  }

  /** Lint an edited document now, then queue the rest of its project. */
  private flushDocument(key: string): void {
    const before = this.projectOfKey(key).ws.get(key);
    if (!this.syncDocument(key)) return;
    this.lint(key);
    const project = this.projectOfKey(key);
    // The editor's `.blueprint.yaml` configures its folder as the user types.
    if (project.isConfigKey(key)) void this.refresh();
    // The model did not change (a document opened as it is on disk): nothing else can.
    else if (before && project.ws.get(key) === before) return;
    else {
      // Every other file, those most likely affected (same namespaces, same folder) first.
      const { first, rest } = relintOrder(project.ws, key, before);
      this.queue.add(first, true);
      this.queue.add(rest);
    }
  }

  // ---- files changed on disk -----------------------------------------------------------

  async watchedFilesChanged(changes: readonly FileEvent[]): Promise<void> {
    await this.ready;
    const touched = new Set<string>();
    let reconfigure = false;
    for (const change of changes) {
      const path = fsPathOf(change.uri);
      if (!path) continue;
      const key = diskKey(path);
      const project = this.projectOfKey(key);
      if (project.isConfigKey(key)) {
        reconfigure = true;
        continue;
      }
      if (this.open.has(key)) continue; // the editor's text wins until it is closed
      if (change.type === FileChangeType.Deleted) {
        // A deleted folder arrives as one event: drop every file under it.
        for (const k of project.ws.paths()) {
          const p = fsPathOfKey(k);
          if (k === key || (p && p.startsWith(path.endsWith(sep) ? path : path + sep))) {
            if (this.open.has(k)) continue;
            project.ws.remove(k);
            this.clear(k);
            touched.add(k);
          }
        }
      } else if (this.tracksOnDisk(project, key)) {
        this.readFromDisk(project, key);
        touched.add(key);
      }
    }
    if (reconfigure) {
      await this.refresh();
      return;
    }
    if (touched.size === 0) return;
    this.queue.add([...touched].filter((k) => this.projectOfKey(k).ws.has(k)), true);
    const projects = new Set([...touched].map((k) => this.projectOfKey(k)));
    for (const p of projects) this.queue.add(p.ws.paths());
  }

  // ---- linting and publishing ----------------------------------------------------------

  private lint(key: string): void {
    const project = this.projectOfKey(key);
    const facts = project.ws.get(key);
    if (!facts || !project.enabled) {
      this.clear(key);
      return;
    }
    let findings: Finding[] = [];
    try {
      const result = project.linter.lintFile(project.ws, key);
      findings = result.findings;
      const profileNote = project.profileChange();
      if (profileNote) this.connection.console.info(profileNote);
      this.reportRuleErrors(result.ruleErrors);
    } catch (e) {
      this.logError(`linting ${this.uriOf(key)}`, e);
    }
    const previous = this.results.get(key);
    const lines = previous && previous.text === facts.text ? previous.lines : new LineIndex(facts.text);
    const open = this.open.get(key);
    const result: FileResult = { key, project, text: facts.text, lines, findings, version: open?.syncedVersion };
    this.results.set(key, result);
    this.publish(result);
  }

  private publish(result: FileResult): void {
    let diagnostics: Diagnostic[];
    try {
      diagnostics = result.findings.map((f) => toDiagnostic(f, result.lines, this.convert));
    } catch (e) {
      this.logError(`converting the findings of ${this.uriOf(result.key)}`, e);
      diagnostics = [];
    }
    // Clean and already clean in the client (or never reported): nothing to say.
    // Most files of a workspace are clean, and most edits keep them so.
    if (diagnostics.length === 0 && !this.published.has(result.key)) return;
    const uri = this.uriOf(result.key);
    const signature = JSON.stringify([uri, result.version, diagnostics]);
    if (this.published.get(result.key) === signature) return;
    if (diagnostics.length === 0) this.published.delete(result.key);
    else this.published.set(result.key, signature);
    void this.connection.sendDiagnostics({ uri, version: result.version, diagnostics });
  }

  /** Forget a file's findings and clear its diagnostics in the client. */
  private clear(key: string): void {
    this.results.delete(key);
    this.queue.delete(key);
    // `published` only holds files whose client-side diagnostics are not empty.
    if (!this.published.has(key)) return;
    this.published.delete(key);
    void this.connection.sendDiagnostics({ uri: this.uriOf(key), diagnostics: [] });
  }

  private reportRuleErrors(errors: readonly RuleError[]): void {
    for (const e of errors) {
      const where = `${this.uriOf(e.file)}${e.object ? ` (${e.object})` : ''}`;
      const logKey = `${e.ruleId}\u0000${where}\u0000${e.message}`;
      if (!this.loggedRuleErrors.has(logKey) && this.loggedRuleErrors.size < MAX_LOGGED_RULE_ERRORS) {
        this.loggedRuleErrors.add(logKey);
        this.connection.console.error(`Blueprint: rule ${e.ruleId} failed on ${where}: ${e.message}`);
      }
      if (!this.notifiedRules.has(e.ruleId)) {
        this.notifiedRules.add(e.ruleId);
        const params: RuleErrorParams = { ruleId: e.ruleId, file: this.uriOf(e.file), message: e.message };
        void this.connection.sendNotification(RULE_ERROR_NOTIFICATION, params);
      }
    }
  }

  counts(): LintWorkspaceResult {
    const out: LintWorkspaceResult = { files: this.results.size, errors: 0, warnings: 0, infos: 0 };
    for (const r of this.results.values()) {
      for (const f of r.findings) {
        if (f.severity === 'error') out.errors++;
        else if (f.severity === 'warning') out.warnings++;
        else if (f.severity === 'info') out.infos++;
      }
    }
    return out;
  }

  private sendStatus(): void {
    const params: StatusParams = { ...this.counts(), scanning: this.scanning };
    const json = JSON.stringify(params);
    if (json === this.lastStatus) return;
    this.lastStatus = json;
    void this.connection.sendNotification(STATUS_NOTIFICATION, params);
  }

  // ---- what requests (code actions, hover, symbols) work on ------------------------------

  /**
   * The up-to-date lint result of a document: a pending edit is linted first, so
   * offsets match the text the client has now. Undefined when it is not linted.
   */
  async current(uri: string): Promise<{ result: FileResult; facts: FileFacts } | undefined> {
    await this.ready;
    const key = this.keyOfUri(uri);
    if (!key) return undefined;
    const open = this.open.get(key);
    const doc = open && this.documents.get(open.uri);
    if (this.debouncer.cancel(key) || (open && doc && open.syncedVersion !== doc.version)) this.flushDocument(key);
    const project = this.projectOfKey(key);
    const facts = project.ws.get(key);
    if (!facts || !project.enabled) return undefined;
    let result = this.results.get(key);
    if (!result || result.text !== facts.text) {
      this.lint(key);
      result = this.results.get(key);
    }
    return result ? { result, facts } : undefined;
  }

  /**
   * The text after every safe fix of a file, or undefined when nothing applies.
   * fixFile edits the Workspace in place, so the original text is put back.
   */
  fixAllText(result: FileResult): string | undefined {
    const { project, key } = result;
    const original = project.ws.get(key)?.text;
    if (original === undefined) return undefined;
    try {
      const { text, applied } = fixFile(project.linter, project.ws, key);
      return applied > 0 && text !== original ? text : undefined;
    } catch (e) {
      this.logError(`fixing ${this.uriOf(key)}`, e);
      return undefined;
    } finally {
      if (project.ws.get(key)?.text !== original) project.ws.update(key, original);
    }
  }

  /** Be told when a lint pass has finished (every queued file linted). */
  onLintIdle(listener: () => void): void {
    this.idleListeners.push(listener);
  }

  /**
   * What the topology preview draws from: the Workspace of the project holding
   * `uri` (pending edits of it synced first; the first folder's when no uri)
   * and the latest findings by key.
   */
  async topologySource(uri?: string): Promise<{ ws: Workspace; findings: (key: string) => readonly Finding[] | undefined; uriOf: (key: string) => string }> {
    await this.ready;
    const key = uri !== undefined ? this.keyOfUri(uri) : undefined;
    if (uri !== undefined) await this.current(uri);
    const project = key !== undefined ? this.projectOfKey(key) : (this.folders[0] ?? this.loose);
    return { ws: project.ws, findings: (k) => this.results.get(k)?.findings, uriOf: (k) => this.uriOf(k) };
  }

  dispose(): void {
    this.debouncer.dispose();
    this.queue.dispose();
  }

  private logError(what: string, e: unknown): void {
    const detail = e instanceof Error ? e.stack ?? e.message : String(e);
    this.connection.console.error(`Blueprint: error while ${what}: ${detail}`);
  }
}
