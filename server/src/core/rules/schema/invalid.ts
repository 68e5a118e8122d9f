import { defineRule } from '../rule';
import { locate } from '../../model/k8s';
import { schemaResultOf } from './memo';

export default defineRule({
  id: 'schema/invalid',
  severity: 'error',
  category: 'schema',
  profile: 'always',
  docs: 'The resource does not match the JSON schema of its apiVersion and kind (the schemas shipped by kubernetes-models and @kubernetes-models/*, plus Blueprint\'s own for kinds they lack): a wrong type, a missing required field, a value outside its enum, or a field that a closed schema forbids (unknown fields of the Kubernetes kinds are `schema/unknown-field`).',
  details: 'The API server would reject the object, or silently drop an unknown field. The message names the field path as `kubectl explain` would (`spec.template.spec.containers[0].image`).',
  messages: { invalid: '{message}' },
  appliesTo: 'all',
  check(obj, ctx) {
    const result = schemaResultOf(obj);
    if (result.kind !== 'invalid') return;
    for (const issue of result.issues) {
      let span = locate(obj, issue.path, issue.atKey ? 'key' : 'value');
      // A whole block (an object missing a required field) is too much to underline: take its key or first entry.
      if (ctx.file.text.slice(span.start, span.end).includes('\n')) span = locate(obj, issue.path, 'key');
      ctx.report(span, 'invalid', { message: issue.message });
    }
  },
});
