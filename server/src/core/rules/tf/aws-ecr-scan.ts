import { defineRule } from '../rule';
import { asString, attr, evaluate, isTrue, nested, resourcesOfType, scopeOf, setting } from '../../model/terraform';
import type { Workspace } from '../../model/workspace';
import { insertBlock } from '../../fixes/hcl-edit';
import { settingFix, shown, spanOf } from './helpers';

/** Registry-wide scanning (aws_ecr_registry_scanning_configuration) makes the per-repository flag moot. */
function registryScans(ws: Workspace): boolean {
  return resourcesOfType(ws, 'aws_ecr_registry_scanning_configuration').some((r) => {
    const scope = scopeOf(ws, r);
    if (asString(evaluate(attr(r.block, 'scan_type')?.value, scope))?.toUpperCase() === 'ENHANCED') return true;
    return nested(r.block, 'rule').some((x) => ['SCAN_ON_PUSH', 'CONTINUOUS_SCAN'].includes(asString(evaluate(attr(x, 'scan_frequency')?.value, scope))?.toUpperCase() ?? ''));
  });
}

export default defineRule({
  id: 'tf/aws-ecr-scan',
  severity: 'warning',
  category: 'terraform',
  profile: 'restricted',
  seed: 'drupal-aws-terraform: ECR "Image Scanning: Automated vulnerability scanning on push".',
  docs: 'An `aws_ecr_repository` should scan images on push (`image_scanning_configuration { scan_on_push = true }`), so known vulnerabilities in a new image are reported before it is deployed.',
  details:
    'Default assumed when the block or `scan_on_push` is absent: no scanning. A registry-wide `aws_ecr_registry_scanning_configuration` (enhanced scanning, or a rule with `SCAN_ON_PUSH`/`CONTINUOUS_SCAN`) in the workspace counts. The quick fix adds the block or the attribute (fix-all applies it); an explicit `scan_on_push = false` is changed by the editor fix only.',
  messages: {
    missing: 'ECR repository "{name}" does not scan images on push ({what}).',
  },
  fixes: ['Add image_scanning_configuration { scan_on_push = true }', 'Set scan_on_push = true'],
  appliesTo: { terraform: ['aws_ecr_repository'] },
  checkTerraform(b, ctx) {
    if (registryScans(ctx.model)) return;
    const scope = scopeOf(ctx.model, b);
    const config = nested(b.block, 'image_scanning_configuration')[0];
    if (!config) {
      ctx.report(b.headerSpan, 'missing', { name: b.name, what: 'no image_scanning_configuration' }, [
        { title: 'Add image_scanning_configuration { scan_on_push = true }', edits: insertBlock(ctx.file.text, b.block, 'image_scanning_configuration', [['scan_on_push', true]]) },
      ]);
      return;
    }
    const scan = setting(config, ['scan_on_push'], scope);
    if (isTrue(scan.value) || (scan.attr && !scan.value.known)) return;
    ctx.report(spanOf(ctx, config, scan.attr), 'missing', { name: b.name, what: scan.attr ? `scan_on_push = ${shown(scan.value)}` : 'scan_on_push is not set' }, [
      settingFix(ctx, config, scan.attr, 'scan_on_push', true),
    ]);
  },
});
