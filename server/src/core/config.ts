// `.blueprint.yaml`: parsed, validated with ajv against the shipped JSON schema,
// and merged with overrides (CLI flags, VS Code settings). A bad file never
// crashes anything: its problems become meta/config findings and the valid parts
// still apply.
import Ajv, { ErrorObject } from 'ajv';
import configSchema from '../../../schemas/blueprint-config.schema.json';
import { parseYaml, PathSegment } from './syntax/yaml';
import type { Severity, Span } from './types';
import { PROFILES, ProfileName } from './rules/rule';
import { locateInDocument } from './syntax/locate';

export type RuleSetting = Severity | 'off';

export interface BlueprintConfig {
  profile?: ProfileName;
  rules?: Record<string, RuleSetting>;
  ignore?: string[];
}

export interface ConfigProblem {
  span: Span;
  message: string;
}

let validator: ((v: unknown) => boolean) & { errors?: ErrorObject[] | null } | undefined;
function validate(value: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema);
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestScore) [best, bestScore] = [c, d];
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

function pointer(path: string): PathSegment[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
}

function describe(err: ErrorObject): { path: PathSegment[]; message: string; atKey: boolean } {
  const path = pointer(err.instancePath);
  const where = path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') : 'the configuration';
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(err.params.additionalProperty);
      if (path.length === 0) return { path: [key], atKey: true, message: `Unknown setting "${key}" (allowed: profile, rules, ignore).` };
      return { path: [...path, key], atKey: true, message: `Unknown setting "${key}" in ${where}.` };
    }
    case 'enum':
      return { path, atKey: false, message: `${where} must be one of: ${(err.params.allowedValues as unknown[]).join(', ')}.` };
    case 'type':
      return { path, atKey: false, message: `${path.length ? where : 'The configuration'} must be ${article(String(err.params.type))}.` };
    case 'minLength':
      return { path, atKey: false, message: `${where} must not be empty.` };
    default:
      return { path, atKey: false, message: `${where} ${err.message ?? 'is invalid'}.` };
  }
}

function article(type: string): string {
  return type === 'object' ? 'a mapping' : type === 'array' ? 'a list' : `a ${type}`;
}

/**
 * Parse and validate a `.blueprint.yaml` text. `knownRules` lets unknown rule ids
 * be reported with the closest real one.
 */
export function parseConfig(text: string, knownRules: readonly string[]): { config: BlueprintConfig; problems: ConfigProblem[] } {
  const file = parseYaml(text);
  const problems: ConfigProblem[] = [];
  for (const d of file.documents) for (const p of d.problems) problems.push({ span: shiftSpan(p.span, d.offset), message: `YAML: ${p.message}` });
  const docs = file.documents.filter((d) => d.doc.contents !== null);
  if (docs.length === 0) return { config: {}, problems };
  const doc = docs[0];
  const value = doc.value ?? null;
  if (value === null) return { config: {}, problems };
  const errors = validate(value);
  const badRules = new Set<string>();
  const seen = new Set<string>();
  for (const err of errors) {
    // Malformed rule ids are reported below as unknown rules, with a suggestion.
    if (err.keyword === 'propertyNames' || err.schemaPath.includes('/propertyNames/')) continue;
    const d = describe(err);
    const key = d.path.join('\u0000') + d.message;
    if (seen.has(key)) continue;
    seen.add(key);
    if (d.path[0] === 'rules' && d.path.length >= 2) badRules.add(String(d.path[1]));
    problems.push({ span: locateInDocument(doc, d.path, d.atKey ? 'key' : 'value'), message: d.message });
  }
  const config: BlueprintConfig = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (typeof v.profile === 'string' && (PROFILES as readonly string[]).includes(v.profile)) config.profile = v.profile as ProfileName;
    if (Array.isArray(v.ignore)) config.ignore = v.ignore.filter((g): g is string => typeof g === 'string' && g.length > 0);
    if (v.rules && typeof v.rules === 'object' && !Array.isArray(v.rules)) {
      config.rules = {};
      for (const [id, setting] of Object.entries(v.rules as Record<string, unknown>)) {
        if (badRules.has(id)) continue;
        if (!knownRules.includes(id)) {
          const near = closest(id, knownRules);
          problems.push({
            span: locateInDocument(doc, ['rules', id], 'key'),
            message: `Unknown rule "${id}"${near ? `; did you mean "${near}"?` : '.'}`,
          });
          continue;
        }
        config.rules[id] = setting as RuleSetting;
      }
    }
  }
  return { config, problems };
}

function shiftSpan(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}

/** Later layers override earlier ones (file, then settings, then CLI flags). */
export function mergeConfigs(...layers: (BlueprintConfig | undefined)[]): BlueprintConfig {
  const out: BlueprintConfig = { rules: {}, ignore: [] };
  for (const l of layers) {
    if (!l) continue;
    if (l.profile) out.profile = l.profile;
    if (l.rules) Object.assign(out.rules!, l.rules);
    if (l.ignore) out.ignore!.push(...l.ignore);
  }
  return out;
}
