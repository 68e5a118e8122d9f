// What one `blueprint lint` run produced, in the shape every formatter reads:
// findings keyed by display paths, the text they point into, and what went
// wrong on the way (skipped files, rules that threw, files that could not be written).
import type { AnyRule } from '../core/rules/rule';
import type { RuleError } from '../core/rules/engine';
import { Finding, LineIndex, Severity, Span } from '../core/types';

export interface Position {
  /** Zero-based line. */
  line: number;
  /** Zero-based UTF-16 column (as in LSP). */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface EnabledRule {
  rule: AnyRule;
  /** Severity in this run (profile, config and --rule applied). */
  severity: Severity;
}

export interface LintReport {
  /** Absolute folder display paths are relative to. */
  cwd: string;
  /** Sorted by file (in walk order), then by position. `file` is the display path. */
  findings: Finding[];
  /** Line index of each file's final (post-fix) text, by display path. */
  sources: ReadonlyMap<string, LineIndex>;
  /** Files read from disk (including ones the core then did not analyse: binary, template). */
  filesRead: number;
  /** Files read and analysed: filesRead less the binary and template ones. */
  filesLinted: number;
  /** Files not analysed, with why: unreadable, too large, binary, template. */
  skipped: SkippedFile[];
  ruleErrors: RuleError[];
  /** Files --fix could not write back. */
  writeErrors: SkippedFile[];
  fixed: { fixes: number; files: string[] };
  rules: EnabledRule[];
  /** The profile in effect; `detected` when the configuration named none and the workspace's content chose it. */
  profile?: { name: string; detected: boolean };
}

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
  hint: number;
}

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Zero-based range of a span, or of line 0 when the file text is unknown. */
export function rangeOf(lines: LineIndex | undefined, span: Span): Range {
  if (!lines) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { start: lines.position(span.start), end: lines.position(span.end) };
}

/**
 * The exit code the CLI contract promises: 2 when Blueprint itself failed (a rule
 * threw, a fixed file could not be written), 1 when an error-severity finding is
 * left or warnings exceed `maxWarnings`, else 0.
 */
export function exitCodeOf(report: LintReport, maxWarnings?: number): 0 | 1 | 2 {
  if (report.ruleErrors.length > 0 || report.writeErrors.length > 0) return 2;
  const counts = countBySeverity(report.findings);
  if (counts.error > 0) return 1;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) return 1;
  return 0;
}
