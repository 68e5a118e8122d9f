// The graph under construction: contributors add nodes and edges through it.
// Nodes are deduplicated by id (the first definition wins, a placeholder is
// replaced by the real object), edges by (from, to, type, label).
import { CLUSTER_SCOPED_KINDS, K8sObject, locate, objectId } from '../model/k8s';
import { apiGroup, FLUX_KUSTOMIZE_GROUP } from '../model/gitops';
import { findObject, nsOf } from '../model/joins';
import type { Workspace } from '../model/workspace';
import { LineIndex } from '../types';
import type { NodeCategory, TopologyEdge, TopologyNode, TopologyView } from './types';

const CATEGORY_BY_KIND: Record<string, NodeCategory> = {
  Deployment: 'workload',
  StatefulSet: 'workload',
  DaemonSet: 'workload',
  ReplicaSet: 'workload',
  ReplicationController: 'workload',
  DeploymentConfig: 'workload',
  Pod: 'workload',
  Job: 'job',
  CronJob: 'job',
  Service: 'service',
  Ingress: 'ingress',
  IngressRoute: 'ingress',
  IngressRouteTCP: 'ingress',
  IngressRouteUDP: 'ingress',
  Route: 'ingress',
  HTTPRoute: 'ingress',
  Gateway: 'ingress',
  IngressController: 'ingress',
  ConfigMap: 'config',
  Secret: 'secret',
  ExternalSecret: 'secret',
  SealedSecret: 'secret',
  SecretProviderClass: 'secret',
  PersistentVolumeClaim: 'storage',
  PersistentVolume: 'storage',
  StorageClass: 'storage',
  NetworkPolicy: 'policy',
  CiliumNetworkPolicy: 'policy',
  GitRepository: 'source',
  HelmRepository: 'source',
  OCIRepository: 'source',
  Bucket: 'source',
  HelmChart: 'source',
  Repository: 'source',
  HelmRelease: 'helm',
  Application: 'argo',
  ApplicationSet: 'argo',
  AppProject: 'argo',
};

/** The category drawn for a kind (Flux's Kustomization is `gitops`; kustomize's own is not a node). */
export function categoryOf(kind: string, apiVersion = ''): NodeCategory {
  if (kind === 'Kustomization' && apiGroup(apiVersion) === FLUX_KUSTOMIZE_GROUP) return 'gitops';
  if (/^Image(Repository|Policy|UpdateAutomation)$/.test(kind)) return 'gitops';
  return CATEGORY_BY_KIND[kind] ?? 'other';
}

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped kinds and objects without a namespace. */
export function nodeIdOf(kind: string, ns: string | undefined, name: string): string {
  return !ns || CLUSTER_SCOPED_KINDS.has(kind) ? `${kind}/${name}` : `${kind}/${ns}/${name}`;
}

export class GraphBuilder {
  private readonly nodes = new Map<string, TopologyNode>();
  private readonly edges = new Map<string, TopologyEdge>();
  private readonly objectIds = new Map<K8sObject, string>();
  private readonly lineIndexes = new Map<string, LineIndex>();
  /** Objects behind nodes. */
  readonly objectsOfNode = new Map<string, K8sObject>();
  /** The text each node stands for (findings inside it are the node's), and the `object` id findings name it by. */
  readonly rangesOfNode = new Map<string, { file: string; start: number; end: number; objectId?: string }>();

  constructor(
    readonly ws: Workspace,
    readonly view: TopologyView,
  ) {}

  /** Effective namespace of an object ('' for cluster-scoped kinds). */
  ns(obj: K8sObject): string {
    return nsOf(this.ws, obj);
  }

  idOf(obj: K8sObject): string {
    let id = this.objectIds.get(obj);
    if (!id) this.objectIds.set(obj, (id = nodeIdOf(obj.kind, this.ns(obj), obj.name ?? '(unnamed)')));
    return id;
  }

  private line(file: string, offset: number): number | undefined {
    let idx = this.lineIndexes.get(file);
    if (!idx) {
      const text = this.ws.get(file)?.text;
      if (text === undefined) return undefined;
      this.lineIndexes.set(file, (idx = new LineIndex(text)));
    }
    return idx.position(offset).line + 1;
  }

  /** The node of a workspace object (added on first use). */
  object(obj: K8sObject, extra: Partial<TopologyNode> = {}): string {
    const id = this.idOf(obj);
    const existing = this.nodes.get(id);
    if (existing && !existing.missing) {
      if (extra.detail && !existing.detail) existing.detail = extra.detail;
      return id;
    }
    const span = locate(obj, ['metadata', 'name']);
    const ns = this.ns(obj);
    this.nodes.set(id, {
      id,
      kind: obj.kind,
      name: obj.name ?? '(unnamed)',
      ...(ns ? { namespace: ns } : {}),
      category: categoryOf(obj.kind, obj.apiVersion),
      file: obj.file,
      span,
      line: this.line(obj.file, span.start),
      findings: {},
      ...extra,
    });
    this.objectsOfNode.set(id, obj);
    this.rangesOfNode.set(id, { file: obj.file, start: obj.doc.offset, end: obj.doc.offset + obj.doc.chunk.length, objectId: objectId(obj) });
    return id;
  }

  /**
   * The node of kind/ns/name: the object when the workspace defines it, else a
   * placeholder marked `missing` (a reference to something not in the files).
   */
  ref(kind: string, ns: string, name: string, extra: Partial<TopologyNode> = {}): string {
    const obj = findObject(this.ws, kind, ns, name);
    if (obj) return this.object(obj, extra);
    const id = nodeIdOf(kind, ns, name);
    if (!this.nodes.has(id)) {
      this.nodes.set(id, {
        id,
        kind,
        name,
        ...(ns && !CLUSTER_SCOPED_KINDS.has(kind) ? { namespace: ns } : {}),
        category: categoryOf(kind, kind === 'Kustomization' ? `${FLUX_KUSTOMIZE_GROUP}/v1` : ''),
        findings: {},
        missing: true,
        ...extra,
      });
    }
    return id;
  }

  /**
   * A node that is not a Kubernetes object (the internet, an external database,
   * a Terraform resource). `range` is the text it stands for, for findings.
   */
  synthetic(node: Omit<TopologyNode, 'findings'> & { findings?: TopologyNode['findings'] }, range?: { start: number; end: number }): string {
    if (this.nodes.has(node.id)) return node.id;
    const line = node.file && node.span ? this.line(node.file, node.span.start) : undefined;
    this.nodes.set(node.id, { findings: {}, ...(line !== undefined ? { line } : {}), ...node });
    if (node.file && range) this.rangesOfNode.set(node.id, { file: node.file, ...range });
    return node.id;
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  node(id: string): TopologyNode | undefined {
    return this.nodes.get(id);
  }

  edge(from: string, to: string, type: TopologyEdge['type'], extra: Omit<TopologyEdge, 'from' | 'to' | 'type'> = {}): void {
    if (from === to) return;
    const key = `${from}\u0000${to}\u0000${type}\u0000${extra.label ?? ''}`;
    if (!this.edges.has(key)) this.edges.set(key, { from, to, type, ...extra });
  }

  allNodes(): TopologyNode[] {
    return [...this.nodes.values()];
  }

  allEdges(): TopologyEdge[] {
    return [...this.edges.values()].filter((e) => this.nodes.has(e.from) && this.nodes.has(e.to));
  }
}
