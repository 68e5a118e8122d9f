// The contract between the extension client and the language server: custom
// request/notification names, their payloads, and the `blueprint.*` settings.
// Plain types and strings only, so both bundles can import it.
import type { RuleSetting } from './core/config';
import type { ProfileName } from './core/rules/rule';
import type { TopologyGraph, TopologyView } from './core/topology/types';

/** Settings under `blueprint.*` in VS Code; they override `.blueprint.yaml`. */
export interface BlueprintSettings {
  /** Turn Blueprint off without uninstalling it. */
  enable: boolean;
  /** Rule set; empty means "use .blueprint.yaml, else restricted". */
  profile: ProfileName | '';
  /** Per-rule severity overrides, e.g. { "k8s/cpu-limit": "off" }. */
  rules: Record<string, RuleSetting>;
  /** Extra glob patterns of files not to lint (added to .blueprint.yaml's). */
  ignore: string[];
  /** Lint files on disk that are not open (workspace scan). */
  lintWorkspace: boolean;
  /** Milliseconds to wait after an edit before re-linting. */
  debounceMs: number;
}

export const DEFAULT_SETTINGS: BlueprintSettings = {
  enable: true,
  profile: '',
  rules: {},
  ignore: [],
  lintWorkspace: true,
  debounceMs: 150,
};

/** Client → server: lint every file of the workspace again; answers a summary. */
export const LINT_WORKSPACE_REQUEST = 'blueprint/lintWorkspace';
export interface LintWorkspaceResult {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** Server → client: finding counts changed (drives the status bar item). */
export const STATUS_NOTIFICATION = 'blueprint/status';
export interface StatusParams extends LintWorkspaceResult {
  /** True while the first workspace scan runs. */
  scanning: boolean;
}

/** Server → client: a rule threw; shown once per rule. */
export const RULE_ERROR_NOTIFICATION = 'blueprint/ruleError';
export interface RuleErrorParams {
  ruleId: string;
  file: string;
  message: string;
}

/** Source of every diagnostic Blueprint publishes. */
export const DIAGNOSTIC_SOURCE = 'blueprint';
/** Code action kind of "fix all Blueprint problems" (editor.codeActionsOnSave). */
export const FIX_ALL_KIND = 'source.fixAll.blueprint';

/** Client → server: the topology graph of one view (core/topology), for the project of `uri` (else the first folder). */
export const TOPOLOGY_REQUEST = 'blueprint/topology';
export interface TopologyParams {
  view: TopologyView;
  /** A document of the project to draw; the first workspace folder when absent. */
  uri?: string;
}
export type TopologyResponse = TopologyGraph;

/** Server → client: a lint pass finished, the topology may have changed (the preview asks again). */
export const TOPOLOGY_CHANGED_NOTIFICATION = 'blueprint/topologyChanged';
