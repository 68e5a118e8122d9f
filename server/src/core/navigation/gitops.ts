// Editor help for Flux resources: completion of Kustomization/HelmRelease names in
// `dependsOn`, of source names in `sourceRef` (of the right kind), and of
// repository folders in a Kustomization's `spec.path`; go to definition on those
// three; hover on a Kustomization shows its place in the reconciliation order.
import { isMap, isScalar, isSeq, Node } from 'yaml';
import { K8sObject, locate } from '../model/k8s';
import {
  CHART_REF_KINDS, CHART_SOURCE_KINDS, effectiveNamespaceOf, FluxNode, gitopsGraph, GitOpsGraph, KUSTOMIZATION_SOURCE_KINDS, KustomizationNode,
} from '../model/gitops';
import { isKustomizationFile, kustomizeDirs } from '../model/kustomize';
import { dirnameKey, normalizeKey, relativeKey } from '../paths';
import type { PathSegment, YamlDocument } from '../syntax/yaml';
import type { Span } from '../types';
import type { CompletionCandidate, NavigationQuery, NavigationTarget } from './index';

interface Cursor {
  doc: YamlDocument;
  obj?: K8sObject;
  path: PathSegment[];
  /** The scalar under the cursor (absent for an empty value). */
  node?: Node;
  /** The cursor is on a key, not a value. */
  onKey: boolean;
}

function docAt(q: NavigationQuery): YamlDocument | undefined {
  const docs = q.ws.get(q.file)?.yaml?.documents ?? [];
  let best: YamlDocument | undefined;
  for (const d of docs) {
    if (d.offset > q.offset) break;
    const r = d.doc.contents?.range;
    if (!best || d.offset > best.offset || (r && r[0] + d.offset <= q.offset)) best = d;
  }
  return best;
}

function walk(node: unknown, off: number, chunk: string, path: PathSegment[]): Omit<Cursor, 'doc' | 'obj'> | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = pair.key as Node | null;
      const v = pair.value as Node | null;
      if (!isScalar(k) || !k.range) continue;
      const key = String(k.value);
      if (off >= k.range[0] && off <= k.range[1]) return { path: [...path, key], node: k, onKey: true };
      if (v?.range && off >= v.range[0] && off <= v.range[1]) {
        if (isMap(v) || isSeq(v)) return walk(v, off, chunk, [...path, key]) ?? { path: [...path, key], onKey: false };
        return { path: [...path, key], node: isScalar(v) && v.value === null ? undefined : v, onKey: false };
      }
      // `key:` with nothing after it yet, the cursor on the same line.
      if ((!v || (isScalar(v) && v.value === null)) && off > k.range[1] && !chunk.slice(k.range[1], off).includes('\n')) return { path: [...path, key], onKey: false };
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as Node | null;
      if (item?.range && off >= item.range[0] && off <= item.range[1]) {
        if (isMap(item) || isSeq(item)) return walk(item, off, chunk, [...path, i]) ?? { path: [...path, i], onKey: false };
        return { path: [...path, i], node: isScalar(item) && item.value === null ? undefined : item, onKey: false };
      }
    }
  }
  return undefined;
}

function cursorAt(q: NavigationQuery): Cursor | undefined {
  const doc = docAt(q);
  if (!doc) return undefined;
  const found = walk(doc.doc.contents, q.offset - doc.offset, doc.chunk, []);
  if (!found) return undefined;
  const obj = q.ws.get(q.file)?.objects.find((o) => o.doc === doc);
  return { doc, obj, ...found };
}

function spanOf(c: Cursor): Span | undefined {
  const r = c.node?.range;
  return r ? { start: r[0] + c.doc.offset, end: r[1] + c.doc.offset } : undefined;
}

function matches(path: readonly PathSegment[], pattern: readonly (string | 'N')[]): boolean {
  if (path.length !== pattern.length) return false;
  return pattern.every((p, i) => (p === 'N' ? typeof path[i] === 'number' : p === path[i]));
}

type Context =
  | { type: 'dependsOn'; node: FluxNode; itemLevel: boolean }
  | { type: 'source'; path: PathSegment[]; allowed: readonly string[]; kind?: string }
  | { type: 'path'; node: KustomizationNode };

