// Workspace-wide joins between Kubernetes objects: the ONE place that indexes
// workloads, Services, objects by kind/namespace/name, Secret producers and the
// Service → workload → container-port relations. Every index is built with
// Workspace.derived, so it is computed once per workspace change and dropped on
// the next edit; rules look things up here instead of scanning the workspace.
//
// Namespaces are always effective namespaces (model/kustomize.ts): an object
// without metadata.namespace takes the including kustomization's namespace, else
// `default`. Cluster-scoped kinds are indexed under the namespace ''.
//
// Exported signatures are relied on by other rule areas (network policies,
// TLS/secrets): add new functions rather than changing these.
import { CLUSTER_SCOPED_KINDS, K8sObject, workloadOf, Workload, Container, valueAt, WORKLOAD_KINDS } from './k8s';
import { effectiveNamespace, filesApplied, KUSTOMIZE_READS, kustomizeDirs, kustomizeNamespaceOf } from './kustomize';
import { dirnameKey, isUnder } from '../paths';
import { LabelSelector, matchesSelector, readLabelSelector, readMapSelector, isEmptySelector } from './selectors';
import type { DerivedReads, Workspace } from './workspace';
import type { PathSegment } from '../syntax/yaml';

// What the indexes below read (Workspace.derived keeps them across other changes).
// Effective namespaces read the kustomize trees (KUSTOMIZE_READS).
/** Workloads (every pod-template kind) with their effective namespaces. */
export const WORKLOAD_READS: DerivedReads = { kinds: WORKLOAD_KINDS, ...KUSTOMIZE_READS };
const SERVICE_WORKLOAD_READS: DerivedReads = { kinds: ['Service', ...WORKLOAD_KINDS], ...KUSTOMIZE_READS };
const SECRET_PRODUCER_READS: DerivedReads = { kinds: ['Secret', 'ExternalSecret', 'SealedSecret', 'SecretProviderClass'], ...KUSTOMIZE_READS };
/** Kustomize trees only (generators, scopes: paths, never objects of other files). */
const GENERATOR_READS: DerivedReads = { kinds: [], ...KUSTOMIZE_READS };

// ---- objects ---------------------------------------------------------------------

/** The namespace an object lands in ('' for cluster-scoped kinds). */
export function namespaceOf(ws: Workspace, obj: K8sObject): string {
  if (CLUSTER_SCOPED_KINDS.has(obj.kind)) return '';
  return effectiveNamespace(ws, obj);
}

function key(kind: string, ns: string, name: string): string {
  return `${kind}\u0000${ns}\u0000${name}`;
}

interface ObjectIndex {
  byKey: Map<string, K8sObject[]>;
  byKind: Map<string, K8sObject[]>;
  namespaceOf: Map<K8sObject, string>;
}

function objectIndex(ws: Workspace): ObjectIndex {
  return ws.derived('joins:objects', () => {
    const byKey = new Map<string, K8sObject[]>();
    const byKind = new Map<string, K8sObject[]>();
    const nsOf = new Map<K8sObject, string>();
    for (const o of ws.objects()) {
      const ns = namespaceOf(ws, o);
      nsOf.set(o, ns);
      const list = byKind.get(o.kind);
      if (list) list.push(o);
      else byKind.set(o.kind, [o]);
      if (o.name === undefined) continue;
      const k = key(o.kind, ns, o.name);
      const same = byKey.get(k);
      if (same) same.push(o);
      else byKey.set(k, [o]);
    }
    return { byKey, byKind, namespaceOf: nsOf };
  });
}

/** Effective namespace of an object, from the index (cheap after the first call). */
export function nsOf(ws: Workspace, obj: K8sObject): string {
  return objectIndex(ws).namespaceOf.get(obj) ?? namespaceOf(ws, obj);
}

/** Every object of a kind in the workspace. */
export function objectsOfKind(ws: Workspace, kind: string): K8sObject[] {
  return objectIndex(ws).byKind.get(kind) ?? [];
}

