// The NetworkPolicy model (networking.k8s.io/v1): every policy of the workspace
// read into plain data (selected pods, policy types, rules with their peers and
// ports), the workloads each policy selects, coverage per workload, default-deny
// per namespace, DNS egress per workload, Namespace labels for namespaceSelectors
// and the ingress controller's namespaces. Built once per workspace change
// (Workspace.derived) on top of the joins in model/joins.ts.
//
// Semantics follow the API: a policy selects pods of its own (effective)
// namespace; policyTypes default to Ingress, plus Egress when spec.egress has
// rules; rules of a direction the policy does not list are ignored; a rule with
// no peers (or an empty `from`/`to`) matches every peer, with no ports every port.
import { describeObject, knownNamespaces, namespaceLabels, nsOf, objectsOfKind, workloadsIn, allWorkloads } from './joins';
import { K8sObject, valueAt, Workload } from './k8s';
import { isEmptySelector, LabelSelector, matchesSelector, readLabelSelector } from './selectors';
import type { Workspace } from './workspace';
import type { PathSegment } from '../syntax/yaml';

export type Direction = 'ingress' | 'egress';

export interface PolicyPeer {
  /** Path of the peer item inside the policy object. */
  path: PathSegment[];
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except: string[] };
  /** An entry with none of podSelector, namespaceSelector, ipBlock: it matches every peer. */
  empty: boolean;
}

export interface PolicyPort {
  path: PathSegment[];
  /** TCP unless written. */
  protocol: string;
  /** A number or a named port; undefined: every port of the protocol. */
  port?: number | string;
  endPort?: number;
}

export interface PolicyRule {
  direction: Direction;
  index: number;
  /** Path of the rule item (`spec.ingress[i]`). */
  path: PathSegment[];
  /** `from` / `to` entries; empty: every peer. */
  peers: PolicyPeer[];
  /** Whether `from`/`to` is written with at least one entry. */
  peersWritten: boolean;
  /** Empty: every port. */
  ports: PolicyPort[];
}

export interface NetworkPolicyInfo {
  object: K8sObject;
  namespace: string;
  name: string;
  podSelector: LabelSelector;
  /** podSelector selects every pod of the namespace. */
  namespaceWide: boolean;
  /** Effective policy types (defaults applied). */
  types: Record<Direction, boolean>;
  /** Rules of the directions the policy applies to (rules of other directions are ignored by Kubernetes). */
  ingress: PolicyRule[];
  egress: PolicyRule[];
  /** Workloads of the namespace whose pod labels the podSelector matches. */
  selects: Workload[];
}

/** Ports that carry data-store protocols (MySQL, Postgres, Redis, Redis TLS, MongoDB). */
export const DATA_STORE_PORTS: ReadonlySet<number> = new Set([3306, 5432, 6379, 6380, 27017]);

/** Namespaces every cluster has (their implicit name label is all we know). */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Namespaces ingress controllers are installed into by convention. */
export const INGRESS_CONTROLLER_NAMESPACES = ['traefik', 'ingress-nginx', 'openshift-ingress', 'nginx-ingress'];

/** The namespace each common ingress class's controller is installed into by its documented install. */
const INGRESS_CLASS_NAMESPACES: Readonly<Record<string, string>> = { nginx: 'ingress-nginx', traefik: 'traefik' };

const INGRESS_CHARTS = /^(traefik|ingress-nginx|nginx-ingress|nginx-ingress-controller|haproxy-ingress|kubernetes-ingress|contour|kong|emissary-ingress)$/;
const INGRESS_IMAGES = /(^|\/)(traefik|ingress-nginx\/controller|nginx-ingress|nginx-ingress-controller|haproxy-ingress|kubernetes-ingress-controller)(:|@|$)/;

