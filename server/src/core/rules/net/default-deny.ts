import { defineRule } from '../rule';
import { K8sObject, locate, WORKLOAD_KINDS } from '../../model/k8s';
import { allWorkloads, nsOf, objectsOfKind, workloadsIn } from '../../model/joins';
import { defaultDenyOf, DefaultDeny, policyOf, SYSTEM_NAMESPACES } from '../../model/network';
import type { Workspace } from '../../model/workspace';
import { lazyFix } from '../../types';
import { defaultDenyPolicy, insertDocumentAfter } from './generate';

/** Namespaces the cluster provider runs: not the user's to isolate. */
const EXEMPT = new Set(SYSTEM_NAMESPACES.filter((n) => n !== 'default'));

/**
 * Where a namespace's missing default deny is reported: its Namespace object
 * (first by file), else its first workload (by file, then position).
 */
function anchors(ws: Workspace): Map<string, K8sObject> {
  return ws.derived('net:defaultDenyAnchors', () => {
    const out = new Map<string, K8sObject>();
    const byPlace = (a: K8sObject, b: K8sObject) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.doc.index - b.doc.index);
    for (const o of [...objectsOfKind(ws, 'Namespace')].sort(byPlace)) if (o.name && !out.has(o.name)) out.set(o.name, o);
    for (const w of [...allWorkloads(ws)].sort((a, b) => byPlace(a.object, b.object))) {
      const ns = nsOf(ws, w.object);
      if (!out.has(ns)) out.set(ns, w.object);
    }
    return out;
  });
}

function missingDirections(dd: DefaultDeny): string[] {
  return (['ingress', 'egress'] as const).filter((d) => !dd[d].isolatedBy);
}

export default defineRule({
  id: 'net/default-deny',
  severity: 'warning',
  category: 'network',
  profile: 'restricted',
  seed: 'helm-staging-argocd "Security boundary 2" (all other egress blocked, "from other" blocked); openshift-task-api-argocd "Network policies (isolate namespaces)".',
  docs: 'Each namespace with workloads has a default deny: a NetworkPolicy with `podSelector: {}` isolating Ingress and Egress (one policy for both, or one per direction), and no namespace-wide rule that allows all traffic again.',
  details: [
    'Kubernetes allows all traffic to and from a pod until a NetworkPolicy selects it. A default deny makes isolation the rule for every pod, including ones added later without their own policy; each workload then gets an allow policy for exactly what it needs (see net/policy-coverage).',
    'The finding sits on the Namespace object when the workspace defines it, else on the first workload of the namespace. When a namespace-wide policy isolates a direction but one of its rules allows everything (`- {}`, no `from`/`to` and no ports), the finding sits on that rule.',
    'The quick fix adds a `default-deny` policy after the Namespace (or workload) document: `podSelector: {}`, policyTypes Ingress and Egress, and one egress rule for DNS (so net/dns-egress holds). It blocks every connection no other policy allows, so it is offered but never applied by `--fix`.',
  ].join('\n\n'),
  messages: {
    missing: 'Namespace "{ns}" has no default-deny NetworkPolicy for {directions}: pods without their own policy {consequence}.',
    opened: 'NetworkPolicy "{policy}" allows all {direction} for every pod of namespace "{ns}", so the namespace has no default deny for {direction}.',
  },
  fixes: ['Add a default-deny NetworkPolicy for the namespace'],
  appliesTo: ['Namespace', 'NetworkPolicy', ...WORKLOAD_KINDS],
  check(obj, ctx) {
    const ws = ctx.model;
    if (obj.kind === 'NetworkPolicy') {
      const p = policyOf(ws, obj);
      if (!p || !p.namespaceWide || EXEMPT.has(p.namespace) || workloadsIn(ws, p.namespace).length === 0) return;
      const dd = defaultDenyOf(ws, p.namespace);
      for (const direction of ['ingress', 'egress'] as const) {
        const open = dd[direction].openedBy;
        if (!open || open.policy !== p) continue;
        ctx.report(locate(obj, open.rule.path), 'opened', { policy: p.name, direction, ns: p.namespace });
      }
      return;
    }
    const ns = obj.kind === 'Namespace' ? obj.name : nsOf(ws, obj);
    if (!ns || EXEMPT.has(ns) || anchors(ws).get(ns) !== obj) return;
    if (workloadsIn(ws, ns).length === 0) return;
    const missing = missingDirections(defaultDenyOf(ws, ns));
    if (missing.length === 0) return;
    const writeNamespace = obj.kind === 'Namespace' || !!obj.namespace;
    const policy = defaultDenyPolicy(ws, ns, writeNamespace);
    const name = (policy.metadata as { name: string }).name;
    const consequence = missing.length === 2 ? 'accept and open any connection' : missing[0] === 'ingress' ? 'accept any connection' : 'may connect anywhere';
    // Rendered only when asked for (lazyFix), from the text and a snapshot of the document as of now.
    const text = ctx.file.text;
    const doc = { ...obj.doc };
    ctx.report(locate(obj, ['metadata', 'name']), 'missing', { ns, directions: missing.join(' and '), consequence }, [
      // Blocks whatever no other policy allows: a human decides when.
      lazyFix({ title: `Add NetworkPolicy ${name} (deny all but DNS) for namespace ${ns}`, safe: false, edits: () => [insertDocumentAfter(text, doc, policy)] }),
    ]);
  },
});