/** Every object of a kind in one (effective) namespace. */
export function objectsOfKindIn(ws: Workspace, kind: string, ns: string): K8sObject[] {
  const memo = ws.derived('joins:kindInNamespace', () => new Map<string, K8sObject[]>());
  const k = `${kind}\u0000${ns}`;
  let list = memo.get(k);
  if (!list) memo.set(k, (list = objectsOfKind(ws, kind).filter((o) => nsOf(ws, o) === ns)));
  return list;
}

/**
 * The object with this kind, namespace and name (the first when it is defined
 * twice), or undefined. Cluster-scoped kinds ignore `ns`.
 */
export function findObject(ws: Workspace, kind: string, ns: string, name: string): K8sObject | undefined {
  return findObjects(ws, kind, ns, name)[0];
}

/** Every definition of kind/namespace/name in the workspace (duplicates included). */
export function findObjects(ws: Workspace, kind: string, ns: string, name: string): K8sObject[] {
  return objectIndex(ws).byKey.get(key(kind, CLUSTER_SCOPED_KINDS.has(kind) ? '' : ns, name)) ?? [];
}

// ---- workloads -------------------------------------------------------------------

interface WorkloadIndex {
  all: Workload[];
  byNamespace: Map<string, Workload[]>;
}

function workloadIndex(ws: Workspace): WorkloadIndex {
  return ws.derived('joins:workloads', () => {
    const all: Workload[] = [];
    const byNamespace = new Map<string, Workload[]>();
    for (const o of ws.objects()) {
      const w = workloadOf(o);
      if (!w) continue;
      all.push(w);
      const ns = nsOf(ws, o);
      const list = byNamespace.get(ns);
      if (list) list.push(w);
      else byNamespace.set(ns, [w]);
    }
    return { all, byNamespace };
  }, WORKLOAD_READS);
}

/** Every workload (object with a pod template) of the workspace. */
export function allWorkloads(ws: Workspace): Workload[] {
  return workloadIndex(ws).all;
}

/** The workloads whose effective namespace is `ns`. */
export function workloadsIn(ws: Workspace, ns: string): Workload[] {
  return workloadIndex(ws).byNamespace.get(ns) ?? [];
}

/** Namespaces that hold at least one workload. */
export function namespacesWithWorkloads(ws: Workspace): string[] {
  return [...workloadIndex(ws).byNamespace.keys()];
}

/** The workloads in `ns` whose pod labels a selector matches (an empty selector matches all). */
export function workloadsMatchingIn(ws: Workspace, ns: string, selector: LabelSelector): Workload[] {
  return workloadsIn(ws, ns).filter((w) => matchesSelector(selector, w.podLabels));
}

/** The workload named kind/ns/name, if it exists and has a pod template. */
export function findWorkload(ws: Workspace, kind: string, ns: string, name: string): Workload | undefined {
  const o = findObject(ws, kind, ns, name);
  return o ? workloadOf(o) : undefined;
}

/** `spec.replicas` of a workload: its number, 1 when unset for replicated kinds, undefined for kinds without replicas. */
export function replicasOf(w: Workload): number | undefined {
  const kind = w.object.kind;
  if (!['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig'].includes(kind)) return undefined;
  const r = valueAt(w.object.value, ['spec', 'replicas']);
  if (r === undefined || r === null) return 1;
  const n = Number(r);
  return Number.isFinite(n) ? n : undefined;
}

// ---- container ports -------------------------------------------------------------

export interface ContainerPort {
  workload: Workload;
  container: Container;
  /** Index in the container's `ports` list. */
  index: number;
  name?: string;
  containerPort: number;
  /** TCP unless written otherwise. */
  protocol: string;
  /** Path of the port item inside the workload object. */
  path: PathSegment[];
}