/** Where cluster DNS runs and the labels of its pods. */
export const DNS_NAMESPACES = ['kube-system', 'openshift-dns'];
const DNS_POD_LABELS: Record<string, string>[] = [
  { 'k8s-app': 'kube-dns' },
  { 'k8s-app': 'coredns' },
  { 'k8s-app': 'node-local-dns' },
  { 'dns.operator.openshift.io/daemonset-dns': 'default' },
];
/** DNS listens on 53; OpenShift's DNS pods on 5353 (policies see the pod port, after the Service's translation). */
const DNS_PORTS = [53, 5353];
const DNS_PORT_NAMES = ['dns', 'dns-tcp'];

export const NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Namespaces every OpenShift 4 cluster has, with the policy-group labels the
 * platform sets for NetworkPolicies (the router's namespace is also matched by
 * `policy-group.network.openshift.io/ingress` when it publishes on the host network).
 */
export const OPENSHIFT_NAMESPACES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'openshift-dns': {},
  'openshift-ingress': { 'network.openshift.io/policy-group': 'ingress', 'policy-group.network.openshift.io/ingress': '' },
  'openshift-monitoring': { 'network.openshift.io/policy-group': 'monitoring' },
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

// ---- reading policies ------------------------------------------------------------

function readPeer(v: unknown, path: PathSegment[]): PolicyPeer {
  const rec = isRecord(v) ? v : {};
  const peer: PolicyPeer = { path, empty: false };
  if (isRecord(rec.podSelector)) peer.podSelector = readLabelSelector(rec.podSelector);
  else if (rec.podSelector === null) peer.podSelector = {};
  if (isRecord(rec.namespaceSelector)) peer.namespaceSelector = readLabelSelector(rec.namespaceSelector);
  else if (rec.namespaceSelector === null) peer.namespaceSelector = {};
  if (isRecord(rec.ipBlock) && typeof rec.ipBlock.cidr === 'string') {
    peer.ipBlock = { cidr: rec.ipBlock.cidr, except: Array.isArray(rec.ipBlock.except) ? rec.ipBlock.except.map(String) : [] };
  }
  peer.empty = !peer.podSelector && !peer.namespaceSelector && !peer.ipBlock;
  return peer;
}

function readPort(v: unknown, path: PathSegment[]): PolicyPort {
  const rec = isRecord(v) ? v : {};
  const out: PolicyPort = { path, protocol: typeof rec.protocol === 'string' ? rec.protocol.toUpperCase() : 'TCP' };
  if (typeof rec.port === 'number') out.port = rec.port;
  else if (typeof rec.port === 'string' && rec.port) out.port = /^\d+$/.test(rec.port) ? Number(rec.port) : rec.port;
  const end = Number(rec.endPort);
  if (rec.endPort !== undefined && rec.endPort !== null && Number.isInteger(end)) out.endPort = end;
  return out;
}

function readRules(spec: Record<string, unknown>, direction: Direction): PolicyRule[] {
  const list = spec[direction];
  if (!Array.isArray(list)) return [];
  const peerKey = direction === 'ingress' ? 'from' : 'to';
  return list.map((r, index) => {
    const rec = isRecord(r) ? r : {};
    const path: PathSegment[] = ['spec', direction, index];
    const peersRaw = Array.isArray(rec[peerKey]) ? (rec[peerKey] as unknown[]) : [];
    const portsRaw = Array.isArray(rec.ports) ? (rec.ports as unknown[]) : [];
    return {
      direction,
      index,
      path,
      peers: peersRaw.map((p, i) => readPeer(p, [...path, peerKey, i])),
      peersWritten: peersRaw.length > 0,
      ports: portsRaw.map((p, i) => readPort(p, [...path, 'ports', i])),
    };
  });
}

