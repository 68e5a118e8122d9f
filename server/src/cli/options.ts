// The option grammar shared by every `blueprint` subcommand: `--name value`,
// `--name=value`, short aliases, flags, positional paths and `--`. Each
// subcommand declares its options and interprets the tokens; every mistake is a
// UsageError naming the subcommand's help topic.
import { editDistance } from '../core/config';

export type HelpTopic = 'main' | 'lint' | 'graph' | 'generate';

/** A mistake on the command line: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  constructor(message: string, readonly topic: HelpTopic = 'lint') {
    super(message);
  }
}

export interface OptionSpec {
  /** Options that take no value (`--fix`). */
  flags: readonly string[];
  /** Options that take a value (`--format json`, `--format=json`). */
  values: readonly string[];
  /** Short aliases (`-f` → `--format`). */
  short?: Readonly<Record<string, string>>;
  /** Where a wrong option sends the user. */
  topic: HelpTopic;
  /** Named in "unknown option ... for <context>" (the stack of `generate`). */
  context?: string;
  /** Positional arguments are an error (with this hint) instead of paths. */
  noPositional?: (arg: string) => string;
}

export type OptionToken = { kind: 'path'; value: string } | { kind: 'flag'; name: string } | { kind: 'value'; name: string; value: string };

export function tokenizeOptions(args: readonly string[], spec: OptionSpec): OptionToken[] {
  const tokens: OptionToken[] = [];
  const known = [...spec.values, ...spec.flags];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      for (const rest of args.slice(i + 1)) tokens.push(positional(rest, spec));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      tokens.push(positional(arg, spec));
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const raw = eq >= 0 ? arg.slice(0, eq) : arg;
    const name = spec.short?.[raw] ?? raw;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    if (spec.flags.includes(name)) {
      if (inline !== undefined) throw new UsageError(`option ${name} takes no value.`, spec.topic);
      tokens.push({ kind: 'flag', name });
      continue;
    }
    if (!spec.values.includes(name)) throw new UsageError(`unknown option "${raw}"${spec.context ? ` for ${spec.context}` : ''}${suggestion(name, known)}`, spec.topic);
    let value = inline;
    if (value === undefined) {
      const next = args[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`option ${name} needs a value.`, spec.topic);
      value = next;
      i++;
    }
    tokens.push({ kind: 'value', name, value });
  }
  return tokens;
}

function positional(arg: string, spec: OptionSpec): OptionToken {
  if (spec.noPositional) throw new UsageError(spec.noPositional(arg), spec.topic);
  return { kind: 'path', value: arg };
}

/** `; did you mean "x"?` when a candidate is close, else `.`. */
export function suggestion(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestScore) [best, bestScore] = [c, d];
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(word.length / 3)) ? `; did you mean "${best}"?` : '.';
}

/** `a, b or c`. */
export function oneOf(values: readonly string[]): string {
  return values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}` : values.join('');
}
