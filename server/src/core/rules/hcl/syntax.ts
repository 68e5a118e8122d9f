import { defineRule } from '../rule';

export default defineRule({
  id: 'hcl/syntax',
  severity: 'error',
  category: 'syntax',
  profile: 'always',
  docs: 'The Terraform file is not valid HCL: a block that is not closed, an attribute without a value, a stray character. The rest of the file is still checked: each top-level block is parsed on its own when the file has errors.',
  details:
    'Parsed with the tree-sitter HCL grammar. A block that is not closed yet (while you type) is reported at its header and skipped by the other Terraform rules until it is closed.',
  messages: { syntax: 'HCL syntax error: {message}' },
  appliesTo: 'file',
  checkFile(file, ctx) {
    for (const e of file.hcl?.errors ?? []) ctx.report(e.span, 'syntax', { message: e.message });
  },
});