function readPolicy(ws: Workspace, obj: K8sObject): NetworkPolicyInfo | undefined {
  const spec = isRecord(obj.value.spec) ? obj.value.spec : undefined;
  if (!spec) return undefined;
  const podSelector = readLabelSelector(spec.podSelector) ?? {};
  const written = Array.isArray(spec.policyTypes) ? spec.policyTypes.map(String) : undefined;
  const types: Record<Direction, boolean> = written && written.length
    ? { ingress: written.includes('Ingress'), egress: written.includes('Egress') }
    : { ingress: true, egress: Array.isArray(spec.egress) && spec.egress.length > 0 };
  const namespace = nsOf(ws, obj);
  return {
    object: obj,
    namespace,
    name: obj.name ?? '(unnamed)',
    podSelector,
    namespaceWide: isEmptySelector(podSelector),
    types,
    ingress: types.ingress ? readRules(spec, 'ingress') : [],
    egress: types.egress ? readRules(spec, 'egress') : [],
    selects: workloadsIn(ws, namespace).filter((w) => matchesSelector(podSelector, w.podLabels)),
  };
}

// ---- the model ---------------------------------------------------------------------

export interface NetworkModel {
  policies: NetworkPolicyInfo[];
  byObject: Map<K8sObject, NetworkPolicyInfo>;
  byNamespace: Map<string, NetworkPolicyInfo[]>;
  /** Policies selecting each workload. */
  byWorkload: Map<Workload, NetworkPolicyInfo[]>;
  /** Labels of every namespace the workspace knows (implicit name label included). */
  namespaces: Map<string, Record<string, string>>;
  /** Namespaces that run an ingress controller (conventional names included). */
  ingressControllerNamespaces: Set<string>;
  /** Namespaces whose workloads are (partly) not in the workspace: Helm releases, Argo CD applications install into them. */
  opaqueNamespaces: Set<string>;
  /** Whether the workspace targets OpenShift (Routes, DeploymentConfigs, *.openshift.io kinds). */
  openshift: boolean;
}

export function networkModel(ws: Workspace): NetworkModel {
  return ws.derived('network:model', () => buildModel(ws));
}

function buildModel(ws: Workspace): NetworkModel {
  const policies: NetworkPolicyInfo[] = [];
  const byObject = new Map<K8sObject, NetworkPolicyInfo>();
  const byNamespace = new Map<string, NetworkPolicyInfo[]>();
  const byWorkload = new Map<Workload, NetworkPolicyInfo[]>();
  for (const o of objectsOfKind(ws, 'NetworkPolicy')) {
    if (!o.apiVersion.startsWith('networking.k8s.io/')) continue;
    const p = readPolicy(ws, o);
    if (!p) continue;
    policies.push(p);
    byObject.set(o, p);
    byNamespace.set(p.namespace, [...(byNamespace.get(p.namespace) ?? []), p]);
    for (const w of p.selects) byWorkload.set(w, [...(byWorkload.get(w) ?? []), p]);
  }

  const opaque = new Set<string>();
  const controllers = new Set<string>();
  const mentioned = new Set<string>([...knownNamespaces(ws), ...SYSTEM_NAMESPACES]);
  for (const r of objectsOfKind(ws, 'HelmRelease')) {
    const target = valueAt(r.value, ['spec', 'targetNamespace']);
    const ns = typeof target === 'string' && target ? target : nsOf(ws, r);
    opaque.add(ns);
    mentioned.add(ns);
    const chart = valueAt(r.value, ['spec', 'chart', 'spec', 'chart']) ?? valueAt(r.value, ['spec', 'chartRef', 'name']);
    if (typeof chart === 'string' && INGRESS_CHARTS.test(chart.split('/').pop() ?? '')) controllers.add(ns);
  }
  for (const a of objectsOfKind(ws, 'Application')) {
    if (!a.apiVersion.startsWith('argoproj.io/')) continue;
    const dest = valueAt(a.value, ['spec', 'destination', 'namespace']);
    if (typeof dest !== 'string' || !dest) continue;
    opaque.add(dest);
    mentioned.add(dest);
    const sources = [valueAt(a.value, ['spec', 'source']), ...((valueAt(a.value, ['spec', 'sources']) as unknown[] | undefined) ?? [])];
    for (const s of sources) {
      if (isRecord(s) && typeof s.chart === 'string' && INGRESS_CHARTS.test(s.chart)) controllers.add(dest);
    }
  }
  for (const k of objectsOfKind(ws, 'Kustomization')) {
    const target = valueAt(k.value, ['spec', 'targetNamespace']);
    if (typeof target === 'string' && target) mentioned.add(target);
  }
  for (const w of allWorkloads(ws)) {
    if (w.containers.some((c) => c.image && INGRESS_IMAGES.test(c.image))) controllers.add(nsOf(ws, w.object));
  }
  for (const n of INGRESS_CONTROLLER_NAMESPACES) controllers.add(n);
  // An Ingress served by a controller installed outside the repository (a documented
  // prerequisite) makes that controller's conventional namespace known.
  for (const i of objectsOfKind(ws, 'Ingress')) {
    const cls = valueAt(i.value, ['spec', 'ingressClassName']) ?? i.annotations['kubernetes.io/ingress.class'];
    const ns = typeof cls === 'string' ? INGRESS_CLASS_NAMESPACES[cls] : undefined;
    if (ns) mentioned.add(ns);
  }

  const openshift = [...ws.objects()].some((o) => o.kind === 'Route' || o.kind === 'DeploymentConfig' || o.apiVersion.includes('openshift.io'));
  if (openshift) for (const n of Object.keys(OPENSHIFT_NAMESPACES)) mentioned.add(n);

  const namespaces = new Map<string, Record<string, string>>();
  for (const n of mentioned) namespaces.set(n, namespaceLabels(ws, n) ?? { [NAME_LABEL]: n, ...(openshift ? OPENSHIFT_NAMESPACES[n] : undefined) });

  return { policies, byObject, byNamespace, byWorkload, namespaces, ingressControllerNamespaces: controllers, opaqueNamespaces: opaque, openshift };
}

