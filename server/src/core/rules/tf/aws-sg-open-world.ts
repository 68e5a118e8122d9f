import { defineRule } from '../rule';
import type { Span } from '../../types';
import { asString } from '../../model/terraform';
import { beyondWeb, describePorts, PortRange, spanOf } from './helpers';
import { ingressRules, isWorld, SG_TYPES } from './sg-ingress';

export default defineRule({
  id: 'tf/aws-sg-open-world',
  severity: 'error',
  category: 'terraform',
  profile: 'baseline',
  seed: 'drupal-aws-terraform: "ALB Security Group: HTTP ingress from internet"; "ECS Security Group: Traffic from ALB"; "RDS Security Group: MySQL ingress from ECS security group only".',
  docs: 'A security group rule must not admit `0.0.0.0/0` or `::/0` on ports other than 80 and 443: SSH, RDP, databases and admin ports open to the whole internet are scanned and attacked within minutes.',
  details:
    'Inline `ingress` blocks of `aws_security_group` (a `dynamic "ingress"` block is expanded when its `for_each` is known, e.g. a variable default), `aws_security_group_rule` with `type = "ingress"` and `aws_vpc_security_group_ingress_rule` are read. Protocol `-1` means every port; ICMP rules and rules whose ports Blueprint cannot evaluate are not reported. The finding is on the CIDR attribute. No quick fix: restrict the source (your office range, a VPN) or reach the port through SSM Session Manager, a bastion or the load balancer.',
  messages: {
    open: 'Security group "{name}" admits {cidr} on {ports}: only 80 and 443 may be open to the internet.',
  },
  appliesTo: { terraform: SG_TYPES },
  checkTerraform(b, ctx) {
    const found = new Map<string, { span: Span; cidr: string; ports: PortRange[] }>();
    for (const rule of ingressRules(b, ctx.model)) {
      if (!rule.ports || !beyondWeb(rule.ports)) continue;
      for (const c of rule.cidrs) {
        const world = (c.values ?? []).find(isWorld);
        if (!world) continue;
        const span = spanOf(ctx, b, c.attr);
        const key = `${span.start}:${span.end}`;
        const entry = found.get(key) ?? { span, cidr: asString(world)!, ports: [] };
        entry.ports.push(rule.ports);
        found.set(key, entry);
      }
    }
    const name = b.type === 'aws_security_group' ? b.name : b.name;
    for (const f of found.values()) ctx.report(f.span, 'open', { name, cidr: f.cidr, ports: describePorts(f.ports) });
  },
});
