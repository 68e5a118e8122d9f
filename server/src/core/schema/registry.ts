// (apiVersion, kind) -> a validator, loaded on first use and cached.
//
// Sources, in order: the generated kubernetes-models table, aliases of newer
// versions to shipped ones, hand-written schemas in schemas/kinds/.

import type Ajv from 'ajv';
import type { AnySchema, ValidateFunction } from 'ajv';
import { MODEL_INDEX } from './generated-index';
import { ADJUSTMENTS, ALIASES, CUSTOM_KINDS, type CustomKind } from './extra-kinds';
import type { RawError } from './messages';

/** Returns ajv-style errors; empty when valid. May throw only on an internal fault. */
export type Validator = (data: Record<string, unknown>) => RawError[];

type ModelClass = { prototype: { validate(this: unknown): void } };

function get<T>(table: Readonly<Record<string, Readonly<Record<string, T>>>>, apiVersion: string, kind: string): T | undefined {
  const kinds = Object.prototype.hasOwnProperty.call(table, apiVersion) ? table[apiVersion] : undefined;
  return kinds && Object.prototype.hasOwnProperty.call(kinds, kind) ? kinds[kind] : undefined;
}

export function isKnown(apiVersion: string, kind: string): boolean {
  return (
    get(MODEL_INDEX, apiVersion, kind) !== undefined ||
    get(ALIASES, apiVersion, kind) !== undefined ||
    get(CUSTOM_KINDS, apiVersion, kind) !== undefined
  );
}

let allKnownCache: { apiVersion: string; kind: string }[] | undefined;

/** Every (apiVersion, kind) with a schema, sorted. */
export function allKnown(): readonly { apiVersion: string; kind: string }[] {
  if (!allKnownCache) {
    const seen = new Set<string>();
    const out: { apiVersion: string; kind: string }[] = [];
    for (const table of [MODEL_INDEX, ALIASES, CUSTOM_KINDS] as Readonly<Record<string, Readonly<Record<string, unknown>>>>[]) {
      for (const apiVersion of Object.keys(table)) {
        for (const kind of Object.keys(table[apiVersion])) {
          const key = `${apiVersion} ${kind}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ apiVersion, kind });
        }
      }
    }
    out.sort((a, b) => (a.apiVersion === b.apiVersion ? (a.kind < b.kind ? -1 : 1) : a.apiVersion < b.apiVersion ? -1 : 1));
    allKnownCache = out;
  }
  return allKnownCache;
}

const cache = new Map<string, Validator | null>();

/** The validator for a kind, or undefined when no schema is known. */
export function validatorFor(apiVersion: string, kind: string): Validator | undefined {
  const key = `${apiVersion} ${kind}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  let v = build(apiVersion, kind);
  const adjust = get(ADJUSTMENTS, apiVersion, kind);
  if (v && adjust) {
    const inner = v;
    v = (data) => adjust(data, inner(data));
  }
  cache.set(key, v ?? null);
  return v;
}

function build(apiVersion: string, kind: string): Validator | undefined {
  const thunk = get(MODEL_INDEX, apiVersion, kind);
  if (thunk) return modelValidator(thunk);
  const target = get(ALIASES, apiVersion, kind);
  if (target) {
    // The target's own validator, without the target's adjustments: the alias has its own.
    const inner = build(target, kind);
    // The shipped validator pins apiVersion to its own version: present it that one.
    // A view rather than a copy: the data may be a tracking proxy (unknown-fields.ts),
    // whose reads must still be seen (apiVersion included).
    return (
      inner &&
      ((data) =>
        inner(
          new Proxy(data, {
            get: (t, p, r) => {
              const v = Reflect.get(t, p, r) as unknown;
              return p === 'apiVersion' ? target : v;
            },
          }),
        ))
    );
  }
  const custom = get(CUSTOM_KINDS, apiVersion, kind);
  if (custom) return customValidator(custom);
  return undefined;
}

/**
 * kubernetes-models registers each precompiled ajv validator on its model class
 * (`setValidateFunc`): `prototype.validate()` runs it on `this` and throws an ajv
 * ValidationError with `errors`. It is called on the data itself (already
 * normalized, apiVersion and kind present) rather than on `new Model(data)`, which
 * would deep-copy it: cheaper, and a tracking proxy sees what the validator reads.
 * The `_schemas/` modules themselves are not in the packages' exports.
 */
function modelValidator(thunk: () => unknown): Validator {
  let cls: ModelClass | undefined;
  return (data) => {
    cls ??= thunk() as ModelClass;
    try {
      cls.prototype.validate.call(data);
      return [];
    } catch (e) {
      const errors = (e as { errors?: unknown } | null)?.errors;
      if (Array.isArray(errors)) return errors as RawError[];
      throw e;
    }
  };
}

let ajv: Ajv | undefined;

function getAjv(): Ajv {
  if (!ajv) {
    // Loaded on first use of a custom schema; one instance for all of them.
    const AjvCtor = (require('ajv') as { default: typeof Ajv }).default;
    // validateSchema off: the schemas are ours and a test checks them against the
    // draft-07 meta-schema; compiling that meta-schema would double the first-use cost.
    // optimize off: halves compile time, the schemas are small.
    ajv = new AjvCtor({ strict: false, allErrors: true, verbose: true, logger: false, validateSchema: false, code: { optimize: false } });
  }
  return ajv;
}

const compiled = new WeakMap<object, ValidateFunction>();

function compile(schema: object): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = getAjv().compile(schema as AnySchema);
    compiled.set(schema, fn);
  }
  return fn;
}

const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

function customValidator(custom: CustomKind): Validator {
  const delegates = (custom.delegates ?? []).map((d) => ({
    path: d.path,
    prefix: d.path.map((s) => `/${escapePointer(s)}`).join(''),
    validate: modelValidator(d.model),
  }));
  return (data) => {
    const fn = compile(custom.schema);
    const errors: RawError[] = fn(data) ? [] : [...((fn.errors ?? []) as RawError[])];
    for (const d of delegates) {
      let sub: unknown = data;
      for (const seg of d.path) sub = sub !== null && typeof sub === 'object' ? (sub as Record<string, unknown>)[seg] : undefined;
      if (sub === null || typeof sub !== 'object' || Array.isArray(sub)) continue; // the schema reports the type
      for (const e of d.validate(sub as Record<string, unknown>)) errors.push({ ...e, instancePath: d.prefix + e.instancePath });
    }
    return errors;
  };
}
