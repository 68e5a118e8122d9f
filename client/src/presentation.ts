// The words and icons the client shows: status bar text and tooltip, the
// workspace-lint summary, the rule-failure warning. Plain functions without
// `vscode`, so test/client-presentation.test.ts checks them in plain Node.
import type { LintWorkspaceResult, RuleErrorParams, StatusParams } from '../../server/src/protocol';
import { COMMANDS } from './contributions';

/** Where the language server is in its life, as the status bar shows it. */
export type ServerPhase = 'starting' | 'running' | 'stopped';

export interface StatusView {
  /** Status bar text with `$(icon)` codicons. */
  text: string;
  /** Markdown with theme icons and `command:` links (to Blueprint commands only). */
  tooltip: string;
  /** What a screen reader says instead of the icons. */
  accessibilityLabel: string;
  /** The command a click runs. */
  command: string;
  /** Draw the item with the warning background (the server is not running). */
  warning: boolean;
}

const SPINNER = '$(loading~spin)';
const BRAND = '$(shield)';

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "3 errors, 5 warnings and 1 info", or "no problems". Zero counts are left out. */
export function describeCounts(counts: Pick<LintWorkspaceResult, 'errors' | 'warnings' | 'infos'>): string {
  const parts = [
    counts.errors ? plural(counts.errors, 'error') : '',
    counts.warnings ? plural(counts.warnings, 'warning') : '',
    counts.infos ? plural(counts.infos, 'info') : '',
  ].filter(Boolean);
  if (parts.length === 0) return 'no problems';
  if (parts.length === 1) return parts[0];
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function link(title: string, command: string): string {
  return `[${title}](command:${command})`;
}

const ACTIONS_WHEN_RUNNING = [
  link('Show problems', COMMANDS.showProblems.command),
  link('Lint workspace', COMMANDS.lintWorkspace.command),
  link('Show output', COMMANDS.showOutput.command),
].join(' · ');

const ACTIONS_WHEN_STOPPED = [link('Restart server', COMMANDS.restartServer.command), link('Show output', COMMANDS.showOutput.command)].join(' · ');

/**
 * The status bar item for a server phase and the last counts the server sent
 * (undefined until the first STATUS_NOTIFICATION arrives).
 */
export function statusView(phase: ServerPhase, status: StatusParams | undefined): StatusView {
  if (phase === 'stopped') {
    return {
      text: `${BRAND} stopped`,
      tooltip: `**Blueprint**: the language server is not running.\n\n${ACTIONS_WHEN_STOPPED}`,
      accessibilityLabel: 'Blueprint: the language server is not running',
      command: COMMANDS.showOutput.command,
      warning: true,
    };
  }
  if (phase === 'starting' || !status) {
    return {
      text: `${SPINNER} Blueprint`,
      tooltip: `**Blueprint**: starting the language server…\n\n${link('Show output', COMMANDS.showOutput.command)}`,
      accessibilityLabel: 'Blueprint: starting',
      command: COMMANDS.showOutput.command,
      warning: false,
    };
  }
  const counts = describeCounts(status);
  const files = plural(status.files, 'file');
  if (status.scanning) {
    return {
      text: `${SPINNER} Blueprint`,
      tooltip: `**Blueprint**: linting the workspace… ${files} so far, ${counts}.\n\n${ACTIONS_WHEN_RUNNING}`,
      accessibilityLabel: `Blueprint: linting the workspace, ${files} so far, ${counts}`,
      command: COMMANDS.showProblems.command,
      warning: false,
    };
  }
  const clean = status.errors === 0 && status.warnings === 0 && status.infos === 0;
  const text = clean
    ? `${BRAND} $(check)`
    : `${BRAND} $(error) ${status.errors} $(warning) ${status.warnings}${status.infos ? ` $(info) ${status.infos}` : ''}`;
  return {
    text,
    tooltip:
      `**Blueprint** checked ${files}: ${counts}.\n\n` +
      // No API sets the Problems filter; its text filter matches a diagnostic's source.
      "Click to open the Problems panel; type `blueprint` in its filter to see only Blueprint's findings.\n\n" +
      ACTIONS_WHEN_RUNNING,
    accessibilityLabel: `Blueprint: ${counts} in ${files}`,
    command: COMMANDS.showProblems.command,
    warning: false,
  };
}

/** The notification after "Blueprint: Lint Workspace". */
export function lintSummaryMessage(result: LintWorkspaceResult): string {
  const found = describeCounts(result);
  return `Blueprint linted ${plural(result.files, 'file')}: ${found === 'no problems' ? 'no problems found' : found}.`;
}

/** The warning shown (once per rule) when a rule throws on a file. */
export function ruleErrorMessage(error: RuleErrorParams, fileLabel: string): string {
  const reason = error.message.trim().replace(/[.\s]+$/, '') || 'unknown error';
  return `Blueprint rule ${error.ruleId} failed on ${fileLabel}: ${reason}; the other rules still ran.`;
}
