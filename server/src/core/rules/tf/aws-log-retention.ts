import { defineRule } from '../rule';
import { asNumber, scopeOf, setting } from '../../model/terraform';
import { spanOf } from './helpers';

export default defineRule({
  id: 'tf/aws-log-retention',
  severity: 'info',
  category: 'terraform',
  profile: 'restricted',
  seed: 'drupal-aws-terraform: CloudWatch Logs "Log Retention: Configurable retention policies".',
  docs: 'An `aws_cloudwatch_log_group` should set `retention_in_days`: without it (or with 0) logs are kept forever, and paid for forever.',
  details: 'Default assumed when `retention_in_days` is absent: 0, never expire. No quick fix: the retention is a compliance choice (30, 90, 365 days...).',
  messages: {
    forever: 'Log group "{name}" keeps its logs forever ({what}): set retention_in_days.',
  },
  appliesTo: { terraform: ['aws_cloudwatch_log_group'] },
  checkTerraform(b, ctx) {
    const r = setting(b.block, ['retention_in_days'], scopeOf(ctx.model, b));
    if (!r.attr) ctx.report(b.headerSpan, 'forever', { name: b.name, what: 'retention_in_days is not set' });
    else if (asNumber(r.value) === 0) ctx.report(spanOf(ctx, b, r.attr), 'forever', { name: b.name, what: 'retention_in_days = 0' });
  },
});
