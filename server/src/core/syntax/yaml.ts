// YAML syntax layer: every document of a file with source ranges. A file is cut
// into chunks at `---` lines and each chunk is parsed on its own, so an edit in
// a 14,000-line multi-document file re-parses one chunk and reuses the others.
// Inside that chunk, an edit that stays within one block entry re-parses only that
// entry and splices it into a copy of the old AST (yaml-incremental.ts).
import { parseAllDocuments, visit, Document, isAlias, isCollection, isMap, isPair, isScalar, isSeq, Node, Pair, YAMLMap } from 'yaml';
import type { Span } from '../types';
import { reparseFragment } from './yaml-incremental';

/** Aliases allowed per document before we call it an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

export type YamlProblemCode = 'syntax' | 'duplicate-key' | 'alias-bomb';

export interface YamlProblem {
  code: YamlProblemCode;
  message: string;
  span: Span;
}

export interface YamlDocument {
  /** Position among the file's documents, from 0. */
  index: number;
  /** Offset of the chunk this document was parsed from; node ranges are relative to it. */
  offset: number;
  /** The chunk's text (may hold several documents after `...`). */
  chunk: string;
  doc: Document.Parsed;
  /** Parse problems; like node ranges, their spans are relative to `offset`. */
  problems: YamlProblem[];
  /** The document as plain data, or undefined when it is empty or could not be converted. */
  value: unknown;
  /** Per-document memo for derived facts (schema results...), dropped with the document. */
  memo: Map<string, unknown>;
}

export interface YamlFile {
  text: string;
  documents: YamlDocument[];
  /** Helm / Go-template file: not YAML until rendered, so not linted. */
  isTemplate: boolean;
}

interface Chunk {
  offset: number;
  text: string;
}

const DOC_START = /^---(?=[ \t]|\r?$)/gm;

export function splitChunks(text: string): Chunk[] {
  const starts: number[] = [0];
  DOC_START.lastIndex = 0;
  for (let m = DOC_START.exec(text); m; m = DOC_START.exec(text)) {
    if (m.index > 0) starts.push(m.index);
  }
  return starts.map((s, i) => ({ offset: s, text: text.slice(s, i + 1 < starts.length ? starts[i + 1] : text.length) }));
}

/** Parsed chunks keyed by their text, so unchanged chunks are reused across edits. */
export type ChunkCache = Map<string, Omit<YamlDocument, 'index' | 'offset'>[]>;

// logLevel 'error': warnings (a collection used as a key...) must not reach process.emitWarning (stderr of the CLI and server).
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, logLevel: 'error' } as const;

let incremental = true;

/** Turn re-parsing below the document level on or off (tests and benchmarks compare both). */
export function setIncrementalParsing(enabled: boolean): void {
  incremental = enabled;
}

/**
 * The chunk re-parsed from the single document of a previous version of it, when
 * the edit stays inside one block entry; undefined when it must be parsed whole.
 */
function reparseChunk(chunk: Chunk, oldText: string, old: Omit<YamlDocument, 'index' | 'offset'>): Omit<YamlDocument, 'index' | 'offset'> | undefined {
  try {
    const doc = reparseFragment(oldText, old.doc, chunk.text, PARSE_OPTIONS);
    // A new memo: per-document facts (schema results, workload views) are recomputed.
    return doc && toYamlDocument(doc, chunk.text);
  } catch {
    return undefined;
  }
}

function parseChunk(chunk: Chunk): Omit<YamlDocument, 'index' | 'offset'>[] {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(chunk.text, PARSE_OPTIONS) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  } catch (e) {
    // The parser is not supposed to throw, but a crash here must not take the file down.
    return [];
  }
  return docs.map((doc) => toYamlDocument(doc, chunk.text));
}

