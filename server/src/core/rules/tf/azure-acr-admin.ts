import { defineRule } from '../rule';
import { isTrue, scopeOf, setting } from '../../model/terraform';
import { settingFix, shown, spanOf } from './helpers';

export default defineRule({
  id: 'tf/azure-acr-admin',
  severity: 'warning',
  category: 'terraform',
  profile: 'restricted',
  seed: 'azure-saas-aks: "AKS -->|Pull Images| ACR" with managed identities; images are pulled by identity, not by a shared password.',
  docs: 'An `azurerm_container_registry` should not enable the admin user (`admin_enabled = true`): it is one shared username and password with push rights. AKS pulls with its kubelet managed identity (an `AcrPull` role assignment), pipelines push with their own identity.',
  details: 'Default assumed when `admin_enabled` is absent: `false`. The quick fix sets it to false; pipelines that log in with the admin password stop working, so fix-all leaves it to you.',
  messages: {
    admin: 'Container registry "{name}" enables the shared admin user (admin_enabled = {value}): pull and push with managed identities instead.',
  },
  fixes: ['Set admin_enabled = false'],
  appliesTo: { terraform: ['azurerm_container_registry'] },
  checkTerraform(b, ctx) {
    const admin = setting(b.block, ['admin_enabled'], scopeOf(ctx.model, b));
    if (admin.attr && isTrue(admin.value)) {
      ctx.report(spanOf(ctx, b, admin.attr), 'admin', { name: b.name, value: shown(admin.value) }, [settingFix(ctx, b.block, admin.attr, 'admin_enabled', false)]);
    }
  },
});
