// textDocument/hover on a finding: the documentation of its rule.
import { Hover, MarkupKind, Position } from 'vscode-languageserver/node';
import { ruleById } from '../core/rules/registry';
import type { Finding } from '../core/types';
import { ruleDocUri, toRange } from './convert';
import type { FileResult } from './session';

/** The character at `offset` is inside the finding (an empty span counts at its start). */
function covers(f: Finding, offset: number): boolean {
  return offset >= f.span.start && (offset < f.span.end || offset === f.span.start);
}

/** Markdown documentation of a rule as configured (its effective severity). */
export function ruleHoverMarkdown(ruleId: string, severity: string, extensionRoot: string): string {
  const rule = ruleById(ruleId);
  const parts = [`**${ruleId}** · ${severity}${rule ? ` · ${rule.category}` : ''}`];
  if (rule) {
    parts.push(rule.docs);
    if (rule.details) parts.push(rule.details);
  }
  parts.push(`Disable with \`# blueprint-disable-next-line ${ruleId}\``);
  parts.push(`[Rule documentation](${ruleDocUri(extensionRoot, ruleId)})`);
  return parts.join('\n\n');
}

export function hover(result: FileResult, position: Position, extensionRoot: string): Hover | null {
  const offset = result.lines.offset(position.line, position.character);
  const hits = result.findings.filter((f) => covers(f, offset));
  if (hits.length === 0) return null;
  const seen = new Set<string>();
  const sections: string[] = [];
  for (const f of hits) {
    if (seen.has(f.ruleId)) continue;
    seen.add(f.ruleId);
    sections.push(ruleHoverMarkdown(f.ruleId, f.severity, extensionRoot));
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') },
    range: toRange(result.lines, hits[0].span),
  };
}
