// Re-parsing below the document level. After an edit inside one YAML document, the
// smallest block-collection entry (a block-mapping pair or block-sequence item) whose
// lines hold the whole edit and that is followed by a sibling is re-parsed on its own,
// and the new nodes are spliced into a copy of the old document's AST; every range
// after the edit is shifted by the length delta. Nodes before the edit are shared with
// the old document (nothing in Blueprint mutates a parsed AST).
//
// The result must be indistinguishable from a fresh parse of the new text. Whenever
// that is not certain, `reparseFragment` returns undefined and the caller re-parses
// the whole document: the old document has anchors, aliases or directives, a problem
// from the previous entry to the end of the fragment, or a key repeating the old
// entry's key; the fragment (old or new) has a comment (a `#` after a space), a
// tab, a BOM, a document marker, a blank first or last line, a line indented less than its
// collection; the re-parsed fragment has errors, warnings, tags, anchors or aliases, is
// not a block collection of the parent's kind at the parent's column, or repeats a
// sibling key; with problems elsewhere, the old fragment does not parse cleanly on
// its own. Problems elsewhere are kept, shifted. test/core/incremental-yaml.test.ts
// compares the result with a fresh parse on seeded random edits.
import { Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, parseDocument, Scalar, visit, YAMLError, YAMLMap, YAMLSeq } from 'yaml';

type Options = Parameters<typeof parseDocument>[1];
type Coll = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

/** How many candidate fragments (innermost first) are parsed before giving up. */
const MAX_ATTEMPTS = 4;

/** How often a changed document was patched (hits) or had to be parsed whole (misses). */
export const incrementalStats = { hits: 0, misses: 0 };

/** Documents known to be safe to patch (no anchors, aliases, directives; errors may be elsewhere). */
const plainDocs = new WeakMap<object, boolean>();

function isPlainDocument(doc: Document.Parsed, chunk: string): boolean {
  let plain = plainDocs.get(doc);
  if (plain === undefined) {
    plain = isBlock(doc.contents) && !/^%/m.test(chunk);
    if (plain) {
      visit(doc, {
        Node(_k, n) {
          if (isAlias(n) || n.anchor) {
            plain = false;
            return visit.BREAK;
          }
          return undefined;
        },
      });
    }
    plainDocs.set(doc, plain);
  }
  return plain;
}

function isBlock(n: unknown): n is Coll {
  return (isMap(n) || isSeq(n)) && !n.flow;
}

