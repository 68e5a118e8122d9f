// Defaults and validation of a generator's input, shared by every stack: the CLI,
// the editor's quick input and tests all go through here, so a value accepted in
// one front end is accepted in all of them.
import type { GenerateResult, GeneratedFiles, StackField, ValidationProblem } from './types';

/** Apply defaults (in field order, so derived defaults see earlier values) and validate every field. */
export function resolveStackInput<K extends string>(
  fields: readonly StackField<K>[],
  given: Readonly<Partial<Record<K, string>>>,
): { input?: Record<K, string>; problems: ValidationProblem[] } {
  const values: Record<string, string | undefined> = {};
  for (const f of fields) {
    const raw = (given as Record<string, unknown>)[f.key];
    values[f.key] = typeof raw !== 'string' || raw.trim() === '' ? undefined : raw.trim();
  }
  const problems: ValidationProblem[] = [];
  for (const f of fields) {
    let derived = false;
    if (values[f.key] === undefined && f.default !== undefined) {
      derived = typeof f.default === 'function';
      values[f.key] = typeof f.default === 'function' ? f.default(values) : f.default;
    }
    const value = values[f.key];
    // A default derived from a value that is already wrong would only repeat that problem.
    if (derived && problems.length) continue;
    if (value === undefined) {
      problems.push({ field: f.key, message: `${f.label} is required. ${f.description} Example: ${f.example}` });
      continue;
    }
    const problem = f.validate(value);
    if (problem) problems.push({ field: f.key, message: problem });
  }
  return problems.length ? { problems } : { input: values as Record<K, string>, problems };
}

/** The `generate` of a StackGenerator: resolve, then build; junk input (null, numbers) gives problems, never a throw. */
export function generateFrom<K extends string>(
  fields: readonly StackField<K>[],
  given: unknown,
  build: (input: Record<K, string>) => GeneratedFiles,
): GenerateResult {
  let resolved;
  try {
    const input = (given !== null && typeof given === 'object' ? given : {}) as Partial<Record<K, string>>;
    resolved = resolveStackInput(fields, input);
  } catch (e) {
    return { ok: false, problems: [{ field: '', message: `The input could not be read: ${(e as Error)?.message ?? String(e)}` }] };
  }
  if (!resolved.input) return { ok: false, problems: resolved.problems };
  return { ok: true, files: build(resolved.input) };
}
