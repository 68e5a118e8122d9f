import { defineRule } from '../rule';
import { asString, attrAny, EvalScope, evaluate, HclAttribute, HclBlock, listItems, nestedBlocks, scopeOf, TfEval } from '../../model/terraform';
import { ALL_PORTS, beyondWeb, describePorts, parsePortRange, PortRange, spanOf } from './helpers';

const ANYWHERE = new Set(['*', 'internet', 'any', '0.0.0.0/0', '0.0.0.0', '::/0']);

function strings(a: HclAttribute | undefined, scope: EvalScope): TfEval[] {
  if (!a) return [];
  return listItems(a.value, scope) ?? [evaluate(a.value, scope)];
}

export default defineRule({
  id: 'tf/azure-nsg-open',
  severity: 'error',
  category: 'terraform',
  profile: 'restricted',
  seed: 'azure-saas-aks: NSG rules allow HTTPS (443) from the Internet and deny everything else inbound ("DenyAllInbound").',
  docs: 'A network security rule (`azurerm_network_security_rule`, or a `security_rule` block of `azurerm_network_security_group`) must not allow inbound traffic from anywhere (`*`, `Internet`, `0.0.0.0/0`) on ports other than 80 and 443.',
  details:
    'Only rules with `direction = "Inbound"` and `access = "Allow"` are read; both `source_address_prefix` and `source_address_prefixes`, `destination_port_range` and `destination_port_ranges` count, and `*` means every port. Values from variable defaults and locals are followed; a port Blueprint cannot evaluate is not reported. There is no quick fix: restrict the source to a known range or reach the port through a bastion or private endpoint.',
  messages: {
    open: 'Security rule "{rule}" allows inbound traffic from {source} on {ports}: only 80 and 443 may be open to the internet.',
  },
  appliesTo: { terraform: ['azurerm_network_security_rule', 'azurerm_network_security_group'] },
  checkTerraform(b, ctx) {
    const scope = scopeOf(ctx.model, b);
    const rules: { block: HclBlock; scope: EvalScope }[] =
      b.type === 'azurerm_network_security_rule' ? [{ block: b.block, scope }] : nestedBlocks(b.block, 'security_rule', scope);
    for (const r of rules) {
      const str = (names: string[]) => asString(evaluate(attrAny(r.block, names)?.value, r.scope))?.toLowerCase();
      if (str(['direction']) !== 'inbound' || str(['access']) !== 'allow') continue;
      if (['icmp'].includes(str(['protocol']) ?? '')) continue;
      const sourceAttr = attrAny(r.block, ['source_address_prefix', 'source_address_prefixes']);
      const open = strings(sourceAttr, r.scope).map(asString).find((s) => s !== undefined && ANYWHERE.has(s.toLowerCase()));
      if (!sourceAttr || open === undefined) continue;
      const ranges: PortRange[] = [];
      let unknown = false;
      for (const a of [attrAny(r.block, ['destination_port_range']), attrAny(r.block, ['destination_port_ranges'])]) {
        for (const v of strings(a, r.scope)) {
          const s = asString(v);
          const range = s !== undefined ? parsePortRange(s) : undefined;
          if (range) ranges.push(range);
          else unknown = true;
        }
      }
      const bad = ranges.filter(beyondWeb);
      if (bad.length === 0 || (unknown && bad.length === 0)) continue;
      const name = asString(evaluate(attrAny(r.block, ['name'])?.value, r.scope)) ?? b.name;
      ctx.report(spanOf(ctx, r.block, sourceAttr), 'open', { rule: name, source: JSON.stringify(open), ports: describePorts(bad.map((x) => (x.from <= 0 && x.to >= 65535 ? ALL_PORTS : x))) });
    }
  },
});
