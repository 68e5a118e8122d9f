import { defineRule } from '../rule';
import { locate } from '../../model/k8s';
import { schemaResultOf } from './memo';

export default defineRule({
  id: 'schema/unknown-kind',
  severity: 'info',
  category: 'schema',
  profile: 'always',
  docs: 'Blueprint has no schema for this apiVersion/kind, so it cannot check its fields. Kinds defined by a CustomResourceDefinition in the workspace count as known.',
  details: 'Often a typo in `apiVersion` (`apps/v1beta` instead of `apps/v1`) or a custom resource whose CRD lives outside the workspace. Turn the rule off in `.blueprint.yaml` if you use many custom resources.',
  messages: { unknown: '{message}' },
  appliesTo: 'all',
  check(obj, ctx) {
    const result = schemaResultOf(obj);
    if (result.kind !== 'unknown-kind') return;
    const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
    if (ctx.model.customKinds().has(`${group}/${obj.kind}`)) return;
    ctx.report(locate(obj, ['apiVersion'], 'value'), 'unknown', { message: result.message });
  },
});
