// HCL edits that keep the file's style: a value replaced in place, new attributes
// at the indentation of their siblings (with `=` aligned like `terraform fmt` when
// the neighbouring attribute is), new nested blocks after the existing content,
// the file's line endings. Nothing else is touched. Blocks that are not closed
// (being typed) get no edits.
import type { HclAttribute, HclBlock } from '../syntax/hcl';
import type { TextEdit } from '../types';

export type HclScalar = string | number | boolean;
/** An attribute to write: its name and its value (`raw` for an expression written as is). */
export type HclEntry = [name: string, value: HclScalar | { raw: string }];

/** A literal as HCL source: strings quoted, numbers and bools bare. */
export function hclLiteral(v: HclScalar | { raw: string }): string {
  if (typeof v === 'object') return v.raw;
  if (typeof v === 'string') return JSON.stringify(v).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
  return String(v);
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n') i--;
  return i;
}

function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The whitespace before `offset` on its line, or undefined when other text precedes it. */
function indentAt(text: string, offset: number): string | undefined {
  const before = text.slice(lineStart(text, offset), offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/** Indentation of a block's own line (of its type keyword). */
function blockIndent(text: string, block: HclBlock): string {
  return indentAt(text, block.typeSpan.start) ?? /^[ \t]*/.exec(text.slice(lineStart(text, block.typeSpan.start)))![0];
}

/** Indentation of the block's body: its first item's, else the block's plus one step. */
function bodyIndent(text: string, block: HclBlock): { indent: string; unit: string } {
  const outer = blockIndent(text, block);
  for (const item of block.body) {
    const start = item.type === 'attribute' ? item.span.start : item.typeSpan.start;
    const ind = indentAt(text, start);
    if (ind !== undefined && ind.length > outer.length) return { indent: ind, unit: ind.slice(outer.length) };
  }
  const unit = outer.includes('\t') ? '\t' : '  ';
  return { indent: outer + unit, unit };
}

/** Replace an attribute's value. */
export function setAttribute(attr: HclAttribute, value: HclScalar | { raw: string }): TextEdit[] {
  return [{ start: attr.value.span.start, end: attr.value.span.end, newText: hclLiteral(value) }];
}

/** Lines `name = value` at `indent`, `=` at column `eqColumn` when given (and reachable). */
function attributeLines(entries: readonly HclEntry[], indent: string, eol: string, eqColumn?: number): string {
  const longest = Math.max(...entries.map(([n]) => n.length));
  const width = eqColumn !== undefined && eqColumn - indent.length - 1 >= longest ? eqColumn - indent.length - 1 : entries.length > 1 ? longest : 0;
  return entries.map(([n, v]) => `${indent}${n.padEnd(width)} = ${hclLiteral(v)}`).join(eol);
}

/** Column of the `=` of a single-line attribute, if the attribute sits alone on its line. */
function eqColumnOf(text: string, a: HclAttribute): number | undefined {
  if (text.slice(a.span.start, a.span.end).includes('\n')) return undefined;
  const ls = lineStart(text, a.span.start);
  const eq = text.indexOf('=', a.nameSpan.end);
  return eq < 0 ? undefined : eq - ls;
}

/**
 * Insert attributes into a block: after its leading attributes (before the
 * nested blocks), at their indentation, `=` aligned with the attribute above
 * when it fits.
 */
export function insertAttributes(text: string, block: HclBlock, entries: readonly HclEntry[]): TextEdit[] {
  if (block.open === undefined || block.close === undefined || entries.length === 0) return [];
  const eol = eolOf(text);
  const { indent } = bodyIndent(text, block);
  const firstBlock = block.body.findIndex((i) => i.type === 'block');
  const leading = (firstBlock < 0 ? block.body : block.body.slice(0, firstBlock)).filter((i): i is HclAttribute => i.type === 'attribute');
  const attrs = leading.length ? leading : block.body.filter((i): i is HclAttribute => i.type === 'attribute');
  const last = attrs[attrs.length - 1];
  if (last) {
    const at = lineEnd(text, last.span.end);
    if (at > block.close) return sameLineClose(text, block, attributeLines(entries, indent, eol));
    // `=` aligned with the group above when the names fit; else a group of their own
    // (a blank line first), so that `terraform fmt` has nothing to change either way.
    const eq = eqColumnOf(text, last);
    const longest = Math.max(...entries.map(([n]) => n.length));
    const fits = eq === undefined || indent.length + longest + 1 <= eq;
    return [{ start: at, end: at, newText: eol + (fits ? '' : eol) + attributeLines(entries, indent, eol, fits ? eq : undefined) }];
  }
  const first = block.body[0];
  if (first) {
    const at = lineStart(text, first.type === 'attribute' ? first.span.start : first.typeSpan.start);
    return [{ start: at, end: at, newText: attributeLines(entries, indent, eol) + eol + eol }];
  }
  return emptyBodyInsert(text, block, attributeLines(entries, indent, eol));
}

/** Content before a `}` that shares its line with the body (`{ a = 1 }`): on lines of its own. */
function sameLineClose(text: string, block: HclBlock, content: string): TextEdit[] {
  const eol = eolOf(text);
  let at = block.close!;
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  return [{ start: at, end: block.close!, newText: eol + content + eol + blockIndent(text, block) }];
}

/** Text into a block with an empty body: `{}` on one line is opened up. */
function emptyBodyInsert(text: string, block: HclBlock, content: string): TextEdit[] {
  const eol = eolOf(text);
  const open = block.open!;
  const close = block.close!;
  if (!text.slice(open, close).includes('\n')) {
    return [{ start: open + 1, end: close, newText: eol + content + eol + blockIndent(text, block) }];
  }
  const at = lineStart(text, close);
  if (indentAt(text, close) === undefined) return [{ start: close, end: close, newText: eol + content + eol + blockIndent(text, block) }];
  return [{ start: at, end: at, newText: content + eol }];
}

/** Insert a nested block `type { entries }` at the end of a block's body, after a blank line. */
export function insertBlock(text: string, parent: HclBlock, type: string, entries: readonly HclEntry[]): TextEdit[] {
  if (parent.open === undefined || parent.close === undefined) return [];
  const eol = eolOf(text);
  const { indent, unit } = bodyIndent(text, parent);
  const blockText = `${indent}${type} {${eol}${attributeLines(entries, indent + unit, eol)}${eol}${indent}}`;
  const lastItem = parent.body[parent.body.length - 1];
  if (lastItem) {
    const at = lineEnd(text, lastItem.span.end);
    if (at > parent.close) return sameLineClose(text, parent, blockText);
    return [{ start: at, end: at, newText: eol + eol + blockText }];
  }
  return emptyBodyInsert(text, parent, blockText);
}

/** Set an attribute when present, else insert it. */
export function setOrInsert(text: string, block: HclBlock, attr: HclAttribute | undefined, name: string, value: HclScalar | { raw: string }): TextEdit[] {
  return attr ? setAttribute(attr, value) : insertAttributes(text, block, [[name, value]]);
}
