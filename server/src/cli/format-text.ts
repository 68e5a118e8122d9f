// The human format: `path:line:col  severity  message  [rule-id]` (1-based), one
// line per finding, files separated by a blank line, a summary at the end. The
// `path:line:col` prefix is what terminals and editors turn into links.
import type { Severity } from '../core/types';
import { countBySeverity, LintReport, rangeOf } from './report';

export interface TextOptions {
  color: boolean;
  maxWarnings?: number;
}

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', blue: '\x1b[34m' };
type Style = keyof typeof ANSI;

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'dim' };

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export function formatText(report: LintReport, options: TextOptions): string {
  const paint = (style: Style, s: string) => (options.color ? `${ANSI[style]}${s}${ANSI.reset}` : s);
  const out: string[] = [];
  let previousFile: string | undefined;
  for (const f of report.findings) {
    if (previousFile !== undefined && f.file !== previousFile) out.push('');
    previousFile = f.file;
    const { start } = rangeOf(report.sources.get(f.file), f.span);
    const where = `${f.file}:${start.line + 1}:${start.character + 1}`;
    out.push(`${where}  ${paint(SEVERITY_STYLE[f.severity], f.severity)}  ${f.message}  ${paint('dim', `[${f.ruleId}]`)}`);
  }
  if (report.findings.length > 0) out.push('');
  if (report.fixed.fixes > 0) out.push(`Fixed ${plural(report.fixed.fixes, 'problem')} in ${plural(report.fixed.files.length, 'file')}.`);
  out.push(summaryLine(report, paint));
  if (report.profile?.detected) {
    out.push(paint('dim', `Profile ${report.profile.name}: detected (a Flux clusters/ layout deploying Drupal); set "profile" in .blueprint.yaml or --profile to choose another.`));
  }
  const warnings = countBySeverity(report.findings).warning;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    out.push(paint('yellow', `Too many warnings: ${warnings}, more than --max-warnings ${options.maxWarnings}.`));
  }
  return out.join('\n') + '\n';
}

function summaryLine(report: LintReport, paint: (style: Style, s: string) => string): string {
  const files = plural(report.filesLinted, 'file');
  const skipped = report.skipped.length > 0 ? `; ${report.skipped.length} skipped` : '';
  if (report.findings.length === 0) return paint('green', `No problems in ${files}${skipped}.`);
  const c = countBySeverity(report.findings);
  const parts = [plural(c.error, 'error'), plural(c.warning, 'warning')];
  if (c.info > 0) parts.push(`${c.info} info`);
  if (c.hint > 0) parts.push(plural(c.hint, 'hint'));
  const withProblems = new Set(report.findings.map((f) => f.file)).size;
  const line = `${plural(report.findings.length, 'problem')} (${parts.join(', ')}) in ${withProblems} of ${files}${skipped}.`;
  return paint(c.error > 0 ? 'red' : c.warning > 0 ? 'yellow' : 'bold', line);
}
