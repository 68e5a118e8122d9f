// The rule engine: runs the enabled rules over one file of the workspace,
// isolates rules that throw, applies suppressions and severities.
import { BlueprintConfig, RuleSetting } from '../config';
import { objectId } from '../model/k8s';
import { effectiveNamespace } from '../model/kustomize';
import type { FileFacts, Workspace } from '../model/workspace';
import { applyEdits, Finding, Fix, isLazyFix, RelatedInfo, Severity } from '../types';
import { AnyRule, FileRule, formatMessage, isFileRule, isTerraformRule, MessageData, ObjectRule, ProfileName, RuleContext, ruleInProfile, TerraformRule } from './rule';
import { applySuppressions, collectSuppressions, unusedSuppressions } from './suppress';
import { detectProfile } from '../model/gitops/profile';

export const DEFAULT_PROFILE: ProfileName = 'restricted';
export const UNUSED_SUPPRESSION = 'meta/unused-suppression';

/** A rule that threw: reported once per rule and file, never fatal. */
export interface RuleError {
  ruleId: string;
  file: string;
  object?: string;
  message: string;
}

export interface LintResult {
  findings: Finding[];
  ruleErrors: RuleError[];
}

/** Effective severity of every enabled rule for a configuration. */
export function resolveSeverities(rules: readonly AnyRule[], config: BlueprintConfig): Map<string, Severity> {
  const profile = config.profile ?? DEFAULT_PROFILE;
  const out = new Map<string, Severity>();
  for (const r of rules) {
    const setting: RuleSetting | undefined = config.rules?.[r.id];
    if (setting === 'off') continue;
    if (setting) out.set(r.id, setting);
    else if (ruleInProfile(r, profile)) out.set(r.id, r.severity);
  }
  return out;
}

export class Linter {
  /** Severities under the configured profile (else DEFAULT_PROFILE); see forWorkspace for a workspace's. */
  readonly severities: Map<string, Severity>;
  private readonly fileRules: FileRule[] = [];
  private readonly allKindRules: ObjectRule[] = [];
  private readonly rulesByKind = new Map<string, ObjectRule[]>();
  /** Terraform rules by block type (`azurerm_redis_cache`, `data.aws_ami`). */
  private readonly rulesByTfType = new Map<string, TerraformRule[]>();
  readonly ruleIds: string[];
  /** Linters for profiles detected in a workspace when the configuration names none. */
  private readonly detectedLinters = new Map<ProfileName, Linter>();

  constructor(readonly rules: readonly AnyRule[], readonly config: BlueprintConfig = {}) {
    this.severities = resolveSeverities(rules, config);
    this.ruleIds = rules.map((r) => r.id);
    for (const r of rules) {
      if (!this.severities.has(r.id)) continue;
      if (isFileRule(r)) this.fileRules.push(r);
      else if (isTerraformRule(r)) for (const t of r.appliesTo.terraform) this.rulesByTfType.set(t, [...(this.rulesByTfType.get(t) ?? []), r]);
      else if (r.appliesTo === 'all') this.allKindRules.push(r);
      else for (const k of r.appliesTo) this.rulesByKind.set(k, [...(this.rulesByKind.get(k) ?? []), r]);
    }
  }

  ruleById(id: string): AnyRule | undefined {
    return this.rules.find((r) => r.id === id);
  }

  /**
   * The profile in effect for a workspace: the configured one (an explicit
   * profile always wins), else the one its content calls for (detectProfile:
   * `drupal-aks` for a Flux clusters/ layout deploying Drupal), else DEFAULT_PROFILE.
   */
  profileFor(ws: Workspace): ProfileName {
    return this.config.profile ?? detectProfile(ws) ?? DEFAULT_PROFILE;
  }

  /** The linter that applies to a workspace: this one, or one for the profile detected in it. */
  forWorkspace(ws: Workspace): Linter {
    const profile = this.profileFor(ws);
    if (this.config.profile || profile === DEFAULT_PROFILE) return this;
    let linter = this.detectedLinters.get(profile);
    if (!linter) this.detectedLinters.set(profile, (linter = new Linter(this.rules, { ...this.config, profile })));
    return linter;
  }