/** Every declared port of a workload's containers (init containers excluded, except native sidecars with restartPolicy: Always). */
export function containerPorts(w: Workload): ContainerPort[] {
  const memo = w.object.doc.memo;
  const memoKey = 'joins:containerPorts';
  if (memo.has(memoKey)) return memo.get(memoKey) as ContainerPort[];
  const out: ContainerPort[] = [];
  for (const c of w.containers) {
    if (c.group === 'ephemeralContainers') continue;
    if (c.group === 'initContainers' && c.value.restartPolicy !== 'Always') continue;
    const ports = c.value.ports;
    if (!Array.isArray(ports)) continue;
    ports.forEach((p, index) => {
      if (!p || typeof p !== 'object') return;
      const rec = p as Record<string, unknown>;
      const num = Number(rec.containerPort);
      if (!Number.isInteger(num)) return;
      out.push({
        workload: w,
        container: c,
        index,
        name: typeof rec.name === 'string' ? rec.name : undefined,
        containerPort: num,
        protocol: typeof rec.protocol === 'string' ? rec.protocol : 'TCP',
        path: [...c.path, 'ports', index],
      });
    });
  }
  memo.set(memoKey, out);
  return out;
}

/** The container ports of `w` a Service/NetworkPolicy port (number or name) refers to. */
export function portsMatching(w: Workload, port: string | number): ContainerPort[] {
  const ports = containerPorts(w);
  if (typeof port === 'number' || /^\d+$/.test(String(port))) return ports.filter((p) => p.containerPort === Number(port));
  return ports.filter((p) => p.name === port);
}

// ---- services --------------------------------------------------------------------

export interface ServicePort {
  index: number;
  name?: string;
  port: number;
  /** targetPort as written (number or name); defaults to `port`. */
  targetPort: number | string;
  targetPortWritten: boolean;
  protocol: string;
  path: PathSegment[];
}

/** The Services of a namespace. */
export function servicesIn(ws: Workspace, ns: string): K8sObject[] {
  return objectsOfKindIn(ws, 'Service', ns);
}

/** The Service named ns/name, if defined. */
export function findService(ws: Workspace, ns: string, name: string): K8sObject | undefined {
  return findObject(ws, 'Service', ns, name);
}

/** A Service's `spec.selector` as a label selector, or undefined when it has none (headless/external). */
export function serviceSelector(svc: K8sObject): LabelSelector | undefined {
  const sel = readMapSelector(valueAt(svc.value, ['spec', 'selector']));
  return sel && !isEmptySelector(sel) ? sel : undefined;
}

/** `spec.ports` of a Service. */
export function servicePorts(svc: K8sObject): ServicePort[] {
  const ports = valueAt(svc.value, ['spec', 'ports']);
  if (!Array.isArray(ports)) return [];
  const out: ServicePort[] = [];
  ports.forEach((p, index) => {
    if (!p || typeof p !== 'object') return;
    const rec = p as Record<string, unknown>;
    const port = Number(rec.port);
    if (!Number.isInteger(port)) return;
    const tp = rec.targetPort;
    const written = tp !== undefined && tp !== null && tp !== '';
    const targetPort: number | string = !written ? port : typeof tp === 'number' || /^\d+$/.test(String(tp)) ? Number(tp) : String(tp);
    out.push({
      index,
      name: typeof rec.name === 'string' ? rec.name : undefined,
      port,
      targetPort,
      targetPortWritten: written,
      protocol: typeof rec.protocol === 'string' ? rec.protocol : 'TCP',
      path: ['spec', 'ports', index],
    });
  });
  return out;
}

/**
 * The workloads a Service's selector selects in its namespace ([] when the
 * Service has no selector: ExternalName, or endpoints managed by hand).
 */
export function workloadsSelectedByService(ws: Workspace, svc: K8sObject): Workload[] {
  const memo = ws.derived('joins:serviceSelects', () => new Map<K8sObject, Workload[]>(), SERVICE_WORKLOAD_READS);
  const cached = memo.get(svc);
  if (cached) return cached;
  const sel = serviceSelector(svc);
  const out = sel ? workloadsMatchingIn(ws, nsOf(ws, svc), sel) : [];
  memo.set(svc, out);
  return out;
}