export function policyOf(ws: Workspace, obj: K8sObject): NetworkPolicyInfo | undefined {
  return networkModel(ws).byObject.get(obj);
}

export function policiesIn(ws: Workspace, ns: string): NetworkPolicyInfo[] {
  return networkModel(ws).byNamespace.get(ns) ?? [];
}

export function policiesSelecting(ws: Workspace, w: Workload): NetworkPolicyInfo[] {
  return networkModel(ws).byWorkload.get(w) ?? [];
}

// ---- peers -------------------------------------------------------------------------

/** The known namespaces a namespaceSelector matches (by their labels, the implicit name label included). */
export function namespacesMatching(ws: Workspace, selector: LabelSelector): string[] {
  const out: string[] = [];
  for (const [name, labels] of networkModel(ws).namespaces) if (matchesSelector(selector, labels)) out.push(name);
  return out.sort();
}

/** The labels of a namespace as far as the workspace knows them. */
export function labelsOfNamespace(ws: Workspace, ns: string): Record<string, string> {
  return networkModel(ws).namespaces.get(ns) ?? namespaceLabels(ws, ns) ?? { [NAME_LABEL]: ns };
}

/** The workloads of the workspace a peer matches (ipBlock and empty peers: undefined, they are not about pods). */
export function workloadsOfPeer(ws: Workspace, policy: NetworkPolicyInfo, peer: PolicyPeer): Workload[] | undefined {
  if (peer.ipBlock || peer.empty) return undefined;
  const namespaces = peer.namespaceSelector ? namespacesMatching(ws, peer.namespaceSelector) : [policy.namespace];
  const podSel = peer.podSelector ?? {};
  return namespaces.flatMap((ns) => workloadsIn(ws, ns).filter((w) => matchesSelector(podSel, w.podLabels)));
}

const WORLD = ['0.0.0.0/0', '::/0'];

/** A peer that matches every pod of the cluster (or every address). */
export function peerMatchesEverything(peer: PolicyPeer): boolean {
  if (peer.empty) return true;
  if (peer.ipBlock) return WORLD.includes(peer.ipBlock.cidr) && peer.ipBlock.except.length === 0;
  return !!peer.namespaceSelector && isEmptySelector(peer.namespaceSelector) && (!peer.podSelector || isEmptySelector(peer.podSelector));
}