  lintFile(ws: Workspace, path: string): LintResult {
    const effective = this.forWorkspace(ws);
    if (effective !== this) return effective.lintFile(ws, path);
    const file = ws.get(path);
    if (!file) return { findings: [], ruleErrors: [] };
    const findings: Finding[] = [];
    const ruleErrors: RuleError[] = [];
    const run = (rule: AnyRule, objectName: string | undefined, body: (ctx: RuleContext) => void) => {
      const severity = this.severities.get(rule.id)!;
      const ctx: RuleContext = {
        file,
        model: ws,
        ruleIds: this.ruleIds,
        report: (span, messageId, data?: MessageData, fixes?: Fix[], related?: RelatedInfo[]) => {
          const template = (rule.messages as Record<string, string>)[messageId] ?? messageId;
          findings.push({
            ruleId: rule.id,
            severity,
            message: formatMessage(template, data),
            file: path,
            span,
            object: objectName,
            // A lazy fix always states `safe`; spreading it would compute its edits now.
            fixes: (fixes ?? []).map((f) => (isLazyFix(f) ? f : { safe: true, ...f })),
            ...(related && related.length ? { related } : {}),
          });
        },
      };
      try {
        body(ctx);
      } catch (e) {
        ruleErrors.push({ ruleId: rule.id, file: path, object: objectName, message: e instanceof Error ? e.message : String(e) });
      }
    };
    for (const rule of this.fileRules) run(rule, undefined, (ctx) => rule.checkFile(file, ctx));
    for (const obj of file.objects) {
      // The namespace the object lands in (a kustomization may set it), not only what it declares.
      const name = objectId({ kind: obj.kind, name: obj.name, namespace: effectiveNamespace(ws, obj) });
      for (const rule of this.allKindRules) run(rule, name, (ctx) => rule.check(obj, ctx));
      for (const rule of this.rulesByKind.get(obj.kind) ?? []) run(rule, name, (ctx) => rule.check(obj, ctx));
    }
    if (this.rulesByTfType.size) {
      for (const block of file.terraform?.blocks ?? []) {
        if (block.incomplete) continue; // being typed: its content is not known yet
        const key = block.kind === 'data' ? `data.${block.type}` : block.kind === 'resource' ? block.type : block.kind;
        for (const rule of this.rulesByTfType.get(key) ?? []) run(rule, block.address, (ctx) => rule.checkTerraform(block, ctx));
      }
    }
    return { findings: this.suppress(file, findings), ruleErrors };
  }

  private suppress(file: FileFacts, findings: Finding[]): Finding[] {
    const suppressions = collectSuppressions(file);
    const kept = applySuppressions(findings, suppressions);
    const severity = this.severities.get(UNUSED_SUPPRESSION);
    if (severity) {
      for (const u of unusedSuppressions(suppressions)) {
        const what = u.ids.length ? u.ids.map((id) => `"${id}"`).join(', ') : 'all rules';
        const unknown = u.ids.filter((id) => !this.ruleIds.includes(id));
        kept.push({
          ruleId: UNUSED_SUPPRESSION,
          severity,
          message: unknown.length
            ? `Unknown rule id ${unknown.map((id) => `"${id}"`).join(', ')} in suppression.`
            : `Unused suppression: ${what} reported nothing here.`,
          file: file.path,
          span: u.span,
          fixes: [],
        });
      }
    }
    return kept.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
  }
}

/**
 * Apply every safe fix of a file until none is left (each pass takes at most one
 * fix per YAML document, so two fixes never insert the same parent key twice).
 * The workspace ends up holding the fixed text; returns it.
 */
export function fixFile(linter: Linter, ws: Workspace, path: string, maxPasses = 100): { text: string; applied: number } {
  let applied = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const file = ws.get(path);
    if (!file) break;
    const { findings } = linter.lintFile(ws, path);
    const edits: Fix['edits'] = [];
    const usedDocs = new Set<number>();
    for (const f of findings) {
      // Fixes that touch other files (create one) are never applied here: see Fix.otherFiles.
      const fix = f.fixes.find((x) => x.safe !== false && !x.otherFiles?.length);
      if (!fix || fix.edits.length === 0) continue;
      const docs = new Set(fix.edits.map((e) => docIndexAt(file, e.start)));
      if ([...docs].some((d) => usedDocs.has(d))) continue;
      docs.forEach((d) => usedDocs.add(d));
      edits.push(...fix.edits);
      applied++;
    }
    if (edits.length === 0) break;
    ws.update(path, applyEdits(file.text, edits));
  }
  return { text: ws.get(path)?.text ?? '', applied };
}

function docIndexAt(file: FileFacts, offset: number): number {
  // Terraform: one fix per top-level block and pass.
  const blocks = file.terraform?.blocks ?? [];
  for (let i = blocks.length - 1; i >= 0; i--) if (blocks[i].block.span.start <= offset) return blocks[i].block.span.start;
  const docs = file.yaml?.documents ?? [];
  for (let i = docs.length - 1; i >= 0; i--) if (docs[i].offset <= offset) return docs[i].offset;
  return 0;
}
