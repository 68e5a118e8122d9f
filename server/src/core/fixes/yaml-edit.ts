// Text edits that change a YAML document the way a person would: new keys go
// at the indentation of their siblings, in block or flow style as the mapping
// already is, missing parent mappings are created, comments and everything
// else stay byte-for-byte the same.
import { isMap, isScalar, isSeq, Node, Pair, stringify, YAMLMap } from 'yaml';
import { findPair, nodeAt, PathSegment, YamlDocument } from '../syntax/yaml';
import type { TextEdit } from '../types';

type Entries = Record<string, unknown>;

function eolOf(doc: YamlDocument): string {
  return doc.chunk.includes('\r\n') ? '\r\n' : '\n';
}

/** Column of an offset inside the document's chunk. */
function columnOf(doc: YamlDocument, chunkOffset: number): number {
  const lineStart = doc.chunk.lastIndexOf('\n', chunkOffset - 1) + 1;
  return chunkOffset - lineStart;
}

/** Indentation step the document uses (distance between a key and its first child), default 2. */
export function indentUnit(doc: YamlDocument): number {
  let found = 0;
  const visit = (node: unknown, parentCol: number, depth: number): void => {
    if (found || depth > 6) return;
    if (isMap(node) && node.items.length && !node.flow) {
      const k = (node.items[0] as Pair<Node>).key;
      const col = k?.range ? columnOf(doc, k.range[0]) : -1;
      if (parentCol >= 0 && col > parentCol) {
        found = col - parentCol;
        return;
      }
      for (const p of node.items as Pair<Node, Node>[]) {
        const pc = p.key?.range ? columnOf(doc, p.key.range[0]) : -1;
        if (isMap(p.value)) visit(p.value, pc, depth + 1);
      }
    }
  };
  visit(doc.doc.contents, -1, 0);
  return found >= 1 && found <= 8 ? found : 2;
}

/** Render entries as block YAML lines at an indentation. */
function renderBlock(entries: Entries, indent: number, unit: number, eol: string): string {
  const text = stringify(entries, { indent: unit, lineWidth: 0, indentSeq: true }).replace(/\n$/, '');
  const pad = ' '.repeat(indent);
  return text.split('\n').map((l) => (l.length ? pad + l : l)).join(eol);
}

/** Render entries as `k: v, k2: v2` in flow style. */
function renderFlowEntries(entries: Entries): string {
  return Object.entries(entries)
    .map(([k, v]) => `${k}: ${stringify(v, { flow: true, lineWidth: 0 }).trim()}`)
    .join(', ');
}

/** End (chunk offset) of the last visible character of a node, before trailing whitespace. */
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

function edit(doc: YamlDocument, start: number, end: number, newText: string): TextEdit {
  return { start: start + doc.offset, end: end + doc.offset, newText };
}

/** Column of the keys of a block mapping (its first key's column). */
function keyColumn(doc: YamlDocument, map: YAMLMap): number {
  const k = (map.items[0] as Pair<Node>).key;
  return k?.range ? columnOf(doc, k.range[0]) : 0;
}

