// Terraform facts from parsed HCL: the top-level blocks of a file (resources,
// data sources, modules, variables, locals, outputs, providers) and an evaluator
// for expressions whose value is known without running Terraform: literals,
// `var.x` (its default), `local.y`, templates and collections of those. A
// reference to a resource (`aws_security_group.db.id`) is not a value; it is
// reported as a reference so rules can tell "from a security group" apart.
//
// A Terraform module is a folder: `var.x` and `local.y` resolve against the
// `.tf` files of the same folder of the workspace (Workspace.derived index).
import { dirnameKey } from '../paths';
import { attributesOf, blocksOf, HclAttribute, HclBlock, HclBodyItem, HclExpr, HclFile } from '../syntax/hcl';
import type { Span } from '../types';
import type { DerivedReads, Workspace } from './workspace';

export type TfBlockKind = 'resource' | 'data' | 'module' | 'variable' | 'output' | 'locals' | 'provider' | 'terraform' | 'other';

export interface TfBlock {
  file: string;
  kind: TfBlockKind;
  /** Resource or data source type (`aws_db_instance`); the keyword for other kinds. */
  type: string;
  /** The resource/data name, or the single label of module/variable/output/provider; '' for locals/terraform. */
  name: string;
  /** `aws_db_instance.main`, `data.aws_ami.x`, `module.vpc`, `var.x`, `output.x`, `provider.aws`, `locals`. */
  address: string;
  block: HclBlock;
  /** Keyword and labels: where a finding goes when the attribute at fault is absent. */
  headerSpan: Span;
  /** The block is not closed (being typed): rules do not look at it. */
  incomplete: boolean;
  /** The module folder (a workspace key). */
  dir: string;
}

export interface TerraformFile {
  blocks: TfBlock[];
}

const KINDS = new Set<TfBlockKind>(['resource', 'data', 'module', 'variable', 'output', 'locals', 'provider', 'terraform']);

export function headerSpanOf(block: HclBlock): Span {
  const last = block.labels.length ? block.labels[block.labels.length - 1].span : block.typeSpan;
  return { start: block.typeSpan.start, end: last.end };
}

export function extractTerraform(path: string, hcl: HclFile): TerraformFile {
  const dir = dirnameKey(path);
  const blocks: TfBlock[] = [];
  for (const b of blocksOf(hcl.body)) {
    const kind: TfBlockKind = KINDS.has(b.blockType as TfBlockKind) ? (b.blockType as TfBlockKind) : 'other';
    const l = b.labels.map((x) => x.value);
    let type = b.blockType;
    let name = l[0] ?? '';
    let address: string;
    switch (kind) {
      case 'resource':
        type = l[0] ?? '';
        name = l[1] ?? '';
        address = `${type}.${name}`;
        break;
      case 'data':
        type = l[0] ?? '';
        name = l[1] ?? '';
        address = `data.${type}.${name}`;
        break;
      case 'module':
        address = `module.${name}`;
        break;
      case 'variable':
        address = `var.${name}`;
        break;
      case 'output':
        address = `output.${name}`;
        break;
      case 'provider':
        address = `provider.${name}`;
        break;
      default:
        address = b.blockType;
        name = '';
    }
    blocks.push({ file: path, kind, type, name, address, block: b, headerSpan: headerSpanOf(b), incomplete: b.open === undefined || b.close === undefined, dir });
  }
  return { blocks };
}

// ---- body access ------------------------------------------------------------------------

export function attr(block: HclBlock, name: string): HclAttribute | undefined {
  return attributesOf(block.body).find((a) => a.name === name);
}

/** The first present attribute of several names (old and new provider spellings). */
export function attrAny(block: HclBlock, names: readonly string[]): HclAttribute | undefined {
  for (const n of names) {
    const a = attr(block, n);
    if (a) return a;
  }
  return undefined;
}

export function nested(block: HclBlock, type: string): HclBlock[] {
  return blocksOf(block.body, type);
}

/** Where a finding about an attribute goes: the whole `name = value` when on one line, else the name. */
export function attributeSpan(text: string, a: HclAttribute): Span {
  return text.slice(a.span.start, a.span.end).includes('\n') ? a.nameSpan : a.span;
}

// ---- the module index --------------------------------------------------------------------