function contextOf(graph: GitOpsGraph, c: Cursor): Context | undefined {
  if (!c.obj || c.onKey) return undefined;
  const node = graph.nodeOf(c.obj);
  const p = c.path;
  if (node && matches(p, ['spec', 'dependsOn', 'N', 'name'])) return { type: 'dependsOn', node, itemLevel: false };
  if (node && matches(p, ['spec', 'dependsOn', 'N']) && !c.node) return { type: 'dependsOn', node, itemLevel: true };
  const sourcePaths: [readonly string[], readonly string[]][] = [
    [['spec', 'sourceRef'], c.obj.kind === 'Kustomization' ? KUSTOMIZATION_SOURCE_KINDS : ['GitRepository']],
    [['spec', 'chart', 'spec', 'sourceRef'], CHART_SOURCE_KINDS],
    [['spec', 'chartRef'], CHART_REF_KINDS],
  ];
  for (const [at, allowed] of sourcePaths) {
    if (!matches(p, [...at, 'name'])) continue;
    if (!['Kustomization', 'HelmRelease', 'ImageUpdateAutomation'].includes(c.obj.kind)) return undefined;
    let ref: unknown = c.obj.value;
    for (const seg of at) ref = ref && typeof ref === 'object' ? (ref as Record<string, unknown>)[seg] : undefined;
    const kind = ref && typeof ref === 'object' ? (ref as Record<string, unknown>).kind : undefined;
    return { type: 'source', path: at as PathSegment[], allowed, kind: typeof kind === 'string' ? kind : undefined };
  }
  if (node?.kind === 'Kustomization' && matches(p, ['spec', 'path'])) return { type: 'path', node };
  return undefined;
}

/** Repository folders relative to a root, `./`-prefixed. */
function repositoryFolders(graph: GitOpsGraph, root: string): { label: string; dir: string }[] {
  const out: { label: string; dir: string }[] = [];
  for (const f of graph.allFolders()) {
    const rel = relativeKey(root, f);
    if (rel === undefined || rel === '.' || rel.startsWith('..')) continue;
    out.push({ label: `./${rel}`, dir: f });
  }
  return out.sort((a, b) => a.label.localeCompare(b.label));
}

// ---- completion -------------------------------------------------------------------------

export function completeGitOps(q: NavigationQuery): CompletionCandidate[] {
  const c = cursorAt(q);
  if (!c) return [];
  const graph = gitopsGraph(q.ws);
  const ctx = contextOf(graph, c);
  if (!ctx) return [];
  const replace = spanOf(c);
  if (ctx.type === 'dependsOn') {
    const self = ctx.node;
    const waiting = new Set(graph.descendants(self));
    const pool = self.kind === 'Kustomization' ? graph.kustomizations : graph.helmReleases;
    const already = new Set(self.dependsOn.map((e) => e.target).filter(Boolean));
    return graph
      .sortByOrder(pool.filter((n) => n !== self && !waiting.has(n) && !already.has(n)))
      .map((n) => ({
        label: n.name,
        detail: `${n.kind} ${n.namespace}/${n.name}`,
        documentation: describeNode(graph, n),
        insertText: ctx.itemLevel ? `name: ${n.name}${n.namespace !== self.namespace ? `\n  namespace: ${n.namespace}` : ''}` : n.name,
        replace,
        kind: 'reference' as const,
      }));
  }
  if (ctx.type === 'source') {
    const kinds = ctx.kind ? [ctx.kind] : ctx.allowed;
    return graph.sourcesOf(kinds).map((s) => {
      const spec = (s.value.spec ?? {}) as Record<string, unknown>;
      return {
        label: s.name ?? '',
        detail: `${s.kind} ${s.namespace ?? ''}/${s.name ?? ''}`.replace(' /', ' '),
        documentation: typeof spec.url === 'string' ? spec.url : undefined,
        replace,
        kind: 'reference' as const,
      };
    });
  }
  const root = ctx.node.root;
  if (root === undefined) return [];
  const dirs = kustomizeDirs(q.ws);
  const folders = repositoryFolders(graph, root);
  const withKustomization = (d: string) => dirs.has(normalizeKey(d));
  return folders
    .sort((a, b) => Number(withKustomization(b.dir)) - Number(withKustomization(a.dir)) || a.label.localeCompare(b.label))
    .map((f) => ({ label: f.label, detail: withKustomization(f.dir) ? 'kustomization.yaml' : 'folder', replace, kind: 'path' as const }));
}

