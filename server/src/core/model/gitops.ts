// The GitOps graph: Flux Kustomizations and HelmReleases with their dependsOn
// edges, sources, the files each Kustomization applies (spec.path from the
// repository root, then the kustomization.yaml `resources:` tree), the CRDs and
// Namespaces each one provides and needs, image automation objects and Argo CD
// Applications. Built once per workspace change (Workspace.derived).
//
// The repository root of a Kustomization's file is, in order: the root the
// Flux bootstrap Kustomization implies (a Kustomization in F whose spec.path P
// contains F: root/P is an ancestor of F), the folder above a `clusters/`
// segment (the Flux layout), the deepest workspace root holding the file, else
// `.` for relative keys. Folders and objects are reported missing only under a
// workspace root (Workspace.roots), where every file is loaded.
import { CLUSTER_SCOPED_KINDS, K8sObject } from './k8s';
import { effectiveNamespace, filesApplied, isKustomizationFile } from './kustomize';
import { dirnameKey, isUnder, joinKey, normalizeKey, relativeKey } from '../paths';
import type { FileFacts, Workspace } from './workspace';
import type { PathSegment } from '../syntax/yaml';
import { chartBaseName, chartCrdGroups } from './gitops/charts';
import { editDistance } from '../config';

export const FLUX_KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
export const FLUX_HELM_GROUP = 'helm.toolkit.fluxcd.io';
export const FLUX_SOURCE_GROUP = 'source.toolkit.fluxcd.io';
export const FLUX_IMAGE_GROUP = 'image.toolkit.fluxcd.io';
export const ARGO_GROUP = 'argoproj.io';

export const SOURCE_KINDS = ['GitRepository', 'OCIRepository', 'HelmRepository', 'Bucket', 'HelmChart'] as const;
/** Namespaces every cluster has: nothing needs to create them. */
export const BUILTIN_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

// ---- small helpers -----------------------------------------------------------------

