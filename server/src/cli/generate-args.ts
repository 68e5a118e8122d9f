// Arguments and help of `blueprint generate <stack> --out DIR [--field value…]`.
// The flags are the generator's fields (camelCase key → --kebab-case flag), so a
// new field is a new flag without touching this parser.
import { STACK_GENERATORS, stackGenerator } from '../core/generate';
import type { StackGenerator } from '../core/generate/types';
import { suggestion, tokenizeOptions, UsageError } from './options';

export interface GenerateOptions {
  stack: string;
  out: string;
  force: boolean;
  values: Record<string, string>;
}

export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}


export function generateHelp(generator?: StackGenerator): string {
  if (!generator) {
    return `Usage: blueprint generate <stack> --out <folder> [options]

Writes a whole repository that follows a documented architecture and passes
Blueprint's own rules. Existing files are never overwritten unless --force.

Stacks:
${STACK_GENERATORS.map((g) => `  ${g.id.padEnd(Math.max(...STACK_GENERATORS.map((x) => x.id.length)) + 2)}${g.title}`).join('\n')}

Run "blueprint generate <stack> --help" for a stack's options.
`;
  }
  const rows = generator.fields.map((f) => {
    const flag = `${flagOf(f.key)} <value>`;
    const def = f.required ? ' (required)' : f.default === '' ? ' (optional)' : typeof f.default === 'string' ? ` (default: ${f.default})` : ' (default: derived)';
    return `      ${flag.padEnd(30)}${f.label}${def}\n${' '.repeat(36)}${f.description}\n`;
  });
  const example = generator.fields.filter((f) => f.required).map((f) => `${flagOf(f.key)} ${f.example}`);
  return `Usage: blueprint generate ${generator.id} --out <folder> [options]

${generator.description}

Options:
  -o, --out <folder>                the folder to write into (created when missing)
      --force                       overwrite files that already exist
${rows.join('')}  -h, --help                        show this help

Example:
  blueprint generate ${generator.id} --out ./${generator.defaultFolder} \\
    ${example.join(' \\\n    ')}

Exit codes: 0 written, 2 a usage error, an invalid value, a file that already
exists (without --force) or a failed write.
`;
}

/** Parse the arguments after `generate`. */
export function parseGenerateArgs(args: readonly string[]): { kind: 'generate'; options: GenerateOptions } | { kind: 'help'; topic: 'generate'; stack?: string } {
  const [stack, ...rest] = args;
  if (stack === '-h' || stack === '--help') return { kind: 'help', topic: 'generate' };
  if (stack === undefined) throw new UsageError(`no stack given (stacks: ${STACK_GENERATORS.map((g) => g.id).join(', ')}).`, 'generate');
  if (stack.startsWith('-')) throw new UsageError(`the stack comes first: blueprint generate <stack> ${stack} … (stacks: ${STACK_GENERATORS.map((g) => g.id).join(', ')}).`, 'generate');
  const generator = stackGenerator(stack);
  if (!generator) throw new UsageError(`unknown stack "${stack}"${suggestion(stack, STACK_GENERATORS.map((g) => g.id))} (stacks: ${STACK_GENERATORS.map((g) => g.id).join(', ')})`, 'generate');
  const byFlag = new Map(generator.fields.map((f) => [flagOf(f.key), f.key]));
  const options: GenerateOptions = { stack, out: '', force: false, values: {} };
  const tokens = tokenizeOptions(rest, {
    flags: ['--force', '--help'],
    values: ['--out', ...byFlag.keys()],
    short: { '-o': '--out', '-h': '--help' },
    topic: 'generate',
    context: stack,
    noPositional: (arg) => `unexpected argument "${arg}" (values follow their option, e.g. --domain ${arg}).`,
  });
  for (const t of tokens) {
    if (t.kind === 'flag') {
      if (t.name === '--help') return { kind: 'help', topic: 'generate', stack };
      options.force = true;
    } else if (t.kind === 'value') {
      if (t.name === '--out') options.out = t.value;
      else options.values[byFlag.get(t.name)!] = t.value;
    }
  }
  if (options.out === '') throw new UsageError('--out <folder> is required: the folder to write the stack into.', 'generate');
  return { kind: 'generate', options };
}
