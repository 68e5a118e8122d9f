// kustomization.yaml files: which files each one applies (following `resources:`
// and `components:` through folders), and the `namespace:` it gives objects
// that declare none. Computed once per workspace change (Workspace.derived).
import { isMap } from 'yaml';
import { basenameKey, dirnameKey, isUnder, joinKey, normalizeKey } from '../paths';
import type { Span } from '../types';
import type { K8sObject } from './k8s';
import type { DerivedReads, FileFacts, Workspace } from './workspace';
import { findPair } from '../syntax/yaml';

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export interface KustomizeEntry {
  /** As written (`../base`, `deployment.yaml`). */
  entry: string;
  /** Resolved key: a file or a folder. */
  key: string;
  /** Where the entry is written in the kustomization file. */
  span: Span;
  /** Remote entries (URLs, git refs) are not followed. */
  remote: boolean;
}

export interface KustomizeDir {
  dir: string;
  file: string;
  namespace?: string;
  /** `resources:`, `components:` and the legacy `bases:`. */
  entries: KustomizeEntry[];
  /** The kustomization as plain data. */
  value: Record<string, unknown>;
}

/**
 * What effectiveNamespace and the kustomize trees read (kustomization files, and
 * which files exist, for folder entries): an index that uses them adds these to
 * its DerivedReads.
 */
export const KUSTOMIZE_READS = { kustomizations: true, files: true } as const;

const DIRS_READS: DerivedReads = { kinds: [], kustomizations: true };
const TREE_READS: DerivedReads = { kinds: [], ...KUSTOMIZE_READS };

export function isKustomizationFile(key: string): boolean {
  return KUSTOMIZATION_FILE_NAMES.includes(basenameKey(key));
}

function readKustomization(file: FileFacts): KustomizeDir | undefined {
  const doc = file.yaml?.documents.find((d) => d.value && typeof d.value === 'object' && !Array.isArray(d.value));
  if (!doc) return undefined;
  const value = doc.value as Record<string, unknown>;
  const dir = dirnameKey(file.path);
  const entries: KustomizeEntry[] = [];
  const root = doc.doc.contents;
  for (const field of ['resources', 'components', 'bases']) {
    const list = value[field];
    if (!Array.isArray(list)) continue;
    const seqNode = isMap(root) ? findPair(root, field)?.value : undefined;
    list.forEach((entry, i) => {
      if (typeof entry !== 'string') return;
      const item = seqNode && 'items' in seqNode ? (seqNode.items as { range?: [number, number, number] }[])[i] : undefined;
      const span = item?.range ? { start: item.range[0] + doc.offset, end: item.range[1] + doc.offset } : { start: doc.offset, end: doc.offset };
      const remote = /^[a-z][\w+.-]*:\/\/|^git@|^github\.com\//i.test(entry) || /\?ref=/.test(entry);
      entries.push({ entry, key: remote ? entry : joinKey(dir, entry), span, remote });
    });
  }
  const ns = value.namespace;
  return { dir, file: file.path, namespace: typeof ns === 'string' && ns ? ns : undefined, entries, value };
}

/** Every kustomization.yaml of the workspace, by folder key. */
export function kustomizeDirs(ws: Workspace): Map<string, KustomizeDir> {
  return ws.derived('kustomizeDirs', () => {
    const out = new Map<string, KustomizeDir>();
    for (const f of ws.allFiles()) {
      if (!isKustomizationFile(f.path) || f.skipped) continue;
      const k = readKustomization(f);
      if (k && !out.has(k.dir)) out.set(k.dir, k);
    }
    return out;
  }, DIRS_READS);
}

function yamlFilesUnder(ws: Workspace, dir: string): string[] {
  const out: string[] = [];
  for (const f of ws.allFiles()) if (f.kind === 'yaml' && isUnder(f.path, dir) && !isKustomizationFile(f.path)) out.push(f.path);
  return out.sort();
}

/**
 * The files a folder applies, the way kustomize (and Flux, which generates a
 * kustomization.yaml when a folder has none) sees it: a folder with a
 * kustomization follows its entries; a folder without one takes every YAML file
 * under it, except subfolders that have their own kustomization, which are
 * followed instead. Cycles are cut.
 */
export function filesApplied(ws: Workspace, dir: string): string[] {
  const dirs = kustomizeDirs(ws);
  const seen = new Set<string>();
  const files = new Set<string>();
  const visitDir = (d: string) => {
    const key = normalizeKey(d);
    if (seen.has(key)) return;
    seen.add(key);
    const k = dirs.get(key);
    if (k) {
      files.add(k.file);
      for (const e of k.entries) {
        if (e.remote) continue;
        if (ws.has(e.key)) files.add(e.key);
        else visitDir(e.key);
      }
      return;
    }
    const nested = [...dirs.keys()].filter((n) => n !== key && isUnder(n, key));
    for (const f of yamlFilesUnder(ws, key)) {
      const inner = nested.find((n) => isUnder(f, n));
      if (!inner) files.add(f);
    }
    // Only the outermost nested kustomizations: inner ones are reached through them.
    for (const n of nested) if (!nested.some((o) => o !== n && isUnder(n, o))) visitDir(n);
  };
  visitDir(dir);
  return [...files];
}

/** For each file, the kustomization folders that list it directly (or through a plain folder entry). */
function directParents(ws: Workspace): Map<string, string[]> {
  return ws.derived('kustomizeParents', () => {
    const out = new Map<string, string[]>();
    const add = (file: string, dir: string) => out.set(file, [...(out.get(file) ?? []), dir]);
    for (const k of kustomizeDirs(ws).values()) {
      for (const e of k.entries) {
        if (e.remote) continue;
        const included = kustomizeDirs(ws).get(e.key);
        if (ws.has(e.key)) add(e.key, k.dir);
        else if (included) add(included.file, k.dir);
        else for (const f of yamlFilesUnder(ws, e.key)) add(f, k.dir);
      }
    }
    return out;
  }, TREE_READS);
}

/**
 * The namespace an object lands in: its own `metadata.namespace`, else the
 * `namespace:` of the nearest kustomization that includes its file (directly, or
 * through kustomizations that include that one), else `default`. Cluster-scoped
 * objects get undefined from objectNamespace callers that check the kind.
 */
export function effectiveNamespace(ws: Workspace, obj: K8sObject): string {
  if (obj.namespace) return obj.namespace;
  return kustomizeNamespaceOf(ws, obj.file) ?? 'default';
}

/** The namespace the nearest including kustomization sets for a file, if any. */
export function kustomizeNamespaceOf(ws: Workspace, file: string): string | undefined {
  const memo = ws.derived('kustomizeNamespace', () => new Map<string, string | undefined>(), TREE_READS);
  if (memo.has(file)) return memo.get(file);
  const dirs = kustomizeDirs(ws);
  const parents = directParents(ws);
  let result: string | undefined;
  const seen = new Set<string>();
  let frontier = parents.get(file) ?? [];
  while (frontier.length && result === undefined) {
    const next: string[] = [];
    for (const d of frontier) {
      if (seen.has(d)) continue;
      seen.add(d);
      const k = dirs.get(d);
      if (k?.namespace) {
        result = k.namespace;
        break;
      }
      next.push(...(parents.get(k?.file ?? '') ?? []));
    }
    frontier = next;
  }
  memo.set(file, result);
  return result;
}
