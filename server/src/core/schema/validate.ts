// Schema validation of one Kubernetes resource (a parsed YAML document).
//
//   validateResource(doc.toJS()) -> ok | unknown-kind | invalid (issues with paths)
//
// Schemas come from kubernetes-models and the @kubernetes-models/* CRD packages
// (precompiled ajv validators, loaded per kind on first use), plus hand-written
// schemas in schemas/kinds/ for kinds those packages lack (see extra-kinds.ts).
// Never throws.

import { allKnown, isKnown, validatorFor, type Validator } from './registry';
import { closest, finishIssues, formatPath, MAX_ISSUES, translateErrors, type PathSegment, type RawError } from './messages';
import { strictCheckFor } from './strict';
import { suggestFields, track, unknownFields } from './unknown-fields';
import type { SchemaIssue, SchemaResult, UnknownFieldIssue } from './types';
import removedApis from './removed-apis.json';

export type { SchemaIssue, SchemaResult, UnknownFieldIssue } from './types';

const OK: SchemaResult = { kind: 'ok' };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** true when validateResource can check this apiVersion/kind against a schema. */
export function hasSchema(apiVersion: string, kind: string): boolean {
  return (apiVersion === 'v1' && kind === 'List') || isKnown(apiVersion, kind);
}

/** Every apiVersion/kind with a schema (for completion and docs). */
export function knownKinds(): readonly { apiVersion: string; kind: string }[] {
  return allKnown();
}

