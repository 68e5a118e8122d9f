// The extension's entry point. The client is thin (DESIGN.md): it starts the
// language server, shows its status, reports rule failures and registers the
// commands; every analysis happens in the server.
import * as vscode from 'vscode';
import type { RuleErrorParams } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { CLIENT_NAME, COMMANDS, CONFIG_SECTION } from './contributions';
import { ruleErrorMessage } from './presentation';
import { BlueprintServer } from './server';
import { StatusBar } from './status';
import { TopologyPreview } from './topology/panel';

let server: BlueprintServer | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // Ours rather than the client's, so it outlives restarts and exists while Blueprint is off.
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  const status = new StatusBar();
  const ruleErrors = new RuleErrorReporter(output);
  let topology: TopologyPreview | undefined;
  server = new BlueprintServer(context, output, {
    phase: (phase) => {
      status.setPhase(phase);
      if (phase === 'running') topology?.serverRunning();
    },
    status: (params) => status.update(params),
    ruleError: (error) => ruleErrors.report(error),
  });
  topology = new TopologyPreview(context, server);
  context.subscriptions.push(output, status, server, topology, ...registerCommands(server, output, topology));

  const enabled = () => vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>('enable', true);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration(`${CONFIG_SECTION}.enable`)) return;
      // Off stops the server (its diagnostics go with it); on starts it again.
      status.setVisible(enabled());
      if (enabled()) await server?.start();
      else await server?.stop();
    }),
  );

  // Trusting the workspace lifts Restricted Mode: restart to lint the whole workspace.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void (enabled() && server?.restart())));

  status.setVisible(enabled());
  if (enabled()) await server.start();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}

/** One warning per rule id and session: a broken rule fails on every file, the user needs to hear it once. */
class RuleErrorReporter {
  private readonly reported = new Set<string>();

  constructor(private readonly output: vscode.LogOutputChannel) {}

  report(error: RuleErrorParams): void {
    const file = fileLabel(error.file);
    this.output.error(`Rule ${error.ruleId} failed on ${file}: ${error.message}`);
    if (this.reported.has(error.ruleId)) return;
    this.reported.add(error.ruleId);
    void vscode.window.showWarningMessage(ruleErrorMessage(error, file), 'Show Output').then((choice) => {
      if (choice) void vscode.commands.executeCommand(COMMANDS.showOutput.command);
    });
  }
}

/** A workspace-relative path for a file the server names by URI or by path. */
function fileLabel(file: string): string {
  // A scheme has two letters or more, so C:\x is a Windows path, not a URI.
  const uri = /^[a-z][a-z0-9+.-]+:/i.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file);
  return vscode.workspace.asRelativePath(uri);
}
