import { defineRule } from '../rule';
import { asString, attr, evaluate, isTrue, scopeOf, setting } from '../../model/terraform';
import { settingFix, shown, spanOf } from './helpers';

export default defineRule({
  id: 'tf/aws-rds-encryption',
  severity: 'error',
  category: 'terraform',
  profile: 'baseline',
  seed: 'drupal-aws-terraform: "Encryption at Rest: RDS storage encryption enabled".',
  docs: 'An `aws_db_instance` or `aws_rds_cluster` must set `storage_encrypted = true`, so the database files, its snapshots and its backups are encrypted at rest.',
  details:
    'Default assumed when `storage_encrypted` is absent: `false` (the AWS provider\'s default for both resources). Read replicas (`replicate_source_db`) inherit the source\'s encryption and Aurora Serverless v1 clusters are always encrypted, so they are not reported. The quick fix adds or sets `storage_encrypted = true`; on an existing database that replaces it (restore an encrypted snapshot instead), so fix-all never applies it.',
  messages: {
    missing: 'Database "{name}" is not encrypted at rest (storage_encrypted is not set; the default is false).',
    disabled: 'Database "{name}" is not encrypted at rest (storage_encrypted = {value}).',
  },
  fixes: ['Set storage_encrypted = true'],
  appliesTo: { terraform: ['aws_db_instance', 'aws_rds_cluster'] },
  checkTerraform(b, ctx) {
    const scope = scopeOf(ctx.model, b);
    if (attr(b.block, 'replicate_source_db')) return;
    if (b.type === 'aws_rds_cluster' && asString(evaluate(attr(b.block, 'engine_mode')?.value, scope)) === 'serverless') return;
    const enc = setting(b.block, ['storage_encrypted'], scope);
    if (isTrue(enc.value) || (enc.attr && !enc.value.known)) return;
    const fix = settingFix(ctx, b.block, enc.attr, 'storage_encrypted', true, { safeInsert: false });
    if (enc.attr) ctx.report(spanOf(ctx, b, enc.attr), 'disabled', { name: b.name, value: shown(enc.value) }, [fix]);
    else ctx.report(b.headerSpan, 'missing', { name: b.name }, [fix]);
  },
});
