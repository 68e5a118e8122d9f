import { defineRule } from '../rule';
import { parseConfig } from '../../config';

export default defineRule({
  id: 'meta/config',
  severity: 'error',
  category: 'meta',
  profile: 'always',
  docs: '`.blueprint.yaml` is not valid: a YAML error, a setting Blueprint does not know, a wrong type, an unknown profile or rule id. The valid parts of the file still apply.',
  details: 'The file is checked against `schemas/blueprint-config.schema.json`:\n\n```yaml\nprofile: restricted        # baseline | restricted | drupal-aks\nrules:\n  k8s/cpu-limit: off       # off | hint | info | warning | error\n  net/policy-coverage: error\nignore:\n  - "charts/**"\n```',
  messages: { invalid: '{message}' },
  appliesTo: 'file',
  checkFile(file, ctx) {
    if (file.kind !== 'config') return;
    // A binary or oversized file is not read as configuration at all: say that, once.
    if (file.skipped) return ctx.report({ start: 0, end: 0 }, 'invalid', { message: `The configuration file is not readable as YAML (${file.skipped}): its settings are ignored.` });
    for (const p of parseConfig(file.text, ctx.ruleIds).problems) ctx.report(p.span, 'invalid', { message: p.message });
  },
});
