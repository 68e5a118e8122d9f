import { defineRule } from '../rule';
import { locate } from '../../model/k8s';
import { allWorkloads, nsOf, workloadsIn } from '../../model/joins';
import { matchesSelector } from '../../model/selectors';
import { formatSelector } from '../../model/selectors';
import { networkModel, policyOf } from '../../model/network';
import { formatLabels, labelCloseness } from '../ref/helpers';

/**
 * Labels that controllers put on pods they create at run time, which are never
 * in Git: a policy selecting them protects real pods (cert-manager's HTTP-01
 * solver, Flux's and Argo's own hooks are not needed here yet).
 */
const RUNTIME_POD_LABELS = ['acme.cert-manager.io/http01-solver'];

export default defineRule({
  id: 'net/policy-selects-nothing',
  severity: 'warning',
  category: 'network',
  profile: 'restricted',
  seed: 'helm-staging-argocd "Security boundary 2: network policies" (each policy protects a named workload).',
  docs: "A NetworkPolicy's `spec.podSelector` matches no workload of its namespace: the policy protects nothing (often a label typo, or the policy is in the wrong namespace).",
  details: [
    'The podSelector is matched against the pod-template labels of the workloads in the policy\'s effective namespace (`metadata.namespace`, else the including kustomization\'s `namespace:`, else `default`). Namespaces into which a HelmRelease or an Argo CD Application installs are skipped (their pods are not in the workspace), and so are namespaces with no workload at all in the workspace, and selectors on labels that controllers give the pods they create at run time (cert-manager\'s `acme.cert-manager.io/http01-solver`).',
    'The message names the workload whose labels come closest.',
  ].join('\n\n'),
  messages: {
    nothing: 'NetworkPolicy "{policy}" selects {selector}, but no workload in namespace "{ns}" has those labels{near}.',
  },
  appliesTo: ['NetworkPolicy'],
  check(obj, ctx) {
    const ws = ctx.model;
    const p = policyOf(ws, obj);
    if (!p || p.namespaceWide || p.selects.length > 0) return;
    if (networkModel(ws).opaqueNamespaces.has(p.namespace)) return;
    const selectorKeys = [...Object.keys(p.podSelector.matchLabels ?? {}), ...(p.podSelector.matchExpressions ?? []).map((e) => e.key)];
    if (selectorKeys.some((k) => RUNTIME_POD_LABELS.includes(k))) return;
    const candidates = workloadsIn(ws, p.namespace);
    if (candidates.length === 0) return;
    let near = '';
    const wanted = p.podSelector.matchLabels ?? {};
    let best = 0;
    for (const w of candidates) {
      const score = labelCloseness(wanted, w.podLabels);
      if (score > best) {
        best = score;
        near = `; closest: ${w.object.kind} "${w.object.name}" (${formatLabels(w.podLabels)})`;
      }
    }
    // Right labels, wrong namespace?
    const elsewhere = allWorkloads(ws).filter((w) => nsOf(ws, w.object) !== p.namespace && matchesSelector(p.podSelector, w.podLabels));
    if (elsewhere.length) {
      const w = elsewhere[0];
      near = `; ${w.object.kind} "${w.object.name}" in namespace "${nsOf(ws, w.object)}" has them`;
    }
    ctx.report(locate(obj, ['spec', 'podSelector'], 'key'), 'nothing', { policy: p.name, selector: formatSelector(p.podSelector), ns: p.namespace, near });
  },
});
