// The shape of a rule (ESLint-like): metadata plus a check that reports spans.
import type { FileFacts, Workspace } from '../model/workspace';
import type { K8sObject } from '../model/k8s';
import type { TfBlock } from '../model/terraform';
import type { Fix, RelatedInfo, Severity, Span } from '../types';

export type Category =
  | 'syntax' | 'schema' | 'security' | 'resources' | 'references' | 'network' | 'tls' | 'secrets'
  | 'flux' | 'argo' | 'drupal' | 'terraform' | 'meta';

export type ProfileName = 'baseline' | 'restricted' | 'drupal-aks';
export const PROFILES: readonly ProfileName[] = ['baseline', 'restricted', 'drupal-aks'];

export type MessageData = Record<string, string | number>;

export interface RuleContext<M extends string = string> {
  /** The file being linted. */
  file: FileFacts;
  /** The whole workspace, for rules that look across files. */
  model: Workspace;
  /** Ids of every registered rule (for configuration and suppression checks). */
  ruleIds: readonly string[];
  /**
   * Report a finding at a span of `file`; fixes are offered in the editor and by --fix.
   * `related` points at other places (often other files) that cause the finding.
   */
  report(span: Span, messageId: M, data?: MessageData, fixes?: Fix[], related?: RelatedInfo[]): void;
}

interface RuleMetaBase<M extends string> {
  id: string;
  severity: Severity;
  category: Category;
  /** What the rule checks and why, in a sentence or two (markdown). */
  docs: string;
  /** Where the seed architecture documents the requirement, if it does. */
  seed?: string;
  /** Longer guidance for the rule's doc page: how to fix by hand, examples. */
  details?: string;
  messages: Record<M, string>;
  /**
   * Which profiles enable it: 'baseline' (also in restricted and drupal-aks),
   * 'restricted' (also drupal-aks), 'drupal-aks' only, or 'always' (syntax,
   * schema and meta rules that every profile needs).
   */
  profile: ProfileName | 'always';
  /** Titles of the quick fixes the rule can offer (for docs and CLI json). */
  fixes?: string[];
}

/** A rule run once per Kubernetes object of the kinds it applies to. */
export interface ObjectRule<M extends string = string> extends RuleMetaBase<M> {
  appliesTo: readonly string[] | 'all';
  check(obj: K8sObject, ctx: RuleContext<M>): void;
}

/** A rule run once per file (syntax, configuration). */
export interface FileRule<M extends string = string> extends RuleMetaBase<M> {
  appliesTo: 'file';
  checkFile(file: FileFacts, ctx: RuleContext<M>): void;
}

/**
 * A rule run once per top-level Terraform block of the types it applies to:
 * resource types (`azurerm_redis_cache`), `data.<type>` for data sources. Blocks
 * still being typed (not closed) are skipped. Findings' `object` is the address.
 */
export interface TerraformRule<M extends string = string> extends RuleMetaBase<M> {
  appliesTo: { terraform: readonly string[] };
  checkTerraform(block: TfBlock, ctx: RuleContext<M>): void;
}

export type Rule<M extends string = string> = ObjectRule<M> | FileRule<M> | TerraformRule<M>;
export type AnyRule = Rule<string>;

export function defineRule<M extends string>(rule: ObjectRule<M>): ObjectRule<M>;
export function defineRule<M extends string>(rule: FileRule<M>): FileRule<M>;
export function defineRule<M extends string>(rule: TerraformRule<M>): TerraformRule<M>;
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

export function isFileRule(rule: AnyRule): rule is FileRule {
  return rule.appliesTo === 'file';
}

export function isTerraformRule(rule: AnyRule): rule is TerraformRule {
  return typeof rule.appliesTo === 'object' && rule.appliesTo !== null && 'terraform' in rule.appliesTo;
}

/** Fill `{name}` placeholders of a message template. */
export function formatMessage(template: string, data: MessageData = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

/** Whether a rule is on in a profile (before per-rule configuration). */
export function ruleInProfile(rule: AnyRule, profile: ProfileName): boolean {
  switch (rule.profile) {
    case 'always':
    case 'baseline':
      return true;
    case 'restricted':
      return profile !== 'baseline';
    case 'drupal-aks':
      return profile === 'drupal-aks';
  }
}

/** The doc page of a rule, relative to the project root (docs/rules/<area>/<name>.md). */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}

/** Public URL of a rule's doc page. */
export const DOCS_BASE_URL = 'https://github.com/blueprint-dev/blueprint/blob/main/';
export function ruleDocUrl(id: string): string {
  return DOCS_BASE_URL + ruleDocPath(id);
}
