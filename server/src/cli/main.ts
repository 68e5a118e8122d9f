// `blueprint` without the process around it: arguments and an IO object in, an
// exit code out, so it can be driven in-process as well as from bin/blueprint.js.
import { version } from '../../../package.json';
import { RULES } from '../core/rules/registry';
import type { AnyRule } from '../core/rules/rule';
import { Command, LINT_HELP, LintOptions, MAIN_HELP, parseArgs, UsageError } from './args';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { runLint } from './lint';
import { GRAPH_HELP } from './graph-args';
import { graph } from './graph';
import { generate } from './generate';
import { generateHelp } from './generate-args';
import { stackGenerator } from '../core/generate';
import { exitCodeOf, LintReport } from './report';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colors in text output). */
  stdoutIsTTY: boolean;
}

export const VERSION: string = version;

/** Run `blueprint <argv>`; `rules` is the registry (tests pass their own). */
export function main(argv: readonly string[], io: CliIO, rules: readonly AnyRule[] = RULES): number | Promise<number> {
  if (argv.length === 0) {
    io.stderr(MAIN_HELP);
    return 2;
  }
  let command: Command;
  try {
    command = parseArgs(argv, rules.map((r) => r.id));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`blueprint: ${e.message}\nRun "blueprint ${e.topic === 'main' ? '' : `${e.topic} `}--help" for usage.\n`);
    return 2;
  }
  switch (command.kind) {
    case 'help':
      io.stdout(command.topic === 'lint' ? LINT_HELP : command.topic === 'graph' ? GRAPH_HELP : command.topic === 'generate' ? generateHelp(command.stack ? stackGenerator(command.stack) : undefined) : MAIN_HELP);
      return 0;
    case 'version':
      io.stdout(`${VERSION}\n`);
      return 0;
    case 'lint':
      return lint(command.options, io, rules);
    case 'graph':
      return graph(command.options, io, rules);
    case 'generate':
      return generate(command.options, io);
  }
}

function lint(options: LintOptions, io: CliIO, rules: readonly AnyRule[]): number {
  let report: LintReport;
  try {
    report = runLint(options, io.cwd, rules);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`blueprint: ${e.message}\n`);
      return 2;
    }
    const err = e as Error;
    io.stderr(`blueprint: internal error: ${err?.stack ?? String(e)}\n`);
    return 2;
  }
  reportProblems(report, options, io);
  switch (options.format) {
    case 'json':
      io.stdout(formatJson(report));
      break;
    case 'sarif':
      io.stdout(formatSarif(report, { version: VERSION }));
      break;
    case 'text':
      io.stdout(formatText(report, { color: useColor(options, io), maxWarnings: options.maxWarnings }));
      break;
  }
  return exitCodeOf(report, options.maxWarnings);
}

/** What is not a finding goes to stderr, whatever the format: skipped files, crashed rules, failed writes. */
function reportProblems(report: LintReport, options: LintOptions, io: CliIO): void {
  for (const s of report.skipped) io.stderr(`blueprint: skipped ${s.file}: ${s.reason}\n`);
  const byRule = new Map<string, typeof report.ruleErrors>();
  for (const e of report.ruleErrors) byRule.set(e.ruleId, [...(byRule.get(e.ruleId) ?? []), e]);
  for (const [ruleId, errors] of byRule) {
    const e = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    io.stderr(`blueprint: rule ${ruleId} crashed on ${e.file}${e.object ? ` (${e.object})` : ''}: ${e.message}${more}. Its findings are missing; please report this.\n`);
  }
  for (const w of report.writeErrors) io.stderr(`blueprint: could not write the fixed ${w.file}: ${w.reason}\n`);
  if (options.format !== 'text' && report.fixed.fixes > 0) {
    io.stderr(`blueprint: fixed ${report.fixed.fixes} problem(s) in ${report.fixed.files.length} file(s).\n`);
  }
}

function useColor(options: LintOptions, io: CliIO): boolean {
  if (options.color !== undefined) return options.color;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return io.stdoutIsTTY && io.env.TERM !== 'dumb';
}
