// Unknown fields, found by watching what a precompiled validator reads.
//
// The kubernetes-models validators are ajv standalone code without the schemas, and
// their schemas do not forbid additional properties, so an unknown key passes
// silently. But the generated code reads every declared property of an object
// (`void 0 === data.image || validate27(data.image, …)`) and enumerates an object's
// keys only when its schema has `additionalProperties`/`patternProperties` (a map
// such as labels, annotations or ConfigMap data). So, validating through a Proxy:
//
//   - an object the validator read properties of, and never enumerated, is a struct
//     whose declared fields are exactly the names it read: any other key is unknown;
//   - an object it enumerated is a map: every key is allowed;
//   - an object it never looked into is free-form (`x-kubernetes-preserve-unknown-fields`,
//     RawExtension, Helm values, an unknown field's value): nothing is reported.
//
// One run gives both the errors and the unknown fields, with no schema shipped.
// What this cannot see: a schema with declared properties that also preserves unknown
// fields (`properties` + `x-kubernetes-preserve-unknown-fields`, or
// `additionalProperties: true`) generates no code for the extra keys. Kinds whose
// schemas may do that are not checked (see STRICT_KINDS in registry.ts), or their
// open paths are listed (OPEN_PATHS).

import type { PathSegment } from './messages';

export interface UnknownField {
  /** Path of the unknown key itself, e.g. ['spec','template','spec','containers',0,'securityContex']. */
  path: PathSegment[];
  /** Declared fields of the object holding it (the names the validator read), sorted. */
  known: string[];
}

interface Access {
  reads: Set<string>;
  open: boolean;
}

const isObject = (v: unknown): v is object => v !== null && typeof v === 'object';

/**
 * A proxy of `root` (recursively, created lazily) and the record of what was read.
 * Objects in `exclude` are handed out as they are (neither wrapped nor recorded).
 */
export function track<T extends object>(root: T, exclude?: ReadonlySet<object>): { proxy: T; access: WeakMap<object, Access> } {
  const access = new WeakMap<object, Access>();
  const proxies = new WeakMap<object, object>();
  const recordOf = (target: object): Access => {
    let a = access.get(target);
    if (!a) {
      a = { reads: new Set(), open: false };
      access.set(target, a);
    }
    return a;
  };
  const handler: ProxyHandler<object> = {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string') return value;
      if (!Array.isArray(target)) recordOf(target).reads.add(prop);
      return isObject(value) ? wrap(value) : value;
    },
    has(target, prop) {
      if (typeof prop === 'string' && !Array.isArray(target)) recordOf(target).reads.add(prop);
      return Reflect.has(target, prop);
    },
    ownKeys(target) {
      if (!Array.isArray(target)) recordOf(target).open = true;
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, prop) {
      if (typeof prop === 'string' && !Array.isArray(target)) recordOf(target).reads.add(prop);
      return Reflect.getOwnPropertyDescriptor(target, prop);
    },
  };
  const wrap = (value: object): object => {
    if (exclude?.has(value)) return value;
    let p = proxies.get(value);
    if (!p) {
      p = new Proxy(value, handler);
      proxies.set(value, p);
    }
    return p;
  };
  return { proxy: wrap(root) as T, access };
}

/**
 * Keys that are not fields of the resource but directives of tools that rewrite it
 * before it reaches the API server: strategic-merge-patch directives (`$patch`,
 * `$setElementOrder/…`), and keys holding a Flux post-build substitution.
 */
function isToolKey(key: string): boolean {
  return key.startsWith('$') || key.includes('${');
}

/**
 * After a tracked validation: every key of a struct that its schema does not declare.
 * `open(path)` names paths whose objects accept any key even though the validator
 * read declared properties there.
 */
export function unknownFields(
  root: unknown,
  access: WeakMap<object, Access>,
  open?: (path: readonly PathSegment[]) => boolean,
): UnknownField[] {
  const out: UnknownField[] = [];
  const path: PathSegment[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (!isObject(v) || depth > 200) return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        path.push(i);
        visit(item, depth + 1);
        path.pop();
      });
      return;
    }
    const a = access.get(v);
    if (!a) return; // never looked into: free-form, or not validated at all
    const struct = !a.open && a.reads.size > 0 && !(open && open(path));
    let known: string[] | undefined;
    for (const key of Object.keys(v)) {
      if (struct && !a.reads.has(key)) {
        // The SOPS metadata of an encrypted file is removed before it is applied.
        if (isToolKey(key) || (path.length === 0 && key === 'sops')) continue;
        known ??= [...a.reads].sort();
        out.push({ path: [...path, key], known });
        continue;
      }
      path.push(key);
      visit((v as Record<string, unknown>)[key], depth + 1);
      path.pop();
    }
  };
  visit(root, 0);
  return out;
}

// ---------------------------------------------------------------------------
// Suggestions

function distance(a: string, b: string): number {
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

/**
 * Declared fields close to `word`, best first: a different case counts as the
 * closest, then edit distance within a limit that grows with the word (1 for short
 * names, 2 up to 8 characters, 3 beyond); when none is that close, a truncated or
 * extended name (`securityCon` for `securityContext`). Names in `taken` (already keys of the same
 * mapping) are never suggested: renaming onto them would make a duplicate key.
 */
export function suggestFields(word: string, known: readonly string[], taken: ReadonlySet<string> = new Set()): string[] {
  const lw = word.toLowerCase();
  const limit = word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
  const scored: { name: string; d: number }[] = [];
  const affixed: string[] = [];
  for (const name of known) {
    if (name === word || taken.has(name)) continue;
    const ln = name.toLowerCase();
    if (lw.length >= 4 && ln.length >= 4 && (ln.startsWith(lw) || lw.startsWith(ln))) affixed.push(name);
    if (Math.abs(ln.length - lw.length) > limit) continue;
    const d = ln === lw ? 0 : distance(lw, ln);
    if (d <= limit) scored.push({ name, d });
  }
  if (scored.length === 0) return affixed.sort((x, y) => Math.abs(x.length - word.length) - Math.abs(y.length - word.length) || (x < y ? -1 : 1));
  scored.sort((x, y) => x.d - y.d || (x.name < y.name ? -1 : 1));
  return scored.map((s) => s.name);
}
