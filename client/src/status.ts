// The status bar item: Blueprint's finding counts for the workspace, a spinner
// while the server starts or scans, a warning look when the server stopped.
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';
import { COMMANDS } from './contributions';
import { ServerPhase, statusView } from './presentation';

const TRUSTED_COMMANDS = Object.values(COMMANDS).map((c) => c.command);

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('blueprint.status', vscode.StatusBarAlignment.Left, 0);
  private phase: ServerPhase = 'starting';
  private last: StatusParams | undefined;

  constructor() {
    this.item.name = 'Blueprint';
    this.render();
  }

  setPhase(phase: ServerPhase): void {
    // Counts from a previous server are stale once it stops or restarts.
    if (phase !== 'running') this.last = undefined;
    this.phase = phase;
    this.render();
  }

  update(status: StatusParams): void {
    this.last = status;
    this.render();
  }

  /** Shown while Blueprint is enabled; hidden when the user turned it off. */
  setVisible(visible: boolean): void {
    if (visible) this.item.show();
    else this.item.hide();
  }

  private render(): void {
    const view = statusView(this.phase, this.last);
    const tooltip = new vscode.MarkdownString(view.tooltip, true);
    tooltip.isTrusted = { enabledCommands: TRUSTED_COMMANDS };
    this.item.text = view.text;
    this.item.tooltip = tooltip;
    this.item.command = view.command;
    this.item.accessibilityInformation = { label: view.accessibilityLabel };
    this.item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
