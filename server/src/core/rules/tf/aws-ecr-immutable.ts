import { defineRule } from '../rule';
import { asString, scopeOf, setting } from '../../model/terraform';
import { settingFix, shown, spanOf } from './helpers';

export default defineRule({
  id: 'tf/aws-ecr-immutable',
  severity: 'info',
  category: 'terraform',
  profile: 'restricted',
  seed: 'drupal-aws-terraform: ECR "Supports immutable tags for deployment consistency".',
  docs: 'An `aws_ecr_repository` should set `image_tag_mutability = "IMMUTABLE"`, so a tag always names the same image: what was tested is what runs, and a rollback to a tag is a real rollback.',
  details:
    'Default assumed when `image_tag_mutability` is absent: `MUTABLE`. `IMMUTABLE_WITH_EXCLUSION` counts as immutable. The quick fix adds `image_tag_mutability = "IMMUTABLE"` where it is missing (fix-all applies it); changing an explicit `MUTABLE` is left to the editor fix, because pipelines that re-push a tag such as `latest` then fail.',
  messages: {
    mutable: 'ECR repository "{name}" allows tags to be overwritten ({what}): set image_tag_mutability = "IMMUTABLE".',
  },
  fixes: ['Set image_tag_mutability = "IMMUTABLE"'],
  appliesTo: { terraform: ['aws_ecr_repository'] },
  checkTerraform(b, ctx) {
    const m = setting(b.block, ['image_tag_mutability'], scopeOf(ctx.model, b));
    const v = asString(m.value)?.toUpperCase();
    if (v?.startsWith('IMMUTABLE') || (m.attr && v === undefined)) return;
    const what = m.attr ? `image_tag_mutability = ${shown(m.value)}` : 'image_tag_mutability defaults to MUTABLE';
    ctx.report(spanOf(ctx, b, m.attr), 'mutable', { name: b.name, what }, [settingFix(ctx, b.block, m.attr, 'image_tag_mutability', 'IMMUTABLE')]);
  },
});
