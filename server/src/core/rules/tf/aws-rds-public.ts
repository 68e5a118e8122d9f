import { defineRule } from '../rule';
import { isTrue, scopeOf, setting } from '../../model/terraform';
import { settingFix, shown, spanOf } from './helpers';

export default defineRule({
  id: 'tf/aws-rds-public',
  severity: 'error',
  category: 'terraform',
  profile: 'baseline',
  seed: 'drupal-aws-terraform: "Security group isolation from public internet", "RDS Security Group: MySQL ingress from ECS security group only".',
  docs: 'An `aws_db_instance` or `aws_rds_cluster_instance` must not set `publicly_accessible = true`: the database gets a public DNS name and IP, one security-group mistake away from the internet.',
  details:
    'Default assumed when `publicly_accessible` is absent: `false`. A value from a variable default or a local counts (`publicly_accessible = var.public` with `default = true` is reported, naming the variable). The quick fix sets it to `false`; clients outside the VPC lose access, so fix-all leaves it to you.',
  messages: {
    public: 'Database "{name}" is publicly accessible (publicly_accessible = {value}): keep it inside the VPC.',
  },
  fixes: ['Set publicly_accessible = false'],
  appliesTo: { terraform: ['aws_db_instance', 'aws_rds_cluster_instance'] },
  checkTerraform(b, ctx) {
    const pub = setting(b.block, ['publicly_accessible'], scopeOf(ctx.model, b));
    if (pub.attr && isTrue(pub.value)) {
      ctx.report(spanOf(ctx, b, pub.attr), 'public', { name: b.name, value: shown(pub.value) }, [settingFix(ctx, b.block, pub.attr, 'publicly_accessible', false)]);
    }
  },
});
