// Arguments and help of `blueprint generate <stack> --out DIR [--field value…]`.
// The flags are the generator's fields (camelCase key → --kebab-case flag), so a
// new field is a new flag without touching this parser.
import { STACK_GENERATORS, stackGenerator } from '../core/generate';
import type { StackGenerator } from '../core/generate/types';
import { UsageError } from './args';
import { editDistance } from '../core/config';

export interface GenerateOptions {
  stack: string;
  out: string;
  force: boolean;
  values: Record<string, string>;
}

export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function suggest(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let score = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < score) [best, score] = [c, d];
  }
  return best !== undefined && score <= Math.max(2, Math.floor(word.length / 3)) ? `; did you mean "${best}"?` : '.';
}

export function generateHelp(generator?: StackGenerator): string {
  if (!generator) {
    return `Usage: blueprint generate <stack> --out <folder> [options]

Writes a whole repository that follows a documented architecture and passes
Blueprint's own rules. Existing files are never overwritten unless --force.

Stacks:
${STACK_GENERATORS.map((g) => `  ${g.id.padEnd(16)}${g.title}`).join('\n')}

Run "blueprint generate <stack> --help" for a stack's options.
`;
  }
  const rows = generator.fields.map((f) => {
    const flag = `${flagOf(f.key)} <value>`;
    const def = f.required ? ' (required)' : typeof f.default === 'string' ? ` (default: ${f.default})` : ' (default: derived)';
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
  blueprint generate ${generator.id} --out ./gitops \\
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
  if (!generator) throw new UsageError(`unknown stack "${stack}"${suggest(stack, STACK_GENERATORS.map((g) => g.id))} (stacks: ${STACK_GENERATORS.map((g) => g.id).join(', ')})`, 'generate');
  const byFlag = new Map(generator.fields.map((f) => [flagOf(f.key), f.key]));
  const options: GenerateOptions = { stack, out: '', force: false, values: {} };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '-h' || arg === '--help') return { kind: 'help', topic: 'generate', stack };
    if (!arg.startsWith('-')) throw new UsageError(`unexpected argument "${arg}" (values follow their option, e.g. --domain ${arg}).`, 'generate');
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const raw = eq >= 0 ? arg.slice(0, eq) : arg;
    const name = raw === '-o' ? '--out' : raw;
    if (name === '--force') {
      if (eq >= 0) throw new UsageError('option --force takes no value.', 'generate');
      options.force = true;
      continue;
    }
    const key = name === '--out' ? 'out' : byFlag.get(name);
    if (key === undefined) throw new UsageError(`unknown option "${raw}" for ${stack}${suggest(name, ['--out', '--force', ...byFlag.keys()])}`, 'generate');
    let value = eq >= 0 ? arg.slice(eq + 1) : undefined;
    if (value === undefined) {
      if (i + 1 >= rest.length || (rest[i + 1].startsWith('--') && rest[i + 1].length > 2)) throw new UsageError(`option ${name} needs a value.`, 'generate');
      value = rest[++i];
    }
    if (key === 'out') options.out = value;
    else options.values[key] = value;
  }
  if (options.out === '') throw new UsageError('--out <folder> is required: the folder to write the stack into.', 'generate');
  return { kind: 'generate', options };
}