/** A rule whose peers include everybody (no from/to, an empty entry, every namespace, 0.0.0.0/0). */
export function ruleAdmitsEveryone(rule: PolicyRule): boolean {
  return rule.peers.length === 0 || rule.peers.some(peerMatchesEverything);
}

/**
 * Whether an ingress rule admits pods of namespace `ns` (on some port): it has no
 * peers, a peer matches everything, a namespaceSelector matches `ns` with no
 * podSelector, an empty one or one matching `podLabels`, or a podSelector of the
 * policy's own namespace matches `podLabels`. `podLabels` undefined: the pods are
 * not in the workspace (a chart installs them), so any podSelector may match.
 */
export function ruleAdmitsFrom(ws: Workspace, policy: NetworkPolicyInfo, rule: PolicyRule, ns: string, podLabels?: Record<string, string>): boolean {
  if (rule.peers.length === 0) return true;
  return rule.peers.some((p) => {
    if (peerMatchesEverything(p)) return true;
    if (p.ipBlock) return false;
    const inNamespace = p.namespaceSelector ? matchesSelector(p.namespaceSelector, labelsOfNamespace(ws, ns)) : policy.namespace === ns;
    return inNamespace && (!p.podSelector || podLabels === undefined || matchesSelector(p.podSelector, podLabels));
  });
}

/** A rule that allows all traffic of its direction: everybody on every port. */
export function ruleAllowsAll(rule: PolicyRule): boolean {
  return rule.ports.length === 0 && ruleAdmitsEveryone(rule);
}

// ---- ports -------------------------------------------------------------------------

/** Whether a policy port entry covers a numeric port/protocol. */
export function policyPortCovers(p: PolicyPort, port: number, protocol: string, name?: string): boolean {
  if (p.protocol !== protocol.toUpperCase()) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'string') return name !== undefined && p.port === name;
  if (p.endPort !== undefined) return port >= p.port && port <= p.endPort;
  return p.port === port;
}

/** `8080/TCP`, `http/TCP`, `8000-8080/TCP` */
export function formatPolicyPort(p: PolicyPort): string {
  if (p.port === undefined) return `all ${p.protocol} ports`;
  const range = p.endPort !== undefined ? `${p.port}-${p.endPort}` : String(p.port);
  return `${range}/${p.protocol}`;
}

// ---- DNS ---------------------------------------------------------------------------

function peerReachesDns(ws: Workspace, policy: NetworkPolicyInfo, peer: PolicyPeer): boolean {
  if (peer.empty || peer.ipBlock) return true; // an ipBlock with port 53: node-local or upstream DNS
  const namespaces = peer.namespaceSelector ? namespacesMatching(ws, peer.namespaceSelector) : [policy.namespace];
  if (!namespaces.some((n) => DNS_NAMESPACES.includes(n))) return false;
  const sel = peer.podSelector;
  return !sel || isEmptySelector(sel) || DNS_POD_LABELS.some((labels) => matchesSelector(sel, labels));
}

function portAllowsDns(p: PolicyPort, protocol: 'UDP' | 'TCP'): boolean {
  if (p.protocol !== protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'string') return DNS_PORT_NAMES.includes(p.port);
  return DNS_PORTS.some((d) => (p.endPort !== undefined ? d >= (p.port as number) && d <= p.endPort : d === p.port));
}

export interface DnsAllowance {
  udp: boolean;
  tcp: boolean;
}

/** What a single egress rule allows of DNS. */
export function ruleAllowsDns(ws: Workspace, policy: NetworkPolicyInfo, rule: PolicyRule): DnsAllowance {
  if (rule.peers.length > 0 && !rule.peers.some((p) => peerReachesDns(ws, policy, p))) return { udp: false, tcp: false };
  if (rule.ports.length === 0) return { udp: true, tcp: true };
  return { udp: rule.ports.some((p) => portAllowsDns(p, 'UDP')), tcp: rule.ports.some((p) => portAllowsDns(p, 'TCP')) };
}

