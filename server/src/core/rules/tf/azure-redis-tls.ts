import { defineRule } from '../rule';
import { asString, isTrue, scopeOf, setting } from '../../model/terraform';
import { settingFix, shown, spanOf, tlsVersion } from './helpers';

export default defineRule({
  id: 'tf/azure-redis-tls',
  severity: 'error',
  category: 'terraform',
  profile: 'baseline',
  seed: 'azure-saas-aks: "Redis: SSL enabled (port 6380)", "TLS 1.2+: Required for all connections"; drupal-aks-flux: "TLS required on port 6380".',
  docs: 'An `azurerm_redis_cache` must not open the plain-text port 6379 (`non_ssl_port_enabled`, `enable_non_ssl_port` before azurerm 4.0) and must not accept TLS below 1.2 (`minimum_tls_version`).',
  details:
    'Defaults assumed when an attribute is absent (azurerm 3.x and 4.x): the non-TLS port is disabled and `minimum_tls_version` is `"1.2"`, so only values written in the file are reported. Both the azurerm 4.x name `non_ssl_port_enabled` and the older `enable_non_ssl_port` are read; values coming from a variable default or a local are followed. The quick fixes set the values; they change a deliberate setting (clients on port 6379 or old TLS stop working), so fix-all leaves them to you.',
  messages: {
    nonSsl: 'Redis cache "{name}" opens the plain-text port 6379 ({attr} = {value}): clients must use TLS on port 6380.',
    tls: 'Redis cache "{name}" accepts TLS {value} (minimum_tls_version): require "1.2".',
  },
  fixes: ['Disable the non-TLS port', 'Set minimum_tls_version = "1.2"'],
  appliesTo: { terraform: ['azurerm_redis_cache'] },
  checkTerraform(b, ctx) {
    const scope = scopeOf(ctx.model, b);
    const port = setting(b.block, ['non_ssl_port_enabled', 'enable_non_ssl_port'], scope);
    if (port.attr && isTrue(port.value)) {
      ctx.report(spanOf(ctx, b, port.attr), 'nonSsl', { name: b.name, attr: port.name, value: shown(port.value) }, [
        settingFix(ctx, b.block, port.attr, port.name, false, { title: `Set ${port.name} = false` }),
      ]);
    }
    const tls = setting(b.block, ['minimum_tls_version'], scope);
    const version = asString(tls.value);
    const n = version !== undefined ? tlsVersion(version) : undefined;
    if (tls.attr && n !== undefined && n < 1.2) {
      ctx.report(spanOf(ctx, b, tls.attr), 'tls', { name: b.name, value: shown(tls.value) }, [settingFix(ctx, b.block, tls.attr, 'minimum_tls_version', '1.2')]);
    }
  },
});
