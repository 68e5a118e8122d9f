import { defineRule } from '../rule';
import { locate, K8sObject } from '../../model/k8s';
import { scopeOf } from '../../model/terraform';
import type { Workspace } from '../../model/workspace';
import { aksPolicyFix, aksPolicySpan, aksPolicyState } from '../tf/helpers';

function networkPolicies(ws: Workspace): K8sObject[] {
  return ws.derived('tf:networkPolicies', (w) => [...w.objects()].filter((o) => o.kind === 'NetworkPolicy'));
}

export default defineRule({
  id: 'net/policy-engine',
  severity: 'warning',
  category: 'network',
  profile: 'restricted',
  seed: 'azure-saas-aks: AKS "Network Policy: Azure or Calico", and the Kubernetes NetworkPolicies of "Security boundary" that rely on it.',
  docs: 'The workspace defines Kubernetes NetworkPolicies, but the Terraform `azurerm_kubernetes_cluster` it provisions runs no network policy engine (`network_profile.network_policy` is not set): the API server accepts the policies and nothing enforces them, so every pod can still reach every other.',
  details:
    'Read across layers: any `NetworkPolicy` manifest of the workspace against every AKS cluster of its Terraform. The finding is on the cluster and points at the policies. Default assumed when `network_profile` or `network_policy` is absent: no engine. The quick fix is the one of `tf/azure-aks-network-policy`: `network_policy = "azure"` (Azure CNI), `"calico"` (kubenet) or `"cilium"` (Cilium data plane) in the existing `network_profile`; a cluster without `network_profile` is offered a new block that replaces the cluster, so fix-all leaves that one to you.',
  messages: {
    unenforced: '{count} of the workspace ({first}) {verb} not enforced: AKS cluster "{name}" runs no network policy engine (network_profile.network_policy is not set).',
  },
  fixes: ['Add network_policy = "azure"'],
  appliesTo: { terraform: ['azurerm_kubernetes_cluster'] },
  checkTerraform(b, ctx) {
    const policies = networkPolicies(ctx.model);
    if (policies.length === 0) return;
    const scope = scopeOf(ctx.model, b);
    const state = aksPolicyState(b, scope);
    if (state.engine) return;
    const first = policies[0];
    const count = policies.length === 1 ? '1 NetworkPolicy' : `${policies.length} NetworkPolicies`;
    const label = (o: K8sObject) => `${o.namespace ?? 'default'}/${o.name ?? '(unnamed)'}`;
    ctx.report(
      aksPolicySpan(ctx, b, state),
      'unenforced',
      { count, first: label(first) + (policies.length > 1 ? ', …' : ''), verb: policies.length === 1 ? 'is' : 'are', name: b.name },
      aksPolicyFix(ctx, b, state, scope),
      policies.slice(0, 5).map((p) => ({ file: p.file, span: locate(p, ['metadata', 'name']), message: `NetworkPolicy "${label(p)}" is not enforced without a policy engine.` })),
    );
  },
});
