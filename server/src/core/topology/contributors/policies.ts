// Network view: NetworkPolicies as nodes. A policy `selects` the workloads it
// isolates; each peer its rules admit is `allowed-by-policy` into it (ingress)
// or out of it (egress). A route from an ingress controller into a workload
// that is isolated for ingress and admits nothing from the controller's
// namespace gets a `blocked` edge.
import { allWorkloads, knownNamespaces, namespaceLabels, objectsOfKind, workloadsMatchingIn } from '../../model/joins';
import type { K8sObject, Workload } from '../../model/k8s';
import { isEmptySelector, LabelSelector, matchesSelector, readLabelSelector } from '../../model/selectors';
import type { GraphBuilder } from '../builder';
import type { TopologyContributor } from '../contributor';
import { isRecord, list, str } from '../contributor';
import type { Workspace } from '../../model/workspace';
import { internetNode } from './ingress';

interface Peer {
  /** Graph node ids the peer stands for. */
  nodes: string[];
  /** Namespaces whose every pod the peer admits (for the `blocked` check). */
  namespaces: Set<string>;
  /** Admits everything (no `from`, or an ipBlock of the whole internet). */
  any: boolean;
}

function labelsOfNamespace(ws: Workspace, name: string): Record<string, string> {
  return namespaceLabels(ws, name) ?? { 'kubernetes.io/metadata.name': name };
}

function peersOf(ws: Workspace, g: GraphBuilder, ns: string, peers: unknown): Peer {
  const out: Peer = { nodes: [], namespaces: new Set(), any: false };
  if (!Array.isArray(peers) || peers.length === 0) {
    out.any = true;
    out.nodes.push(internetNode(g));
    return out;
  }
  for (const p of peers) {
    if (!isRecord(p)) continue;
    if (isRecord(p.ipBlock)) {
      out.nodes.push(internetNode(g));
      if (p.ipBlock.cidr === '0.0.0.0/0') out.any = true;
      continue;
    }
    const nsSel = isRecord(p.namespaceSelector) ? readLabelSelector(p.namespaceSelector) : undefined;
    const podSel = isRecord(p.podSelector) ? readLabelSelector(p.podSelector) : undefined;
    if (nsSel && isEmptySelector(nsSel) && (!podSel || isEmptySelector(podSel))) {
      // `namespaceSelector: {}`: every pod of every namespace, one node rather than one per namespace.
      out.any = true;
      out.nodes.push(g.synthetic({ id: 'peer:every-namespace', kind: 'Namespaces', name: 'every namespace', category: 'other', detail: 'every pod' }));
      continue;
    }
    const namespaces = nsSel ? knownNamespaces(ws).filter((n) => matchesSelector(nsSel, labelsOfNamespace(ws, n))) : [ns];
    for (const n of namespaces) {
      if (!podSel) {
        out.namespaces.add(n);
        out.nodes.push(g.ref('Namespace', '', n, { category: 'other', detail: 'every pod' }));
      } else for (const w of workloadsMatchingIn(ws, n, podSel)) if (w.object.name) out.nodes.push(g.object(w.object));
    }
  }
  return out;
}

interface Isolation {
  policy: string;
  admits: Peer[];
}

function policyTypes(spec: Record<string, unknown>): string[] {
  const written = list(spec.policyTypes).filter((t): t is string => typeof t === 'string');
  if (written.length) return written;
  return ['Ingress', ...(spec.egress !== undefined ? ['Egress'] : [])];
}

export const policies: TopologyContributor = {
  id: 'policies',
  views: ['network'],
  contribute({ ws, g }) {
    const isolated = new Map<Workload, Isolation[]>();
    for (const np of objectsOfKind(ws, 'NetworkPolicy')) {
      if (!np.name || !isRecord(np.value.spec)) continue;
      const spec = np.value.spec;
      const ns = g.ns(np);
      const types = policyTypes(spec);
      const id = g.object(np, { detail: types.join(' + ') });
      const selector: LabelSelector = readLabelSelector(spec.podSelector) ?? {};
      const targets = workloadsMatchingIn(ws, ns, selector);
      for (const t of targets) if (t.object.name) g.edge(id, g.object(t.object), 'selects', { label: 'isolates' });
      const admits: Peer[] = [];
      if (types.includes('Ingress')) {
        for (const rule of list(spec.ingress)) {
          if (!isRecord(rule)) continue;
          const peer = peersOf(ws, g, ns, rule.from);
          admits.push(peer);
          const ports = list(rule.ports).map((p) => (isRecord(p) ? str(p.port) : undefined)).filter(Boolean).join(', ');
          for (const n of peer.nodes) g.edge(n, id, 'allowed-by-policy', { ...(ports ? { label: ports } : {}), note: `ingress allowed by ${np.name}` });
        }
        for (const t of targets) isolated.set(t, [...(isolated.get(t) ?? []), { policy: np.name, admits }]);
      }
      if (types.includes('Egress')) {
        for (const rule of list(spec.egress)) {
          if (!isRecord(rule)) continue;
          const peer = peersOf(ws, g, ns, rule.to);
          const ports = list(rule.ports).map((p) => (isRecord(p) ? str(p.port) : undefined)).filter(Boolean).join(', ');
          for (const n of peer.nodes) g.edge(id, n, 'allowed-by-policy', { label: ports ? `egress ${ports}` : 'egress', note: `egress allowed by ${np.name}` });
        }
      }
    }
    if (isolated.size === 0) return;
    markBlocked(ws, g, isolated);
  },
};

/** Ingress controllers (nodes routing into a route) and the namespace their pods run in. */
function controllerNamespace(g: GraphBuilder, id: string, obj: K8sObject | undefined): string | undefined {
  if (!obj) return undefined;
  if (obj.kind === 'HelmRelease') return (isRecord(obj.value.spec) ? str(obj.value.spec.targetNamespace) : undefined) ?? g.ns(obj);
  return g.ns(obj) || g.node(id)?.namespace;
}

function markBlocked(ws: Workspace, g: GraphBuilder, isolated: Map<Workload, Isolation[]>): void {
  const edges = g.allEdges();
  const out = new Map<string, typeof edges>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const byId = new Map<string, Workload>();
  for (const w of allWorkloads(ws)) if (w.object.name) byId.set(g.idOf(w.object), w);
  for (const e of edges) {
    if (e.type !== 'routes-to' || e.from === 'internet') continue;
    const controller = g.node(e.from);
    if (!controller || controller.category !== 'ingress' || !(out.get(e.to) ?? []).some((x) => x.type === 'routes-to')) continue;
    const ctrlNs = controllerNamespace(g, e.from, g.objectsOfNode.get(e.from));
    // controller → route → Service → workload
    for (const toSvc of out.get(e.to) ?? []) {
      if (toSvc.type !== 'routes-to') continue;
      for (const sel of out.get(toSvc.to) ?? []) {
        if (sel.type !== 'selects') continue;
        const w = byId.get(sel.to);
        const isolations = w && isolated.get(w);
        if (!isolations) continue;
        const admitted = isolations.some((i) => i.admits.some((p) => p.any || (ctrlNs !== undefined && (p.namespaces.has(ctrlNs) || p.nodes.includes(e.from)))));
        if (!admitted && ctrlNs !== undefined) {
          g.edge(e.from, sel.to, 'blocked', { label: 'blocked', note: `NetworkPolicy ${isolations.map((i) => i.policy).join(', ')} admits nothing from namespace ${ctrlNs}` });
        }
      }
    }
  }
}
