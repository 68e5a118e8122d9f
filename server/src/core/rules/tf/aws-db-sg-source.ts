import { defineRule } from '../rule';
import { asString } from '../../model/terraform';
import { DATABASE_PORTS, spanOf } from './helpers';
import { ingressRules, SG_TYPES } from './sg-ingress';

export default defineRule({
  id: 'tf/aws-db-sg-source',
  severity: 'warning',
  category: 'terraform',
  profile: 'restricted',
  seed: 'drupal-aws-terraform: "RDS Security Group: MySQL ingress from ECS security group only".',
  docs: 'Ingress to a database port (MySQL 3306, PostgreSQL 5432, SQL Server 1433, Oracle 1521, Redis 6379, MongoDB 27017, …) should name the application\'s security group (`security_groups`, `source_security_group_id`, `referenced_security_group_id`) rather than CIDR ranges: a CIDR admits every machine in the range, present and future.',
  details:
    'Rules that allow every protocol (`-1`) are not read as database rules. A list of CIDRs Blueprint cannot evaluate still counts as a CIDR source. No quick fix: replace `cidr_blocks` with `security_groups = [aws_security_group.app.id]`.',
  messages: {
    cidr: 'Ingress to port {port} ({db}) of security group "{name}" is allowed by CIDR ({cidrs}): allow the application\'s security group instead.',
  },
  appliesTo: { terraform: SG_TYPES },
  checkTerraform(b, ctx) {
    const seen = new Set<string>();
    for (const rule of ingressRules(b, ctx.model)) {
      if (!rule.ports || rule.allTraffic) continue;
      const ports = Object.keys(DATABASE_PORTS).map(Number).filter((p) => rule.ports!.from <= p && p <= rule.ports!.to);
      if (ports.length === 0 || rule.ports.to - rule.ports.from > 1000) continue;
      for (const c of rule.cidrs) {
        if (c.values && c.values.length === 0) continue;
        const span = spanOf(ctx, b, c.attr);
        const key = `${span.start}:${span.end}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const cidrs = c.values ? c.values.map((v) => asString(v) ?? '…').join(', ') : ctx.file.text.slice(c.attr.value.span.start, c.attr.value.span.end);
        ctx.report(span, 'cidr', { port: ports[0], db: DATABASE_PORTS[ports[0]], name: b.name, cidrs });
      }
    }
  },
});
