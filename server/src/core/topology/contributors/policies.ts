// Network view: NetworkPolicies as nodes, drawn from the NetworkPolicy model
// (model/network.ts) the net/* rules read. A policy `selects` the workloads it
// isolates; each peer its rules admit is `allowed-by-policy` into it (ingress)
// or out of it (egress). A route from an ingress controller into a workload
// isolated for ingress whose policies admit nothing from the controller's
// namespace gets a `blocked` edge.
import { allWorkloads } from '../../model/joins';
import type { K8sObject, Workload } from '../../model/k8s';
import {
  formatPolicyPort, namespacesMatching, NetworkPolicyInfo, networkModel, peerMatchesEverything, policiesSelecting, PolicyRule, ruleAdmitsFrom, workloadsOfPeer,
} from '../../model/network';
import { isEmptySelector } from '../../model/selectors';
import type { Workspace } from '../../model/workspace';
import type { GraphBuilder } from '../builder';
import type { TopologyContributor } from '../contributor';
import { isRecord, str } from '../contributor';
import { internetNode } from './ingress';

/** The graph nodes a rule's peers stand for. */
function peerNodes(ws: Workspace, g: GraphBuilder, policy: NetworkPolicyInfo, rule: PolicyRule): string[] {
  if (rule.peers.length === 0) return [internetNode(g)];
  const out: string[] = [];
  for (const p of rule.peers) {
    if (p.ipBlock) out.push(internetNode(g));
    else if (peerMatchesEverything(p)) {
      // Every pod of every namespace: one node rather than one per namespace.
      out.push(g.synthetic({ id: 'peer:every-namespace', kind: 'Namespaces', name: 'every namespace', category: 'other', detail: 'every pod' }));
    } else if (p.namespaceSelector && (!p.podSelector || isEmptySelector(p.podSelector))) {
      for (const n of namespacesMatching(ws, p.namespaceSelector)) out.push(g.ref('Namespace', '', n, { category: 'other', detail: 'every pod' }));
    } else {
      for (const w of workloadsOfPeer(ws, policy, p) ?? []) if (w.object.name) out.push(g.object(w.object));
    }
  }
  return out;
}

/** `8080, 9090-9099, 53/UDP` */
function portsLabel(rule: PolicyRule): string {
  return rule.ports.map((p) => formatPolicyPort(p).replace(/\/TCP$/, '')).join(', ');
}

export const policies: TopologyContributor = {
  id: 'policies',
  views: ['network'],
  contribute({ ws, g }) {
    const model = networkModel(ws);
    for (const p of model.policies) {
      if (!p.object.name) continue;
      const types = [...(p.types.ingress ? ['Ingress'] : []), ...(p.types.egress ? ['Egress'] : [])];
      const id = g.object(p.object, { detail: types.join(' + ') });
      for (const w of p.selects) if (w.object.name) g.edge(id, g.object(w.object), 'selects', { label: 'isolates' });
      for (const rule of p.ingress) {
        const ports = portsLabel(rule);
        for (const n of peerNodes(ws, g, p, rule)) g.edge(n, id, 'allowed-by-policy', { ...(ports ? { label: ports } : {}), note: `ingress allowed by ${p.name}` });
      }
      for (const rule of p.egress) {
        const ports = portsLabel(rule);
        for (const n of peerNodes(ws, g, p, rule)) g.edge(id, n, 'allowed-by-policy', { label: ports ? `egress ${ports}` : 'egress', note: `egress allowed by ${p.name}` });
      }
    }
    if (model.policies.length) markBlocked(ws, g);
  },
};

/** The namespace an ingress controller's pods run in (a HelmRelease installs into its targetNamespace). */
function controllerNamespace(g: GraphBuilder, id: string, obj: K8sObject | undefined): string | undefined {
  if (!obj) return undefined;
  if (obj.kind === 'HelmRelease') return (isRecord(obj.value.spec) ? str(obj.value.spec.targetNamespace) : undefined) ?? g.ns(obj);
  return g.ns(obj) || g.node(id)?.namespace;
}

function markBlocked(ws: Workspace, g: GraphBuilder): void {
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
    if (ctrlNs === undefined) continue;
    // The controller's pod labels when its workload is in the workspace (a chart's pods are unknown).
    const ctrlLabels = byId.get(e.from)?.podLabels;
    // controller → route → Service → workload
    for (const toSvc of out.get(e.to) ?? []) {
      if (toSvc.type !== 'routes-to') continue;
      for (const sel of out.get(toSvc.to) ?? []) {
        const w = sel.type === 'selects' ? byId.get(sel.to) : undefined;
        const isolating = w ? policiesSelecting(ws, w).filter((p) => p.types.ingress) : [];
        if (isolating.length === 0) continue;
        if (isolating.some((p) => p.ingress.some((r) => ruleAdmitsFrom(ws, p, r, ctrlNs, ctrlLabels)))) continue;
        g.edge(e.from, sel.to, 'blocked', { label: 'blocked', note: `NetworkPolicy ${isolating.map((p) => p.name).join(', ')} admits nothing from namespace ${ctrlNs}` });
      }
    }
  }
}
