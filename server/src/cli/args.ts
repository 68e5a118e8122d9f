// Command-line parsing for `blueprint`. Hand-written (no dependency): the grammar
// is small, and every mistake must become one clear sentence and exit code 2.
import type { RuleSetting } from '../core/config';
import { PROFILES, ProfileName } from '../core/rules/rule';
import { GraphOptions, parseGraphArgs } from './graph-args';
import { GenerateOptions, parseGenerateArgs } from './generate-args';
import { HelpTopic, oneOf, suggestion, tokenizeOptions, UsageError } from './options';

export { UsageError } from './options';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'hint', 'info', 'warning', 'error'];

export interface LintOptions {
  paths: string[];
  format: OutputFormat;
  profile?: ProfileName;
  config?: string;
  /** --rule flags, in order (a later flag for the same id wins). */
  rules: Record<string, RuleSetting>;
  maxWarnings?: number;
  fix: boolean;
  quiet: boolean;
  /** --color / --no-color; undefined means decide from the terminal and NO_COLOR. */
  color?: boolean;
}

export type Command =
  | { kind: 'help'; topic: HelpTopic; stack?: string }
  | { kind: 'version' }
  | { kind: 'lint'; options: LintOptions }
  | { kind: 'graph'; options: GraphOptions }
  | { kind: 'generate'; options: GenerateOptions };


export const MAIN_HELP = `Usage: blueprint <command> [options]

Checks Kubernetes manifests, Flux and Argo CD resources and Terraform against a
documented cloud architecture.

Commands:
  lint [paths...]   report the rule findings of files and folders
                    (blueprint lint --help for its options)
  graph [paths...]  print the topology as JSON, SVG or Mermaid
                    (blueprint graph --help for its options)
  generate <stack>  write a whole stack (e.g. drupal-aks) into a folder
                    (blueprint generate --help for the stacks)

Options:
  -h, --help        show this help
  -v, --version     print Blueprint's version
`;

export const LINT_HELP = `Usage: blueprint lint [options] [paths...]

Lints files and folders (default: the current folder). Folders are searched for
*.yaml, *.yml, *.tf and .blueprint.yaml files, skipping node_modules, .git, dist,
vendor, .terraform and the config's ignore globs; a file named explicitly is
linted even when a glob would ignore it.

Options:
  -f, --format <format>     text (default), json or sarif (SARIF 2.1.0)
      --profile <name>      rule set: baseline, restricted (default) or drupal-aks
  -c, --config <file>       configuration file (default: the nearest .blueprint.yaml
                            in the first path's folder or above)
      --rule <id>=<level>   set one rule to off, hint, info, warning or error;
                            repeatable, overrides the profile and the config file
      --max-warnings <n>    exit with 1 when there are more than n warnings
      --fix                 apply every safe fix in place, then report what is left
  -q, --quiet               report errors only (warnings, info and hints are dropped)
      --color, --no-color   force colors on or off (default: on when stdout is a
                            terminal and NO_COLOR is not set)
  -h, --help                show this help

Exit codes:
  0  no error findings, and warnings within --max-warnings
  1  error findings, or more warnings than --max-warnings
  2  a usage error, or a failure of Blueprint itself (a rule crashed, a fixed
     file could not be written)
`;

const VALUE_OPTIONS = ['--format', '--profile', '--config', '--rule', '--max-warnings'] as const;
const FLAG_OPTIONS = ['--fix', '--quiet', '--color', '--no-color', '--help'] as const;
const SHORT: Record<string, string> = { '-f': '--format', '-c': '--config', '-q': '--quiet', '-h': '--help' };

/**
 * Parse `blueprint …` arguments (without node and the script). `knownRules` are
 * the registry's ids, so a misspelt `--rule` id is a usage error with a hint.
 */
export function parseArgs(argv: readonly string[], knownRules: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('no command given.', 'main');
  if (first === '-h' || first === '--help' || first === 'help') return { kind: 'help', topic: rest[0] === 'lint' || rest[0] === 'graph' || rest[0] === 'generate' ? rest[0] : 'main', ...(rest[0] === 'generate' && rest[1] ? { stack: rest[1] } : {}) };
  if (first === 'graph') return parseGraphArgs(rest);
  if (first === 'generate') return parseGenerateArgs(rest);
  if (first === '-v' || first === '--version') return { kind: 'version' };
  if (first !== 'lint') {
    if (first.startsWith('-')) throw new UsageError(`unknown option "${first}" (options come after the command: blueprint lint ${first} ...).`, 'main');
    throw new UsageError(`unknown command "${first}"${suggestion(first, ['lint', 'graph', 'generate'])}`, 'main');
  }
  return parseLint(rest, knownRules);
}

function parseLint(args: readonly string[], knownRules: readonly string[]): Command {
  if (args.includes('-v') || args.includes('--version')) return { kind: 'version' };
  const options: LintOptions = { paths: [], format: 'text', rules: {}, fix: false, quiet: false };
  const tokens = tokenizeOptions(args, { flags: [...FLAG_OPTIONS, '--version'], values: VALUE_OPTIONS, short: SHORT, topic: 'lint' });
  for (const t of tokens) {
    if (t.kind === 'path') options.paths.push(t.value);
    else if (t.kind === 'value') applyValueOption(options, t.name as (typeof VALUE_OPTIONS)[number], t.value, knownRules);
    else if (t.name === '--help') return { kind: 'help', topic: 'lint' };
    else if (t.name === '--fix') options.fix = true;
    else if (t.name === '--quiet') options.quiet = true;
    else if (t.name === '--color') options.color = true;
    else if (t.name === '--no-color') options.color = false;
  }
  if (options.paths.length === 0) options.paths.push('.');
  return { kind: 'lint', options };
}

function applyValueOption(options: LintOptions, name: (typeof VALUE_OPTIONS)[number], value: string, knownRules: readonly string[]): void {
  switch (name) {
    case '--format':
      if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`unknown format "${value}" (use ${oneOf(FORMATS)}).`);
      options.format = value as OutputFormat;
      return;
    case '--profile':
      if (!(PROFILES as readonly string[]).includes(value)) throw new UsageError(`unknown profile "${value}" (use ${oneOf(PROFILES)}).`);
      options.profile = value as ProfileName;
      return;
    case '--config':
      if (value === '') throw new UsageError('option --config needs a file.');
      options.config = value;
      return;
    case '--max-warnings':
      if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings expects a whole number of 0 or more, got "${value}".`);
      options.maxWarnings = Number(value);
      return;
    case '--rule': {
      const eq = value.lastIndexOf('=');
      const id = eq > 0 ? value.slice(0, eq).trim() : '';
      const setting = eq > 0 ? value.slice(eq + 1).trim() : '';
      if (!id || !(RULE_SETTINGS as readonly string[]).includes(setting)) {
        throw new UsageError(`--rule expects <id>=<${RULE_SETTINGS.join('|')}>, got "${value}".`);
      }
      if (!knownRules.includes(id)) throw new UsageError(`unknown rule "${id}"${suggestion(id, knownRules)}`);
      options.rules[id] = setting as RuleSetting;
      return;
    }
  }
}