/** The Services in a workload's namespace whose selector selects it. */
export function servicesSelectingWorkload(ws: Workspace, w: Workload): K8sObject[] {
  const index = ws.derived('joins:workloadServices', () => {
    const out = new Map<Workload, K8sObject[]>();
    for (const svc of objectsOfKind(ws, 'Service')) {
      for (const sw of workloadsSelectedByService(ws, svc)) out.set(sw, [...(out.get(sw) ?? []), svc]);
    }
    return out;
  }, SERVICE_WORKLOAD_READS);
  return index.get(w) ?? [];
}

// ---- disruption budgets ------------------------------------------------------------

/** The PodDisruptionBudgets in a workload's namespace whose selector matches its pods. */
export function pdbsSelectingWorkload(ws: Workspace, w: Workload): K8sObject[] {
  const ns = nsOf(ws, w.object);
  return objectsOfKindIn(ws, 'PodDisruptionBudget', ns).filter((pdb) => {
    const sel = readLabelSelector(valueAt(pdb.value, ['spec', 'selector']));
    return !!sel && matchesSelector(sel, w.podLabels);
  });
}

// ---- config references: Secrets, ConfigMaps, PVCs, ServiceAccounts ---------------

/** Where a Secret name comes from when no `kind: Secret` defines it. */
export interface SecretProducer {
  /** The object that produces the Secret (ExternalSecret, SealedSecret, SecretProviderClass, or the SOPS-encrypted Secret). */
  object: K8sObject;
  how: 'Secret' | 'SOPS' | 'ExternalSecret' | 'SealedSecret' | 'SecretProviderClass' | 'secretGenerator';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function secretProducerIndex(ws: Workspace): Map<string, SecretProducer[]> {
  return ws.derived('joins:secretProducers', () => {
    const out = new Map<string, SecretProducer[]>();
    const add = (ns: string, name: unknown, p: SecretProducer) => {
      if (typeof name !== 'string' || !name) return;
      const k = `${ns}\u0000${name}`;
      out.set(k, [...(out.get(k) ?? []), p]);
    };
    for (const o of ws.objects()) {
      const ns = nsOf(ws, o);
      switch (o.kind) {
        case 'Secret':
          add(ns, o.name, { object: o, how: isRecord(o.value.sops) ? 'SOPS' : 'Secret' });
          break;
        case 'ExternalSecret': {
          const target = valueAt(o.value, ['spec', 'target', 'name']);
          add(ns, typeof target === 'string' && target ? target : o.name, { object: o, how: 'ExternalSecret' });
          break;
        }
        case 'SealedSecret': {
          const t = valueAt(o.value, ['spec', 'template', 'metadata', 'name']);
          add(ns, o.name, { object: o, how: 'SealedSecret' });
          if (typeof t === 'string' && t !== o.name) add(ns, t, { object: o, how: 'SealedSecret' });
          break;
        }
        case 'SecretProviderClass': {
          const objs = valueAt(o.value, ['spec', 'secretObjects']);
          if (Array.isArray(objs)) for (const so of objs) if (isRecord(so)) add(ns, so.secretName, { object: o, how: 'SecretProviderClass' });
          break;
        }
      }
    }
    return out;
  }, SECRET_PRODUCER_READS);
}

/**
 * Names made by kustomize `configMapGenerator` / `secretGenerator` entries, keyed
 * `kind\0ns\0name`; ns is '*' when neither the entry nor the kustomization (nor
 * one including it) sets a namespace. The object is the kustomization file's.
 */
function generatorIndex(ws: Workspace): Map<string, K8sObject[]> {
  return ws.derived('joins:generators', () => {
    const out = new Map<string, K8sObject[]>();
    for (const k of kustomizeDirs(ws).values()) {
      const kObj = kustomizationObject(ws, k.file);
      for (const [field, kind] of [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']] as const) {
        const list = k.value[field];
        if (!Array.isArray(list) || !kObj) continue;
        for (const g of list) {
          if (!isRecord(g) || typeof g.name !== 'string' || !g.name) continue;
          const ns = (typeof g.namespace === 'string' && g.namespace) || k.namespace || kustomizeNamespaceOf(ws, k.file) || '*';
          const key = `${kind}\u0000${ns}\u0000${g.name}`;
          out.set(key, [...(out.get(key) ?? []), kObj]);
        }
      }
    }
    return out;
  }, GENERATOR_READS);
}

/** The kustomization file as an object (kustomization.yaml often omits apiVersion and kind). */
function kustomizationObject(ws: Workspace, file: string): K8sObject | undefined {
  const facts = ws.get(file);
  if (!facts) return undefined;
  if (facts.objects[0]) return facts.objects[0];
  const doc = facts.yaml?.documents.find((d) => isRecord(d.value));
  if (!doc) return undefined;
  return { file, doc, apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', labels: {}, annotations: {}, value: doc.value as Record<string, unknown> };
}

/** The kustomization objects whose generators make ConfigMap/Secret ns/name. */
export function generatedBy(ws: Workspace, kind: 'ConfigMap' | 'Secret', ns: string, name: string): K8sObject[] {
  const idx = generatorIndex(ws);
  return [...(idx.get(`${kind}\u0000${ns}\u0000${name}`) ?? []), ...(idx.get(`${kind}\u0000*\u0000${name}`) ?? [])];
}

/** What defines or produces the Secret ns/name (a Secret, a SOPS file, ExternalSecret, SealedSecret, SecretProviderClass). */
export function secretProducers(ws: Workspace, ns: string, name: string): SecretProducer[] {
  const direct = secretProducerIndex(ws).get(`${ns}\u0000${name}`) ?? [];
  const generated = generatedBy(ws, 'Secret', ns, name).map((object): SecretProducer => ({ object, how: 'secretGenerator' }));
  return generated.length ? [...direct, ...generated] : direct;
}

/** Whether the Secret ns/name exists in the workspace or is produced by something in it. */
export function secretExists(ws: Workspace, ns: string, name: string): boolean {
  return secretProducers(ws, ns, name).length > 0;
}

/**
 * Whether ConfigMap ns/name is defined, made by a kustomize configMapGenerator,
 * or is `kube-root-ca.crt` (published into every namespace by Kubernetes).
 */
export function configMapExists(ws: Workspace, ns: string, name: string): boolean {
  return name === 'kube-root-ca.crt' || !!findObject(ws, 'ConfigMap', ns, name) || generatedBy(ws, 'ConfigMap', ns, name).length > 0;
}

/** PVC ns/name is defined (StatefulSet volumeClaimTemplates make per-pod claims, not referenced by name). */
export function pvcExists(ws: Workspace, ns: string, name: string): boolean {
  return !!findObject(ws, 'PersistentVolumeClaim', ns, name);
}

/** ServiceAccount ns/name is defined; `default` always exists. */
export function serviceAccountExists(ws: Workspace, ns: string, name: string): boolean {
  return name === 'default' || !!findObject(ws, 'ServiceAccount', ns, name);
}

/** The ServiceAccount name a workload's pods run as (`default` when unset). */
export function serviceAccountNameOf(w: Workload): string {
  const n = w.podSpec.serviceAccountName ?? w.podSpec.serviceAccount;
  return typeof n === 'string' && n ? n : 'default';
}

// ---- namespaces ------------------------------------------------------------------

/** Labels of a Namespace object, with the implicit `kubernetes.io/metadata.name`. */
export function namespaceLabels(ws: Workspace, name: string): Record<string, string> | undefined {
  const o = findObject(ws, 'Namespace', '', name);
  if (!o) return undefined;
  return { ...o.labels, 'kubernetes.io/metadata.name': name };
}

/** Every namespace the workspace mentions: Namespace objects and effective namespaces of objects. */
export function knownNamespaces(ws: Workspace): string[] {
  return ws.derived('joins:namespaces', () => {
    const out = new Set<string>();
    for (const o of objectsOfKind(ws, 'Namespace')) if (o.name) out.add(o.name);
    for (const o of ws.objects()) {
      const ns = nsOf(ws, o);
      if (ns) out.add(ns);
    }
    return [...out].sort();
  });
}

// ---- duplicates ------------------------------------------------------------------

/** `group/Kind/ns/name`: what makes two documents the same API object. */
function identityKey(ws: Workspace, o: K8sObject): string | undefined {
  if (!o.name || o.apiVersion.startsWith('kustomize.config.k8s.io/')) return undefined;
  const i = o.apiVersion.indexOf('/');
  const group = i < 0 ? '' : o.apiVersion.slice(0, i);
  return `${group}\u0000${o.kind}\u0000${nsOf(ws, o)}\u0000${o.name}`;
}

/**
 * Kustomization roots (kustomizations no other kustomization includes) with the
 * files each applies, and the files no kustomization covers.
 */
export function kustomizeScopes(ws: Workspace): { roots: { dir: string; files: string[] }[]; loose: string[] } {
  return ws.derived('joins:kustomizeScopes', () => {
    const dirs = [...kustomizeDirs(ws).values()];
    const applied = new Map<string, string[]>();
    const included = new Set<string>();
    for (const k of dirs) {
      const files = filesApplied(ws, k.dir);
      applied.set(k.dir, files);
      for (const f of files) if (f !== k.file) included.add(f);
    }
    const roots = dirs.filter((k) => !included.has(k.file)).map((k) => ({ dir: k.dir, files: applied.get(k.dir) ?? [] }));
    const covered = new Set<string>(roots.flatMap((r) => r.files));
    const loose: string[] = [];
    for (const f of ws.allFiles()) {
      if (f.kind !== 'yaml' || covered.has(f.path) || f.objects.length === 0) continue;
      if (dirs.some((k) => isUnder(f.path, k.dir))) continue; // patches and leftovers of a kustomization folder
      loose.push(f.path);
    }
    return { roots, loose };
  }, GENERATOR_READS);
}

/**
 * Other definitions of the same object (group, kind, namespace, name) applied
 * together with it: in one kustomization root, or — for files no kustomization
 * covers — in the same folder or a folder above or below (sibling folders such
 * as clusters/staging and clusters/production are alternatives, not one apply).
 */
export function duplicateCopies(ws: Workspace, obj: K8sObject): K8sObject[] {
  const index = ws.derived('joins:duplicates', () => {
    const out = new Map<K8sObject, Set<K8sObject>>();
    const group = (files: string[], related: (a: K8sObject, b: K8sObject) => boolean) => {
      const byKey = new Map<string, K8sObject[]>();
      for (const f of files) {
        for (const o of ws.get(f)?.objects ?? []) {
          const k = identityKey(ws, o);
          if (!k) continue;
          const list = byKey.get(k);
          if (list) list.push(o);
          else byKey.set(k, [o]);
        }
      }
      for (const list of byKey.values()) {
        if (list.length < 2) continue;
        for (const a of list) {
          for (const b of list) {
            if (a === b || !related(a, b)) continue;
            const set = out.get(a) ?? new Set<K8sObject>();
            set.add(b);
            out.set(a, set);
          }
        }
      }
    };
    const scopes = kustomizeScopes(ws);
    for (const r of scopes.roots) group(r.files, () => true);
    group(scopes.loose, (a, b) => {
      const da = dirnameKey(a.file);
      const db = dirnameKey(b.file);
      return isUnder(da, db) || isUnder(db, da);
    });
    return out;
  });
  const found = [...(index.get(obj) ?? [])];
  if (found.length || index.has(obj)) return found;
  // `obj` may be an older wrapper of the same document: match by document.
  for (const [k, v] of index) if (k.doc === obj.doc && k.file === obj.file) return [...v];
  return [];
}

// ---- labels ------------------------------------------------------------------------

/** `Kind ns/name` for messages. */
export function describeObject(ws: Workspace, o: K8sObject): string {
  const ns = nsOf(ws, o);
  return ns ? `${o.kind} ${ns}/${o.name ?? '(unnamed)'}` : `${o.kind} ${o.name ?? '(unnamed)'}`;
}
