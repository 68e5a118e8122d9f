// Stack generators: a validated input in, a map of repository-relative paths to
// file texts out. Pure (no fs, no process) and deterministic: the same input gives
// byte-identical files, so examples/ can be regenerated and compared in a test.

/** One question a front end (CLI flag, VS Code quick input) asks for a generator. */
export interface StackField<K extends string = string> {
  /** Key in the input object; the CLI flag is `--<kebab-case of key>`. */
  key: K;
  /** Short label for prompts. */
  label: string;
  /** One sentence: what the value is used for. */
  description: string;
  /** Default when the user gives none; a function of the other values when it derives from them. */
  default?: string | ((input: Readonly<Record<string, string | undefined>>) => string);
  /** Example shown as a placeholder. */
  example: string;
  /** `undefined` when the value is acceptable, else a sentence saying what is wrong. */
  validate(value: string): string | undefined;
  /** Required fields have no default: the CLI insists on them. */
  required?: boolean;
}

export interface ValidationProblem {
  field: string;
  message: string;
}

/** The generated files: repository-relative POSIX paths (no `..`, no leading `/`) to texts. */
export type GeneratedFiles = ReadonlyMap<string, string>;

export type GenerateResult = { ok: true; files: GeneratedFiles } | { ok: false; problems: ValidationProblem[] };

export interface StackGenerator<K extends string = string> {
  /** Id used by the CLI (`blueprint generate <id>`) and the picker. */
  id: string;
  title: string;
  description: string;
  /** The seed document it implements (shared/seeds/<seed>.md). */
  seed: string;
  /** The Blueprint profile the generated stack is linted with. */
  profile: 'baseline' | 'restricted' | 'drupal-aks';
  fields: readonly StackField<K>[];
  /** The fields the editor asks for, in order; the others keep their defaults (the CLI takes them all as flags). */
  asked: readonly K[];
  /** Folder name the editor proposes for the stack. */
  defaultFolder: string;
  /** The generated file the editor opens afterwards (beside the topology preview). */
  openAfter(input: Readonly<Partial<Record<K, string>>>): string;
  /** Validate (after defaults) and generate; never throws on bad input. */
  generate(input: Readonly<Partial<Record<K, string>>>): GenerateResult;
}
