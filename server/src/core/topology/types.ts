// The topology graph: what the diagram shows, without coordinates. Plain data
// (JSON-serialisable) so the language server can send it to the webview and the
// CLI can print it. Layout and drawing live in client/webview/ (shared by the
// webview and `blueprint graph --format svg`).
import type { Severity, Span } from '../types';

export const TOPOLOGY_VIEWS = ['network', 'gitops', 'infrastructure'] as const;
export type TopologyView = (typeof TOPOLOGY_VIEWS)[number];

/**
 * Typed edges. Direction is always "from does something to `to`":
 * - routes-to: traffic is sent on (internet → ingress controller → route → Service)
 * - selects: a Service (or a NetworkPolicy) selects a workload's pods
 * - allowed-by-policy: a NetworkPolicy lets `from` reach `to`
 * - blocked: traffic the diagram shows (a route, a connection) that a NetworkPolicy denies
 * - depends-on: `from` waits for `to` (Flux dependsOn, Argo sync waves); drawn in reconciliation order
 * - mounts: a workload mounts a PVC, ConfigMap or Secret volume; a PVC uses a StorageClass
 * - uses-secret: a workload reads a Secret (env, envFrom, imagePullSecrets)
 * - connects-to: a workload opens a connection to an external endpoint (port, TLS)
 * - references: any other reference (envFrom ConfigMap, sourceRef, a Flux Kustomization applying objects, Terraform references)
 */
export const EDGE_TYPES = ['routes-to', 'selects', 'allowed-by-policy', 'blocked', 'depends-on', 'mounts', 'uses-secret', 'connects-to', 'references'] as const;
export type EdgeType = (typeof EDGE_TYPES)[number];

/** Broad families of nodes, for shapes and colors. */
export type NodeCategory =
  | 'internet'
  | 'ingress'
  | 'service'
  | 'workload'
  | 'job'
  | 'config'
  | 'secret'
  | 'storage'
  | 'policy'
  | 'external'
  | 'gitops'
  | 'source'
  | 'helm'
  | 'argo'
  | 'terraform'
  | 'other';

export type FindingCounts = Partial<Record<Severity, number>>;

export interface TopologyNode {
  /** Stable id: `Kind/namespace/name` (`Kind/name` for cluster-scoped kinds), `external:host:port`, `internet`, `tf:address`. */
  id: string;
  kind: string;
  name: string;
  /** The group the node is drawn in; undefined for cluster-scoped and external nodes. */
  namespace?: string;
  category: NodeCategory;
  /** Workspace key of the file defining it (a path in the CLI, a URI in the editor); absent for synthetic nodes. */
  file?: string;
  span?: Span;
  /** 1-based line of `span.start`. */
  line?: number;
  /** Findings on the node's object, by severity (only non-zero counts). */
  findings: FindingCounts;
  /** The worst severity among its findings. */
  worst?: Severity;
  /** One-line messages of its findings (the first few), for the hover. */
  messages?: { severity: Severity; ruleId: string; message: string }[];
  /** Referenced but not defined in the workspace (drawn dashed). */
  missing?: boolean;
  /** A short second line: ports, chart, path, host. */
  detail?: string;
}

export interface TopologyEdge {
  from: string;
  to: string;
  type: EdgeType;
  /** Short text on the edge: a port, `TLS`, a policy name. */
  label?: string;
  port?: number | string;
  /** true: TLS on this hop; false: plain text; undefined: unknown or not applicable. */
  tls?: boolean;
  /** Part of a dependency cycle (drawn in red). */
  cycle?: boolean;
  /** Why the edge exists, for the hover (e.g. the NetworkPolicy name). */
  note?: string;
}

export interface TopologyGraph {
  view: TopologyView;
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  /** Every namespace used by a node, sorted (the groups of the diagram). */
  namespaces: string[];
  /** Why the view is empty, when it is (shown instead of a diagram). */
  empty?: string;
}