/** DNS allowed by a policy's own egress rules (everything when it does not restrict egress). */
export function policyAllowsDns(ws: Workspace, policy: NetworkPolicyInfo): DnsAllowance {
  if (!policy.types.egress) return { udp: true, tcp: true };
  const out = { udp: false, tcp: false };
  for (const r of policy.egress) {
    const a = ruleAllowsDns(ws, policy, r);
    out.udp ||= a.udp;
    out.tcp ||= a.tcp;
  }
  return out;
}

/** DNS a workload may reach, across every policy selecting it (policies add up). */
export function workloadDns(ws: Workspace, w: Workload): DnsAllowance {
  const restricting = policiesSelecting(ws, w).filter((p) => p.types.egress);
  if (restricting.length === 0) return { udp: true, tcp: true };
  const out = { udp: false, tcp: false };
  for (const p of restricting) {
    const a = policyAllowsDns(ws, p);
    out.udp ||= a.udp;
    out.tcp ||= a.tcp;
  }
  return out;
}

/** An egress rule that only opens DNS ports. */
function isDnsOnlyRule(rule: PolicyRule): boolean {
  return rule.ports.length > 0 && rule.ports.every((p) => portAllowsDns(p, 'UDP') || portAllowsDns(p, 'TCP')) && rule.ports.every((p) => p.port !== undefined);
}

// ---- coverage and default deny -----------------------------------------------------------

/**
 * A namespace-wide baseline: it selects every pod and allows no ingress and at
 * most DNS egress (a default deny). It isolates pods but describes no workload's
 * traffic, so it does not count as coverage.
 */
export function isBaselinePolicy(p: NetworkPolicyInfo): boolean {
  return p.namespaceWide && p.ingress.length === 0 && p.egress.every(isDnsOnlyRule);
}

export interface Coverage {
  /** Every policy selecting the workload. */
  policies: NetworkPolicyInfo[];
  /** Policies that describe its traffic (not a namespace-wide default deny). */
  allowing: NetworkPolicyInfo[];
}

export function coverageOf(ws: Workspace, w: Workload): Coverage {
  const policies = policiesSelecting(ws, w);
  return { policies, allowing: policies.filter((p) => !isBaselinePolicy(p)) };
}

export interface DirectionDeny {
  /** A namespace-wide policy isolating this direction. */
  isolatedBy?: NetworkPolicyInfo;
  /** A namespace-wide rule that allows all traffic of this direction again (undoes the default deny). */
  openedBy?: { policy: NetworkPolicyInfo; rule: PolicyRule };
}

export interface DefaultDeny {
  ingress: DirectionDeny;
  egress: DirectionDeny;
}

/** Whether a namespace denies by default in each direction (separate deny-ingress and deny-egress policies count). */
export function defaultDenyOf(ws: Workspace, ns: string): DefaultDeny {
  const out: DefaultDeny = { ingress: {}, egress: {} };
  for (const p of policiesIn(ws, ns)) {
    if (!p.namespaceWide) continue;
    for (const dir of ['ingress', 'egress'] as const) {
      if (!p.types[dir]) continue;
      out[dir].isolatedBy ??= p;
      const open = p[dir].find(ruleAllowsAll);
      if (open && !out[dir].openedBy) out[dir].openedBy = { policy: p, rule: open };
    }
  }
  return out;
}

// ---- descriptions ------------------------------------------------------------------

/** `Deployment shop/web` */
export function describeWorkload(ws: Workspace, w: Workload): string {
  return describeObject(ws, w.object);
}

/** `2 workloads: Deployment shop/web, StatefulSet shop/db` (at most `max` named). */
export function describeWorkloads(ws: Workspace, list: readonly Workload[], max = 5): string {
  if (list.length === 0) return 'no workload';
  const names = list.slice(0, max).map((w) => describeWorkload(ws, w));
  const more = list.length > max ? `, and ${list.length - max} more` : '';
  return `${list.length} workload${list.length === 1 ? '' : 's'}: ${names.join(', ')}${more}`;
}