export interface TfModule {
  dir: string;
  blocks: TfBlock[];
  variables: Map<string, TfBlock>;
  locals: Map<string, { attr: HclAttribute; file: string }>;
  /** Resources and data sources by address. */
  byAddress: Map<string, TfBlock>;
}

/** Indexes over .tf files only (Workspace.derived keeps them across YAML edits). */
export const TERRAFORM_READS: DerivedReads = { kinds: [], terraform: true };

export function terraformModules(ws: Workspace): Map<string, TfModule> {
  return ws.derived('terraform:modules', (w) => {
    const out = new Map<string, TfModule>();
    for (const f of w.allFiles()) {
      if (!f.terraform) continue;
      for (const b of f.terraform.blocks) {
        let m = out.get(b.dir);
        if (!m) out.set(b.dir, (m = { dir: b.dir, blocks: [], variables: new Map(), locals: new Map(), byAddress: new Map() }));
        m.blocks.push(b);
        if (b.kind === 'variable') {
          if (!m.variables.has(b.name)) m.variables.set(b.name, b);
        } else if (b.kind === 'locals') {
          for (const a of attributesOf(b.block.body)) if (!m.locals.has(a.name)) m.locals.set(a.name, { attr: a, file: b.file });
        } else if (b.kind === 'resource' || b.kind === 'data') {
          if (!m.byAddress.has(b.address)) m.byAddress.set(b.address, b);
        }
      }
    }
    return out;
  }, TERRAFORM_READS);
}

/** Every top-level block of the workspace of a resource type (e.g. every azurerm_kubernetes_cluster). */
export function resourcesOfType(ws: Workspace, type: string): TfBlock[] {
  const index = ws.derived('terraform:byType', (w) => {
    const m = new Map<string, TfBlock[]>();
    for (const f of w.allFiles()) for (const b of f.terraform?.blocks ?? []) if (b.kind === 'resource') m.set(b.type, [...(m.get(b.type) ?? []), b]);
    return m;
  }, TERRAFORM_READS);
  return index.get(type) ?? [];
}

// ---- evaluation ---------------------------------------------------------------------------

export type TfValue = string | number | boolean | null | TfValue[] | { [key: string]: TfValue };

export interface Known {
  known: true;
  value: TfValue;
  /** When the value comes from a variable's default or a local: which, and where it is written. */
  via?: { name: string; file: string; span: Span };
}
export interface Unknown {
  known: false;
  /** Addresses of resources and data sources the expression refers to (`aws_security_group.db`). */
  refs: string[];
}
export type TfEval = Known | Unknown;

export interface EvalScope {
  ws: Workspace;
  /** Module folder for var./local. lookups. */
  dir: string;
  /** Iterator bindings of dynamic blocks (`ingress.value`). */
  bindings?: Map<string, Unknown | Known>;
}

export function scopeOf(ws: Workspace, b: TfBlock): EvalScope {
  return { ws, dir: b.dir };
}

const MAX_DEPTH = 20;

