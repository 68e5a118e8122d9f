// Application configuration with exact source spans: container env literals,
// ConfigMap data (and plain Secret stringData), what a container's environment
// resolves to through `valueFrom.configMapKeyRef` and `envFrom.configMapRef`, and
// `KEY=value` / PHP `'key' => value` entries inside embedded files (a `.env` or a
// Drupal settings.php in a block scalar). Each value can map an offset range of
// its *value* back to the file, so a rule can underline `6379` inside
// `redis://cache.example.com:6379` or one line of a block scalar.
import { isMap, isScalar, Node, Pair, Scalar } from 'yaml';
import type { PathSegment, YamlDocument } from '../syntax/yaml';
import type { Span } from '../types';
import { Container, K8sObject, nodeOf, nodeSpan, Workload } from './k8s';
import { allWorkloads, describeObject, findObject, nsOf, objectsOfKind, WORKLOAD_READS } from './joins';
import type { DerivedReads, Workspace } from './workspace';

// ---- span mapping inside scalars ---------------------------------------------------

interface Segment {
  /** Offset in the value. */
  v: number;
  /** Offset in the chunk. */
  src: number;
  len: number;
}

/**
 * Maps offsets inside a scalar's value to file offsets. Built from the source
 * text line by line: plain and quoted scalars without escapes, literal and
 * folded block scalars. Where the value cannot be traced back to the source (an
 * escape sequence, a range running over a folded line break into text that is
 * not in the source) the whole value is returned instead.
 */
export class ScalarSpans {
  private readonly segments: Segment[];
  readonly whole: Span;

  constructor(readonly doc: YamlDocument, readonly node: Scalar, readonly value: string) {
    const r = node.range ?? [0, 0, 0];
    this.whole = trimmedSpan(doc, r[0], r[1]);
    this.segments = buildSegments(doc, node, value);
  }

  /** File span of `value.slice(start, end)`; the whole value when it cannot be traced exactly. */
  span(start = 0, end = this.value.length): Span {
    const a = this.segments.find((s) => start >= s.v && start < s.v + s.len);
    const b = this.segments.find((s) => end > s.v && end <= s.v + s.len);
    if (!a || !b || end < start) return this.whole;
    return { start: a.src + (start - a.v) + this.doc.offset, end: b.src + (end - b.v) + this.doc.offset };
  }

  /** Whether a range maps to the source exactly (it lies in traced text). */
  exact(start: number, end: number): boolean {
    const a = this.segments.find((s) => start >= s.v && start < s.v + s.len);
    const b = this.segments.find((s) => end > s.v && end <= s.v + s.len);
    return !!a && !!b;
  }
}

function trimmedSpan(doc: YamlDocument, start: number, end: number): Span {
  let e = end;
  while (e > start && /\s/.test(doc.chunk[e - 1])) e--;
  return { start: start + doc.offset, end: e + doc.offset };
}

function buildSegments(doc: YamlDocument, node: Scalar, value: string): Segment[] {
  if (!node.range) return [];
  const [start, end] = node.range;
  const source = doc.chunk.slice(start, end);
  let base = start;
  let body = source;
  switch (node.type) {
    case 'QUOTE_DOUBLE':
      if (source.includes('\\')) return [];
      base = start + 1;
      body = source.slice(1, source.endsWith('"') ? -1 : undefined);
      break;
    case 'QUOTE_SINGLE':
      if (source.includes("''")) return [];
      base = start + 1;
      body = source.slice(1, source.endsWith("'") ? -1 : undefined);
      break;
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      // Skip the header line (`|`, `>-`, `|2`, possibly a comment).
      const nl = source.indexOf('\n');
      if (nl < 0) return [];
      base = start + nl + 1;
      body = source.slice(nl + 1);
      break;
    }
    default:
      break;
  }
  const segments: Segment[] = [];
  let cursor = 0;
  let lineStart = 0;
  for (const line of body.split('\n')) {
    const lead = /^[ \t]*/.exec(line)![0].length;
    const content = line.slice(lead).replace(/[ \t\r]+$/, '');
    if (content) {
      const found = value.indexOf(content, cursor);
      // Only whitespace (folded line breaks, indentation kept in the value) may separate traced text.
      if (found < 0 || !/^\s*$/.test(value.slice(cursor, found))) return segments;
      segments.push({ v: found, src: base + lineStart + lead, len: content.length });
      cursor = found + content.length;
    }
    lineStart += line.length + 1;
  }
  return segments;
}

