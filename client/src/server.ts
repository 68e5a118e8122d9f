// The language server's life: starting it over IPC, stopping it when the user
// turns Blueprint off, restarting it on demand, and passing its custom
// notifications on. Start, stop and restart are queued so a restart clicked
// twice, or a settings change during startup, never runs two servers at once.
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  NotificationType,
  RequestType0,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  DIAGNOSTIC_SOURCE,
  LINT_WORKSPACE_REQUEST,
  LintWorkspaceResult,
  RULE_ERROR_NOTIFICATION,
  RuleErrorParams,
  STATUS_NOTIFICATION,
  StatusParams,
} from '../../server/src/protocol';
import { CLIENT_ID, CLIENT_NAME, CONFIG_SECTION, LINTED_LANGUAGES, WATCHED_FILES_GLOB } from './contributions';
import type { ServerPhase } from './presentation';

export const lintWorkspaceRequest = new RequestType0<LintWorkspaceResult, void>(LINT_WORKSPACE_REQUEST);
const statusNotification = new NotificationType<StatusParams>(STATUS_NOTIFICATION);
const ruleErrorNotification = new NotificationType<RuleErrorParams>(RULE_ERROR_NOTIFICATION);

/** Port of the server's inspector when the extension runs under F5. */
const DEBUG_PORT = 6009;

export interface ServerListener {
  phase(phase: ServerPhase): void;
  status(status: StatusParams): void;
  ruleError(error: RuleErrorParams): void;
}

export class BlueprintServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly watcher = vscode.workspace.createFileSystemWatcher(WATCHED_FILES_GLOB);

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly listener: ServerListener,
  ) {}

  /** The client, when its server is up and answering requests. */
  get runningClient(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async doStart(): Promise<void> {
    if (this.client) return;
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, this.serverOptions(), this.clientOptions());
    this.client = client;
    client.onDidChangeState((e) => this.listener.phase(phaseOf(e.newState)));
    client.onNotification(statusNotification, (status) => this.listener.status(status));
    client.onNotification(ruleErrorNotification, (error) => this.listener.ruleError(error));
    this.listener.phase('starting');
    try {
      await client.start();
    } catch (e) {
      // The client already logged the cause; the status bar offers a restart.
      this.listener.phase('stopped');
      const message = e instanceof Error ? e.message : String(e);
      this.output.error(`The Blueprint language server did not start: ${message}`);
      void vscode.window.showErrorMessage(`Blueprint's language server did not start: ${message}`, 'Show Output').then((choice) => {
        if (choice) this.output.show(true);
      });
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      // dispose() stops the server (if it runs) and removes its diagnostics.
      await client.dispose(2000);
    } catch (e) {
      this.output.warn(`Stopping the Blueprint language server: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.listener.phase('stopped');
  }

  private serverOptions(): ServerOptions {
    const module = this.context.asAbsolutePath('dist/server/main.js');
    return {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', `--inspect=${DEBUG_PORT}`] } },
    };
  }

  private clientOptions(): LanguageClientOptions {
    return {
      // Both schemes, so unsaved buffers are linted too; the `yaml` language
      // belongs to whichever YAML extension is installed, Blueprint only reads it.
      documentSelector: LINTED_LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      synchronize: { configurationSection: CONFIG_SECTION, fileEvents: this.watcher },
      diagnosticCollectionName: DIAGNOSTIC_SOURCE,
      // Restricted Mode (an untrusted workspace): the server lints open files only.
      initializationOptions: { trusted: vscode.workspace.isTrusted },
      outputChannel: this.output,
      // The server's log is there when wanted; it never pops up by itself.
      revealOutputChannelOn: RevealOutputChannelOn.Never,
    };
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.watcher.dispose();
  }
}

function phaseOf(state: State): ServerPhase {
  switch (state) {
    case State.Running:
      return 'running';
    case State.Starting:
      return 'starting';
    case State.Stopped:
    case State.StartFailed:
      return 'stopped';
  }
}
