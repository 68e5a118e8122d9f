// Editor navigation computed by the pure core: go to definition, hover
// descriptions and completions. Each feature area adds a provider file here and
// one line to the lists below; the language server asks them all (a provider
// that throws is skipped, the others still answer).
import type { Workspace } from '../model/workspace';
import type { Span } from '../types';
import { referenceDefinitions, referenceHover } from './references';
import { networkPolicyDefinition, networkPolicyHover } from './network';
import { completeGitOps, defineGitOps, hoverGitOps } from './gitops';

export interface NavigationTarget {
  file: string;
  span: Span;
  /** Where the origin is (the selector, the name): the LSP originSelectionRange. */
  origin?: Span;
}

export interface CompletionCandidate {
  label: string;
  /** What kind of thing: 'Kustomization', 'GitRepository', 'folder', 'label'... */
  detail?: string;
  documentation?: string;
  /** Text to insert (default: label). */
  insertText?: string;
  /** The span of the document the insertion replaces (default: the word at the cursor). */
  replace?: Span;
  /** 'reference' (a name), 'path', 'value', 'key'. */
  kind?: 'reference' | 'path' | 'value' | 'key';
}

export interface NavigationQuery {
  ws: Workspace;
  file: string;
  offset: number;
}

export type DefinitionProvider = (q: NavigationQuery) => NavigationTarget[];
/** Markdown describing what is under the cursor, and the span it describes. */
export type HoverProvider = (q: NavigationQuery) => { markdown: string; span: Span } | undefined;
export type CompletionProvider = (q: NavigationQuery) => CompletionCandidate[];

const DEFINITION_PROVIDERS: DefinitionProvider[] = [referenceDefinitions, networkPolicyDefinition, defineGitOps];
const HOVER_PROVIDERS: HoverProvider[] = [referenceHover, networkPolicyHover, hoverGitOps];
const COMPLETION_PROVIDERS: CompletionProvider[] = [completeGitOps];

function safely<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

export function findDefinitions(q: NavigationQuery): NavigationTarget[] {
  return DEFINITION_PROVIDERS.flatMap((p) => safely(() => p(q), []));
}

export function describeAt(q: NavigationQuery): { markdown: string; span: Span }[] {
  return HOVER_PROVIDERS.map((p) => safely(() => p(q), undefined)).filter((x): x is { markdown: string; span: Span } => !!x);
}

export function completeAt(q: NavigationQuery): CompletionCandidate[] {
  return COMPLETION_PROVIDERS.flatMap((p) => safely(() => p(q), []));
}
