import { defineRule } from '../rule';

// Reported by the engine after suppressions are applied (it alone knows which
// were used); this file carries the rule's metadata.
export default defineRule({
  id: 'meta/unused-suppression',
  severity: 'hint',
  category: 'meta',
  profile: 'always',
  docs: 'A `# blueprint-disable-next-line`, `# blueprint-disable` or `blueprint.dev/ignore` suppression that suppressed nothing (the problem was fixed, or the rule id is misspelt). Remove it so it does not hide a future problem.',
  messages: {},
  appliesTo: 'file',
  checkFile() {},
});
