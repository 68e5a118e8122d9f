import { defineRule } from '../rule';
import { locate, pairOf } from '../../model/k8s';
import { insertEntries, setValue } from '../../fixes/yaml-edit';
import type { Fix } from '../../types';

const LABEL_PREFIX = 'pod-security.kubernetes.io/';
const LEVELS = ['privileged', 'baseline', 'restricted'];

/**
 * Namespaces Kubernetes itself creates and runs system pods in: enforcing a
 * level there breaks the control plane add-ons, so an unlabelled one is fine.
 */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export default defineRule({
  id: 'k8s/namespace-pod-security',
  severity: 'info',
  category: 'security',
  profile: 'restricted',
  seed: 'azure-saas-aks: Pod Security Standards, each Namespace labelled enforce, audit and warn: restricted.',
  docs: 'Every Namespace sets the `pod-security.kubernetes.io/enforce` label, so that Pod Security Admission rejects pods that break the chosen Pod Security Standard instead of applying the cluster default (usually `privileged`, which checks nothing).',
  details:
    'Pod Security Admission reads the level to enforce from each namespace\'s labels; without `pod-security.kubernetes.io/enforce` the cluster-wide default applies, which on most clusters allows everything. Choose `restricted` for application namespaces and an explicit `baseline` or `privileged` for the few that need more (CNI, CSI or ingress controllers), so the choice is visible in Git. The quick fix adds `enforce` at the level the namespace already warns or audits at, else `restricted`, plus `audit` and `warn` labels at the same level when they are missing (warn makes `kubectl apply` of a Deployment show violations that enforce alone would only surface when its ReplicaSet fails to create pods). Check that the namespace\'s workloads meet the level before merging. `kube-system`, `kube-public` and `kube-node-lease` are not checked.',
  messages: {
    missing: 'Namespace "{name}" has no pod-security.kubernetes.io/enforce label: the cluster default (usually privileged) applies to its pods.',
    empty: 'Namespace "{name}" leaves the pod-security.kubernetes.io/enforce label empty: set privileged, baseline or restricted.',
  },
  fixes: ['Add pod-security.kubernetes.io/enforce, audit and warn labels (restricted)', 'Set pod-security.kubernetes.io/enforce'],
  appliesTo: ['Namespace'],
  check(ns, ctx) {
    if (ns.name && SYSTEM_NAMESPACES.has(ns.name)) return;
    if (ns.labels[`${LABEL_PREFIX}enforce`] !== undefined) return;
    const name = ns.name ?? '(unnamed)';
    const labelPath = (mode: string) => ['metadata', 'labels', `${LABEL_PREFIX}${mode}`];
    // The team already chose a level if it warns or audits at one: enforce that.
    const chosen = [ns.labels[`${LABEL_PREFIX}warn`], ns.labels[`${LABEL_PREFIX}audit`]].find((l) => l !== undefined && LEVELS.includes(l));
    const level = chosen ?? 'restricted';
    if (pairOf(ns, labelPath('enforce'))) {
      // `enforce:` written with no value (being typed): fill it in.
      const edits = setValue(ns.doc, labelPath('enforce'), level);
      const fixes: Fix[] = edits.length ? [{ title: `Set pod-security.kubernetes.io/enforce: ${level}`, edits }] : [];
      ctx.report(locate(ns, labelPath('enforce'), 'key'), 'empty', { name }, fixes);
      return;
    }
    const labels: Record<string, string> = {};
    for (const mode of ['enforce', 'audit', 'warn']) if (!pairOf(ns, labelPath(mode))) labels[`${LABEL_PREFIX}${mode}`] = level;
    const edits = insertEntries(ns.doc, ['metadata', 'labels'], labels);
    const fixes: Fix[] = edits.length ? [{ title: `Add pod-security.kubernetes.io labels (enforce: ${level})`, edits }] : [];
    const span = pairOf(ns, ['metadata', 'labels']) ? locate(ns, ['metadata', 'labels'], 'key') : locate(ns, ['metadata', 'name']);
    ctx.report(span, 'missing', { name }, fixes);
  },
});