export function evaluate(expr: HclExpr | undefined, scope: EvalScope, depth = 0): TfEval {
  if (!expr) return { known: false, refs: [] };
  if (depth > MAX_DEPTH) return { known: false, refs: [] };
  switch (expr.kind) {
    case 'literal':
      return { known: true, value: expr.value };
    case 'template': {
      if (expr.directives) return unknownOf(expr.parts.map((p) => evaluate(p, scope, depth + 1)));
      // "${var.x}" alone keeps the value's type (Terraform 0.11 style).
      if (expr.parts.length === 1 && expr.parts[0].kind !== 'literal') return evaluate(expr.parts[0], scope, depth + 1);
      const parts = expr.parts.map((p) => evaluate(p, scope, depth + 1));
      if (parts.every((p) => p.known && (p.value === null || typeof p.value !== 'object'))) {
        const via = parts.find((p): p is Known => p.known && !!p.via)?.via;
        return { known: true, value: parts.map((p) => String((p as Known).value ?? '')).join(''), via };
      }
      return unknownOf(parts);
    }
    case 'tuple': {
      const items = expr.items.map((i) => evaluate(i, scope, depth + 1));
      if (items.every((i) => i.known)) return { known: true, value: items.map((i) => (i as Known).value) };
      return unknownOf(items);
    }
    case 'object': {
      const out: Record<string, TfValue> = {};
      const evals: TfEval[] = [];
      let ok = true;
      for (const item of expr.items) {
        const v = evaluate(item.value, scope, depth + 1);
        evals.push(v);
        if (item.key === undefined || !v.known) ok = false;
        else out[item.key] = v.value;
      }
      return ok ? { known: true, value: out } : unknownOf(evals);
    }
    case 'traversal':
      return evaluateTraversal(expr.root, expr.path, expr.span, scope, depth);
    case 'call': {
      const args = expr.args.map((a) => evaluate(a, scope, depth + 1));
      if (['tolist', 'toset'].includes(expr.name) && args.length === 1) return args[0];
      if (expr.name === 'tostring' && args.length === 1 && args[0].known) return { ...args[0], value: String(args[0].value) };
      if (expr.name === 'tonumber' && args.length === 1 && args[0].known) return { ...args[0], value: Number(args[0].value) };
      if (expr.name === 'tobool' && args.length === 1 && args[0].known) return { ...args[0], value: args[0].value === true || args[0].value === 'true' };
      return unknownOf(args);
    }
    case 'other':
      if (expr.what === 'parenthesized' && expr.children.length === 1) return evaluate(expr.children[0], scope, depth + 1);
      return unknownOf(expr.children.map((c) => evaluate(c, scope, depth + 1)));
  }
}

function unknownOf(parts: TfEval[]): Unknown {
  return { known: false, refs: [...new Set(parts.flatMap((p) => (p.known ? [] : p.refs)))] };
}

function select(v: Known, path: readonly (string | number)[]): TfEval {
  let cur: TfValue = v.value;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else if (cur && typeof cur === 'object' && !Array.isArray(cur) && typeof seg === 'string') cur = (cur as Record<string, TfValue>)[seg];
    else return { known: false, refs: [] };
    if (cur === undefined) return { known: false, refs: [] };
  }
  return { known: true, value: cur, via: v.via };
}

function evaluateTraversal(root: string, path: (string | number)[], span: Span, scope: EvalScope, depth: number): TfEval {
  const bound = scope.bindings?.get(`${root}.${path[0]}`);
  if (bound) return bound.known ? select(bound, path.slice(1)) : bound;
  const mod = terraformModules(scope.ws).get(scope.dir);
  if (root === 'var' && typeof path[0] === 'string') {
    const v = mod?.variables.get(path[0]);
    const def = v && attr(v.block, 'default');
    if (!v || !def) return { known: false, refs: [] };
    const value = evaluate(def.value, { ws: scope.ws, dir: scope.dir }, depth + 1);
    if (!value.known) return value;
    return select({ known: true, value: value.value, via: { name: `var.${path[0]}`, file: v.file, span: def.span } }, path.slice(1));
  }
  if (root === 'local' && typeof path[0] === 'string') {
    const l = mod?.locals.get(path[0]);
    if (!l) return { known: false, refs: [] };
    const value = evaluate(l.attr.value, { ws: scope.ws, dir: scope.dir }, depth + 1);
    if (!value.known) return value;
    return select({ known: true, value: value.value, via: value.via ?? { name: `local.${path[0]}`, file: l.file, span: l.attr.span } }, path.slice(1));
  }
  if (root === 'data' && typeof path[0] === 'string' && typeof path[1] === 'string') return { known: false, refs: [`data.${path[0]}.${path[1]}`] };
  if (['module', 'each', 'count', 'self', 'path', 'terraform', 'var', 'local'].includes(root)) return { known: false, refs: [] };
  if (typeof path[0] === 'string') return { known: false, refs: [`${root}.${path[0]}`] };
  void span;
  return { known: false, refs: [] };
}

// ---- value helpers for rules ----------------------------------------------------------------

/** A setting of a block: the attribute written (if any) and its value when known. */
export interface Setting {
  attr?: HclAttribute;
  /** The attribute name used (one of the spellings), or the first when absent. */
  name: string;
  value: TfEval;
}

export function setting(block: HclBlock, names: readonly string[], scope: EvalScope): Setting {
  const a = attrAny(block, names);
  return { attr: a, name: a?.name ?? names[0], value: a ? evaluate(a.value, scope) : { known: false, refs: [] } };
}