/**
 * Add entries to the mapping at `mapPath`, creating the mapping (and any missing
 * parents) when it does not exist. Keys that already exist are not touched; use
 * setValue for those.
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
    if (pair) return []; // a scalar or sequence sits where a mapping should: leave it to a human
  }
  return insertEntries(doc, parentPath, { [key]: entries });
}

function insertIntoMap(doc: YamlDocument, map: YAMLMap, entries: Entries): TextEdit[] {
  const fresh: Entries = {};
  for (const [k, v] of Object.entries(entries)) if (!findPair(map, k)) fresh[k] = v;
  if (Object.keys(fresh).length === 0) return [];
  const range = map.range;
  if (!range) return [];
  if (map.flow) {
    const close = doc.chunk.lastIndexOf('}', range[1]);
    if (close < 0) return [];
    const inner = doc.chunk.slice(range[0] + 1, close);
    const rendered = renderFlowEntries(fresh);
    if (inner.trim() === '') return [edit(doc, range[0], close + 1, `{ ${rendered} }`)];
    const before = visibleEnd(doc, range[0] + 1, close);
    const sep = doc.chunk[before - 1] === ',' ? ' ' : ', ';
    return [edit(doc, before, before, `${sep}${rendered}`)];
  }
  const last = map.items[map.items.length - 1] as Pair<Node, Node | null>;
  const lastNode = (last.value ?? last.key) as Node | null;
  if (!lastNode?.range) return [];
  const end = lineEndFrom(doc, visibleEnd(doc, range[0], lastNode.range[1]));
  const eol = eolOf(doc);
  return [edit(doc, end, end, eol + renderBlock(fresh, keyColumn(doc, map), indentUnit(doc), eol))];
}

/** `key:` with no value: put the entries under it as a block. */
function fillEmptyPair(doc: YamlDocument, parent: YAMLMap, pair: Pair<Node, Node | null>, entries: Entries): TextEdit[] {
  const k = pair.key as Node;
  if (!k?.range) return [];
  const eol = eolOf(doc);
  if (parent.flow) {
    const start = k.range[0];
    const end = pair.value?.range ? pair.value.range[1] : k.range[1];
    const after = doc.chunk.indexOf(':', k.range[1]);
    const stop = Math.max(end, after + 1);
    return [edit(doc, start, stop, `${doc.chunk.slice(k.range[0], k.range[1])}: { ${renderFlowEntries(entries)} }`)];
  }
  const colon = doc.chunk.indexOf(':', k.range[1]);
  const valueEnd = pair.value?.range ? pair.value.range[1] : colon + 1;
  const end = Math.max(colon + 1, visibleEnd(doc, colon + 1, valueEnd));
  const indent = columnOf(doc, k.range[0]) + indentUnit(doc);
  return [edit(doc, colon + 1, end, eol + renderBlock(entries, indent, indentUnit(doc), eol))];
}

/** Set a scalar at a path: replace the value in place, or insert the key. */
export function setValue(doc: YamlDocument, path: readonly PathSegment[], value: unknown): TextEdit[] {
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  if (typeof key !== 'string') return [];
  const parent = nodeAt(doc.doc.contents, parentPath);
  const pair = isMap(parent) ? findPair(parent, key) : undefined;
  if (pair?.value?.range) {
    const r = pair.value.range;
    const inFlow = isMap(parent) && parent.flow;
    const text = stringify(value, { flow: inFlow || isSeq(pair.value) && (pair.value as { flow?: boolean }).flow, lineWidth: 0 }).replace(/\n$/, '');
    if (!text.includes('\n')) return [edit(doc, r[0], visibleEnd(doc, r[0], r[1]), text)];
    return [...removeKey(doc, path), ...insertEntries(doc, parentPath, { [key]: value })];
  }
  return insertEntries(doc, parentPath, { [key]: value });
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
  if (parent.flow) {
    const idx = parent.items.indexOf(pair);
    let start = k.range[0];
    let end = visibleEnd(doc, start, valueEnd);
    if (idx < parent.items.length - 1) {
      const comma = doc.chunk.indexOf(',', end);
      end = comma + 1;
      while (doc.chunk[end] === ' ') end++;
    } else if (idx > 0) {
      const comma = doc.chunk.lastIndexOf(',', start);
      start = comma;
    }
    return [edit(doc, start, end, '')];
  }
  if (parent.items.length === 1) {
    // The only key: leave an empty flow mapping so the parent key stays valid.
    return [edit(doc, k.range[0], lineEndFrom(doc, visibleEnd(doc, k.range[0], valueEnd)), '{}')].map((e) => e);
  }
  const lineStart = doc.chunk.lastIndexOf('\n', k.range[0] - 1) + 1;
  const onlyIndentBefore = doc.chunk.slice(lineStart, k.range[0]).trim() === '';
  const end = lineEndFrom(doc, visibleEnd(doc, k.range[0], valueEnd));
  const nl = doc.chunk.indexOf('\n', end);
  if (onlyIndentBefore) return [edit(doc, lineStart, nl < 0 ? doc.chunk.length : nl + 1, '')];
  return [edit(doc, k.range[0], end, '')];
}

/** Replace a node's text (a scalar value) by a new scalar. */
export function replaceNode(doc: YamlDocument, node: Node, value: unknown): TextEdit[] {
  if (!node.range) return [];
  const text = stringify(value, { flow: true, lineWidth: 0 }).trim();
  return [edit(doc, node.range[0], visibleEnd(doc, node.range[0], node.range[1]), text)];
}
