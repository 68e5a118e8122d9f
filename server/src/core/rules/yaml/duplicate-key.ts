import { defineRule } from '../rule';

export default defineRule({
  id: 'yaml/duplicate-key',
  severity: 'error',
  category: 'syntax',
  profile: 'always',
  docs: 'A mapping has the same key twice. Kubernetes tools disagree on which one wins (kubectl keeps the last, some parsers reject the file), so the intent is ambiguous.',
  messages: { duplicate: '{message}' },
  appliesTo: 'file',
  checkFile(file, ctx) {
    if (file.yaml?.isTemplate) return;
    for (const d of file.yaml?.documents ?? []) {
      for (const p of d.problems) {
        if (p.code !== 'duplicate-key') continue;
        ctx.report({ start: p.span.start + d.offset, end: p.span.end + d.offset }, 'duplicate', { message: p.message });
      }
    }
  },
});
