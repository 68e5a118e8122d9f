import { defineRule } from '../rule';
import { attr, evaluate, isFalse, nested, scopeOf, setting } from '../../model/terraform';
import { shown, spanOf } from './helpers';

export default defineRule({
  id: 'tf/azure-aks-rbac',
  severity: 'error',
  category: 'terraform',
  profile: 'restricted',
  seed: 'azure-saas-aks: AKS "RBAC: Enabled with Azure AD integration".',
  docs: 'An `azurerm_kubernetes_cluster` must keep Kubernetes RBAC on: `role_based_access_control_enabled = false` (or the azurerm 2.x `role_based_access_control { enabled = false }`) gives every authenticated user full control of the cluster, and cannot be changed without recreating it.',
  details: 'Default assumed when the attribute is absent: RBAC enabled (azurerm 3.x and 4.x). There is no quick fix: turning RBAC on replaces the cluster, which needs planning.',
  messages: {
    disabled: 'AKS cluster "{name}" disables Kubernetes RBAC ({attr} = {value}).',
  },
  appliesTo: { terraform: ['azurerm_kubernetes_cluster'] },
  checkTerraform(b, ctx) {
    const scope = scopeOf(ctx.model, b);
    const rbac = setting(b.block, ['role_based_access_control_enabled'], scope);
    if (rbac.attr && isFalse(rbac.value)) {
      ctx.report(spanOf(ctx, b, rbac.attr), 'disabled', { name: b.name, attr: rbac.name, value: shown(rbac.value) });
      return;
    }
    for (const legacy of nested(b.block, 'role_based_access_control')) {
      const enabled = attr(legacy, 'enabled');
      const v = evaluate(enabled?.value, scope);
      if (enabled && isFalse(v)) ctx.report(spanOf(ctx, b, enabled), 'disabled', { name: b.name, attr: 'role_based_access_control.enabled', value: shown(v) });
    }
  },
});