// ---- configuration values ----------------------------------------------------------

export type ConfigOrigin = 'env' | 'data' | 'embedded';

/** One configuration value and where it is written. */
export interface ConfigValue {
  /** The env var name, the data key, or the key inside an embedded file. */
  name: string;
  value: string;
  origin: ConfigOrigin;
  /** The object the value is written in (a workload, a ConfigMap, a Secret). */
  object: K8sObject;
  /** Path of the value node inside the object (for embedded values: the enclosing data entry). */
  path: PathSegment[];
  /** Span of the key (env `name:` value, data key, embedded key). */
  keySpan: Span;
  /** File span of `value.slice(start, end)` (the whole value by default). */
  span(start?: number, end?: number): Span;
  /** Whether `value.slice(start, end)` maps to the source exactly. */
  exact(start: number, end: number): boolean;
  /** The scalar node holding the value (the enclosing one for embedded values). */
  node: Scalar;
  /** Offset of this value inside the node's value (0 except for embedded values). */
  base: number;
  /** For env values: the container that declares it. */
  container?: Container;
}

function scalarText(node: Scalar): string | undefined {
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') {
    // Numbers keep their source spelling (`6379`, `0x10`): compare against it.
    return node.source !== undefined ? String(node.source) : String(v);
  }
  return undefined;
}

function makeValue(obj: K8sObject, node: Scalar, keyNode: Node | null | undefined, name: string, origin: ConfigOrigin, path: PathSegment[], container?: Container): ConfigValue | undefined {
  const text = scalarText(node);
  if (text === undefined) return undefined;
  const spans = new ScalarSpans(obj.doc, node, text);
  const keySpan = nodeSpan(obj.doc, keyNode) ?? spans.whole;
  return {
    name,
    value: text,
    origin,
    object: obj,
    path,
    keySpan,
    span: (s, e) => spans.span(s, e),
    exact: (s, e) => spans.exact(s, e),
    node,
    base: 0,
    container,
  };
}

/** `data` entries of a ConfigMap, `stringData` entries of a Secret (SOPS values are opaque but harmless). */
export function dataValues(obj: K8sObject): ConfigValue[] {
  const memoKey = 'app-config:data';
  const memo = obj.doc.memo;
  if (memo.has(memoKey) && (memo.get(memoKey) as { obj: K8sObject }).obj === obj) return (memo.get(memoKey) as { values: ConfigValue[] }).values;
  const out: ConfigValue[] = [];
  const field = obj.kind === 'ConfigMap' ? 'data' : obj.kind === 'Secret' ? 'stringData' : undefined;
  if (field) {
    const map = nodeOf(obj, [field]);
    if (isMap(map)) {
      for (const item of map.items as Pair<Node, Node | null>[]) {
        const k = item.key;
        const v = item.value;
        if (!isScalar(k) || !isScalar(v)) continue;
        const name = String(k.value);
        const cv = makeValue(obj, v, k, name, 'data', [field, name]);
        if (cv) out.push(cv);
      }
    }
  }
  memo.set(memoKey, { obj, values: out });
  return out;
}

/** Literal `env` values (`- name: X` / `value: y`) of every container of a workload. */
export function envLiterals(w: Workload): ConfigValue[] {
  const out: ConfigValue[] = [];
  for (const c of w.containers) {
    const env = c.value.env;
    if (!Array.isArray(env)) continue;
    env.forEach((item, i) => {
      if (!item || typeof item !== 'object') return;
      const name = (item as Record<string, unknown>).name;
      if (typeof name !== 'string') return;
      const path = [...c.path, 'env', i, 'value'];
      const node = nodeOf(w.object, path);
      if (!isScalar(node)) return;
      const nameNode = nodeOf(w.object, [...c.path, 'env', i, 'name']);
      const cv = makeValue(w.object, node, nameNode, name, 'env', path, c);
      if (cv) out.push(cv);
    });
  }
  return out;
}

// ---- embedded files ----------------------------------------------------------------