/** Terraform's bool conversion: true, "true". */
export function isTrue(v: TfEval): boolean {
  return v.known && (v.value === true || v.value === 'true');
}

export function isFalse(v: TfEval): boolean {
  return v.known && (v.value === false || v.value === 'false');
}

export function asString(v: TfEval): string | undefined {
  return v.known && (typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean') ? String(v.value) : undefined;
}

export function asNumber(v: TfEval): number | undefined {
  if (!v.known) return undefined;
  const n = typeof v.value === 'number' ? v.value : typeof v.value === 'string' && v.value.trim() !== '' ? Number(v.value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** The items of a list-valued attribute, each evaluated (a known list, or a tuple with some unknown items). */
export function listItems(expr: HclExpr | undefined, scope: EvalScope): TfEval[] | undefined {
  if (!expr) return undefined;
  if (expr.kind === 'tuple') return expr.items.map((i) => evaluate(i, scope));
  const v = evaluate(expr, scope);
  if (v.known) return Array.isArray(v.value) ? v.value.map((x) => ({ known: true, value: x, via: v.via })) : [v];
  return undefined;
}

/** " (var.x defaults to true)" for messages, when a value came through a variable or local. */
export function viaText(v: TfEval): string {
  if (!v.known || !v.via) return '';
  return ` (${v.via.name} = ${JSON.stringify(v.value)})`;
}

/**
 * Nested blocks of a type, `dynamic "<type>"` blocks included: each dynamic block's
 * `content` once per element of a known `for_each` (with `<iterator>.value` and
 * `.key` bound), or once with unknown bindings when `for_each` is not known.
 */
export function nestedBlocks(block: HclBlock, type: string, scope: EvalScope): { block: HclBlock; scope: EvalScope; dynamic?: HclBlock }[] {
  const out: { block: HclBlock; scope: EvalScope; dynamic?: HclBlock }[] = nested(block, type).map((b) => ({ block: b, scope }));
  for (const d of nested(block, 'dynamic')) {
    if (d.labels[0]?.value !== type) continue;
    const content = nested(d, 'content')[0];
    if (!content) continue;
    const iterAttr = attr(d, 'iterator');
    const iterName = iterAttr?.value.kind === 'traversal' ? iterAttr.value.root : type;
    const forEach = evaluate(attr(d, 'for_each')?.value, scope);
    const bind = (key: TfEval, value: TfEval): EvalScope => {
      const bindings = new Map(scope.bindings ?? []);
      bindings.set(`${iterName}.value`, value);
      bindings.set(`${iterName}.key`, key);
      return { ...scope, bindings };
    };
    if (forEach.known && Array.isArray(forEach.value)) {
      forEach.value.forEach((v, i) => out.push({ block: content, scope: bind({ known: true, value: i }, { known: true, value: v, via: forEach.via }), dynamic: d }));
    } else if (forEach.known && forEach.value && typeof forEach.value === 'object') {
      for (const [k, v] of Object.entries(forEach.value)) out.push({ block: content, scope: bind({ known: true, value: k }, { known: true, value: v, via: forEach.via }), dynamic: d });
    } else {
      out.push({ block: content, scope: bind({ known: false, refs: [] }, { known: false, refs: [] }), dynamic: d });
    }
  }
  return out;
}

/** Every traversal in an expression (for "refers to a security group" checks). */
export function referencesIn(expr: HclExpr | undefined): string[] {
  if (!expr) return [];
  switch (expr.kind) {
    case 'traversal':
      if (expr.root === 'data' && typeof expr.path[0] === 'string' && typeof expr.path[1] === 'string') return [`data.${expr.path[0]}.${expr.path[1]}`];
      if (typeof expr.path[0] === 'string') return [`${expr.root}.${expr.path[0]}`];
      return [expr.root];
    case 'template':
      return expr.parts.flatMap(referencesIn);
    case 'tuple':
      return expr.items.flatMap(referencesIn);
    case 'object':
      return expr.items.flatMap((i) => referencesIn(i.value));
    case 'call':
      return expr.args.flatMap(referencesIn);
    case 'other':
      return expr.children.flatMap(referencesIn);
    default:
      return [];
  }
}

export type { HclAttribute, HclBlock, HclBodyItem };
