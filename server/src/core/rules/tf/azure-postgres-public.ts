import { defineRule } from '../rule';
import { attr, isFalse, referencesIn, resourcesOfType, scopeOf, setting, TERRAFORM_READS, TfBlock } from '../../model/terraform';
import type { Workspace } from '../../model/workspace';
import { settingFix, shown, spanOf } from './helpers';

/** Addresses of the resources some azurerm_private_endpoint connects to. */
function privateEndpointTargets(ws: Workspace): Set<string> {
  return ws.derived('terraform:privateEndpointTargets', (w) => {
    const out = new Set<string>();
    for (const pe of resourcesOfType(w, 'azurerm_private_endpoint')) {
      for (const item of pe.block.body) {
        if (item.type !== 'block' || item.blockType !== 'private_service_connection') continue;
        for (const r of referencesIn(attr(item, 'private_connection_resource_id')?.value)) out.add(`${pe.dir}\u0000${r}`);
      }
    }
    return out;
  }, TERRAFORM_READS);
}

function hasPrivateEndpoint(ws: Workspace, b: TfBlock): boolean {
  return privateEndpointTargets(ws).has(`${b.dir}\u0000${b.address}`);
}

export default defineRule({
  id: 'tf/azure-postgres-public',
  severity: 'warning',
  category: 'terraform',
  profile: 'restricted',
  seed: 'azure-saas-aks: PostgreSQL Flexible Server "Private Endpoint: Yes (no public access)".',
  docs: 'An Azure Database for PostgreSQL server (`azurerm_postgresql_flexible_server`, `azurerm_postgresql_server`) with public network access and neither a delegated subnet (VNet integration) nor a private endpoint is reachable from the internet.',
  details:
    'Default assumed when `public_network_access_enabled` is absent: `true` (azurerm 4.x; in 3.x it is true unless `delegated_subnet_id` is set). A server counts as private when it sets `delegated_subnet_id` or when an `azurerm_private_endpoint` of the same module points `private_service_connection.private_connection_resource_id` at it. The quick fix sets `public_network_access_enabled = false`; it needs a private path for the application first, so fix-all never applies it.',
  messages: {
    public: 'PostgreSQL server "{name}" is reachable from the internet ({what}) and has no delegated subnet or private endpoint.',
  },
  fixes: ['Set public_network_access_enabled = false'],
  appliesTo: { terraform: ['azurerm_postgresql_flexible_server', 'azurerm_postgresql_server'] },
  checkTerraform(b, ctx) {
    const scope = scopeOf(ctx.model, b);
    const pub = setting(b.block, ['public_network_access_enabled'], scope);
    if (isFalse(pub.value)) return;
    if (pub.attr && !pub.value.known) return; // an expression: not decidable here
    if (attr(b.block, 'delegated_subnet_id')) return;
    if (hasPrivateEndpoint(ctx.model, b)) return;
    const what = pub.attr ? `public_network_access_enabled = ${shown(pub.value)}` : 'public network access is on by default';
    ctx.report(spanOf(ctx, b, pub.attr), 'public', { name: b.name, what }, [
      settingFix(ctx, b.block, pub.attr, 'public_network_access_enabled', false, { safeInsert: false }),
    ]);
  },
});
