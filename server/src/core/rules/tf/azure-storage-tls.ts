import { defineRule } from '../rule';
import { asString, isFalse, scopeOf, setting } from '../../model/terraform';
import { settingFix, shown, spanOf, tlsVersion } from './helpers';

export default defineRule({
  id: 'tf/azure-storage-tls',
  severity: 'error',
  category: 'terraform',
  profile: 'baseline',
  seed: 'azure-saas-aks: "Blob Storage: HTTPS only", "TLS 1.2+: Required for all connections".',
  docs: 'An `azurerm_storage_account` must accept HTTPS only (`https_traffic_only_enabled`, `enable_https_traffic_only` before azurerm 4.0) and TLS 1.2 or later (`min_tls_version`).',
  details:
    'Defaults assumed when an attribute is absent (azurerm 3.x and 4.x): HTTPS only is on and `min_tls_version` is `TLS1_2`, so only values written in the file are reported. The quick fixes set the secure values; they undo a deliberate setting, so fix-all leaves them to you.',
  messages: {
    https: 'Storage account "{name}" accepts plain HTTP ({attr} = {value}).',
    tls: 'Storage account "{name}" accepts {value} (min_tls_version): require "TLS1_2".',
  },
  fixes: ['Set https_traffic_only_enabled = true', 'Set min_tls_version = "TLS1_2"'],
  appliesTo: { terraform: ['azurerm_storage_account'] },
  checkTerraform(b, ctx) {
    const scope = scopeOf(ctx.model, b);
    const https = setting(b.block, ['https_traffic_only_enabled', 'enable_https_traffic_only'], scope);
    if (https.attr && isFalse(https.value)) {
      ctx.report(spanOf(ctx, b, https.attr), 'https', { name: b.name, attr: https.name, value: shown(https.value) }, [
        settingFix(ctx, b.block, https.attr, https.name, true),
      ]);
    }
    const tls = setting(b.block, ['min_tls_version'], scope);
    const v = asString(tls.value);
    const n = v !== undefined ? tlsVersion(v) : undefined;
    if (tls.attr && n !== undefined && n < 1.2) {
      ctx.report(spanOf(ctx, b, tls.attr), 'tls', { name: b.name, value: shown(tls.value) }, [settingFix(ctx, b.block, tls.attr, 'min_tls_version', 'TLS1_2')]);
    }
  },
});