/** Problems and plain value of a parsed document of `text`, with an empty memo. */
function toYamlDocument(doc: Document.Parsed, text: string): Omit<YamlDocument, 'index' | 'offset'> {
  const problems: YamlProblem[] = [];
  for (const err of [...doc.errors]) {
    const duplicate = err.code === 'DUPLICATE_KEY';
    const start = err.pos[0];
    // The parser marks one character; a duplicate key is better underlined whole.
    const keyLength = duplicate ? (/^[^\n:#]*?(?=[ \t]*:)/.exec(text.slice(start, start + 256))?.[0].length ?? 0) : 0;
    problems.push({
      code: duplicate ? 'duplicate-key' : 'syntax',
      message: duplicate ? duplicateMessage(text.slice(start, start + keyLength)) : cleanMessage(err.message),
      // An error at the end of the chunk (an unclosed flow collection...) is marked one past it: clamp.
      span: clampSpan(start, Math.max(err.pos[1], start + keyLength, start + 1), text.length),
    });
  }
  let value: unknown;
  if (doc.contents !== null && doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const r = doc.contents.range ?? [0, 1];
      problems.push({
        code: 'alias-bomb',
        message: `Too many alias expansions (more than ${MAX_ALIAS_COUNT}): the document is not analysed.`,
        span: clampSpan(r[0], Math.min(r[1], r[0] + 1) || r[0] + 1, text.length),
      });
    }
  }
  return { chunk: text, doc, problems, value, memo: new Map() };
}

/** A span inside [0, length]: problems at the very end become empty spans there. */
function clampSpan(start: number, end: number, length: number): Span {
  const s = Math.max(0, Math.min(start, length));
  return { start: s, end: Math.max(s, Math.min(end, length)) };
}

function duplicateMessage(key: string): string {
  return key ? `Key "${key.replace(/^["']|["']$/g, '')}" appears more than once in this mapping.` : 'Map keys must be unique.';
}

function cleanMessage(message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return first.endsWith('.') ? first : first + '.';
}

/**
 * Parse a YAML file. Pass the previous cache to reuse chunks whose text did not
 * change; the cache is updated in place to hold exactly the current chunks.
 */
export function parseYaml(text: string, options: { path?: string; cache?: ChunkCache } = {}): YamlFile {
  const cache = options.cache;
  const chunks = splitChunks(text);
  const documents: YamlDocument[] = [];
  const nextCache: ChunkCache = new Map();
  const reused = chunks.map((c) => cache?.get(c.text));
  // One edit inside one document: exactly one new chunk and one old chunk are unmatched.
  let edited: { index: number; oldText: string; old: Omit<YamlDocument, 'index' | 'offset'> } | undefined;
  if (incremental && cache && cache.size > 0) {
    const missing = reused.flatMap((r, i) => (r ? [] : [i]));
    if (missing.length === 1) {
      const present = new Set(chunks.map((c) => c.text));
      const gone = [...cache.entries()].filter(([t]) => !present.has(t));
      if (gone.length === 1 && gone[0][1].length === 1) edited = { index: missing[0], oldText: gone[0][0], old: gone[0][1][0] };
    }
  }
  chunks.forEach((chunk, i) => {
    // A chunk repeated in one file gets its own parse: documents carry their offset.
    const repeated = nextCache.has(chunk.text);
    let parsed = repeated ? undefined : reused[i];
    if (!parsed && edited?.index === i) {
      const one = reparseChunk(chunk, edited.oldText, edited.old);
      if (one) parsed = [one];
    }
    parsed ??= parseChunk(chunk);
    if (!repeated) nextCache.set(chunk.text, parsed);
    for (const p of parsed) {
      // Reused documents keep their memo; index and offset are recomputed each time.
      documents.push(Object.assign(p, { index: documents.length, offset: chunk.offset }) as YamlDocument);
    }
  });
  if (cache) {
    cache.clear();
    for (const [k, v] of nextCache) cache.set(k, v);
  }
  const isTemplate = looksLikeTemplate(text, documents, options.path);
  return { text, documents, isTemplate };
}

const TEMPLATE_ACTION = /\{\{-?\s*(?:[.$(/a-zA-Z"]|-)/;
const TEMPLATE_LINE = /^[ \t]*(?:-[ \t]+)?\{\{/m;

/**
 * Helm charts and other Go templates are not YAML until rendered. A file counts as
 * a template when it has template actions and either fails to parse, has an action
 * in structural position (a whole line), or lives in a chart's templates/ folder.
 * Actions only inside string values (Prometheus alerts, ...) keep the file linted.
 */
function looksLikeTemplate(text: string, docs: YamlDocument[], path?: string): boolean {
  if (!text.includes('{{') || !TEMPLATE_ACTION.test(text)) return false;
  if (path && /(^|[\\/])templates[\\/][^\\/]+$/.test(path)) return true;
  if (docs.some((d) => d.problems.some((p) => p.code === 'syntax'))) return true;
  // A whole-line action counts only outside block scalars: a Flux image automation
  // `messageTemplate: |` holds `{{ range }}` lines and is plain YAML.
  const blocks = docs.flatMap((d) => blockScalarSpans(d));
  TEMPLATE_LINE_G.lastIndex = 0;
  for (let m = TEMPLATE_LINE_G.exec(text); m; m = TEMPLATE_LINE_G.exec(text)) {
    const at = m.index;
    if (!blocks.some((b) => b.start <= at && at < b.end)) return true;
  }
  return false;
}

const TEMPLATE_LINE_G = new RegExp(TEMPLATE_LINE.source, 'gm');

/** File spans of the block scalars (`|`, `>`) of a document. */
function blockScalarSpans(d: YamlDocument): Span[] {
  const out: Span[] = [];
  visit(d.doc, {
    Scalar(_key, node) {
      if ((node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && node.range) {
        out.push({ start: node.range[0] + d.offset, end: node.range[1] + d.offset });
      }
    },
  });
  return out;
}

// ---- navigation helpers on the yaml AST -------------------------------------------

export type PathSegment = string | number;

/** The pair (for a key) or node (for an index) at a path, or undefined. */
export function nodeAt(root: unknown, path: readonly PathSegment[]): Node | undefined {
  let node: unknown = root;
  for (const seg of path) {
    node = child(node, seg);
    if (node === undefined) return undefined;
  }
  return node as Node | undefined;
}

export function pairAt(root: unknown, path: readonly PathSegment[]): Pair<Node, Node | null> | undefined {
  if (path.length === 0) return undefined;
  const parent = nodeAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (!isMap(parent) || typeof last !== 'string') return undefined;
  return findPair(parent, last);
}

export function findPair(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  for (const item of map.items) {
    const k = item.key;
    if (isScalar(k) ? String(k.value) === key : k === key) return item as Pair<Node, Node | null>;
  }
  return undefined;
}

function child(node: unknown, seg: PathSegment): unknown {
  if (isAlias(node)) return undefined; // never follow aliases: spans would point elsewhere
  if (typeof seg === 'number') return isSeq(node) ? node.items[seg] : undefined;
  if (!isMap(node)) return undefined;
  return findPair(node, seg)?.value ?? undefined;
}

export function isCollectionNode(n: unknown): boolean {
  return isCollection(n);
}

export { isPair, isMap, isSeq, isScalar, isAlias };
