// The machine format of the CLI contract (version 1): zero-based LSP ranges,
// `file` as shown (relative to the cwd), `object` absent for file-level findings.
import type { Severity } from '../core/types';
import { LintReport, Range, rangeOf } from './report';

export interface JsonFinding {
  file: string;
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  object?: string;
  /** Titles of the quick fixes offered. */
  fixes: string[];
}

export interface JsonReport {
  version: 1;
  findings: JsonFinding[];
  /** Files read. */
  files: number;
}

export function toJsonReport(report: LintReport): JsonReport {
  return {
    version: 1,
    findings: report.findings.map((f) => ({
      file: f.file,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      range: rangeOf(report.sources.get(f.file), f.span),
      object: f.object,
      fixes: f.fixes.map((x) => x.title),
    })),
    files: report.filesRead,
  };
}

export function formatJson(report: LintReport): string {
  return JSON.stringify(toJsonReport(report), null, 2) + '\n';
}
