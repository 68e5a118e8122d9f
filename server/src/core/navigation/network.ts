// Editor navigation for NetworkPolicies: go to definition from a policy's
// podSelector (or a peer's podSelector) to the workloads it selects, and a hover
// on those selectors and on namespaceSelectors saying what they match.
import { locate, K8sObject, pairOf, Workload } from '../model/k8s';
import { describeWorkloads, namespacesMatching, NetworkPolicyInfo, policyOf, PolicyPeer, workloadsOfPeer } from '../model/network';
import { formatSelector, LabelSelector } from '../model/selectors';
import type { PathSegment } from '../syntax/yaml';
import type { Span } from '../types';
import type { NavigationQuery, NavigationTarget } from './index';

interface SelectorHit {
  policy: NetworkPolicyInfo;
  span: Span;
  what: 'policy' | 'peer-pods' | 'peer-namespaces';
  selector: LabelSelector;
  peer?: PolicyPeer;
}

/** Span of `key: value` at a path (key start to value end). */
function pairSpan(obj: K8sObject, path: PathSegment[]): Span | undefined {
  const pair = pairOf(obj, path);
  const k = pair?.key as { range?: [number, number, number] } | undefined;
  const v = pair?.value as { range?: [number, number, number] } | null | undefined;
  if (!k?.range) return undefined;
  const end = v?.range ? v.range[1] : k.range[1];
  // Collection ranges run to the next key: end at the last visible character.
  let e = end;
  while (e > k.range[0] && /\s/.test(obj.doc.chunk[e - 1])) e--;
  return { start: k.range[0] + obj.doc.offset, end: e + obj.doc.offset };
}

function inside(span: Span | undefined, offset: number): span is Span {
  return !!span && offset >= span.start && offset <= span.end;
}

function selectorAt(q: NavigationQuery): SelectorHit | undefined {
  const file = q.ws.get(q.file);
  if (!file) return undefined;
  for (const obj of file.objects) {
    if (obj.kind !== 'NetworkPolicy') continue;
    if (q.offset < obj.doc.offset || q.offset > obj.doc.offset + obj.doc.chunk.length) continue;
    const policy = policyOf(q.ws, obj);
    if (!policy) return undefined;
    // Peers first: they are nested deeper than nothing else we look at, but check them before the policy selector anyway.
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers) {
        const pods = pairSpan(obj, [...peer.path, 'podSelector']);
        if (peer.podSelector && inside(pods, q.offset)) return { policy, span: pods, what: 'peer-pods', selector: peer.podSelector, peer };
        const nss = pairSpan(obj, [...peer.path, 'namespaceSelector']);
        if (peer.namespaceSelector && inside(nss, q.offset)) return { policy, span: nss, what: 'peer-namespaces', selector: peer.namespaceSelector, peer };
      }
    }
    const own = pairSpan(obj, ['spec', 'podSelector']);
    if (inside(own, q.offset)) return { policy, span: own, what: 'policy', selector: policy.podSelector };
    return undefined;
  }
  return undefined;
}

function selectedWorkloads(q: NavigationQuery, hit: SelectorHit): Workload[] {
  if (hit.what === 'policy') return hit.policy.selects;
  return hit.peer ? workloadsOfPeer(q.ws, hit.policy, hit.peer) ?? [] : [];
}

/** From a policy's podSelector (or a peer's selector) to the workloads it selects. */
export function networkPolicyDefinition(q: NavigationQuery): NavigationTarget[] {
  const hit = selectorAt(q);
  if (!hit) return [];
  return selectedWorkloads(q, hit).map((w) => ({ file: w.object.file, span: locate(w.object, ['metadata', 'name']), origin: hit.span }));
}

/** "selects 2 workloads: Deployment shop/web, StatefulSet shop/db" */
export function networkPolicyHover(q: NavigationQuery): { markdown: string; span: Span } | undefined {
  const hit = selectorAt(q);
  if (!hit) return undefined;
  const sel = `\`${formatSelector(hit.selector)}\``;
  const ws = q.ws;
  const p = hit.policy;
  if (hit.what === 'policy') {
    return { span: hit.span, markdown: `**podSelector** ${sel} of NetworkPolicy \`${p.name}\` (namespace \`${p.namespace}\`) selects ${describeWorkloads(ws, p.selects)}.` };
  }
  const peer = hit.peer!;
  const namespaces = peer.namespaceSelector ? namespacesMatching(ws, peer.namespaceSelector) : [p.namespace];
  const nsText = peer.namespaceSelector
    ? namespaces.length
      ? `namespace${namespaces.length === 1 ? '' : 's'} ${namespaces.map((n) => `\`${n}\``).join(', ')}`
      : 'no namespace known to the workspace'
    : `namespace \`${p.namespace}\``;
  const workloads = workloadsOfPeer(ws, p, peer) ?? [];
  if (hit.what === 'peer-namespaces') {
    return { span: hit.span, markdown: `**namespaceSelector** ${sel} matches ${nsText}${peer.podSelector ? '' : ` (every pod there: ${describeWorkloads(ws, workloads)})`}.` };
  }
  return { span: hit.span, markdown: `**podSelector** ${sel} matches pods in ${nsText}: ${describeWorkloads(ws, workloads)}.` };
}
