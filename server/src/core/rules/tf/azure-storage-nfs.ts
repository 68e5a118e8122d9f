import { defineRule } from '../rule';
import { isTrue, scopeOf, setting } from '../../model/terraform';
import { settingFix, shown, spanOf } from './helpers';

export default defineRule({
  id: 'tf/azure-storage-nfs',
  severity: 'error',
  category: 'terraform',
  profile: 'restricted',
  seed: 'drupal-aks-flux: Azure Blob Storage (Premium NFS) "NFS v3 enabled", "HNS enabled".',
  docs: 'An `azurerm_storage_account` with `nfsv3_enabled = true` must also set `is_hns_enabled = true`: Azure only offers NFS v3 on accounts with a hierarchical namespace, so the account cannot be created otherwise.',
  details:
    'Default assumed when `is_hns_enabled` is absent: `false`. The quick fix adds (or sets) `is_hns_enabled = true`; the namespace can only be chosen when the account is created, which NFS v3 requires anyway.',
  messages: {
    hns: 'Storage account "{name}" enables NFS v3 without a hierarchical namespace ({what}): set is_hns_enabled = true.',
  },
  fixes: ['Set is_hns_enabled = true'],
  appliesTo: { terraform: ['azurerm_storage_account'] },
  checkTerraform(b, ctx) {
    const scope = scopeOf(ctx.model, b);
    const nfs = setting(b.block, ['nfsv3_enabled'], scope);
    if (!nfs.attr || !isTrue(nfs.value)) return;
    const hns = setting(b.block, ['is_hns_enabled'], scope);
    if (isTrue(hns.value) || (hns.attr && !hns.value.known)) return;
    const what = hns.attr ? `is_hns_enabled = ${shown(hns.value)}` : 'is_hns_enabled is not set';
    ctx.report(spanOf(ctx, b, nfs.attr), 'hns', { name: b.name, what }, [settingFix(ctx, b.block, hns.attr, 'is_hns_enabled', true)]);
  },
});
