import { defineRule } from '../rule';
import { locate, valueAt } from '../../model/k8s';
import { nsOf, workloadsMatchingIn } from '../../model/joins';
import { formatSelector, readLabelSelector } from '../../model/selectors';

export default defineRule({
  id: 'ref/pdb-selector',
  severity: 'warning',
  category: 'references',
  profile: 'restricted',
  seed: 'azure-saas-aks: backend-pdb (minAvailable: 2) and frontend-pdb (maxUnavailable: 1) protect the app pods during node upgrades.',
  docs: "A PodDisruptionBudget's `spec.selector` must select the pods of at least one workload in its namespace. A PDB that selects nothing protects nothing during node drains and upgrades.",
  details:
    'The selector (matchLabels and matchExpressions) is matched against the pod-template labels of every workload in the PDB\'s effective namespace. An empty selector (`{}`) selects every pod of the namespace.',
  messages: {
    nothing: 'PodDisruptionBudget "{name}" selects {selector}, but no workload in namespace "{ns}" has pods with these labels.',
  },
  appliesTo: ['PodDisruptionBudget'],
  check(pdb, ctx) {
    const sel = readLabelSelector(valueAt(pdb.value, ['spec', 'selector']));
    if (!sel) return; // no selector: the schema rule reports it
    const ns = nsOf(ctx.model, pdb);
    if (workloadsMatchingIn(ctx.model, ns, sel).length > 0) return;
    ctx.report(locate(pdb, ['spec', 'selector']), 'nothing', { name: pdb.name ?? '(unnamed)', selector: formatSelector(sel), ns });
  },
});
