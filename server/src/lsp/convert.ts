// Core data (UTF-16 offsets, severities, findings) to LSP types.
import { join } from 'node:path';
import { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Range, TextEdit } from 'vscode-languageserver/node';
import { UNUSED_SUPPRESSION } from '../core/rules/engine';
import { ruleDocPath } from '../core/rules/rule';
import type { Finding, Severity, Span, TextEdit as CoreEdit } from '../core/types';
import { LineIndex } from '../core/types';
import { DIAGNOSTIC_SOURCE } from '../protocol';
import { fileUri } from './uris';

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.position(span.start), end: lines.position(span.end) };
}

export function toLspEdit(lines: LineIndex, edit: CoreEdit): TextEdit {
  return { range: toRange(lines, edit), newText: edit.newText };
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The `file:` URI of a rule's doc page shipped with the extension (docs/rules/<id>.md). */
export function ruleDocUri(extensionRoot: string, ruleId: string): string {
  return fileUri(join(extensionRoot, ...ruleDocPath(ruleId).split('/')));
}

/** What a diagnostic carries for code actions and other clients (`Diagnostic.data`). */
export interface DiagnosticData {
  ruleId: string;
  /** `Kind/namespace/name` of the object the finding is about. */
  object?: string;
  /** Titles of the finding's quick fixes, the first one preferred. */
  fixes: string[];
}

export interface ConvertContext {
  extensionRoot: string;
  /** Line index of another file of the project (for related information), if known. */
  linesOf(key: string): LineIndex | undefined;
  /** The URI to show for a Workspace key. */
  uriOf(key: string): string;
}

export function toDiagnostic(finding: Finding, lines: LineIndex, ctx: ConvertContext): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, fixes: finding.fixes.map((f) => f.title) };
  if (finding.object) data.object = finding.object;
  const d: Diagnostic = {
    range: toRange(lines, finding.span),
    severity: SEVERITIES[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocUri(ctx.extensionRoot, finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
  if (finding.ruleId === UNUSED_SUPPRESSION) d.tags = [DiagnosticTag.Unnecessary];
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of finding.related ?? []) {
    const rLines = r.file === finding.file ? lines : ctx.linesOf(r.file);
    if (!rLines) continue;
    related.push({ location: { uri: ctx.uriOf(r.file), range: toRange(rLines, r.span) }, message: r.message });
  }
  if (related.length) d.relatedInformation = related;
  return d;
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Whether two ranges share a position (touching counts, as an empty cursor range must match). */
export function rangesTouch(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