/** `apps/v1` → `apps`, `v1` → `` (the core group). */
export function apiGroup(apiVersion: string): string {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

export function isFluxKustomization(o: K8sObject): boolean {
  return o.kind === 'Kustomization' && apiGroup(o.apiVersion) === FLUX_KUSTOMIZE_GROUP;
}

export function isHelmRelease(o: K8sObject): boolean {
  return o.kind === 'HelmRelease' && apiGroup(o.apiVersion) === FLUX_HELM_GROUP;
}

export function isFluxSource(o: K8sObject): boolean {
  return (SOURCE_KINDS as readonly string[]).includes(o.kind) && apiGroup(o.apiVersion) === FLUX_SOURCE_GROUP;
}

export function isArgoApplication(o: K8sObject): boolean {
  return o.kind === 'Application' && apiGroup(o.apiVersion) === ARGO_GROUP;
}

function rec(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** `ssh://git@github.com/a/b.git`, `git@github.com:a/b`, `https://github.com/a/b/` → `github.com/a/b`. */
export function normalizeRepoUrl(url: string): string {
  let u = url.trim().toLowerCase();
  u = u.replace(/^[a-z][\w+.-]*:\/\//, '');
  u = u.replace(/^[^@/]+@/, '');
  u = u.replace(/^([^/:]+):(?!\d)/, '$1/');
  u = u.replace(/^([^/:]+):\d+\//, '$1/');
  return u.replace(/\/+$/, '').replace(/\.git$/, '').replace(/\/+$/, '');
}

/** The closest of `candidates` to `word` by edit distance (unique and close enough), else undefined. */
export function closestName(word: string, candidates: readonly string[]): { name: string; distance: number; unique: boolean } | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  let ties = 0;
  for (const c of new Set(candidates)) {
    if (c === word) continue;
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestScore) [best, bestScore, ties] = [c, d, 0];
    else if (d === bestScore) ties++;
  }
  if (best === undefined || bestScore > Math.max(2, Math.floor(word.length / 3))) return undefined;
  return { name: best, distance: bestScore, unique: ties === 0 };
}

// ---- graph types -------------------------------------------------------------------

export interface DependsOnEntry {
  index: number;
  name: string;
  /** As written, else the object's own namespace. */
  namespace: string;
  namespaceWritten: boolean;
  /** Path of the entry item (`spec.dependsOn[i]`). */
  path: PathSegment[];
  target?: FluxNode;
}

export interface SourceRef {
  kind?: string;
  name: string;
  namespace: string;
  /** Path of the reference mapping (`spec.sourceRef`, `spec.chart.spec.sourceRef`, `spec.chartRef`). */
  path: PathSegment[];
  /** Kinds allowed here. */
  allowed: readonly string[];
  target?: K8sObject;
}

export interface FluxNodeBase {
  /** `Kind/namespace/name`. */
  id: string;
  name: string;
  namespace: string;
  object: K8sObject;
  dependsOn: DependsOnEntry[];
}

export interface CrdProvision {
  group: string;
  /** undefined: every kind of the group (a chart's CRDs). */
  kind?: string;
  /** The CustomResourceDefinition document or the HelmRelease. */
  via: K8sObject;
  chart?: string;
}

export interface NamespaceProvision {
  name: string;
  via: K8sObject;
}

export type Need =
  | { type: 'crd'; group: string; kind: string; object: K8sObject }
  | { type: 'namespace'; name: string; object: K8sObject };

export interface KustomizationNode extends FluxNodeBase {
  kind: 'Kustomization';
  sourceRef?: SourceRef;
  /** The source is this repository (the one the bootstrap syncs), so spec.path can be followed. */
  local: boolean;
  /** spec.path as written. */
  path?: string;
  /** Repository root the path is relative to (undefined when unknown). */
  root?: string;
  /** The resolved folder key. */
  dir?: string;
  /** spec.path climbs out of the repository root (`../../etc`). */
  outside: boolean;
  /** The folder holds at least one file of the workspace. */
  exists: boolean;
  /** The folder lies under a workspace root: a missing folder is really missing. */
  checkable: boolean;
  files: string[];
  objects: K8sObject[];
  targetNamespace?: string;
  crds: CrdProvision[];
  namespacesCreated: NamespaceProvision[];
  /** Namespaces its namespaced objects land in. */
  namespacesUsed: Set<string>;
  /** `group/Kind` of every object it applies. */
  kinds: Set<string>;
  needs: Need[];
  wait: boolean;
  healthChecks: boolean;
  decryptionProvider?: string;
  /** Kustomizations whose applied files define this one (flux-system for the cluster's Kustomizations). */
  parents: KustomizationNode[];
}

export interface HelmReleaseNode extends FluxNodeBase {
  kind: 'HelmRelease';
  chart?: string;
  sourceRef?: SourceRef;
}

export type FluxNode = KustomizationNode | HelmReleaseNode;

export interface ArgoSource {
  repoURL?: string;
  path?: string;
  chart?: string;
  /** Path of the source mapping (`spec.source` or `spec.sources[i]`). */
  at: PathSegment[];
}

export interface ArgoApp {
  object: K8sObject;
  sources: ArgoSource[];
  destinationNamespace?: string;
  automated: boolean;
  root?: string;
}

export interface OrderViolation {
  provider: KustomizationNode;
  /** What makes the dependency necessary, with where the provider gets it. */
  reasons: { need: Need; provision: CrdProvision | NamespaceProvision }[];
}

export interface CycleEdge {
  from: FluxNode;
  entry: DependsOnEntry;
  /** Node ids around the cycle, starting and ending with `from`. */
  path: FluxNode[];
}

// ---- the graph -----------------------------------------------------------------------

export class GitOpsGraph {
  readonly kustomizations: KustomizationNode[] = [];
  readonly helmReleases: HelmReleaseNode[] = [];
  readonly byId = new Map<string, FluxNode>();
  readonly byObject = new Map<K8sObject, FluxNode>();
  /** `Kind/namespace/name` of every Flux source. */
  readonly sources = new Map<string, K8sObject>();
  readonly imageRepositories = new Map<string, K8sObject>();
  readonly imagePolicies = new Map<string, K8sObject>();
  readonly applications: ArgoApp[] = [];
  /** Repository roots implied by bootstrap Kustomizations. */
  readonly bootstrapRoots: string[] = [];
  /** Normalised URLs of the repositories this workspace is (bootstrap sources, Argo paths that exist). */
  readonly localRepoUrls = new Set<string>();
  private readonly folders: Set<string>;
  private readonly ancestorMemo = new Map<FluxNode, Set<FluxNode>>();
  private orderMemo?: Map<FluxNode, number>;
  private violationMemo?: Map<KustomizationNode, OrderViolation[]>;
  private cycleMemo?: Map<string, CycleEdge>;

  constructor(readonly ws: Workspace) {
    this.folders = folderSet(ws);
    build(this, ws);
  }

  nodeOf(obj: K8sObject): FluxNode | undefined {
    return this.byObject.get(obj);
  }

  kustomizationOf(obj: K8sObject): KustomizationNode | undefined {
    const n = this.byObject.get(obj);
    return n?.kind === 'Kustomization' ? n : undefined;
  }

  /** Whether a folder key holds any file of the workspace. */
  folderExists(dir: string): boolean {
    return this.folders.has(normalizeKey(dir));
  }

  /** Every folder key of the workspace (ancestors of its files). */
  allFolders(): string[] {
    return [...this.folders];
  }

  /** Whether the workspace holds a key's folder completely (see Workspace.roots). */
  isComplete(key: string): boolean {
    const roots = this.ws.roots();
    if (roots === undefined) return true;
    return roots.some((r) => isUnder(key, r));
  }

  /** The repository root of a file (see the header of this module). */
  rootOf(file: string): string | undefined {
    const deepest = (list: readonly string[]) => list.filter((r) => isUnder(file, r)).sort((a, b) => b.length - a.length)[0];
    const boot = deepest(this.bootstrapRoots);
    if (boot) return boot;
    const layout = layoutRoot(file);
    if (layout !== undefined) return layout;
    const roots = this.ws.roots();
    const explicit = roots && deepest(roots);
    if (explicit) return normalizeKey(explicit);
    if (!/^[a-zA-Z][\w+.-]*:/.test(file) && !file.startsWith('/') && !file.startsWith('..')) return '.';
    return undefined;
  }

  /** Every Kustomization a node waits for: dependsOn, transitively, and the Kustomizations that apply it. */
  ancestors(node: FluxNode): Set<FluxNode> {
    const memo = this.ancestorMemo.get(node);
    if (memo) return memo;
    const out = new Set<FluxNode>();
    const stack: FluxNode[] = [node];
    while (stack.length) {
      const n = stack.pop()!;
      const next: FluxNode[] = n.dependsOn.flatMap((e) => (e.target ? [e.target] : []));
      if (n.kind === 'Kustomization') next.push(...n.parents);
      for (const m of next) {
        if (out.has(m)) continue;
        out.add(m);
        stack.push(m);
      }
    }
    out.delete(node);
    this.ancestorMemo.set(node, out);
    return out;
  }

  /** Every node that waits for this one (the inverse of ancestors). */
  descendants(node: FluxNode): FluxNode[] {
    return [...this.kustomizations, ...this.helmReleases].filter((n) => n !== node && this.ancestors(n).has(node));
  }

  /** Nodes that list this one in their dependsOn (directly). */
  dependents(node: FluxNode): { node: FluxNode; entry: DependsOnEntry }[] {
    const out: { node: FluxNode; entry: DependsOnEntry }[] = [];
    for (const n of [...this.kustomizations, ...this.helmReleases]) for (const e of n.dependsOn) if (e.target === node) out.push({ node: n, entry: e });
    return out;
  }

  /** Position in the reconciliation order (dependencies and parents first; ties by name; cycles last). */
  orderIndex(node: FluxNode): number {
    if (!this.orderMemo) this.orderMemo = reconciliationOrder([...this.kustomizations, ...this.helmReleases]);
    return this.orderMemo.get(node) ?? Number.MAX_SAFE_INTEGER;
  }

  sortByOrder<T extends FluxNode>(nodes: Iterable<T>): T[] {
    return [...nodes].sort((a, b) => this.orderIndex(a) - this.orderIndex(b) || a.id.localeCompare(b.id));
  }

  /** The dependsOn entry of `node` at `index` when it is an edge of a cycle, with the cycle. */
  cycleAt(node: FluxNode, index: number): CycleEdge | undefined {
    if (!this.cycleMemo) this.cycleMemo = findCycles([...this.kustomizations, ...this.helmReleases]);
    return this.cycleMemo.get(`${node.id}#${index}`);
  }

  /** Kustomizations that provide a need (other than `self`). */
  providersOf(need: Need, self?: KustomizationNode): { node: KustomizationNode; provision: CrdProvision | NamespaceProvision }[] {
    const out: { node: KustomizationNode; provision: CrdProvision | NamespaceProvision }[] = [];
    for (const k of this.kustomizations) {
      if (k === self) continue;
      const p = provisionIn(k, need);
      if (p) out.push({ node: k, provision: p });
    }
    return out;
  }

  /**
   * The dependsOn entries a Kustomization lacks: for each CRD or Namespace it
   * needs that another Kustomization provides, when no provider is among the
   * Kustomizations it waits for. A gap inherited from a direct dependency (that
   * dependency lacks the same provider) is reported there, not here.
   */
  orderViolations(node: KustomizationNode): OrderViolation[] {
    if (!this.violationMemo) {
      const raw = new Map<KustomizationNode, OrderViolation[]>();
      for (const k of this.kustomizations) raw.set(k, this.rawViolations(k));
      const out = new Map<KustomizationNode, OrderViolation[]>();
      for (const [k, vs] of raw) {
        out.set(
          k,
          vs.filter((v) => !k.dependsOn.some((e) => e.target?.kind === 'Kustomization' && raw.get(e.target)?.some((w) => w.provider === v.provider))),
        );
      }
      this.violationMemo = out;
    }
    return this.violationMemo.get(node) ?? [];
  }

  /** Whether a node or one it waits for has a dependsOn entry naming nothing: its order is not known. */
  hasUnresolvedAncestry(node: FluxNode): boolean {
    const unresolved = (n: FluxNode) => n.dependsOn.some((e) => !e.target);
    return unresolved(node) || [...this.ancestors(node)].some(unresolved);
  }

  private rawViolations(k: KustomizationNode): OrderViolation[] {
    // A dependsOn that names nothing (flux/depends-on-missing) hides what it would bring.
    if (this.hasUnresolvedAncestry(k)) return [];
    const ancestors = this.ancestors(k);
    const byProvider = new Map<KustomizationNode, OrderViolation>();
    for (const need of k.needs) {
      if (provisionIn(k, need)) continue;
      const providers = this.providersOf(need, k);
      if (providers.length === 0 || providers.some((p) => ancestors.has(p.node))) continue;
      // Depending on a Kustomization that waits for this one would close a cycle.
      const candidates = providers.filter((p) => !this.ancestors(p.node).has(k));
      if (candidates.length === 0) continue;
      candidates.sort((a, b) => this.orderIndex(a.node) - this.orderIndex(b.node) || a.node.id.localeCompare(b.node.id));
      const chosen = candidates[0];
      let v = byProvider.get(chosen.node);
      if (!v) byProvider.set(chosen.node, (v = { provider: chosen.node, reasons: [] }));
      v.reasons.push({ need, provision: chosen.provision });
    }
    return [...byProvider.values()];
  }

  /** Set `ref.target` to the source it names, if it exists. */
  resolveSourceRef(ref: SourceRef | undefined): SourceRef | undefined {
    if (!ref) return undefined;
    const kinds = ref.kind ? [ref.kind] : ref.allowed;
    for (const k of kinds) {
      const s = this.sources.get(`${k}/${ref.namespace}/${ref.name}`);
      if (s) {
        ref.target = s;
        break;
      }
    }
    return ref;
  }

  /** The GitRepository an ImageUpdateAutomation pushes to. */
  imageAutomationSource(obj: K8sObject, ns: string): SourceRef | undefined {
    return this.resolveSourceRef(sourceRefAt(obj, ['spec', 'sourceRef'], ns, ['GitRepository']));
  }

  /** Flux sources of a kind (or of any of `kinds`). */
  sourcesOf(kinds: readonly string[]): K8sObject[] {
    return [...this.sources.values()].filter((s) => kinds.includes(s.kind));
  }

  /** Whether an Argo CD source's repoURL is this repository. */
  isLocalRepo(repoURL: string | undefined): boolean {
    return !!repoURL && this.localRepoUrls.has(normalizeRepoUrl(repoURL));
  }
}

function provisionIn(k: KustomizationNode, need: Need): CrdProvision | NamespaceProvision | undefined {
  if (need.type === 'crd') return k.crds.find((c) => c.group === need.group && (c.kind === undefined || c.kind === need.kind));
  return k.namespacesCreated.find((n) => n.name === need.name);
}

/** The workspace's GitOps graph, rebuilt when any file changes. */
export function gitopsGraph(ws: Workspace): GitOpsGraph {
  return ws.derived('gitopsGraph', () => new GitOpsGraph(ws));
}

// ---- building ------------------------------------------------------------------------

function folderSet(ws: Workspace): Set<string> {
  const out = new Set<string>();
  for (const p of ws.paths()) {
    let d = dirnameKey(normalizeKey(p));
    for (let i = 0; i < 200 && !out.has(d); i++) {
      out.add(d);
      const up = dirnameKey(d);
      if (up === d) break;
      d = up;
    }
  }
  return out;
}

/** The folder above the last `clusters/` segment of a key, if any (`.` for `clusters/x.yaml`). */
function layoutRoot(file: string): string | undefined {
  const key = normalizeKey(file);
  if (key.startsWith('clusters/')) return '.';
  const i = key.lastIndexOf('/clusters/');
  if (i <= 0) return undefined;
  const root = key.slice(0, i);
  return /^[a-zA-Z][\w+.-]*:\/\/[^/]*$/.test(root) ? undefined : root;
}

/** `./clusters/production` → `clusters/production` (`` for the root). */
export function fluxPathSegments(path: string): string {
  return normalizeKey(path.replace(/^\/+/, '')).replace(/^\.$/, '');
}

/** Root R such that R/path is an ancestor of the file's folder, if there is one. */
function bootstrapRootOf(file: string, path: string): string | undefined {
  const suffix = fluxPathSegments(path);
  if (!suffix || suffix.startsWith('..')) return undefined;
  let d = dirnameKey(normalizeKey(file));
  for (let i = 0; i < 200; i++) {
    if (d === suffix) return '.';
    if (d.endsWith('/' + suffix)) {
      const root = d.slice(0, d.length - suffix.length - 1);
      if (root && !/^[a-zA-Z][\w+.-]*:\/\/[^/]*$/.test(root)) return root;
      if (/^[a-zA-Z][\w+.-]*:\/\/[^/]*$/.test(root)) return root + '/';
    }
    const up = dirnameKey(d);
    if (up === d) break;
    d = up;
  }
  return undefined;
}

function nsOf(ws: Workspace, o: K8sObject): string {
  return effectiveNamespace(ws, o);
}

/** The namespace an object lands in (metadata, else its kustomization's, else `default`). */
export const effectiveNamespaceOf = nsOf;

function dependsOnOf(o: K8sObject, ns: string): DependsOnEntry[] {
  const list = rec(o.value.spec)?.dependsOn;
  if (!Array.isArray(list)) return [];
  const out: DependsOnEntry[] = [];
  list.forEach((item, index) => {
    const r = rec(item);
    const name = str(r?.name) ?? (typeof item === 'string' ? item : undefined);
    if (!name) return;
    const written = str(r?.namespace);
    out.push({ index, name, namespace: written ?? ns, namespaceWritten: !!written, path: ['spec', 'dependsOn', index] });
  });
  return out;
}

function sourceRefAt(o: K8sObject, path: PathSegment[], ns: string, allowed: readonly string[]): SourceRef | undefined {
  let cur: unknown = o.value;
  for (const seg of path) cur = rec(cur)?.[seg as string];
  const r = rec(cur);
  const name = str(r?.name);
  if (!r || !name) return undefined;
  return { kind: str(r.kind), name, namespace: str(r.namespace) ?? ns, path, allowed };
}

export const KUSTOMIZATION_SOURCE_KINDS = ['GitRepository', 'OCIRepository', 'Bucket'];
export const CHART_SOURCE_KINDS = ['HelmRepository', 'GitRepository', 'Bucket'];
export const CHART_REF_KINDS = ['OCIRepository', 'HelmChart'];

function build(g: GitOpsGraph, ws: Workspace): void {
  const objects = [...ws.objects()];
  const kObjects = objects.filter(isFluxKustomization);
  // Sources and image objects first: Kustomizations resolve against them.
  for (const o of objects) {
    if (isFluxSource(o) && o.name) g.sources.set(`${o.kind}/${nsOf(ws, o)}/${o.name}`, o);
    else if (apiGroup(o.apiVersion) === FLUX_IMAGE_GROUP && o.name) {
      if (o.kind === 'ImageRepository') g.imageRepositories.set(`${nsOf(ws, o)}/${o.name}`, o);
      if (o.kind === 'ImagePolicy') g.imagePolicies.set(`${nsOf(ws, o)}/${o.name}`, o);
    }
  }
  const resolveSource = (ref: SourceRef | undefined) => g.resolveSourceRef(ref);

  // Bootstrap Kustomizations: their path contains their own file.
  const bootstrapSources = new Set<K8sObject>();
  for (const o of kObjects) {
    const path = str(rec(o.value.spec)?.path);
    if (!path) continue;
    const root = bootstrapRootOf(o.file, path);
    if (root === undefined) continue;
    if (!g.bootstrapRoots.includes(root)) g.bootstrapRoots.push(root);
    const ref = sourceRefAt(o, ['spec', 'sourceRef'], nsOf(ws, o), KUSTOMIZATION_SOURCE_KINDS);
    resolveSource(ref);
    if (ref?.target) bootstrapSources.add(ref.target);
  }
  const gitRepos = g.sourcesOf(['GitRepository']);
  for (const s of gitRepos) {
    if (bootstrapSources.has(s) || s.name === 'flux-system') {
      const url = str(rec(s.value.spec)?.url);
      if (url) g.localRepoUrls.add(normalizeRepoUrl(url));
    }
  }
  const isLocalSource = (ref: SourceRef | undefined): boolean => {
    if (!ref) return true;
    if (ref.kind && ref.kind !== 'GitRepository') return false;
    if (!ref.target) return ref.name === 'flux-system' || gitRepos.length === 0;
    if (bootstrapSources.has(ref.target) || ref.target.name === 'flux-system') return true;
    const url = str(rec(ref.target.value.spec)?.url);
    return !!url && g.localRepoUrls.has(normalizeRepoUrl(url));
  };

  const crdScopes = new Map<string, string>();
  for (const o of objects) {
    if (o.kind !== 'CustomResourceDefinition') continue;
    const spec = rec(o.value.spec);
    const kind = str(rec(spec?.names)?.kind);
    if (kind) crdScopes.set(`${str(spec?.group) ?? ''}/${kind}`, str(spec?.scope) ?? 'Namespaced');
  }
  const clusterScoped = (o: K8sObject) =>
    CLUSTER_SCOPED_KINDS.has(o.kind) || /^Cluster[A-Z]/.test(o.kind) || crdScopes.get(`${apiGroup(o.apiVersion)}/${o.kind}`) === 'Cluster';

  for (const o of kObjects) {
    const ns = nsOf(ws, o);
    const spec = rec(o.value.spec) ?? {};
    const name = o.name ?? '(unnamed)';
    const sourceRef = sourceRefAt(o, ['spec', 'sourceRef'], ns, KUSTOMIZATION_SOURCE_KINDS);
    resolveSource(sourceRef);
    const local = isLocalSource(sourceRef);
    const path = typeof spec.path === 'string' ? spec.path : undefined;
    const root = g.rootOf(o.file);
    const node: KustomizationNode = {
      kind: 'Kustomization',
      id: `Kustomization/${ns}/${name}`,
      name,
      namespace: ns,
      object: o,
      dependsOn: dependsOnOf(o, ns),
      sourceRef,
      local,
      path,
      root,
      outside: false,
      exists: false,
      checkable: false,
      files: [],
      objects: [],
      targetNamespace: str(spec.targetNamespace),
      crds: [],
      namespacesCreated: [],
      namespacesUsed: new Set(),
      kinds: new Set(),
      needs: [],
      wait: spec.wait === true,
      healthChecks: Array.isArray(spec.healthChecks) && spec.healthChecks.length > 0,
      decryptionProvider: str(rec(spec.decryption)?.provider),
      parents: [],
    };
    if (local && root !== undefined) {
      const dir = joinKey(root, fluxPathSegments(path ?? '') || '.');
      node.dir = dir;
      node.outside = relativeKey(root, dir) === undefined;
      node.exists = !node.outside && g.folderExists(dir);
      node.checkable = g.isComplete(dir);
      if (node.exists) node.files = filesApplied(ws, dir);
    }
    applyObjects(ws, node, clusterScoped);
    if (!g.byId.has(node.id)) g.byId.set(node.id, node);
    g.byObject.set(o, node);
    g.kustomizations.push(node);
  }

  for (const o of objects) {
    if (!isHelmRelease(o)) continue;
    const ns = nsOf(ws, o);
    const name = o.name ?? '(unnamed)';
    const spec = rec(o.value.spec) ?? {};
    const chartSpec = rec(rec(spec.chart)?.spec);
    const sourceRef = chartSpec
      ? sourceRefAt(o, ['spec', 'chart', 'spec', 'sourceRef'], ns, CHART_SOURCE_KINDS)
      : sourceRefAt(o, ['spec', 'chartRef'], ns, CHART_REF_KINDS);
    resolveSource(sourceRef);
    const node: HelmReleaseNode = {
      kind: 'HelmRelease',
      id: `HelmRelease/${ns}/${name}`,
      name,
      namespace: ns,
      object: o,
      dependsOn: dependsOnOf(o, ns),
      chart: str(chartSpec?.chart),
      sourceRef,
    };
    if (!g.byId.has(node.id)) g.byId.set(node.id, node);
    g.byObject.set(o, node);
    g.helmReleases.push(node);
  }

  // dependsOn: a Kustomization waits for Kustomizations, a HelmRelease for HelmReleases.
  for (const n of [...g.kustomizations, ...g.helmReleases]) {
    for (const e of n.dependsOn) e.target = g.byId.get(`${n.kind}/${e.namespace}/${e.name}`);
  }
  // A Kustomization defined in the files another applies exists only once that one has reconciled.
  const byFile = new Map<string, KustomizationNode[]>();
  for (const k of g.kustomizations) byFile.set(k.object.file, [...(byFile.get(k.object.file) ?? []), k]);
  for (const parent of g.kustomizations) {
    for (const f of parent.files) for (const child of byFile.get(f) ?? []) if (child !== parent && !child.parents.includes(parent)) child.parents.push(parent);
  }

  // Argo CD Applications.
  for (const o of objects) {
    if (!isArgoApplication(o)) continue;
    const spec = rec(o.value.spec) ?? {};
    const sources: ArgoSource[] = [];
    const read = (v: unknown, at: PathSegment[]) => {
      const r = rec(v);
      if (r) sources.push({ repoURL: str(r.repoURL), path: typeof r.path === 'string' ? r.path : undefined, chart: str(r.chart), at });
    };
    read(spec.source, ['spec', 'source']);
    if (Array.isArray(spec.sources)) spec.sources.forEach((s, i) => read(s, ['spec', 'sources', i]));
    const syncPolicy = rec(spec.syncPolicy);
    g.applications.push({
      object: o,
      sources,
      destinationNamespace: str(rec(spec.destination)?.namespace),
      automated: !!syncPolicy && 'automated' in syncPolicy && syncPolicy.automated !== false,
      root: g.rootOf(o.file),
    });
  }
  // A repository whose paths exist here is this repository.
  for (const app of g.applications) {
    for (const s of app.sources) {
      if (!s.repoURL || s.path === undefined || app.root === undefined) continue;
      const dir = joinKey(app.root, fluxPathSegments(s.path) || '.');
      if (relativeKey(app.root, dir) !== undefined && fluxPathSegments(s.path) && g.folderExists(dir)) g.localRepoUrls.add(normalizeRepoUrl(s.repoURL));
    }
  }
}

function applyObjects(ws: Workspace, node: KustomizationNode, clusterScoped: (o: K8sObject) => boolean): void {
  const crdKeys = new Set<string>();
  const needKeys = new Set<string>();
  for (const f of node.files) {
    if (isKustomizationFile(f)) continue;
    for (const o of ws.get(f)?.objects ?? []) {
      if (apiGroup(o.apiVersion).startsWith('kustomize.config.k8s.io')) continue;
      node.objects.push(o);
      node.kinds.add(`${apiGroup(o.apiVersion)}/${o.kind}`);
      if (o.kind === 'CustomResourceDefinition') {
        const spec = rec(o.value.spec);
        const group = str(spec?.group);
        const kind = str(rec(spec?.names)?.kind);
        if (group && kind && !crdKeys.has(`${group}/${kind}`)) {
          crdKeys.add(`${group}/${kind}`);
          node.crds.push({ group, kind, via: o });
        }
      } else if (o.kind === 'Namespace' && o.name) {
        node.namespacesCreated.push({ name: o.name, via: o });
      } else if (isHelmRelease(o)) {
        const spec = rec(o.value.spec);
        const chart = str(rec(rec(spec?.chart)?.spec)?.chart) ?? str(rec(spec?.chartRef)?.name);
        if (chart) for (const group of chartCrdGroups(chart, spec?.values)) node.crds.push({ group, via: o, chart: chartBaseName(chart) });
        const target = str(spec?.targetNamespace);
        if (target && rec(spec?.install)?.createNamespace === true) node.namespacesCreated.push({ name: target, via: o });
      }
    }
  }
  for (const o of node.objects) {
    const group = apiGroup(o.apiVersion);
    if (group.includes('.') && !needKeys.has(`crd:${group}/${o.kind}`)) {
      needKeys.add(`crd:${group}/${o.kind}`);
      node.needs.push({ type: 'crd', group, kind: o.kind, object: o });
    }
    if (clusterScoped(o)) continue;
    const ns = node.targetNamespace ?? effectiveNamespace(ws, o);
    node.namespacesUsed.add(ns);
    if (!BUILTIN_NAMESPACES.has(ns) && !needKeys.has(`ns:${ns}`)) {
      needKeys.add(`ns:${ns}`);
      node.needs.push({ type: 'namespace', name: ns, object: o });
    }
  }
}

function reconciliationOrder(nodes: FluxNode[]): Map<FluxNode, number> {
  const preds = new Map<FluxNode, Set<FluxNode>>();
  for (const n of nodes) {
    const p = new Set<FluxNode>();
    for (const e of n.dependsOn) if (e.target && e.target !== n) p.add(e.target);
    if (n.kind === 'Kustomization') for (const parent of n.parents) p.add(parent);
    preds.set(n, p);
  }
  const order = new Map<FluxNode, number>();
  const remaining = new Set(nodes);
  while (remaining.size) {
    const ready = [...remaining].filter((n) => [...preds.get(n)!].every((p) => !remaining.has(p)));
    // A cycle: take the rest in name order.
    const batch = (ready.length ? ready : [...remaining]).sort((a, b) => a.id.localeCompare(b.id));
    for (const n of batch) {
      order.set(n, order.size);
      remaining.delete(n);
    }
  }
  return order;
}

/**
 * Strongly connected components of a directed graph (Tarjan's algorithm,
 * iterative so a long chain cannot overflow the call stack): the component
 * number of every node reachable from `nodes`. Two nodes lie on a common cycle
 * exactly when they share a component. Shared with the topology's cycle marking.
 */
export function stronglyConnectedComponents<T>(nodes: Iterable<T>, succ: (n: T) => readonly T[]): Map<T, number> {
  let index = 0;
  const idx = new Map<T, number>();
  const low = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const comp = new Map<T, number>();
  let compCount = 0;
  const strong = (v: T) => {
    const work: { v: T; i: number }[] = [{ v, i: 0 }];
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    while (work.length) {
      const top = work[work.length - 1];
      const next = succ(top.v);
      if (top.i < next.length) {
        const w = next[top.i++];
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(top.v, Math.min(low.get(top.v)!, idx.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === idx.get(top.v)) {
        let w: T;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.set(w, compCount);
        } while (w !== top.v);
        compCount++;
      }
    }
  };
  for (const n of nodes) if (!idx.has(n)) strong(n);
  return comp;
}

/** Every dependsOn edge that lies on a cycle, with one cycle through it (the shortest way back). */
function findCycles(nodes: FluxNode[]): Map<string, CycleEdge> {
  const succ = (n: FluxNode) => n.dependsOn.flatMap((e) => (e.target ? [e.target] : []));
  const comp = stronglyConnectedComponents(nodes, succ);
  const size = new Map<number, number>();
  for (const c of comp.values()) size.set(c, (size.get(c) ?? 0) + 1);

  const out = new Map<string, CycleEdge>();
  for (const n of nodes) {
    for (const e of n.dependsOn) {
      const t = e.target;
      if (!t || comp.get(t) !== comp.get(n)) continue;
      if (t !== n && (size.get(comp.get(n)!) ?? 0) < 2) continue;
      // Shortest path t → n inside the component (BFS), then the edge n → t closes it.
      const prev = new Map<FluxNode, FluxNode>();
      const queue: FluxNode[] = [t];
      const seen = new Set<FluxNode>([t]);
      while (queue.length && !seen.has(n)) {
        const cur = queue.shift()!;
        for (const s of succ(cur)) {
          if (seen.has(s) || comp.get(s) !== comp.get(n)) continue;
          seen.add(s);
          prev.set(s, cur);
          queue.push(s);
        }
      }
      const back: FluxNode[] = [];
      if (t !== n) {
        for (let cur: FluxNode | undefined = n; cur && cur !== t; cur = prev.get(cur)) back.unshift(cur);
        back.unshift(t);
      }
      out.set(`${n.id}#${e.index}`, { from: n, entry: e, path: t === n ? [n, n] : [n, ...back] });
    }
  }
  return out;
}

// ---- SOPS --------------------------------------------------------------------------------

export interface SopsInfo {
  /** Key types of the `sops:` metadata (`age`, `pgp`, `azure_kv`, `kms`, `gcp_kms`, `hc_vault`). */
  keyTypes: string[];
}

/** Whether a file holds SOPS-encrypted data (a `sops:` metadata block or `ENC[...]` values), and how. */
export function sopsInfo(file: FileFacts): SopsInfo | undefined {
  if (file.kind !== 'yaml' || file.skipped || !file.yaml) return undefined;
  let found = false;
  const keyTypes = new Set<string>();
  for (const d of file.yaml.documents) {
    const meta = rec(rec(d.value)?.sops);
    if (meta && ('mac' in meta || 'lastmodified' in meta || 'version' in meta)) {
      found = true;
      for (const k of ['age', 'pgp', 'azure_kv', 'kms', 'gcp_kms', 'hc_vault']) {
        const v = meta[k];
        if ((Array.isArray(v) && v.length > 0) || (typeof v === 'string' && v)) keyTypes.add(k);
      }
    }
  }
  if (!found && file.text.includes('ENC[AES256_GCM,data:') && /:\s*["']?ENC\[AES256_GCM,data:/.test(file.text)) found = true;
  return found ? { keyTypes: [...keyTypes] } : undefined;
}

// ---- Drupal -----------------------------------------------------------------------------

/** A workload that runs Drupal: its name or one of its images says so. */
export function isDrupalObject(o: K8sObject, images: readonly (string | undefined)[]): boolean {
  return /drupal/i.test(o.name ?? '') || images.some((i) => !!i && /drupal/i.test(i));
}

