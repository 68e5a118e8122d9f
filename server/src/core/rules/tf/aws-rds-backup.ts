import { defineRule } from '../rule';
import { asNumber, scopeOf, setting } from '../../model/terraform';
import { shown, spanOf } from './helpers';

export default defineRule({
  id: 'tf/aws-rds-backup',
  severity: 'warning',
  category: 'terraform',
  profile: 'restricted',
  seed: 'drupal-aws-terraform: "RDS Automated Backups: Point-in-time recovery capability", "Automated backups with configurable retention".',
  docs: 'An `aws_db_instance` or `aws_rds_cluster` must not set `backup_retention_period = 0`: that turns automated backups and point-in-time recovery off.',
  details: 'Default assumed when the attribute is absent: AWS keeps automated backups (1 day for instances, 1 day for clusters), so only an explicit 0 is reported. No quick fix: choose a retention (7 days or more for production).',
  messages: {
    disabled: 'Database "{name}" has no automated backups (backup_retention_period = {value}): point-in-time recovery is off.',
  },
  appliesTo: { terraform: ['aws_db_instance', 'aws_rds_cluster'] },
  checkTerraform(b, ctx) {
    const r = setting(b.block, ['backup_retention_period'], scopeOf(ctx.model, b));
    if (r.attr && asNumber(r.value) === 0) ctx.report(spanOf(ctx, b, r.attr), 'disabled', { name: b.name, value: shown(r.value) });
  },
});
