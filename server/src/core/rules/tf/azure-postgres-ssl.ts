import { defineRule } from '../rule';
import { asString, attr, evaluate, isFalse, scopeOf, setting } from '../../model/terraform';
import { settingFix, shown, spanOf, tlsVersion } from './helpers';

export default defineRule({
  id: 'tf/azure-postgres-ssl',
  severity: 'error',
  category: 'terraform',
  profile: 'restricted',
  seed: 'azure-saas-aks: PostgreSQL "SSL: Required (TLS 1.2+)", "`sslmode=require` enforced"; drupal-aks-flux: "SSL/TLS enforced".',
  docs: 'Azure Database for PostgreSQL must enforce TLS 1.2 or later: `azurerm_postgresql_server` with `ssl_enforcement_enabled = false` or `ssl_minimal_tls_version_enforced` below `TLS1_2`, and flexible-server configurations that turn `require_secure_transport` off or set `ssl_min_protocol_version` below `TLSv1.2`, are reported.',
  details:
    'Defaults assumed when an attribute is absent: `ssl_minimal_tls_version_enforced` is `TLS1_2` (azurerm 3.x); `ssl_enforcement_enabled` is required by the provider, so an absent one is left to `terraform validate`. A flexible server enforces TLS unless an `azurerm_postgresql_flexible_server_configuration` changes `require_secure_transport` or `ssl_min_protocol_version`. The quick fixes set the secure values; they undo a deliberate setting, so fix-all leaves them to you.',
  messages: {
    enforcement: 'PostgreSQL server "{name}" does not enforce TLS ({attr} = {value}).',
    version: 'PostgreSQL server "{name}" accepts {value} (ssl_minimal_tls_version_enforced): require "TLS1_2".',
    transport: 'Server parameter require_secure_transport = {value} lets clients connect without TLS.',
    protocol: 'Server parameter ssl_min_protocol_version = {value} accepts TLS below 1.2.',
  },
  fixes: ['Set ssl_enforcement_enabled = true', 'Set ssl_minimal_tls_version_enforced = "TLS1_2"', 'Set the parameter to a secure value'],
  appliesTo: { terraform: ['azurerm_postgresql_server', 'azurerm_postgresql_flexible_server_configuration'] },
  checkTerraform(b, ctx) {
    const scope = scopeOf(ctx.model, b);
    if (b.type === 'azurerm_postgresql_flexible_server_configuration') {
      const name = asString(evaluate(attr(b.block, 'name')?.value, scope))?.toLowerCase();
      const value = attr(b.block, 'value');
      if (!value) return;
      const v = evaluate(value.value, scope);
      const s = asString(v)?.toLowerCase();
      if (s === undefined) return;
      if (name === 'require_secure_transport' && (s === 'off' || s === 'false' || s === '0')) {
        ctx.report(spanOf(ctx, b, value), 'transport', { value: shown(v) }, [settingFix(ctx, b.block, value, 'value', 'on', { title: 'Set value = "on"' })]);
      }
      const n = tlsVersion(s);
      if (name === 'ssl_min_protocol_version' && n !== undefined && n < 1.2) {
        ctx.report(spanOf(ctx, b, value), 'protocol', { value: shown(v) }, [settingFix(ctx, b.block, value, 'value', 'TLSv1.2', { title: 'Set value = "TLSv1.2"' })]);
      }
      return;
    }
    const enforcement = setting(b.block, ['ssl_enforcement_enabled'], scope);
    const legacy = setting(b.block, ['ssl_enforcement'], scope);
    if (enforcement.attr && isFalse(enforcement.value)) {
      ctx.report(spanOf(ctx, b, enforcement.attr), 'enforcement', { name: b.name, attr: enforcement.name, value: shown(enforcement.value) }, [
        settingFix(ctx, b.block, enforcement.attr, 'ssl_enforcement_enabled', true),
      ]);
    } else if (legacy.attr && asString(legacy.value)?.toLowerCase() === 'disabled') {
      ctx.report(spanOf(ctx, b, legacy.attr), 'enforcement', { name: b.name, attr: legacy.name, value: shown(legacy.value) }, [
        settingFix(ctx, b.block, legacy.attr, 'ssl_enforcement', 'Enabled', { title: 'Set ssl_enforcement = "Enabled"' }),
      ]);
    }
    const min = setting(b.block, ['ssl_minimal_tls_version_enforced'], scope);
    const s = asString(min.value);
    if (min.attr && s !== undefined && (s === 'TLSEnforcementDisabled' || (tlsVersion(s) ?? 9) < 1.2)) {
      ctx.report(spanOf(ctx, b, min.attr), 'version', { name: b.name, value: shown(min.value) }, [settingFix(ctx, b.block, min.attr, 'ssl_minimal_tls_version_enforced', 'TLS1_2')]);
    }
  },
});
