// Turns ajv error objects (from the precompiled kubernetes-models validators and
// from ajv-compiled custom schemas alike) into SchemaIssues a person understands.
//
// Pure functions over plain data: no ajv import is needed, the error shape is
// structural.

import type { SchemaIssue } from './types';

/** The part of an ajv ErrorObject we read. */
export interface RawError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  schemaPath?: string;
  /** Present with ajv's `verbose: true` (custom schemas only). */
  parentSchema?: unknown;
}

export type PathSegment = string | number;

export const MAX_ISSUES = 20;

// ---------------------------------------------------------------------------
// Paths

/** `/spec/containers/0/image` -> ['spec','containers',0,'image'] (numbers where the data holds an array). */
export function parseInstancePath(instancePath: string, root: unknown): PathSegment[] {
  if (!instancePath) return [];
  const out: PathSegment[] = [];
  let cur: unknown = root;
  for (const raw of instancePath.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^(0|[1-9]\d*)$/.test(seg)) {
      const i = Number(seg);
      out.push(i);
      cur = cur[i];
    } else {
      out.push(seg);
      cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** ['spec','containers',0,'image'] -> `spec.containers[0].image`; odd keys as `["a.b/c"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) s += s ? `.${seg}` : seg;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s;
}

export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg as string];
  }
  return cur;
}

function isUnder(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  if (path.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Values that are not known until deploy time

/**
 * A string the schema cannot judge: a SOPS-encrypted value (`ENC[AES256_GCM,data:…]`,
 * any SOPS-managed field whatever its real type) or one holding a Flux post-build
 * substitution variable (`${CLUSTER_NAME}`, `${replicas:=2}`) that becomes the real
 * value only when Flux applies it.
 */
export function isDeferredValue(v: unknown): boolean {
  return typeof v === 'string' && (/^ENC\[[A-Z0-9_]+,data:/.test(v) || /\$\{[^}]+\}/.test(v));
}

// ---------------------------------------------------------------------------
// Wording

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean (true or false)',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function typeWord(t: string): string {
  return TYPE_WORDS[t] ?? `of type ${t}`;
}

function orList(words: string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function typeList(types: string[]): string {
  // "an integer or a string"; the boolean gloss only when alone
  const words = types.map((t) => (t === 'boolean' && types.length > 1 ? 'a boolean' : typeWord(t)));
  return orList(words);
}

function showValue(v: unknown): string {
  if (typeof v === 'string') return v === '' ? '""' : v;
  return JSON.stringify(v);
}

function enumList(values: unknown[]): string {
  const shown = values.slice(0, 12).map(showValue).join(', ');
  return values.length > 12 ? `${shown}, … (${values.length} values)` : shown;
}

/** A hint for the usual YAML mistake: a number/boolean where a string belongs, or a quoted number. */
function typeHint(expected: string[], value: unknown): string {
  if (expected.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) {
    return ` (quote the value: "${String(value)}")`;
  }
  if ((expected.includes('integer') || expected.includes('number')) && typeof value === 'string') {
    const t = value.trim();
    if (t !== '' && !isNaN(Number(t)) && (expected.includes('number') || Number.isInteger(Number(t)))) {
      return ` (remove the quotes: ${t})`;
    }
  }
  if (expected.includes('boolean') && typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
    return ` (remove the quotes: ${value.trim().toLowerCase()})`;
  }
  return '';
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The closest candidate to `word` (case-insensitive equality first), if close enough. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const lw = word.toLowerCase();
  for (const c of candidates) {
    if (c === word) continue;
    if (c.toLowerCase() === lw) return c;
    const d = editDistance(lw, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  const limit = word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
  if (bestD <= limit) return best;
  // A truncated or extended name: `encrypted` for `encryptedData`.
  if (lw.length >= 4) {
    for (const c of candidates) {
      const lc = c.toLowerCase();
      if (lc.length >= 4 && (lc.startsWith(lw) || lw.startsWith(lc))) return c;
    }
  }
  return undefined;
}

function knownProps(parentSchema: unknown): string[] {
  if (parentSchema && typeof parentSchema === 'object') {
    const props = (parentSchema as { properties?: unknown }).properties;
    if (props && typeof props === 'object') return Object.keys(props);
  }
  return [];
}

const FORMAT_WORDS: Record<string, string> = {
  int32: 'a 32-bit integer',
  int64: 'a 64-bit integer',
  double: 'a number',
  float: 'a number',
  byte: 'base64-encoded data',
  'date-time': 'a date and time in RFC 3339 form, such as 2024-01-31T12:00:00Z',
  date: 'a date such as 2024-01-31',
  uri: 'a URI',
  email: 'an email address',
  hostname: 'a host name',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  cidr: 'a CIDR such as 10.0.0.0/16',
};

export const QUANTITY_WORDS = 'a Kubernetes quantity such as 500m, 0.5, 128Mi or 2Gi';

function formatWord(format: string): string {
  if (format === 'quantity') return QUANTITY_WORDS;
  return FORMAT_WORDS[format] ?? `a valid ${format}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------
// Translation

interface Located {
  err: RawError;
  path: PathSegment[];
}

export interface TranslateContext {
  /** The (null-pruned) object that was validated: paths and values are read from it. */
  root: unknown;
  /** Kind used in wording, e.g. "Deployment". */
  kind: string;
  /** Paths (formatted) whose null value was dropped before validation. */
  nulled?: ReadonlySet<string>;
}

/** Translate one validator run's errors. The result is unsorted and may hold duplicates. */
export function translateErrors(errors: readonly RawError[], ctx: TranslateContext): SchemaIssue[] {
  const located: Located[] = errors.map((err) => ({ err, path: parseInstancePath(err.instancePath, ctx.root) }));
  const consumed = new Array<boolean>(located.length).fill(false);
  const branchesOf = new Map<number, Located[]>();

  // A failed oneOf/anyOf is preceded by the errors of its failed branches, all at or
  // under its own path. Gather them under the combinator so they are judged together.
  for (let i = 0; i < located.length; i++) {
    const k = located[i].err.keyword;
    if (k !== 'oneOf' && k !== 'anyOf') continue;
    const base = located[i].path;
    const branches: Located[] = [];
    for (let j = i - 1; j >= 0 && isUnder(located[j].path, base); j--) {
      if (consumed[j]) continue;
      consumed[j] = true;
      branches.unshift(located[j]);
    }
    branchesOf.set(i, branches);
  }

  const out: SchemaIssue[] = [];
  for (let i = 0; i < located.length; i++) {
    if (consumed[i]) continue;
    const loc = located[i];
    const branches = branchesOf.get(i);
    if (branches) out.push(...describeCombinator(loc, branches, ctx));
    else {
      const issue = describe(loc, ctx);
      if (issue) out.push(issue);
    }
  }
  return out;
}

function subject(path: readonly PathSegment[], ctx: TranslateContext): string {
  return path.length ? formatPath(path) : ctx.kind;
}

function describe({ err, path }: Located, ctx: TranslateContext): SchemaIssue | undefined {
  const p = err.params ?? {};
  const value = valueAt(ctx.root, path);
  if (err.keyword !== 'required' && err.keyword !== 'additionalProperties' && isDeferredValue(value)) return undefined;
  const x = subject(path, ctx);
  switch (err.keyword) {
    case 'required': {
      const prop = String(p.missingProperty);
      const at = [...path, prop];
      if (ctx.nulled?.has(formatPath(at))) {
        return { path: at, message: `${formatPath(at)} is required but has no value`, atKey: true };
      }
      return { path, message: `${x} is missing required field "${prop}"` };
    }
    case 'additionalProperties': {
      const prop = String(p.additionalProperty);
      const at = [...path, prop];
      const near = closest(prop, knownProps(err.parentSchema));
      const where = path.length ? `${ctx.kind} ${formatPath(path)}` : ctx.kind;
      return {
        path: at,
        message: `${formatPath(at)} is not a known field of ${where}${near ? ` (did you mean "${near}"?)` : ''}`,
        atKey: true,
      };
    }
    case 'type': {
      const types = Array.isArray(p.type) ? p.type.map(String) : String(p.type).split(',');
      return { path, message: `${x} must be ${typeList(types)}${typeHint(types, value)}` };
    }
    case 'enum': {
      const allowed = Array.isArray(p.allowedValues) ? p.allowedValues : [];
      let hint = '';
      if (typeof value === 'string') {
        const near = closest(value, allowed.filter((a): a is string => typeof a === 'string'));
        if (near !== undefined) hint = ` (did you mean ${showValue(near)}?)`;
      }
      if (allowed.length === 1) return { path, message: `${x} must be ${showValue(allowed[0])}` };
      return { path, message: `${x} must be one of: ${enumList(allowed)}${hint}` };
    }
    case 'const':
      return { path, message: `${x} must be ${showValue(p.allowedValue)}` };
    case 'format':
      return { path, message: `${x} must be ${formatWord(String(p.format))}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const cmp = String(p.comparison ?? { minimum: '>=', maximum: '<=', exclusiveMinimum: '>', exclusiveMaximum: '<' }[err.keyword]);
      const word = { '>=': 'at least', '<=': 'at most', '>': 'greater than', '<': 'less than' }[cmp] ?? cmp;
      return { path, message: `${x} must be ${word} ${String(p.limit)}` };
    }
    case 'multipleOf':
      return { path, message: `${x} must be a multiple of ${String(p.multipleOf)}` };
    case 'minLength': {
      const n = Number(p.limit);
      return { path, message: n === 1 ? `${x} must not be empty` : `${x} must be at least ${plural(n, 'character')} long` };
    }
    case 'maxLength':
      return { path, message: `${x} must be at most ${plural(Number(p.limit), 'character')} long` };
    case 'minItems': {
      const n = Number(p.limit);
      return { path, message: n === 1 ? `${x} must have at least one item` : `${x} must have at least ${plural(n, 'item')}` };
    }
    case 'maxItems':
      return { path, message: `${x} must have at most ${plural(Number(p.limit), 'item')}` };
    case 'minProperties': {
      const n = Number(p.limit);
      return { path, message: n === 1 ? `${x} must not be empty` : `${x} must have at least ${plural(n, 'field')}` };
    }
    case 'maxProperties':
      return { path, message: `${x} must have at most ${plural(Number(p.limit), 'field')}` };
    case 'pattern':
      return { path, message: `${x} must match the pattern ${String(p.pattern)}` };
    case 'uniqueItems':
      return { path, message: `${x} must not contain duplicates (items ${String(p.j)} and ${String(p.i)} are the same)` };
    case 'dependentRequired':
    case 'dependencies':
      return { path, message: `${x} must also set "${String(p.missingProperty)}" when "${String(p.property)}" is set` };
    case 'propertyNames':
      return { path, message: `${x} has a field name that is not allowed${p.propertyName ? `: "${String(p.propertyName)}"` : ''}` };
    case 'not':
      return { path, message: `${x} has a value that is not allowed here` };
    case 'x-blueprint': // a check of ours (extra-kinds.ts): the message follows the subject
      return { path, message: `${x} ${err.message ?? 'is invalid'}` };
    case 'if':
    case 'false schema':
      return undefined; // always accompanied by (or replaced with) a more specific error
    default:
      return { path, message: `${x} ${err.message ?? `is invalid (${err.keyword})`}` };
  }
}

/**
 * One failed oneOf/anyOf. Kubernetes uses them for int-or-string and quantity
 * fields (a type per branch) and CRDs for "set one of these fields" (a required per
 * branch). When the value has the type one branch wants, that branch's own errors
 * are the useful ones; otherwise say which types are accepted.
 */
function describeCombinator(loc: Located, branches: Located[], ctx: TranslateContext): SchemaIssue[] {
  const { err, path } = loc;
  const value = valueAt(ctx.root, path);
  if (isDeferredValue(value)) return [];
  const x = subject(path, ctx);

  if (err.keyword === 'oneOf' && Array.isArray(err.params?.passingSchemas)) {
    return [{ path, message: `${x} matches more than one of the allowed forms; it must match exactly one` }];
  }
  if (branches.some((b) => b.err.keyword === 'format' && b.err.params?.format === 'quantity')) {
    return [{ path, message: `${x} must be ${QUANTITY_WORDS}` }];
  }

  const here = branches.filter((b) => b.path.length === path.length);
  const typeErrs = here.filter((b) => b.err.keyword === 'type');
  // Errors that show the value had a branch's type but failed inside it. A bare
  // `format` at this path comes with its branch's type error (int32 on 1.5), so it
  // says nothing a type list would not.
  const deeperOrOther = branches.filter(
    (b) => b.path.length > path.length || (b.err.keyword !== 'type' && b.err.keyword !== 'format'),
  );

  // Every branch wanted a field: "set one of".
  if (branches.length > 0 && branches.every((b) => b.err.keyword === 'required' && b.path.length === path.length)) {
    const names = [...new Set(branches.map((b) => String(b.err.params?.missingProperty)))];
    return [{ path, message: `${x} must set ${names.length > 1 ? 'one of the fields' : 'the field'} ${names.map((n) => `"${n}"`).join(', ')}` }];
  }

  // The value matched some branch's type but failed inside it: report those errors.
  if (deeperOrOther.length > 0) {
    const inner = translateErrors(deeperOrOther.map((b) => b.err), ctx);
    if (inner.length > 0) return inner;
  }

  if (typeErrs.length > 0) {
    const types: string[] = [];
    for (const t of typeErrs) {
      const ts = Array.isArray(t.err.params?.type) ? t.err.params.type.map(String) : String(t.err.params?.type).split(',');
      for (const ty of ts) if (!types.includes(ty)) types.push(ty);
    }
    // "an integer or a string" reads better than the schema's order for int-or-string.
    types.sort((a, b) => typeRank(a) - typeRank(b));
    return [{ path, message: `${x} must be ${typeList(types)}` }];
  }
  return [{ path, message: `${x} does not match any of the allowed forms` }];
}

function typeRank(t: string): number {
  return ['integer', 'number', 'string', 'boolean', 'object', 'array', 'null'].indexOf(t);
}

// ---------------------------------------------------------------------------
// Ordering

/** Sort in document order (keys by their position in the parsed object), then by message. */
export function sortIssues(issues: SchemaIssue[], root: unknown): SchemaIssue[] {
  const keyCache = new Map<SchemaIssue, number[]>();
  const rank = (issue: SchemaIssue): number[] => {
    let r = keyCache.get(issue);
    if (r) return r;
    r = [];
    let cur: unknown = root;
    for (const seg of issue.path) {
      if (Array.isArray(cur) && typeof seg === 'number') {
        r.push(seg);
        cur = cur[seg];
      } else if (cur !== null && typeof cur === 'object') {
        const idx = Object.keys(cur).indexOf(String(seg));
        r.push(idx < 0 ? Number.MAX_SAFE_INTEGER : idx);
        cur = (cur as Record<string, unknown>)[seg as string];
      } else {
        r.push(Number.MAX_SAFE_INTEGER);
        cur = undefined;
      }
    }
    keyCache.set(issue, r);
    return r;
  };
  return issues.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < Math.min(ra.length, rb.length); i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
    if (ra.length !== rb.length) return ra.length - rb.length;
    return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
  });
}

/** Remove duplicates (same path and message), sort, and cap the list. */
export function finishIssues(issues: SchemaIssue[], root: unknown, kind: string): SchemaIssue[] {
  const seen = new Set<string>();
  const unique: SchemaIssue[] = [];
  for (const i of issues) {
    const key = `${JSON.stringify(i.path)}\u0000${i.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(i);
  }
  sortIssues(unique, root);
  if (unique.length <= MAX_ISSUES) return unique;
  const shown = unique.slice(0, MAX_ISSUES);
  shown.push({ path: [], message: `${kind} has ${unique.length - MAX_ISSUES} more schema problems not shown` });
  return shown;
}