export function validateResource(value: unknown): SchemaResult {
  try {
    return validateTop(value);
  } catch (e) {
    // A fault of ours or of a validator, never the document's: do not blame the user.
    const what = isPlainObject(value) ? `${String(value.apiVersion)} ${String(value.kind)}` : 'this document';
    return { kind: 'unknown-kind', message: `Could not check ${what} against its schema: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function typeMeta(value: Record<string, unknown>, prefix: (string | number)[]): { apiVersion?: string; kind?: string; issues: SchemaIssue[] } {
  const issues: SchemaIssue[] = [];
  const pre = prefix.length ? `${formatPath(prefix)} is ` : '';
  const field = (name: 'apiVersion' | 'kind'): string | undefined => {
    const v = value[name];
    if (v === undefined || v === null || v === '') {
      issues.push({ path: [...prefix], message: `${pre}missing ${name}` });
      return undefined;
    }
    if (typeof v !== 'string') {
      issues.push({ path: [...prefix, name], message: `${formatPath([...prefix, name])} must be a string` });
      return undefined;
    }
    return v;
  };
  const apiVersion = field('apiVersion');
  const kind = field('kind');
  return { apiVersion, kind, issues };
}

function validateTop(value: unknown): SchemaResult {
  if (!isPlainObject(value)) {
    return { kind: 'invalid', issues: [{ path: [], message: 'A Kubernetes resource must be an object (a YAML mapping)' }] };
  }
  const { apiVersion, kind, issues } = typeMeta(value, []);
  if (apiVersion === undefined || kind === undefined) return { kind: 'invalid', issues };

  if (apiVersion === 'v1' && kind === 'List') return validateList(value);

  const validate = validatorFor(apiVersion, kind);
  if (!validate) return { kind: 'unknown-kind', message: unknownKindMessage(apiVersion, kind) };

  const nulled = new Set<string>();
  const data = normalize(value, [], nulled, 0) as Record<string, unknown>;
  const { raw, unknownFields: found } = run(validate, data, apiVersion, kind, []);
  const unknownFields = found && capUnknown(found);
  const out = raw.length === 0 ? [] : finishIssues(translateErrors(raw, { root: data, kind, nulled }), data, kind);
  if (out.length) return unknownFields?.length ? { kind: 'invalid', issues: out, unknownFields } : { kind: 'invalid', issues: out };
  return unknownFields?.length ? { kind: 'ok', unknownFields } : OK;
}

/**
 * One validator run; for kinds with complete schemas (strict.ts) through a tracking
 * proxy that also yields the unknown fields (unknown-fields.ts). `prefix` is where
 * `data` sits in the document (a List item).
 */
function run(
  validate: Validator,
  data: Record<string, unknown>,
  apiVersion: string,
  kind: string,
  prefix: PathSegment[],
): { raw: RawError[]; unknownFields?: UnknownFieldIssue[] } {
  const strict = strictCheckFor(apiVersion, kind);
  if (!strict) return { raw: validate(data) };
  const { proxy, access } = track(data, strict.exclude(data));
  const raw = validate(proxy);
  const found: UnknownFieldIssue[] = [];
  for (const u of unknownFields(data, access)) {
    const parent = u.path.slice(0, -1);
    const key = String(u.path[u.path.length - 1]);
    if (strict.extraKnown(parent, key)) continue;
    const holder = valueAtPath(data, parent);
    const taken = new Set(holder && typeof holder === 'object' ? Object.keys(holder) : []);
    const suggestions = suggestFields(key, u.known, taken).slice(0, 3);
    if (strict.typosOnly && suggestions.length === 0) continue;
    const path = [...prefix, ...u.path];
    const where = parent.length || prefix.length ? formatPath([...prefix, ...parent]) : kind;
    const mean = suggestions.length ? `; did you mean ${suggestions.map((n) => `"${n}"`).join(' or ')}?` : '';
    found.push({ path, suggestions, message: `Unknown field "${key}" in ${where}${mean}` });
  }
  return { raw, unknownFields: found };
}

/** At most MAX_ISSUES per document (a wrong kind on a big mapping would give hundreds); the last says how many more. */
function capUnknown(list: UnknownFieldIssue[]): UnknownFieldIssue[] {
  if (list.length <= MAX_ISSUES) return list;
  const more = list.length - MAX_ISSUES;
  list.length = MAX_ISSUES;
  const last = list[MAX_ISSUES - 1];
  list[MAX_ISSUES - 1] = { ...last, message: `${last.message} (and ${more} more unknown field${more === 1 ? '' : 's'} in this document, not shown)` };
  return list;
}

function valueAtPath(root: unknown, path: readonly PathSegment[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg as string];
  }
  return cur;
}

/** `kind: List` (kubectl's output): check each item that has a schema. */
function validateList(value: Record<string, unknown>): SchemaResult {
  const nulled = new Set<string>();
  const data = normalize(value, [], nulled, 0) as Record<string, unknown>;
  const items = data.items;
  if (items === undefined) return OK;
  if (!Array.isArray(items)) return { kind: 'invalid', issues: [{ path: ['items'], message: 'items must be an array' }] };
  const issues: SchemaIssue[] = [];
  const unknown: UnknownFieldIssue[] = [];
  items.forEach((item, i) => {
    if (!isPlainObject(item)) {
      issues.push({ path: ['items', i], message: `${formatPath(['items', i])} must be an object` });
      return;
    }
    const tm = typeMeta(item, ['items', i]);
    issues.push(...tm.issues);
    if (tm.apiVersion === undefined || tm.kind === undefined) return;
    const validate = validatorFor(tm.apiVersion, tm.kind);
    if (!validate) return;
    const result = run(validate, item, tm.apiVersion, tm.kind, ['items', i]);
    const raw: RawError[] = result.raw.map((e) => ({ ...e, instancePath: `/items/${i}${e.instancePath}` }));
    issues.push(...translateErrors(raw, { root: data, kind: tm.kind, nulled }));
    if (result.unknownFields) unknown.push(...result.unknownFields);
  });
  const out = finishIssues(issues, data, 'List');
  capUnknown(unknown);
  if (out.length) return unknown.length ? { kind: 'invalid', issues: out, unknownFields: unknown } : { kind: 'invalid', issues: out };
  return unknown.length ? { kind: 'ok', unknownFields: unknown } : OK;
}

const MAX_DEPTH = 200;

/**
 * A copy the validators can judge like the API server would:
 * - a field whose value is null is absent (`creationTimestamp: null` in kubectl
 *   output, `annotations:` left empty); its path is recorded so a required field
 *   written with no value gets a precise message;
 * - Dates (YAML 1.1 timestamps) become RFC 3339 strings, bigints numbers;
 * - shared nodes (YAML aliases) are copied, cycles and absurd depth cut off.
 */
function normalize(v: unknown, path: (string | number)[], nulled: Set<string>, depth: number): unknown {
  if (v instanceof Date) return isNaN(v.getTime()) ? String(v) : v.toISOString().replace('.000Z', 'Z');
  if (typeof v === 'bigint') return Number(v);
  if (v === null || typeof v !== 'object') return v;
  if (depth > MAX_DEPTH) return undefined;
  if (Array.isArray(v)) {
    return v.map((item, i) => {
      path.push(i);
      const r = normalize(item, path, nulled, depth + 1);
      path.pop();
      return r;
    });
  }
  if (v instanceof Map) {
    const obj: Record<string, unknown> = {};
    for (const [k, val] of v) obj[String(k)] = val;
    return normalize(obj, path, nulled, depth);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) {
    const val = (v as Record<string, unknown>)[key];
    path.push(key);
    if (val === null) nulled.add(formatPath(path));
    else if (val !== undefined) {
      const r = normalize(val, path, nulled, depth + 1);
      if (r !== undefined) out[key] = r;
    }
    path.pop();
  }
  return out;
}

// ---------------------------------------------------------------------------
// unknown-kind wording

interface RemovedApi {
  apiVersion: string;
  kinds: string[];
  removedIn: string;
  use: string | null;
}

const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '');

function unknownKindMessage(apiVersion: string, kind: string): string {
  const removed = (removedApis.removed as RemovedApi[]).find((r) => r.apiVersion === apiVersion && r.kinds.includes(kind));
  if (removed) {
    return removed.use
      ? `${apiVersion} ${kind} was removed in ${removed.removedIn}; use ${removed.use}`
      : `${apiVersion} ${kind} was removed in ${removed.removedIn} and has no replacement`;
  }
  const base = `No schema known for ${apiVersion} ${kind}`;
  const known = allKnown();
  const sameKind = known.filter((k) => k.kind === kind);
  const sameGroup = sameKind.filter((k) => groupOf(k.apiVersion) === groupOf(apiVersion));
  if (sameGroup.length > 0) return `${base} (known versions: ${sameGroup.map((k) => k.apiVersion).join(', ')})`;
  if (sameKind.length > 0) return `${base} (${kind} is served by ${sameKind.map((k) => k.apiVersion).join(', ')})`;
  const inVersion = known.filter((k) => k.apiVersion === apiVersion).map((k) => k.kind);
  const near = closest(kind, inVersion.length > 0 ? inVersion : new Set(known.map((k) => k.kind)));
  if (near) return `${base} (did you mean ${near}?)`;
  return base;
}
