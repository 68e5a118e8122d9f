import { defineRule } from '../rule';
import { scopeOf } from '../../model/terraform';
import { aksPolicyFix, aksPolicySpan, aksPolicyState } from './helpers';

export default defineRule({
  id: 'tf/azure-aks-network-policy',
  severity: 'warning',
  category: 'terraform',
  profile: 'restricted',
  seed: 'azure-saas-aks: AKS "Network Policy: Azure or Calico".',
  docs: 'An `azurerm_kubernetes_cluster` must run a network policy engine (`network_profile { network_policy = "azure" | "calico" | "cilium" }`); without one, Kubernetes NetworkPolicies are accepted by the API server and silently not enforced.',
  details:
    'Default assumed when `network_profile` or `network_policy` is absent: no network policy engine (and the kubenet plugin). The quick fix adds `network_policy` to an existing `network_profile`: `"azure"` with Azure CNI, `"calico"` with kubenet, `"cilium"` with the Cilium data plane. A cluster without `network_profile` is offered a new block with Azure CNI, which replaces the cluster, so fix-all leaves that one to you.',
  messages: {
    missing: 'AKS cluster "{name}" runs no network policy engine (network_profile.network_policy is not set): NetworkPolicies would not be enforced.',
  },
  fixes: ['Add network_policy = "azure"'],
  appliesTo: { terraform: ['azurerm_kubernetes_cluster'] },
  checkTerraform(b, ctx) {
    const scope = scopeOf(ctx.model, b);
    const state = aksPolicyState(b, scope);
    if (state.engine) return;
    ctx.report(aksPolicySpan(ctx, b, state), 'missing', { name: b.name }, aksPolicyFix(ctx, b, state, scope));
  },
});
