// The edits of the "Disable <rule> for this line / for the entire document" code
// actions: a suppression comment, or the rule id appended to one that is
// already there (see core/rules/suppress.ts for how they are read).
import type { FileFacts } from '../core/model/workspace';
import { LineIndex, type TextEdit } from '../core/types';

/** `//` is an HCL comment too (in YAML the line would not be a directive, so it never matches there in practice). */
const NEXT_LINE_DIRECTIVE = /^[ \t]*(?:#|\/\/)[ \t]*blueprint-disable-next-line(?=[ \t]|$)/;
const DOCUMENT_DIRECTIVE = /^[ \t]*#[ \t]*blueprint-disable(?=[ \t]|$)/;
/** ` -- reason` after the rule ids. */
const REASON = /[ \t]--(?:[ \t]|$)/;

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * If the line [start, end) is a directive matching `directive`, the edit that adds
 * `ruleId` to it ({} when it already covers the rule); undefined when it is not one.
 */
function addToDirective(text: string, start: number, end: number, directive: RegExp, ruleId: string): { edit?: TextEdit } | undefined {
  const line = text.slice(start, end);
  const m = directive.exec(line);
  if (!m) return undefined;
  const rest = line.slice(m[0].length);
  const reason = REASON.exec(rest);
  const idsPart = reason ? rest.slice(0, reason.index) : rest;
  const ids = idsPart.split(/[\s,]+/).filter(Boolean);
  // No ids means every rule, so the rule is already covered.
  if (ids.length === 0 || ids.includes(ruleId)) return {};
  const at = start + m[0].length + idsPart.trimEnd().length;
  return { edit: { start: at, end: at, newText: `, ${ruleId}` } };
}

/** `# blueprint-disable-next-line <ruleId>` above the line holding `offset`, at its indentation. */
export function disableLineEdit(text: string, offset: number, ruleId: string): TextEdit | undefined {
  const lines = new LineIndex(text);
  const line = lines.position(offset).line;
  const lineStart = lines.offset(line, 0);
  if (line > 0) {
    const existing = addToDirective(text, lines.offset(line - 1, 0), lines.lineEnd(line - 1), NEXT_LINE_DIRECTIVE, ruleId);
    if (existing) return existing.edit;
  }
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lines.lineEnd(line)))![0];
  return { start: lineStart, end: lineStart, newText: `${indent}# blueprint-disable-next-line ${ruleId}${eolOf(text)}` };
}

/** `# blueprint-disable <ruleId>` at the top of the YAML document holding `offset`, after its `---`. */
export function disableDocumentEdit(file: FileFacts, offset: number, ruleId: string): TextEdit | undefined {
  const docs = file.yaml?.documents ?? [];
  // The document whose text holds the offset (as the suppression code finds it).
  const doc = docs.find((d) => d.offset <= offset && offset < d.offset + d.chunk.length) ?? [...docs].reverse().find((d) => d.offset <= offset);
  if (!doc) return undefined;
  const text = file.text;
  const eol = eolOf(text);
  const directive = `# blueprint-disable ${ruleId}`;
  let top = doc.offset;
  if (/^---(?=[ \t]|\r?\n|$)/.test(doc.chunk)) {
    const nl = doc.chunk.indexOf('\n');
    if (nl < 0) {
      const end = doc.offset + doc.chunk.length;
      return { start: end, end, newText: eol + directive };
    }
    top = doc.offset + nl + 1;
  }
  const lines = new LineIndex(text);
  const topLine = lines.position(top).line;
  const existing = addToDirective(text, top, lines.lineEnd(topLine), DOCUMENT_DIRECTIVE, ruleId);
  if (existing) return existing.edit;
  return { start: top, end: top, newText: directive + eol };
}
