// Text edits that change a YAML document the way a person would: new keys go
// at the indentation of their siblings, in block or flow style as the mapping
// already is, missing parent mappings are created, the document's indentation
// step, sequence style and line breaks are kept, and comments and everything
// else stay byte-for-byte the same.
import { isCollection, isMap, isScalar, isSeq, Node, Pair, Scalar, stringify, YAMLMap, YAMLSeq } from 'yaml';
import { findPair, nodeAt, PathSegment, YamlDocument } from '../syntax/yaml';
import type { TextEdit } from '../types';

type Entries = Record<string, unknown>;

/** How a document is written, so inserted lines look like their neighbours. */
interface Style {
  eol: string;
  /** Columns between a key and the keys of its nested block mapping. */
  unit: number;
  /** Columns between a key and the `-` of its block sequence (0 for kubectl's `key:\n- item`). */
  seqIndent: number;
}

function isPlainObject(v: unknown): v is Entries {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Column of an offset inside the document's chunk. */
function columnOf(doc: YamlDocument, chunkOffset: number): number {
  let lineStart = doc.chunk.lastIndexOf('\n', chunkOffset - 1) + 1;
  // A byte order mark is no indentation: YAML ignores it, and so must new lines.
  if (doc.chunk.charCodeAt(lineStart) === 0xfeff && chunkOffset > lineStart) lineStart++;
  return chunkOffset - lineStart;
}

function styleOf(doc: YamlDocument): Style {
  const key = 'yaml-edit:style';
  const cached = doc.memo.get(key) as Style | undefined;
  if (cached) return cached;
  const style = detectStyle(doc);
  doc.memo.set(key, style);
  return style;
}

/** The first nested block mapping gives the indentation step, the first block sequence the sequence style. */
function detectStyle(doc: YamlDocument): Style {
  let unit = 0;
  let seqIndent = -1;
  const visit = (node: unknown, depth: number): void => {
    if ((unit && seqIndent >= 0) || depth > 40) return;
    if (isMap(node) && !node.flow) {
      for (const p of node.items as Pair<Node, Node | null>[]) {
        const k = p.key;
        const v = p.value;
        if (!k?.range) continue;
        const keyCol = keyColumnOf(doc, k);
        if (!unit && isMap(v) && !v.flow && v.items.length) {
          const first = (v.items[0] as Pair<Node>).key;
          const col = first?.range ? keyColumnOf(doc, first) : -1;
          if (col > keyCol) unit = col - keyCol;
        }
        if (seqIndent < 0 && isSeq(v) && !v.flow && v.range) {
          const col = columnOf(doc, v.range[0]);
          if (col >= keyCol) seqIndent = col - keyCol;
        }
        visit(v, depth + 1);
      }
    } else if (isSeq(node) && !node.flow) {
      for (const item of node.items) visit(item, depth + 1);
    }
  };
  visit(doc.doc.contents, 0);
  const step = unit >= 1 && unit <= 8 ? unit : 2;
  return {
    eol: doc.chunk.includes('\r\n') ? '\r\n' : '\n',
    unit: step,
    seqIndent: seqIndent >= 0 && seqIndent <= 8 ? seqIndent : step,
  };
}

/** Indentation step the document uses (distance between a key and its first child), default 2. */
export function indentUnit(doc: YamlDocument): number {
  return styleOf(doc).unit;
}

// ---- rendering -----------------------------------------------------------------------

/** A scalar as it reads in block context (quoted only when YAML needs it). */
function blockScalar(v: unknown): string {
  const text = stringify(v, { lineWidth: 0 }).replace(/\n$/, '');
  // Multi-line strings would become indented block scalars: a quoted string stays on one line.
  return text.includes('\n') ? JSON.stringify(String(v)) : text;
}

/** A scalar as it reads inside `[...]` or `{...}` (where `,` `[` `]` `{` `}` need quotes). */
function flowScalar(v: unknown): string {
  const text = stringify([v], { flow: true, flowCollectionPadding: false, lineWidth: 0 }).trim();
  return text.slice(1, -1);
}

/** A value in flow style the way people write it: `{ type: RuntimeDefault }`, `[ALL]`. */
function renderFlow(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(renderFlow).join(', ')}]`;
  if (isPlainObject(v)) {
    const entries = Object.entries(v);
    return entries.length ? `{ ${entries.map(([k, x]) => `${flowScalar(k)}: ${renderFlow(x)}`).join(', ')} }` : '{}';
  }
  return flowScalar(v);
}

function renderFlowEntries(entries: Entries): string {
  return Object.entries(entries)
    .map(([k, v]) => `${flowScalar(k)}: ${renderFlow(v)}`)
    .join(', ');
}

/** Values that can stay on the key's line in block style. */
function isInline(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) return Object.keys(v).length === 0;
  return true;
}

function inlineText(v: unknown): string {
  return Array.isArray(v) || isPlainObject(v) ? renderFlow(v) : blockScalar(v);
}

/** Block lines for mapping entries whose keys sit at `col`. */
function blockLines(entries: Entries, col: number, st: Style): string[] {
  const pad = ' '.repeat(col);
  const out: string[] = [];
  for (const [k, v] of Object.entries(entries)) {
    const key = blockScalar(k);
    if (isInline(v)) out.push(`${pad}${key}: ${inlineText(v)}`);
    else if (Array.isArray(v)) out.push(`${pad}${key}:`, ...seqLines(v, col + st.seqIndent, st));
    else out.push(`${pad}${key}:`, ...blockLines(v as Entries, col + st.unit, st));
  }
  return out;
}

/** Block lines for sequence items whose `-` sits at `col`. */
function seqLines(items: readonly unknown[], col: number, st: Style): string[] {
  const pad = ' '.repeat(col);
  const out: string[] = [];
  for (const item of items) {
    if (isPlainObject(item) && !isInline(item)) {
      const lines = blockLines(item, col + 2, st);
      out.push(`${pad}- ${lines[0].slice(col + 2)}`, ...lines.slice(1));
    } else {
      out.push(`${pad}- ${inlineText(item)}`);
    }
  }
  return out;
}

// ---- positions -----------------------------------------------------------------------

/** End (chunk offset) of the last visible character in [from, to), before trailing whitespace. */
function visibleEnd(doc: YamlDocument, from: number, to: number): number {
  let e = to;
  while (e > from && /\s/.test(doc.chunk[e - 1])) e--;
  return e;
}

/** The end of the line an offset is on (before its line break). */
function lineEndFrom(doc: YamlDocument, chunkOffset: number): number {
  const nl = doc.chunk.indexOf('\n', chunkOffset);
  const end = nl < 0 ? doc.chunk.length : nl;
  return doc.chunk[end - 1] === '\r' ? end - 1 : end;
}

/** The `:` after a key (only spaces between), or -1. */
function colonAfter(doc: YamlDocument, keyEnd: number): number {
  let i = keyEnd;
  while (doc.chunk[i] === ' ' || doc.chunk[i] === '\t') i++;
  return doc.chunk[i] === ':' ? i : -1;
}

/** Where to insert after the key's own line: after a trailing comment, before trailing spaces. */
function endOfKeyLine(doc: YamlDocument, colon: number): number {
  return visibleEnd(doc, colon + 1, lineEndFrom(doc, colon));
}

function hasSource(node: Node | null | undefined): node is Node & { range: [number, number, number] } {
  return !!node?.range && node.range[1] > node.range[0];
}

/** A node written only as properties (a tag or an anchor on an empty value): its empty range sits after them. */
function hasProps(node: Node | null | undefined): node is Node & { range: [number, number, number] } {
  return !!node?.range && !!(node.tag || node.anchor);
}

function edit(doc: YamlDocument, start: number, end: number, newText: string): TextEdit {
  return { start: start + doc.offset, end: end + doc.offset, newText };
}

/**
 * Column where a key is written: a tag or an anchor before it (`!Ref name:`, `&a key:`)
 * is part of it, but outside its range.
 */
function keyColumnOf(doc: YamlDocument, k: Node): number {
  if (!k.range) return 0;
  let start = k.range[0];
  if (k.tag || k.anchor) {
    const lineStart = doc.chunk.lastIndexOf('\n', start - 1) + 1;
    const props = /(?:[!&][^\s]*[ \t]+)+$/.exec(doc.chunk.slice(lineStart, start));
    if (props) start -= props[0].length;
  }
  return columnOf(doc, start);
}

/** Column of the keys of a block mapping (its first key's column). */
function keyColumn(doc: YamlDocument, map: YAMLMap): number {
  const k = (map.items[0] as Pair<Node>).key;
  return k?.range ? keyColumnOf(doc, k) : 0;
}

/** A block scalar that keeps its trailing blank lines (`|+`, `>+`): text inserted after it must not join them. */
function keepsTrailingLines(doc: YamlDocument, node: Node): boolean {
  if (!isScalar(node) || (node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED) || !node.range) return false;
  const header = doc.chunk.slice(node.range[0], lineEndFrom(doc, node.range[0]));
  return /^[|>][0-9]?\+/.test(header);
}

/**
 * The last node written inside a node: block collection ranges run on over the
 * comment lines that follow them, even ones that belong to the parent, so the
 * end of the content is the end of its last scalar (or flow collection).
 */
function lastLeaf(node: Node): Node | undefined {
  let cur: Node = node;
  for (let depth = 0; depth < 100; depth++) {
    if (isMap(cur) && !cur.flow && cur.items.length) {
      const p = cur.items[cur.items.length - 1] as Pair<Node, Node | null>;
      // An empty value with a tag or anchor (`key: !tag`) is written: its range starts after them.
      const next = hasSource(p.value) || hasProps(p.value) ? p.value : p.key;
      if (!next) return cur;
      cur = next;
    } else if (isSeq(cur) && !cur.flow && cur.items.length) {
      cur = cur.items[cur.items.length - 1] as Node;
    } else {
      return cur;
    }
  }
  return cur;
}

/**
 * Where new lines go after the last entry of a block collection whose entries
 * sit at `col`: after the entry's last line, its trailing comment and the
 * comment lines indented deeper than `col` (they belong to the entry's content).
 * A comment at `col` or shallower stays below the new lines. `lineStart` says the
 * offset is at the start of a line (new text ends with a line break) rather than
 * at a line end (new text starts with one).
 */
function afterLastEntry(doc: YamlDocument, collection: Node, last: Node, col: number): { at: number; lineStart: boolean } | undefined {
  const leaf = lastLeaf(last);
  if (!leaf?.range || !collection.range) return undefined;
  if (keepsTrailingLines(doc, leaf) && doc.chunk[leaf.range[1] - 1] === '\n') return { at: leaf.range[1], lineStart: true };
  let at = lineEndFrom(doc, visibleEnd(doc, collection.range[0], leaf.range[1]));
  for (;;) {
    const nl = doc.chunk.indexOf('\n', at);
    if (nl < 0) break;
    const next = doc.chunk.slice(nl + 1, lineEndFrom(doc, nl + 1));
    const m = /^( *)#/.exec(next);
    if (!m || m[1].length <= col) break;
    at = lineEndFrom(doc, nl + 1);
  }
  return { at, lineStart: false };
}

function insertLines(doc: YamlDocument, where: { at: number; lineStart: boolean }, lines: string[]): TextEdit {
  const { eol } = styleOf(doc);
  const text = lines.join(eol);
  return edit(doc, where.at, where.at, where.lineStart ? text + eol : eol + text);
}

// ---- edits ---------------------------------------------------------------------------

/**
 * Add entries to the mapping at `mapPath`, creating the mapping (and any missing
 * parents) when it does not exist. Keys that already exist are not touched; use
 * setValue for those. Returns no edit when something other than a mapping (a
 * scalar, a sequence) sits on the path: that needs a human.
 */
export function insertEntries(doc: YamlDocument, mapPath: readonly PathSegment[], entries: Entries): TextEdit[] {
  const root = doc.doc.contents;
  const target = nodeAt(root, mapPath);
  if (isMap(target)) return insertIntoMap(doc, target, entries);
  if (mapPath.length === 0) return [];
  const parentPath = mapPath.slice(0, -1);
  const key = mapPath[mapPath.length - 1];
  if (typeof key !== 'string') return [];
  const parent = nodeAt(root, parentPath);
  if (isMap(parent)) {
    const pair = findPair(parent, key);
    if (pair && (pair.value === null || (isScalar(pair.value) && pair.value.value === null))) {
      return fillEmptyPair(doc, parent, pair, entries);
    }
    if (pair) return [];
  }
  return insertEntries(doc, parentPath, { [key]: entries });
}

function insertIntoMap(doc: YamlDocument, map: YAMLMap, entries: Entries): TextEdit[] {
  const fresh: Entries = {};
  for (const [k, v] of Object.entries(entries)) if (!findPair(map, k)) fresh[k] = v;
  if (Object.keys(fresh).length === 0 || !map.range) return [];
  if (map.flow) {
    const close = doc.chunk.lastIndexOf('}', map.range[1]);
    if (close < map.range[0]) return [];
    const rendered = renderFlowEntries(fresh);
    if (doc.chunk.slice(map.range[0] + 1, close).trim() === '') return [edit(doc, map.range[0], close + 1, `{ ${rendered} }`)];
    const before = visibleEnd(doc, map.range[0] + 1, close);
    const sep = doc.chunk[before - 1] === ',' ? ' ' : ', ';
    return [edit(doc, before, before, `${sep}${rendered}`)];
  }
  const last = map.items[map.items.length - 1] as Pair<Node, Node | null>;
  const lastNode = hasSource(last.value) || hasProps(last.value) ? last.value : (last.key as Node | null);
  const col = keyColumn(doc, map);
  const where = lastNode && afterLastEntry(doc, map, lastNode, col);
  if (!where) return [];
  return [insertLines(doc, where, blockLines(fresh, col, styleOf(doc)))];
}

/** `key:` with no value (or `null`, `~`): put the entries under it. */
function fillEmptyPair(doc: YamlDocument, parent: YAMLMap, pair: Pair<Node, Node | null>, entries: Entries): TextEdit[] {
  const k = pair.key as Node;
  if (!k?.range) return [];
  const colon = colonAfter(doc, k.range[1]);
  const value = pair.value;
  if (parent.flow) {
    const stop = hasSource(value) ? value.range[1] : colon >= 0 ? colon + 1 : k.range[1];
    return [edit(doc, k.range[0], stop, `${doc.chunk.slice(k.range[0], k.range[1])}: { ${renderFlowEntries(entries)} }`)];
  }
  if (colon < 0) return [];
  const st = styleOf(doc);
  const text = st.eol + blockLines(entries, keyColumnOf(doc, k) + st.unit, st).join(st.eol);
  if (hasSource(value)) return [edit(doc, colon + 1, visibleEnd(doc, value.range[0], value.range[1]), text)];
  const at = endOfKeyLine(doc, colon);
  return [edit(doc, at, at, text)];
}

/**
 * Set the value at a path: replace it in place (keeping flow style in flow
 * collections), or insert the key (and missing parents) when it is absent. A
 * non-empty list or mapping in block context is written as a block under the key.
 */
export function setValue(doc: YamlDocument, path: readonly PathSegment[], value: unknown): TextEdit[] {
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  if (typeof key !== 'string') return [];
  const parent = nodeAt(doc.doc.contents, parentPath);
  const pair = isMap(parent) ? findPair(parent, key) : undefined;
  if (!isMap(parent) || !pair) return insertEntries(doc, parentPath, { [key]: value });
  const k = pair.key as Node;
  if (!k?.range) return [];
  const old = pair.value;
  const colon = colonAfter(doc, k.range[1]);
  const flowContext = parent.flow || (isCollection(old) && old.flow);
  if (flowContext || isInline(value)) {
    const text = parent.flow ? renderFlow(value) : inlineText(value);
    if (hasSource(old)) return [edit(doc, old.range[0], visibleEnd(doc, old.range[0], old.range[1]), text)];
    if (colon < 0) return [];
    return [edit(doc, colon + 1, colon + 1, ` ${text}`)];
  }
  if (colon < 0) return [];
  const st = styleOf(doc);
  const col = keyColumnOf(doc, k);
  const lines = Array.isArray(value) ? seqLines(value, col + st.seqIndent, st) : blockLines(value as Entries, col + st.unit, st);
  const text = st.eol + lines.join(st.eol);
  if (hasSource(old)) return [edit(doc, colon + 1, visibleEnd(doc, old.range[0], old.range[1]), text)];
  const at = endOfKeyLine(doc, colon);
  return [edit(doc, at, at, text)];
}

/**
 * Append an item to the sequence at `path` (`[a]` becomes `[a, b]`; a block
 * sequence gets a `- b` line at the column of its dashes). An absent or empty
 * value becomes a one-item sequence; anything else is left alone.
 */
export function appendToSequence(doc: YamlDocument, path: readonly PathSegment[], item: unknown): TextEdit[] {
  const node = nodeAt(doc.doc.contents, path);
  if (isSeq(node)) return appendToSeqNode(doc, node, item);
  if (node === undefined || (isScalar(node) && node.value === null)) return setValue(doc, path, [item]);
  return [];
}

function appendToSeqNode(doc: YamlDocument, seq: YAMLSeq, item: unknown): TextEdit[] {
  if (!seq.range) return [];
  if (seq.flow) {
    const close = doc.chunk.lastIndexOf(']', seq.range[1]);
    if (close < seq.range[0]) return [];
    if (doc.chunk.slice(seq.range[0] + 1, close).trim() === '') return [edit(doc, seq.range[0], close + 1, renderFlow([item]))];
    const before = visibleEnd(doc, seq.range[0] + 1, close);
    const sep = doc.chunk[before - 1] === ',' ? ' ' : ', ';
    return [edit(doc, before, before, `${sep}${renderFlow(item)}`)];
  }
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  const dashCol = columnOf(doc, seq.range[0]);
  const where = last && afterLastEntry(doc, seq, last, dashCol);
  if (!where) return [];
  return [insertLines(doc, where, seqLines([item], dashCol, styleOf(doc)))];
}

/** Remove a key and its value (whole lines in block style, the entry in flow style). */
export function removeKey(doc: YamlDocument, path: readonly PathSegment[]): TextEdit[] {
  const parent = nodeAt(doc.doc.contents, path.slice(0, -1));
  const key = path[path.length - 1];
  if (!isMap(parent) || typeof key !== 'string') return [];
  const pair = findPair(parent, key);
  const k = pair?.key as Node | undefined;
  if (!pair || !k?.range) return [];
  const valueEnd = pair.value?.range ? pair.value.range[1] : k.range[1];
  if (parent.flow) return removeFlowEntry(doc, parent, pair, k.range[0], visibleEnd(doc, k.range[0], valueEnd));
  const lineStart = doc.chunk.lastIndexOf('\n', k.range[0] - 1) + 1;
  const onlyIndentBefore = doc.chunk.slice(lineStart, k.range[0]).trim() === '';
  const end = lineEndFrom(doc, visibleEnd(doc, k.range[0], valueEnd));
  const nl = doc.chunk.indexOf('\n', end);
  const wholeLines = { start: lineStart, end: nl < 0 ? doc.chunk.length : nl + 1 };
  if (parent.items.length === 1) {
    // The only key: the owner becomes `owner: {}` so it stays a mapping.
    const ownerColon = onlyIndentBefore ? ownerColonOf(doc, path) : -1;
    if (ownerColon >= 0) return [edit(doc, ownerColon + 1, ownerColon + 1, ' {}'), edit(doc, wholeLines.start, wholeLines.end, '')];
    return [edit(doc, k.range[0], end, '{}')];
  }
  if (onlyIndentBefore) return [edit(doc, wholeLines.start, wholeLines.end, '')];
  // `- key: value` (first entry of a sequence item): the next key moves up onto the dash line.
  const next = parent.items[parent.items.indexOf(pair) + 1] as Pair<Node> | undefined;
  if (next?.key?.range) return [edit(doc, k.range[0], next.key.range[0], '')];
  return [edit(doc, k.range[0], end, '')];
}

/** The `:` of the block key that owns the mapping holding `path`'s last key, or -1. */
function ownerColonOf(doc: YamlDocument, path: readonly PathSegment[]): number {
  const ownerKey = path[path.length - 2];
  const owner = nodeAt(doc.doc.contents, path.slice(0, -2));
  if (typeof ownerKey !== 'string' || !isMap(owner) || owner.flow) return -1;
  const ownerPair = findPair(owner, ownerKey);
  const k = ownerPair?.key as Node | undefined;
  return k?.range ? colonAfter(doc, k.range[1]) : -1;
}

function removeFlowEntry(doc: YamlDocument, map: YAMLMap, pair: Pair<Node, Node | null>, start: number, end: number): TextEdit[] {
  const idx = map.items.indexOf(pair);
  if (map.items.length === 1 && map.range) {
    const close = doc.chunk.lastIndexOf('}', map.range[1]);
    return close > map.range[0] ? [edit(doc, map.range[0], close + 1, '{}')] : [];
  }
  if (idx < map.items.length - 1) {
    // Up to the next entry, so `{ a: 1, b: 2 }` becomes `{ b: 2 }`.
    const next = (map.items[idx + 1] as Pair<Node>).key;
    return next?.range ? [edit(doc, start, next.range[0], '')] : [];
  }
  // The last entry: from the comma before it.
  const comma = doc.chunk.lastIndexOf(',', start);
  return comma >= 0 ? [edit(doc, comma, end, '')] : [];
}

/** Replace a node's text (a scalar value) by a new scalar. */
export function replaceNode(doc: YamlDocument, node: Node, value: unknown): TextEdit[] {
  if (!node.range) return [];
  return [edit(doc, node.range[0], visibleEnd(doc, node.range[0], node.range[1]), flowScalar(value))];
}
