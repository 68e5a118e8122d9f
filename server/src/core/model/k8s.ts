// Kubernetes facts extracted from parsed YAML documents: objects, workloads and
// each container's effective security context (container overrides pod).
import { isMap, isSeq, Node, Pair } from 'yaml';
import { nodeAt, findPair, PathSegment, YamlDocument, YamlFile } from '../syntax/yaml';
import { locateInDocument, LocatePart } from '../syntax/locate';
import type { Span } from '../types';

export interface K8sObject {
  file: string;
  doc: YamlDocument;
  apiVersion: string;
  kind: string;
  name?: string;
  /** metadata.namespace as written; see effectiveNamespace for the resolved one. */
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  value: Record<string, unknown>;
}

/** Kinds that exist outside namespaces (their `object` id has no namespace). */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding',
  'CustomResourceDefinition', 'ClusterIssuer', 'ClusterSecretStore', 'PriorityClass',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'IngressClass',
  'CSIDriver', 'VolumeSnapshotClass', 'RuntimeClass', 'ClusterPolicy',
]);

export function objectId(o: Pick<K8sObject, 'kind' | 'name' | 'namespace'>): string {
  const name = o.name ?? '(unnamed)';
  if (CLUSTER_SCOPED_KINDS.has(o.kind)) return `${o.kind}/${name}`;
  return `${o.kind}/${o.namespace ?? 'default'}/${name}`;
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, val] of Object.entries(v)) if (val !== null && typeof val !== 'object') out[k] = String(val);
  }
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** Every Kubernetes-shaped document of a file (a mapping with apiVersion and kind). */
export function extractObjects(path: string, file: YamlFile): K8sObject[] {
  if (file.isTemplate) return [];
  const out: K8sObject[] = [];
  for (const doc of file.documents) {
    const v = doc.value;
    if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
    const rec = v as Record<string, unknown>;
    const kind = str(rec.kind);
    const apiVersion = str(rec.apiVersion);
    if (!kind || !apiVersion) continue;
    // A `kind: List` wraps objects in items; they are linted in place.
    const meta = (rec.metadata && typeof rec.metadata === 'object' ? rec.metadata : {}) as Record<string, unknown>;
    out.push({
      file: path,
      doc,
      apiVersion,
      kind,
      name: str(meta.name),
      namespace: str(meta.namespace),
      labels: stringRecord(meta.labels),
      annotations: stringRecord(meta.annotations),
      value: rec,
    });
  }
  return out;
}

// ---- locating fields ---------------------------------------------------------------

/** Span of a node (its value) in file offsets. */
export function nodeSpan(doc: YamlDocument, node: Node | null | undefined): Span | undefined {
  return node?.range ? { start: node.range[0] + doc.offset, end: node.range[1] + doc.offset } : undefined;
}

/** The yaml node at a path of an object, or undefined. */
export function nodeOf(obj: K8sObject, path: readonly PathSegment[]): Node | undefined {
  return nodeAt(obj.doc.doc.contents, path);
}

export function pairOf(obj: K8sObject, path: readonly PathSegment[]): Pair<Node, Node | null> | undefined {
  if (path.length === 0) return undefined;
  const parent = nodeOf(obj, path.slice(0, -1));
  const last = path[path.length - 1];
  if (!isMap(parent) || typeof last !== 'string') return undefined;
  return findPair(parent, last);
}

/** Where a finding about `path` of an object should point (see locateInDocument). */
export function locate(obj: K8sObject, path: readonly PathSegment[], part: LocatePart = 'pair'): Span {
  return locateInDocument(obj.doc, path, part);
}

// ---- workloads ---------------------------------------------------------------------

/** Where each workload kind keeps its pod template spec and pod labels. */
const POD_TEMPLATE_PATHS: Record<string, { spec: PathSegment[]; labels: PathSegment[] }> = {
  Pod: { spec: ['spec'], labels: ['metadata', 'labels'] },
  Deployment: { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  StatefulSet: { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  DaemonSet: { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  ReplicaSet: { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  ReplicationController: { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  DeploymentConfig: { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  Job: { spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'] },
  CronJob: {
    spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    labels: ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'],
  },
};

export const WORKLOAD_KINDS = Object.keys(POD_TEMPLATE_PATHS);

/** Security-context fields a pod may set for all its containers. */
const POD_LEVEL_FIELDS = ['runAsNonRoot', 'runAsUser', 'runAsGroup', 'seccompProfile', 'seLinuxOptions', 'appArmorProfile'] as const;

export interface EffectiveField<T = unknown> {
  value: T;
  /** Where it is set: the container's securityContext or the pod's. */
  level: 'container' | 'pod';
  path: PathSegment[];
}

export type ContainerGroup = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface Container {
  name: string;
  group: ContainerGroup;
  index: number;
  /** Path of the container item inside the object. */
  path: PathSegment[];
  value: Record<string, unknown>;
  image?: string;
  /** Effective security context: the container's field if set, else the pod's. */
  security: Record<string, EffectiveField | undefined>;
}

export interface Workload {
  object: K8sObject;
  podSpecPath: PathSegment[];
  podSpec: Record<string, unknown>;
  podLabelsPath: PathSegment[];
  podLabels: Record<string, string>;
  containers: Container[];
  /** Jobs and CronJobs run to completion; probes and PDBs do not apply. */
  runsToCompletion: boolean;
}

function get(v: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = v;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

export { get as valueAt };

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** The workload view of an object (memoised per parsed document), or undefined. */
export function workloadOf(obj: K8sObject): Workload | undefined {
  const key = 'workload';
  if (obj.doc.memo.has(key)) return obj.doc.memo.get(key) as Workload | undefined;
  const w = computeWorkload(obj);
  obj.doc.memo.set(key, w);
  return w;
}

function computeWorkload(obj: K8sObject): Workload | undefined {
  const paths = POD_TEMPLATE_PATHS[obj.kind];
  if (!paths) return undefined;
  const podSpec = get(obj.value, paths.spec);
  if (!isRecord(podSpec)) return undefined;
  const podSec = isRecord(podSpec.securityContext) ? podSpec.securityContext : {};
  const containers: Container[] = [];
  for (const group of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
    const list = podSpec[group];
    if (!Array.isArray(list)) continue;
    list.forEach((c, index) => {
      if (!isRecord(c)) return;
      const path = [...paths.spec, group, index];
      const sc = isRecord(c.securityContext) ? c.securityContext : {};
      const security: Record<string, EffectiveField | undefined> = {};
      // A key left empty (`runAsUser:`) is unset for Kubernetes: it must not hide the pod's value.
      for (const [k, val] of Object.entries(sc)) if (val !== null && val !== undefined) security[k] = { value: val, level: 'container', path: [...path, 'securityContext', k] };
      for (const k of POD_LEVEL_FIELDS) {
        if (security[k] === undefined && podSec[k] !== undefined && podSec[k] !== null) {
          security[k] = { value: podSec[k], level: 'pod', path: [...paths.spec, 'securityContext', k] };
        }
      }
      containers.push({ name: str(c.name) ?? `#${index}`, group, index, path, value: c, image: str(c.image), security });
    });
  }
  return {
    object: obj,
    podSpecPath: paths.spec,
    podSpec,
    podLabelsPath: paths.labels,
    podLabels: stringRecord(get(obj.value, paths.labels)),
    containers,
    runsToCompletion: obj.kind === 'Job' || obj.kind === 'CronJob' || obj.kind === 'Pod' && podSpec.restartPolicy !== undefined && podSpec.restartPolicy !== 'Always',
  };
}

export function isSeqNode(n: unknown): boolean {
  return isSeq(n);
}
