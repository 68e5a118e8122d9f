// The handlers of the commands in contributions.ts. The Record type makes the
// compiler insist that every contributed command has one.
import * as vscode from 'vscode';
import { LSPErrorCodes, ResponseError } from 'vscode-languageclient/node';
import { FIX_ALL_KIND } from '../../server/src/protocol';
import { COMMANDS, CommandName, CONFIG_SECTION, LINTED_LANGUAGES } from './contributions';
import { lintSummaryMessage } from './presentation';
import { BlueprintServer, lintWorkspaceRequest } from './server';
import { drupalAks } from '../../server/src/core/generate';
import { generateStack, generateWith, GenerateStackArgs } from './generate/stack';

export function registerCommands(server: BlueprintServer, output: vscode.LogOutputChannel, topology: { open(): void }): vscode.Disposable[] {
  const openTopology = () => vscode.commands.executeCommand(COMMANDS.openTopology.command);
  const handlers: Record<CommandName, (...args: never[]) => Promise<unknown>> = {
    lintWorkspace: () => lintWorkspace(server, output),
    fixAllInFile: () => fixAllInActiveFile(),
    showProblems: () => showProblems(),
    showOutput: async () => output.show(true),
    restartServer: () => restartServer(server),
    openTopology: async () => topology.open(),
    generateStack: (args?: GenerateStackArgs) => generateStack(args, openTopology),
    generateDrupalAks: (args?: GenerateStackArgs) => generateWith(drupalAks as never, args, openTopology),
  };
  return (Object.keys(handlers) as CommandName[]).map((name) => vscode.commands.registerCommand(COMMANDS[name].command, handlers[name]));
}

function isEnabled(): boolean {
  return vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>('enable', true);
}

async function explainNotRunning(output: vscode.LogOutputChannel): Promise<void> {
  if (!isEnabled()) {
    const choice = await vscode.window.showInformationMessage('Blueprint is turned off (setting blueprint.enable).', 'Open Setting');
    if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', `${CONFIG_SECTION}.enable`);
    return;
  }
  const choice = await vscode.window.showWarningMessage('The Blueprint language server is not running.', 'Restart Server', 'Show Output');
  if (choice === 'Restart Server') await vscode.commands.executeCommand(COMMANDS.restartServer.command);
  else if (choice === 'Show Output') output.show(true);
}

async function lintWorkspace(server: BlueprintServer, output: vscode.LogOutputChannel): Promise<void> {
  const client = server.runningClient;
  if (!client) return explainNotRunning(output);
  let result;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Blueprint: linting the workspace…', cancellable: true },
      (_progress, token) => client.sendRequest(lintWorkspaceRequest, token),
    );
  } catch (e) {
    if (isCancellation(e)) return;
    const choice = await vscode.window.showErrorMessage(`Blueprint could not lint the workspace: ${e instanceof Error ? e.message : String(e)}`, 'Show Output');
    if (choice) output.show(true);
    return;
  }
  const choice = await vscode.window.showInformationMessage(lintSummaryMessage(result), 'Show Problems');
  if (choice) await showProblems();
}

function isCancellation(e: unknown): boolean {
  if (e instanceof vscode.CancellationError) return true;
  return e instanceof ResponseError && (e.code === LSPErrorCodes.RequestCancelled || e.code === LSPErrorCodes.ServerCancelled);
}

/** Opens and focuses the Problems panel (there is no API to set its filter). */
async function showProblems(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.problems.focus');
}

async function restartServer(server: BlueprintServer): Promise<void> {
  if (!isEnabled()) {
    await vscode.window.showInformationMessage('Blueprint is turned off (setting blueprint.enable); turn it on to start the server.');
    return;
  }
  await server.restart();
}

/**
 * Asks the server for its `source.fixAll.blueprint` action on the whole active
 * file and applies it: the same action `editor.codeActionsOnSave` runs.
 */
async function fixAllInActiveFile(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const document = editor?.document;
  if (!document || !(LINTED_LANGUAGES as readonly string[]).includes(document.languageId)) {
    await vscode.window.showInformationMessage('Open a YAML or Terraform file to fix its Blueprint problems.');
    return;
  }
  const whole = document.validateRange(new vscode.Range(0, 0, document.lineCount, 0));
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      FIX_ALL_KIND,
      1, // resolve the action's edit if the server computes it lazily
    )) ?? [];
  const fixAll = actions.find((a): a is vscode.CodeAction => typeof a.command !== 'string' && !(a as vscode.CodeAction).disabled);
  const hasEdits = fixAll?.edit !== undefined && fixAll.edit.size > 0;
  if (!fixAll || (!hasEdits && !fixAll.command)) {
    await vscode.window.showInformationMessage('Blueprint has no automatic fixes for the problems in this file.');
    return;
  }
  if (hasEdits && !(await vscode.workspace.applyEdit(fixAll.edit!))) {
    await vscode.window.showWarningMessage('Blueprint could not apply its fixes: the file changed meanwhile. Try again.');
    return;
  }
  if (fixAll.command) await vscode.commands.executeCommand(fixAll.command.command, ...(fixAll.command.arguments ?? []));
}
