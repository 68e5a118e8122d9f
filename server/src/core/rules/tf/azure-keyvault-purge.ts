import { defineRule } from '../rule';
import { isTrue, scopeOf, setting } from '../../model/terraform';
import { settingFix, shown, spanOf } from './helpers';

export default defineRule({
  id: 'tf/azure-keyvault-purge',
  severity: 'warning',
  category: 'terraform',
  profile: 'restricted',
  seed: 'azure-saas-aks: Azure Key Vault holds the database passwords, Redis keys, storage connection strings and TLS certificates.',
  docs: 'An `azurerm_key_vault` should enable purge protection (`purge_protection_enabled = true`), so that a deleted vault or secret can be recovered during the retention period instead of being purged at once, by mistake or by an attacker.',
  details:
    'Default assumed when `purge_protection_enabled` is absent: `false`. Purge protection cannot be turned off again, and a protected vault\'s name stays taken until its retention period ends. The quick fix adds it where it is missing (fix-all applies it); changing an explicit `false` is left to you.',
  messages: {
    purge: 'Key Vault "{name}" has no purge protection ({what}): a deleted vault or secret can be purged at once.',
  },
  fixes: ['Set purge_protection_enabled = true'],
  appliesTo: { terraform: ['azurerm_key_vault'] },
  checkTerraform(b, ctx) {
    const purge = setting(b.block, ['purge_protection_enabled'], scopeOf(ctx.model, b));
    if (isTrue(purge.value) || (purge.attr && !purge.value.known)) return;
    const what = purge.attr ? `purge_protection_enabled = ${shown(purge.value)}` : 'purge_protection_enabled is not set';
    ctx.report(spanOf(ctx, b, purge.attr), 'purge', { name: b.name, what }, [settingFix(ctx, b.block, purge.attr, 'purge_protection_enabled', true)]);
  },
});
