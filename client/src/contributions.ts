// What the extension contributes to VS Code, as plain data: the command ids the
// client registers and the titles the manifest shows. `npm run gen` writes
// package.json's `contributes.commands` and `contributes.menus` from this list,
// so add a command here (and its handler in commands.ts), never in package.json.
// No `vscode` import: the generator and the tests read this file in plain Node.

/** Id of the language client; VS Code reads `blueprint.trace.server` because of it. */
export const CLIENT_ID = 'blueprint';
/** The name of the output channel (and of the language client in logs). */
export const CLIENT_NAME = 'Blueprint';
/** The settings section the client synchronizes to the server. */
export const CONFIG_SECTION = 'blueprint';
/** Command palette category of every Blueprint command. */
export const COMMAND_CATEGORY = 'Blueprint';

/** Languages whose documents the server lints (HashiCorp's id for Terraform). */
export const LINTED_LANGUAGES = ['yaml', 'terraform'] as const;

/** Files whose changes on disk the server hears about (`*` matches dot files, so `.blueprint.yaml` is included). */
export const WATCHED_FILES_GLOB = '**/*.{yaml,yml,tf}';

export interface CommandContribution {
  command: string;
  title: string;
  /** A `when` clause for the command palette; omitted means always shown. */
  paletteWhen?: string;
  /** A `when` clause for a button in the editor title bar; omitted means no button. */
  editorTitleWhen?: string;
  /** Codicon of the editor-title button, e.g. `$(type-hierarchy)`. */
  icon?: string;
}

const inLintedEditor = LINTED_LANGUAGES.map((l) => `editorLangId == ${l}`).join(' || ');

export const COMMANDS = {
  lintWorkspace: { command: 'blueprint.lintWorkspace', title: 'Lint Workspace' },
  fixAllInFile: { command: 'blueprint.fixAllInFile', title: 'Fix All Problems in This File', paletteWhen: inLintedEditor },
  showProblems: { command: 'blueprint.showProblems', title: 'Show Problems' },
  showOutput: { command: 'blueprint.showOutput', title: 'Show Output' },
  restartServer: { command: 'blueprint.restartServer', title: 'Restart Server' },
  openTopology: {
    command: 'blueprint.openTopology',
    title: 'Open Topology Preview',
    icon: '$(type-hierarchy)',
    editorTitleWhen: 'resourceLangId == yaml || resourceLangId == terraform || resourceExtname == .tf',
  },
  generateStack: { command: 'blueprint.generateStack', title: 'Generate Stack…', paletteWhen: 'isWorkspaceTrusted' },
  generateDrupalAks: { command: 'blueprint.generateDrupalAks', title: 'Generate Drupal AKS Stack', paletteWhen: 'isWorkspaceTrusted' },
} as const satisfies Record<string, CommandContribution>;

export type CommandName = keyof typeof COMMANDS;
