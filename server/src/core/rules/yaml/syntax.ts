import { defineRule } from '../rule';

export default defineRule({
  id: 'yaml/syntax',
  severity: 'error',
  category: 'syntax',
  profile: 'always',
  docs: 'The file is not valid YAML, or a document expands too many aliases (an alias bomb). Helm and Go-template files are recognised and not reported.',
  messages: { syntax: 'YAML syntax error: {message}', aliases: '{message}' },
  appliesTo: 'file',
  checkFile(file, ctx) {
    for (const d of file.yaml?.documents ?? []) {
      if (file.yaml?.isTemplate) return;
      for (const p of d.problems) {
        if (p.code === 'duplicate-key') continue;
        const span = { start: p.span.start + d.offset, end: p.span.end + d.offset };
        ctx.report(span, p.code === 'alias-bomb' ? 'aliases' : 'syntax', { message: p.message });
      }
    }
  },
});
