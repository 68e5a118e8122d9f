// Turning a path inside a YAML document into the span a finding should underline.
import { isMap, isScalar, Node, Pair } from 'yaml';
import { findPair, nodeAt, PathSegment, YamlDocument } from './yaml';
import type { Span } from '../types';

export type LocatePart = 'pair' | 'key' | 'value';

function span(doc: YamlDocument, node: Node | null | undefined): Span | undefined {
  return node?.range ? { start: node.range[0] + doc.offset, end: node.range[1] + doc.offset } : undefined;
}

function pairIn(doc: YamlDocument, path: readonly PathSegment[]): Pair<Node, Node | null> | undefined {
  const parent = nodeAt(doc.doc.contents, path.slice(0, -1));
  const last = path[path.length - 1];
  return isMap(parent) && typeof last === 'string' ? findPair(parent, last) : undefined;
}

/**
 * Where a finding about `path` should point. For a present field: "key: value"
 * when the value is a scalar or fits on the key's line (part 'pair'), only the
 * key ('key') or only the value ('value'). For an absent field: the key of the
 * deepest ancestor that exists (`securityContext:` when runAsNonRoot is missing
 * from it); for a sequence item, its first entry (`- name: web`). So squiggles
 * sit on a line the user can act on, never on line 1.
 */
export function locateInDocument(doc: YamlDocument, path: readonly PathSegment[], part: LocatePart = 'pair'): Span {
  for (let n = path.length; n > 0; n--) {
    const sub = path.slice(0, n);
    const last = sub[sub.length - 1];
    const exact = n === path.length;
    if (typeof last === 'number') {
      const item = nodeAt(doc.doc.contents, sub);
      if (!item) continue;
      if (isMap(item) && item.items.length > 0 && !(exact && part === 'value')) {
        const first = item.items[0] as Pair<Node, Node | null>;
        const k = span(doc, first.key);
        const v = isScalar(first.value) ? span(doc, first.value) : undefined;
        if (k) return { start: k.start, end: v ? v.end : k.end };
      }
      const s = span(doc, item);
      if (s) return trim(doc, s);
      continue;
    }
    const pair = pairIn(doc, sub);
    if (!pair) continue;
    const k = span(doc, pair.key);
    const v = span(doc, pair.value);
    if (!k) continue;
    if (!exact || part === 'key') return k;
    if (part === 'value') return v ? trim(doc, v) : k;
    if (v && (isScalar(pair.value) || sameLine(doc, k.start, v.start))) return { start: k.start, end: trim(doc, v).end };
    return k;
  }
  // Nothing of the path exists: the kind's value, else the start of the document.
  const kind = isMap(doc.doc.contents) ? findPair(doc.doc.contents, 'kind') : undefined;
  const ks = span(doc, kind?.value);
  if (ks) return ks;
  const root = span(doc, doc.doc.contents);
  return root ? { start: root.start, end: root.start + 1 } : { start: doc.offset, end: doc.offset };
}

function sameLine(doc: YamlDocument, a: number, b: number): boolean {
  return !doc.chunk.slice(a - doc.offset, b - doc.offset).includes('\n');
}

/** Collection ranges include trailing newlines and comments; trim to the last visible char. */
function trim(doc: YamlDocument, s: Span): Span {
  let e = s.end - doc.offset;
  while (e > s.start - doc.offset && /\s/.test(doc.chunk[e - 1])) e--;
  return { start: s.start, end: e + doc.offset };
}