const DOTENV_LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\n#]*?))[ \t]*(?:#.*)?$/gm;
// `$settings['redis.connection']['port'] = 6379;` and `'port' => 6379,`
const PHP_ASSIGN = /\[\s*['"]([\w.-]+)['"]\s*\]\s*=\s*(?:'([^'\n]*)'|"([^"\n]*)"|(\d+|true|false|TRUE|FALSE))\s*;/g;
const PHP_ARROW = /['"]([\w.-]+)['"]\s*=>\s*(?:'([^'\n]*)'|"([^"\n]*)"|(\d+|true|false|TRUE|FALSE))/g;

/**
 * Key/value entries inside a multi-line value: `.env` lines and PHP settings
 * (`['port'] = 6379;`, `'port' => 6379`). Each entry maps its spans through the
 * enclosing value.
 */
export function embeddedValues(parent: ConfigValue): ConfigValue[] {
  const text = parent.value;
  if (!text.includes('\n')) return [];
  const out: ConfigValue[] = [];
  const add = (name: string, valStart: number, valText: string, keyStart: number) => {
    out.push({
      ...parent,
      name,
      value: valText,
      origin: 'embedded',
      keySpan: parent.span(keyStart, keyStart + name.length),
      span: (s = 0, e = valText.length) => parent.span(valStart + s, valStart + e),
      exact: (s, e) => parent.exact(valStart + s, valStart + e),
      base: parent.base + valStart,
    });
  };
  for (const re of [DOTENV_LINE, PHP_ASSIGN, PHP_ARROW]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const val = m[2] ?? m[3] ?? m[4] ?? '';
      const keyStart = m.index + m[0].indexOf(m[1]);
      // The value's position: search after the key (the value text is unique enough after it).
      const afterKey = keyStart + m[1].length;
      const valStart = val ? text.indexOf(val, afterKey) : afterKey;
      if (valStart < 0) continue;
      add(m[1], valStart, val, keyStart);
    }
  }
  return out.sort((a, b) => a.base - b.base);
}

// ---- environments ------------------------------------------------------------------

/** How a workload picks up a value it does not write itself. */
export interface EnvLink {
  workload: Workload;
  container: Container;
  /** The `envFrom` item or `configMapKeyRef` in the workload. */
  span: Span;
  how: 'envFrom' | 'configMapKeyRef' | 'secretKeyRef';
}

/** One variable of a container's environment: its name there and the value it resolves to. */
export interface EnvVar {
  name: string;
  value: ConfigValue;
  /** Set when the value is written in a ConfigMap/Secret rather than the workload. */
  link?: EnvLink;
}

export interface ContainerEnv {
  workload: Workload;
  container: Container;
  vars: EnvVar[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function sourceObject(ws: Workspace, kind: 'ConfigMap' | 'Secret', ns: string, name: unknown): K8sObject | undefined {
  return typeof name === 'string' && name ? findObject(ws, kind, ns, name) : undefined;
}

function locateItem(obj: K8sObject, path: PathSegment[]): Span {
  const n = nodeOf(obj, path);
  if (isMap(n) && n.items.length) {
    const first = (n.items[0] as Pair<Node, Node | null>).key;
    const s = nodeSpan(obj.doc, first);
    if (s) return { start: s.start, end: nodeSpan(obj.doc, (n.items[0] as Pair<Node, Node | null>).value)?.end ?? s.end };
  }
  return nodeSpan(obj.doc, n) ?? { start: obj.doc.offset, end: obj.doc.offset };
}

/**
 * The environment of each container of a workload as Kubernetes builds it:
 * `envFrom` sources in order (later ones win), then `env` (which wins over
 * `envFrom`). Values written in ConfigMaps (and plain Secret stringData) resolve
 * to their data entries, with the link back to the workload.
 */
export function containerEnvs(ws: Workspace, w: Workload): ContainerEnv[] {
  const ns = nsOf(ws, w.object);
  const literals = envLiterals(w);
  const out: ContainerEnv[] = [];
  for (const c of w.containers) {
    const vars = new Map<string, EnvVar>();
    const envFrom = c.value.envFrom;
    if (Array.isArray(envFrom)) {
      envFrom.forEach((item, i) => {
        if (!isRecord(item)) return;
        const prefix = typeof item.prefix === 'string' ? item.prefix : '';
        const ref = isRecord(item.configMapRef) ? { kind: 'ConfigMap' as const, r: item.configMapRef } : isRecord(item.secretRef) ? { kind: 'Secret' as const, r: item.secretRef } : undefined;
        if (!ref) return;
        const src = sourceObject(ws, ref.kind, ns, ref.r.name);
        if (!src) return;
        const link: EnvLink = { workload: w, container: c, span: locateItem(w.object, [...c.path, 'envFrom', i]), how: 'envFrom' };
        for (const v of dataValues(src)) vars.set(prefix + v.name, { name: prefix + v.name, value: v, link });
      });
    }
    const env = c.value.env;
    if (Array.isArray(env)) {
      env.forEach((item, i) => {
        if (!isRecord(item) || typeof item.name !== 'string') return;
        const literal = literals.find((l) => l.container === c && l.path[l.path.length - 2] === i);
        if (literal) {
          vars.set(item.name, { name: item.name, value: literal });
          return;
        }
        const vf = isRecord(item.valueFrom) ? item.valueFrom : undefined;
        const keyRef = vf && isRecord(vf.configMapKeyRef) ? { kind: 'ConfigMap' as const, r: vf.configMapKeyRef, how: 'configMapKeyRef' as const } : vf && isRecord(vf.secretKeyRef) ? { kind: 'Secret' as const, r: vf.secretKeyRef, how: 'secretKeyRef' as const } : undefined;
        if (!keyRef) {
          vars.delete(item.name);
          return;
        }
        const src = sourceObject(ws, keyRef.kind, ns, keyRef.r.name);
        const value = src && dataValues(src).find((d) => d.name === keyRef.r.key);
        if (!value) {
          vars.delete(item.name);
          return;
        }
        const link: EnvLink = { workload: w, container: c, span: locateItem(w.object, [...c.path, 'env', i, 'valueFrom', keyRef.how]), how: keyRef.how };
        vars.set(item.name, { name: item.name, value, link });
      });
    }
    out.push({ workload: w, container: c, vars: [...vars.values()] });
  }
  return out;
}

/** For every ConfigMap/Secret object: the workloads that read it (envFrom or key refs). */
/** What the container environments read: workloads, the ConfigMaps and Secrets they load, namespaces. */
export const CONFIG_READS: DerivedReads = { ...WORKLOAD_READS, kinds: ['ConfigMap', 'Secret', ...WORKLOAD_READS.kinds] };

export function configConsumers(ws: Workspace): Map<K8sObject, EnvLink[]> {
  return ws.derived('app-config:consumers', () => {
    const out = new Map<K8sObject, EnvLink[]>();
    for (const env of allContainerEnvs(ws)) {
      for (const v of env.vars) {
        if (!v.link) continue;
        const list = out.get(v.value.object) ?? [];
        if (!list.some((l) => l.span.start === v.link!.span.start && l.workload === v.link!.workload)) list.push(v.link);
        out.set(v.value.object, list);
      }
    }
    return out;
  }, CONFIG_READS);
}

/** Every container environment of the workspace (memoised per workspace state). */
export function allContainerEnvs(ws: Workspace): ContainerEnv[] {
  return ws.derived('app-config:envs', () => allWorkloads(ws).flatMap((w) => containerEnvs(ws, w)), CONFIG_READS);
}

/** Every ConfigMap and Secret of the workspace. */
export function configSources(ws: Workspace): K8sObject[] {
  return [...objectsOfKind(ws, 'ConfigMap'), ...objectsOfKind(ws, 'Secret')];
}

/** "Deployment shop/web (container app, envFrom)" for related information. */
export function describeLink(ws: Workspace, l: EnvLink): string {
  return `${describeObject(ws, l.workload.object)} reads this (container "${l.container.name}", ${l.how})`;
}

/** Any scalar of an object (an annotation, a chart value) as a ConfigValue, to map spans inside it. */
export function scalarValueAt(obj: K8sObject, path: PathSegment[], name = String(path[path.length - 1] ?? '')): ConfigValue | undefined {
  const node = nodeOf(obj, path);
  if (!isScalar(node)) return undefined;
  const parent = nodeOf(obj, path.slice(0, -1));
  let keyNode: Node | null | undefined;
  if (isMap(parent)) keyNode = (parent.items as Pair<Node, Node | null>[]).find((p) => p.value === node)?.key;
  return makeValue(obj, node, keyNode, name, 'data', path);
}
