// Suppressions, keyed by rule id:
//   # blueprint-disable-next-line <id>[, <id>] -- reason   (the next line)
//   # blueprint-disable <id>[, <id>] -- reason             (top of a YAML document: all of it)
//   metadata.annotations["blueprint.dev/ignore"]: "<id>,<id>" (the whole object)
// No ids means every rule. Each directive records which ids it used, so the
// unused ones can be reported (meta/unused-suppression).
import type { FileFacts } from '../model/workspace';
import { locate, pairOf } from '../model/k8s';
import type { Finding, Span } from '../types';
import { LineIndex } from '../types';

export const IGNORE_ANNOTATION = 'blueprint.dev/ignore';

export interface Suppression {
  kind: 'next-line' | 'document' | 'annotation';
  /** Rule ids; empty means all rules. */
  ids: string[];
  /** Where the directive is written (for unused reports). */
  span: Span;
  /** Findings starting inside [from, to) are covered. */
  from: number;
  to: number;
  used: Set<string>;
}

const DIRECTIVE = /^[ \t]*#[ \t]*blueprint-disable(-next-line)?(?=[ \t]|$)([^\n\r]*)/gm;
/** HCL also has `//` line comments. */
const HCL_DIRECTIVE = /^[ \t]*(?:#|\/\/)[ \t]*blueprint-disable(-next-line)?(?=[ \t]|$)([^\n\r]*)/gm;

function parseIds(rest: string): string[] {
  const beforeReason = rest.split(/[ \t]--[ \t]|[ \t]--$/)[0];
  return beforeReason.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

export function collectSuppressions(file: FileFacts): Suppression[] {
  const out: Suppression[] = [];
  const text = file.text;
  if (!text.includes('blueprint-disable') && !text.includes(IGNORE_ANNOTATION)) return out;
  const lines = new LineIndex(text);
  const directive = file.kind === 'terraform' ? HCL_DIRECTIVE : DIRECTIVE;
  directive.lastIndex = 0;
  for (let m = directive.exec(text); m; m = directive.exec(text)) {
    const start = m.index + m[0].length - m[0].trimStart().length;
    const span = { start, end: m.index + m[0].length };
    const ids = parseIds(m[2]);
    if (m[1]) {
      const line = lines.position(start).line + 1;
      if (line >= lines.lineCount) continue;
      out.push({ kind: 'next-line', ids, span, from: lines.offset(line, 0), to: lines.lineEnd(line) + 1, used: new Set() });
    } else {
      // Applies to the YAML document it heads: from here to the document's end.
      const doc = file.yaml?.documents.find((d) => d.offset <= start && start < d.offset + d.chunk.length);
      const to = doc ? doc.offset + doc.chunk.length : text.length;
      out.push({ kind: 'document', ids, span, from: doc ? doc.offset : start, to, used: new Set() });
    }
  }
  for (const obj of file.objects) {
    const raw = obj.annotations[IGNORE_ANNOTATION];
    if (raw === undefined) continue;
    const pair = pairOf(obj, ['metadata', 'annotations', IGNORE_ANNOTATION]);
    const span = pair ? locate(obj, ['metadata', 'annotations', IGNORE_ANNOTATION]) : locate(obj, ['metadata']);
    out.push({
      kind: 'annotation',
      ids: parseIds(raw.replace(/,/g, ' ')),
      span,
      from: obj.doc.offset,
      to: obj.doc.offset + obj.doc.chunk.length,
      used: new Set(),
    });
  }
  return out;
}

/** Drop suppressed findings, marking the suppressions that were used. */
export function applySuppressions(findings: Finding[], suppressions: Suppression[]): Finding[] {
  if (suppressions.length === 0) return findings;
  return findings.filter((f) => {
    let suppressed = false;
    for (const s of suppressions) {
      if (f.span.start < s.from || f.span.start >= s.to) continue;
      if (s.ids.length === 0) {
        s.used.add('*');
        suppressed = true;
      } else if (s.ids.includes(f.ruleId)) {
        s.used.add(f.ruleId);
        suppressed = true;
      }
    }
    return !suppressed;
  });
}

/** Directives (or ids in them) that suppressed nothing. */
export function unusedSuppressions(suppressions: Suppression[]): { span: Span; ids: string[]; kind: Suppression['kind'] }[] {
  const out: { span: Span; ids: string[]; kind: Suppression['kind'] }[] = [];
  for (const s of suppressions) {
    if (s.ids.length === 0) {
      if (s.used.size === 0) out.push({ span: s.span, ids: [], kind: s.kind });
      continue;
    }
    const unused = s.ids.filter((id) => !s.used.has(id));
    if (unused.length) out.push({ span: s.span, ids: unused, kind: s.kind });
  }
  return out;
}