// ---- definition --------------------------------------------------------------------------

function nameTarget(obj: K8sObject, origin?: Span): NavigationTarget {
  return { file: obj.file, span: locate(obj, ['metadata', 'name'], 'value'), origin };
}

export function defineGitOps(q: NavigationQuery): NavigationTarget[] {
  const c = cursorAt(q);
  if (!c?.obj || !c.node) return [];
  const graph = gitopsGraph(q.ws);
  const ctx = contextOf(graph, c);
  if (!ctx) return [];
  const origin = spanOf(c);
  if (ctx.type === 'dependsOn') {
    const index = c.path[2] as number;
    const target = ctx.node.dependsOn.find((e) => e.index === index)?.target;
    return target ? [nameTarget(target.object, origin)] : [];
  }
  if (ctx.type === 'source') {
    const ref = graph.nodeOf(c.obj)?.sourceRef ?? graph.imageAutomationSource(c.obj, effectiveNamespaceOf(q.ws, c.obj));
    return ref?.target ? [nameTarget(ref.target, origin)] : [];
  }
  const dir = ctx.node.dir;
  if (!dir || !ctx.node.exists) return [];
  const k = kustomizeDirs(q.ws).get(normalizeKey(dir));
  if (k) return [{ file: k.file, span: { start: 0, end: 0 }, origin }];
  return ctx.node.files
    .filter((f) => !isKustomizationFile(f) && dirnameKey(f) === normalizeKey(dir))
    .slice(0, 20)
    .map((f) => ({ file: f, span: { start: 0, end: 0 }, origin }));
}

// ---- hover -------------------------------------------------------------------------------

function describeNode(graph: GitOpsGraph, n: FluxNode): string {
  const waitsFor = graph.sortByOrder([...graph.ancestors(n)]);
  const waitedBy = graph.sortByOrder(graph.descendants(n));
  const name = (x: FluxNode) => (x.namespace === n.namespace ? x.name : `${x.namespace}/${x.name}`);
  const lines = [`**${n.kind} ${n.namespace}/${n.name}**: reconciliation order`, ''];
  const cycle = n.dependsOn.some((e) => graph.cycleAt(n, e.index));
  if (cycle) lines.push('- ⚠ part of a dependsOn cycle: Flux never reconciles it');
  lines.push(`- waits for: ${waitsFor.length ? waitsFor.map(name).join(' → ') : 'nothing'}`);
  lines.push(`- then: **${n.name}**`);
  lines.push(`- then: ${waitedBy.length ? waitedBy.map(name).join(' → ') : 'nothing waits for it'}`);
  if (n.kind === 'Kustomization' && n.path !== undefined) lines.push('', `Applies \`${n.path}\`${n.files.length ? ` (${n.files.length} files)` : ''}${n.wait ? ', waits for readiness' : n.healthChecks ? ', health-checked' : ''}.`);
  return lines.join('\n');
}

export function hoverGitOps(q: NavigationQuery): { markdown: string; span: Span } | undefined {
  const c = cursorAt(q);
  if (!c?.obj || !c.node || c.onKey) return undefined;
  const graph = gitopsGraph(q.ws);
  const span = spanOf(c);
  if (!span) return undefined;
  const node = graph.nodeOf(c.obj);
  if (node && (matches(c.path, ['metadata', 'name']) || matches(c.path, ['kind']))) return { markdown: describeNode(graph, node), span };
  if (node && matches(c.path, ['spec', 'dependsOn', 'N', 'name'])) {
    const target = node.dependsOn.find((e) => e.index === c.path[2])?.target;
    if (target) return { markdown: describeNode(graph, target), span };
  }
  return undefined;
}