function lineStartOf(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

interface ItemPos {
  /** Start of the line the item starts on. */
  line: number;
  /** The item starts its line at the collection's column, after spaces only. */
  ok: boolean;
}

/** Where an item of a block collection starts: a map key, or a sequence item's `-`. */
function itemPos(chunk: string, coll: Coll, item: unknown, col: number): ItemPos | undefined {
  let at: number;
  if (isMap(coll)) {
    const key = isPair(item) ? (item.key as Node | null) : null;
    if (!key?.range) return undefined;
    at = key.range[0];
  } else {
    const r = (item as Node | null)?.range;
    if (!r) return undefined;
    at = r[0];
    while (at > 0 && (chunk[at - 1] === ' ' || chunk[at - 1] === '\n' || chunk[at - 1] === '\r')) at--;
    if (chunk[at - 1] !== '-') return { line: lineStartOf(chunk, at), ok: false };
    at--;
  }
  const line = lineStartOf(chunk, at);
  let ok = at - line === col;
  for (let i = line; ok && i < at; i++) if (chunk[i] !== ' ') ok = false;
  return { line, ok };
}

interface Candidate {
  /** Collections from the root down to the parent of the entry, with the index taken in each. */
  path: { coll: Coll; index: number }[];
  /** Old text [from, to) holds the entry's lines; `to` is the next sibling's line start. */
  from: number;
  to: number;
  col: number;
  /** Problems before this offset cannot come from the fragment (see tryCandidate). */
  guard: number;
}

function findCandidates(chunk: string, root: Coll, editStart: number, editEnd: number): Candidate[] {
  const out: Candidate[] = [];
  const path: { coll: Coll; index: number }[] = [];
  let coll: Coll | undefined = root;
  let outer = 0;
  while (coll && coll.range) {
    const col = coll.range[0] - lineStartOf(chunk, coll.range[0]);
    const items = coll.items as unknown[];
    const pos: (ItemPos | undefined)[] = [];
    let j = -1;
    for (let i = 0; i < items.length; i++) {
      const p = itemPos(chunk, coll, items[i], col);
      pos.push(p);
      if (!p) return out.reverse();
      if (p.line <= editStart) j = i;
      else break;
    }
    if (j < 0) break;
    const next = j + 1 < items.length ? itemPos(chunk, coll, items[j + 1], col) : undefined;
    path.push({ coll, index: j });
    if (pos[j]!.ok && next?.ok && editEnd <= next.line) {
      out.push({ path: path.slice(), from: pos[j]!.line, to: next.line, col, guard: j > 0 ? pos[j - 1]!.line : outer });
    }
    outer = pos[j]!.line;
    const item = items[j];
    const child: unknown = isMap(coll) ? (item as Pair<unknown, unknown>).value : item;
    coll = isBlock(child) ? child : undefined;
  }
  return out.reverse();
}

/** The fragment's lines are ones a standalone parse reads as in the document. */
function fragmentTextOk(text: string, col: number, seq: boolean): boolean {
  if (!text.endsWith('\n') || text.length < 2) return false;
  // A `#` starts a comment only after white space (or a flow indicator, to be safe):
  // `api-conventions.md#resources` in a description is not one.
  if (/[\t\uFEFF]|(?:^|[ \r\n,[\]{}:])#/.test(text)) return false;
  let start = 0;
  let first = true;
  let lastBlank = false;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const blank = i === end || (i === end - 1 && text[i] === '\r');
    if (blank) {
      if (first) return false;
    } else {
      const indent = i - start;
      if (indent < col) return false;
      if (indent === 0 && /^(?:---|\.\.\.|%)/.test(text.slice(start, start + 3))) return false;
      if (indent === col && seq && !(text[i] === '-' && (i + 1 === end || text[i + 1] === ' ' || text[i + 1] === '\r'))) return false;
    }
    first = false;
    lastBlank = blank;
    start = end + 1;
  }
  return !lastBlank;
}

/** Add `by` to every range of a freshly parsed subtree (in place: it is ours). */
function moveFresh(n: unknown, by: number): void {
  if (isPair(n)) {
    moveFresh(n.key, by);
    moveFresh(n.value, by);
    return;
  }
  if (!n || typeof n !== 'object') return;
  const node = n as Node;
  if (node.range) node.range = [node.range[0] + by, node.range[1] + by, node.range[2] + by];
  if (isMap(node) || isSeq(node)) for (const it of node.items as unknown[]) moveFresh(it, by);
}

/** Shift a range: positions at or after the old fragment end move by `delta`. */
function shiftRange(r: [number, number, number], end: number, delta: number): [number, number, number] {
  return [r[0] >= end ? r[0] + delta : r[0], r[1] >= end ? r[1] + delta : r[1], r[2] >= end ? r[2] + delta : r[2]];
}

function shiftProblem<E extends YAMLError>(e: E, end: number, delta: number): E {
  if (e.pos[0] < end && e.pos[1] < end) return e;
  const copy = Object.create(Object.getPrototypeOf(e), Object.getOwnPropertyDescriptors(e)) as E;
  copy.pos = [e.pos[0] >= end ? e.pos[0] + delta : e.pos[0], e.pos[1] >= end ? e.pos[1] + delta : e.pos[1]];
  return copy;
}

/** A copy of a subtree that lies wholly after the edit, every range moved by `delta`. */
function copyShifted(n: unknown, delta: number): unknown {
  if (isPair(n)) {
    const p = new Pair(copyShifted(n.key, delta), copyShifted(n.value, delta));
    return Object.assign(p, n, { key: p.key, value: p.value });
  }
  if (isScalar(n)) {
    const s = Object.assign(new Scalar(n.value), n);
    if (n.range) s.range = [n.range[0] + delta, n.range[1] + delta, n.range[2] + delta];
    return s;
  }
  if (isMap(n) || isSeq(n)) {
    const c = isMap(n) ? new YAMLMap(n.schema) : new YAMLSeq(n.schema);
    Object.assign(c, n);
    c.items = (n.items as unknown[]).map((it) => copyShifted(it, delta)) as never;
    if (n.range) c.range = [n.range[0] + delta, n.range[1] + delta, n.range[2] + delta];
    return c;
  }
  return n;
}

/** A shallow copy of a collection on the path to the edit, with its items replaced. */
function copySpine(c: Coll, items: unknown[], end: number, delta: number): Coll {
  const copy = isMap(c) ? new YAMLMap(c.schema) : new YAMLSeq(c.schema);
  Object.assign(copy, c);
  copy.items = items as never;
  if (c.range) copy.range = shiftRange(c.range, end, delta);
  return copy;
}

function itemsAfter(items: unknown[], from: number, delta: number): unknown[] {
  const out: unknown[] = [];
  for (let i = from; i < items.length; i++) out.push(copyShifted(items[i], delta));
  return out;
}

const sameKey = (a: unknown, b: unknown) => a === b || (isScalar(a) && isScalar(b) && a.value === b.value);

/** The node that carries the blank-line and comment-before flags of a collection item. */
function carrier(item: unknown): Node | undefined {
  const n = isPair(item) ? item.key : item;
  return n && typeof n === 'object' ? (n as Node) : undefined;
}

/**
 * The fragment parsed on its own, when it is a clean block collection of the
 * parent's kind at the parent's column (no problems, tags, anchors, aliases).
 */
function cleanFragment(text: string, col: number, seq: boolean, attempt: () => boolean, options?: Options): Coll | undefined {
  if (!attempt()) return undefined;
  let frag: Document.Parsed;
  try {
    frag = parseDocument(text, options) as Document.Parsed;
  } catch {
    return undefined;
  }
  if (frag.errors.length || frag.warnings.length || frag.comment || frag.commentBefore) return undefined;
  const root = frag.contents;
  if (!isBlock(root) || isSeq(root) !== seq || !root.range || root.range[0] !== col || root.items.length === 0) return undefined;
  let clean = true;
  visit(frag, {
    Node(_k, n) {
      if (isAlias(n) || n.anchor || n.tag) {
        clean = false;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return clean ? root : undefined;
}

function tryCandidate(oldChunk: string, oldDoc: Document.Parsed, newChunk: string, c: Candidate, delta: number, options: Options, attempt: () => boolean): Document.Parsed | undefined {
  const parent = c.path[c.path.length - 1];
  const seq = isSeq(parent.coll);
  const oldText = oldChunk.slice(c.from, c.to);
  const newText = newChunk.slice(c.from, c.to + delta);
  if (!fragmentTextOk(oldText, c.col, seq) || !fragmentTextOk(newText, c.col, seq)) return undefined;
  const oldItem = parent.coll.items[parent.index] as unknown;
  const oldCarrier = carrier(oldItem);
  if (!oldCarrier || oldCarrier.commentBefore || oldCarrier.comment) return undefined;
  // Problems elsewhere stay as they are (shifted). The parser reads the text before
  // the fragment as before and reaches the fragment in the same state, since the old
  // entry was parsed from it. The parser reports problems of an entry's key at the end
  // of the previous entry: a problem from the previous entry on may come from the
  // fragment, so it is left to a full parse. An unclosed flow collection or quote in
  // the old fragment is reported only where it ends, after the fragment: with any
  // problem, the old fragment must parse cleanly on its own too. A duplicate of the
  // old key may disappear (checked below).
  for (const e of oldDoc.errors) if (e.pos[0] <= c.to && e.pos[1] >= c.guard) return undefined;
  for (const e of oldDoc.warnings) if (e.pos[0] <= c.to && e.pos[1] >= c.guard) return undefined;
  if ((oldDoc.errors.length || oldDoc.warnings.length) && !cleanFragment(oldText, c.col, seq, attempt, options)) return undefined;
  if (!seq) {
    const siblings = parent.coll.items as Pair<unknown, unknown>[];
    const key = (oldItem as Pair<unknown, unknown>).key;
    for (let i = 0; i < siblings.length; i++) if (i !== parent.index && sameKey(siblings[i].key, key)) return undefined;
  }

  const root = cleanFragment(newText, c.col, seq, attempt, options);
  if (!root) return undefined;
  const fresh = root.items as unknown[];
  if (!seq) {
    for (const p of fresh) {
      const key = (p as Pair<Node, unknown>).key;
      if (!key?.range || key.range[0] - lineStartOf(newText, key.range[0]) !== c.col) return undefined;
      const siblings = parent.coll.items as Pair<unknown, unknown>[];
      for (let i = 0; i < siblings.length; i++) if (i !== parent.index && sameKey(siblings[i].key, key)) return undefined;
    }
  }
  for (const it of fresh) moveFresh(it, c.from);
  // Blank lines before the entry are outside the fragment: carry their flag over.
  const newCarrier = carrier(fresh[0]);
  if (!newCarrier) return undefined;
  if (oldCarrier.spaceBefore) newCarrier.spaceBefore = true;
  else delete newCarrier.spaceBefore;

  // Rebuild the path bottom-up: shared items before, fresh items, shifted items after.
  const end = c.to;
  const pItems = parent.coll.items as unknown[];
  let node: unknown = copySpine(parent.coll, [...pItems.slice(0, parent.index), ...fresh, ...itemsAfter(pItems, parent.index + 1, delta)], end, delta);
  for (let d = c.path.length - 2; d >= 0; d--) {
    const { coll, index } = c.path[d];
    const items = coll.items as unknown[];
    let mid: unknown = node;
    if (isMap(coll)) {
      const old = items[index] as Pair<unknown, unknown>;
      const p = new Pair(old.key, node);
      mid = Object.assign(p, old, { key: old.key, value: node });
    }
    node = copySpine(coll, [...items.slice(0, index), mid, ...itemsAfter(items, index + 1, delta)], end, delta);
  }

  const doc = Object.create(Object.getPrototypeOf(oldDoc), Object.getOwnPropertyDescriptors(oldDoc)) as Document.Parsed;
  doc.contents = node as never;
  doc.errors = oldDoc.errors.map((e) => shiftProblem(e, end, delta));
  doc.warnings = oldDoc.warnings.map((e) => shiftProblem(e, end, delta));
  if (oldDoc.range) doc.range = shiftRange(oldDoc.range, end, delta);
  plainDocs.set(doc, true);
  return doc;
}

/**
 * The document of `newChunk` (one document, like `oldChunk`) built from `oldDoc` by
 * re-parsing only the block entry an edit falls in, or undefined when that is not
 * certain to equal a full parse (the caller then parses the whole chunk).
 */
export function reparseFragment(oldChunk: string, oldDoc: Document.Parsed, newChunk: string, options: Options): Document.Parsed | undefined {
  const doc = reparse(oldChunk, oldDoc, newChunk, options);
  if (doc) incrementalStats.hits++;
  else incrementalStats.misses++;
  return doc;
}

function reparse(oldChunk: string, oldDoc: Document.Parsed, newChunk: string, options: Options): Document.Parsed | undefined {
  if (oldChunk === newChunk || !isPlainDocument(oldDoc, oldChunk)) return undefined;
  const min = Math.min(oldChunk.length, newChunk.length);
  let prefix = 0;
  while (prefix < min && oldChunk.charCodeAt(prefix) === newChunk.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < min - prefix && oldChunk.charCodeAt(oldChunk.length - 1 - suffix) === newChunk.charCodeAt(newChunk.length - 1 - suffix)) suffix++;
  const editEnd = oldChunk.length - suffix;
  const delta = newChunk.length - oldChunk.length;
  const candidates = findCandidates(oldChunk, oldDoc.contents as unknown as Coll, prefix, editEnd);
  let attempts = 0;
  const attempt = () => ++attempts <= MAX_ATTEMPTS;
  for (const c of candidates) {
    const doc = tryCandidate(oldChunk, oldDoc, newChunk, c, delta, options, attempt);
    if (doc) return doc;
    if (attempts >= MAX_ATTEMPTS) break;
  }
  return undefined;
}
