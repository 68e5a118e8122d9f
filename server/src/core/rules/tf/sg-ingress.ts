// The ingress rules of AWS security groups, whichever way they are written:
// inline `ingress` blocks (dynamic ones included) of aws_security_group,
// aws_security_group_rule with type = "ingress", aws_vpc_security_group_ingress_rule.
import { asNumber, asString, attr, attrAny, EvalScope, evaluate, HclAttribute, HclBlock, listItems, nestedBlocks, scopeOf, TfBlock, TfEval } from '../../model/terraform';
import type { Workspace } from '../../model/workspace';
import { ALL_PORTS, PortRange } from './helpers';

export const SG_TYPES = ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'];

export interface CidrSource {
  attr: HclAttribute;
  /** Each CIDR, evaluated; undefined when the list itself is not known. */
  values?: TfEval[];
}

export interface IngressRule {
  block: HclBlock;
  scope: EvalScope;
  /** The port range; undefined when not known, or for ICMP. */
  ports?: PortRange;
  /** `-1` / `all`: every protocol and port. */
  allTraffic: boolean;
  cidrs: CidrSource[];
  /** Admits other security groups or prefix lists (a source by identity). */
  bySecurityGroup: boolean;
}

const ICMP = new Set(['icmp', 'icmpv6', '1', '58']);

export function ingressRules(b: TfBlock, ws: Workspace): IngressRule[] {
  const scope = scopeOf(ws, b);
  const blocks: { block: HclBlock; scope: EvalScope }[] = [];
  if (b.type === 'aws_security_group') blocks.push(...nestedBlocks(b.block, 'ingress', scope));
  else if (b.type === 'aws_security_group_rule') {
    if (asString(evaluate(attr(b.block, 'type')?.value, scope))?.toLowerCase() === 'ingress') blocks.push({ block: b.block, scope });
  } else if (b.type === 'aws_vpc_security_group_ingress_rule') blocks.push({ block: b.block, scope });
  return blocks.map(({ block, scope: s }) => {
    const protocol = asString(evaluate(attrAny(block, ['protocol', 'ip_protocol'])?.value, s))?.toLowerCase();
    const allTraffic = protocol === '-1' || protocol === 'all';
    let ports: PortRange | undefined;
    if (allTraffic) ports = ALL_PORTS;
    else if (!ICMP.has(protocol ?? '')) {
      const from = asNumber(evaluate(attr(block, 'from_port')?.value, s));
      const to = asNumber(evaluate(attr(block, 'to_port')?.value, s));
      if (from !== undefined && to !== undefined) ports = from === 0 && to === 0 && protocol === undefined ? undefined : { from: Math.min(from, to), to: Math.max(from, to) };
    }
    const cidrs: CidrSource[] = [];
    for (const name of ['cidr_blocks', 'ipv6_cidr_blocks', 'cidr_ipv4', 'cidr_ipv6']) {
      const a = attr(block, name);
      if (!a) continue;
      const items = listItems(a.value, s);
      cidrs.push({ attr: a, values: items });
    }
    const bySecurityGroup = ['security_groups', 'source_security_group_id', 'referenced_security_group_id', 'prefix_list_ids', 'prefix_list_id'].some((n) => attr(block, n)) || asString(evaluate(attr(block, 'self')?.value, s)) === 'true';
    return { block, scope: s, ports, allTraffic, cidrs, bySecurityGroup };
  });
}

export function isWorld(v: TfEval): boolean {
  const s = asString(v);
  return s === '0.0.0.0/0' || s === '::/0';
}
