// HCL syntax layer: tree-sitter's HCL grammar run through web-tree-sitter (WASM),
// turned into a small plain AST with UTF-16 offsets (the tree-sitter tree is
// freed at once). Error recovery: when the whole file does not parse cleanly,
// it is parsed again in top-level chunks (cut before each line that starts a
// top-level block: `resource`, `data`, `module`, ...), so a half-typed block
// never swallows the blocks after it; each chunk's problems are kept.
//
// web-tree-sitter initialises asynchronously (it compiles WASM). The core stays
// synchronous and never reads files: a front end reads the two WASM files and
// awaits `initHcl(bytes)` once at startup (server/src/node/hcl.ts does both).
// Until then `parseHcl` returns undefined and .tf files are skipped with a reason.
import { Language, Node as TsNode, Parser } from 'web-tree-sitter';
import type { Span } from '../types';

export interface HclLiteral {
  kind: 'literal';
  value: string | number | boolean | null;
  span: Span;
}
/** A quoted or heredoc template: literal parts are `literal` strings, interpolations any expression. */
export interface HclTemplate {
  kind: 'template';
  parts: HclExpr[];
  /** Holds `%{ }` directives (never evaluated). */
  directives: boolean;
  span: Span;
}
export interface HclTuple {
  kind: 'tuple';
  items: HclExpr[];
  span: Span;
}
export interface HclObjectItem {
  /** The key as a name when it is an identifier or a literal string. */
  key?: string;
  keySpan: Span;
  value: HclExpr;
  span: Span;
}
export interface HclObject {
  kind: 'object';
  items: HclObjectItem[];
  span: Span;
}
/** `var.x`, `local.y`, `aws_security_group.db.id`, `each.value`, `a[0].b` (splats are `other`). */
export interface HclTraversal {
  kind: 'traversal';
  root: string;
  path: (string | number)[];
  span: Span;
}
export interface HclCall {
  kind: 'call';
  name: string;
  args: HclExpr[];
  span: Span;
}
export interface HclOther {
  kind: 'other';
  /** What it is: conditional, operation, for, splat, parenthesized, ... */
  what: string;
  /** Sub-expressions (for reference scans). */
  children: HclExpr[];
  span: Span;
}
export type HclExpr = HclLiteral | HclTemplate | HclTuple | HclObject | HclTraversal | HclCall | HclOther;

export interface HclAttribute {
  type: 'attribute';
  name: string;
  nameSpan: Span;
  value: HclExpr;
  span: Span;
}

export interface HclLabel {
  value: string;
  span: Span;
}

export interface HclBlock {
  type: 'block';
  /** `resource`, `variable`, `ingress`, ... */
  blockType: string;
  typeSpan: Span;
  labels: HclLabel[];
  body: HclBodyItem[];
  /** From the block type to the closing brace (or where the parser gave up). */
  span: Span;
  /** Offset of `{`, if present. */
  open?: number;
  /** Offset of `}`; undefined when the block is not closed (being typed). */
  close?: number;
}

export type HclBodyItem = HclAttribute | HclBlock;

export interface HclError {
  message: string;
  span: Span;
}

export interface HclFile {
  text: string;
  body: HclBodyItem[];
  errors: HclError[];
  /** Spans of every comment (`#`, `//` and block comments). */
  comments: Span[];
}

let parser: Parser | undefined;
let initialising: Promise<void> | undefined;

/** The WASM files the parser needs, read by a front end. */
export interface HclWasm {
  /** web-tree-sitter's runtime (`web-tree-sitter.wasm`). */
  runtime: Uint8Array;
  /** The HCL grammar (`tree-sitter-hcl.wasm` of @tree-sitter-grammars/tree-sitter-hcl). */
  grammar: Uint8Array;
}

/** Initialise the HCL parser once; later calls return the same promise. Rejects if the WASM is unusable. */
export function initHcl(wasm: HclWasm): Promise<void> {
  if (!initialising) {
    initialising = (async () => {
      await Parser.init({ wasmBinary: wasm.runtime } as object);
      const language = await Language.load(wasm.grammar);
      const p = new Parser();
      p.setLanguage(language);
      parser = p;
    })();
    initialising.catch(() => (initialising = undefined));
  }
  return initialising;
}

export function hclReady(): boolean {
  return parser !== undefined;
}

/** Why .tf files are not analysed while the parser is not initialised. */
export const HCL_NOT_READY = 'the HCL parser is not initialised (its WASM files were not found)';

/** A line starting a top-level block (the chunk boundaries of error recovery). */
const TOP_LEVEL = /^(?:resource|data|module|variable|output|locals|provider|terraform|moved|import|check|removed|ephemeral)(?=[ \t]*["{]|[ \t]+[A-Za-z_]|[ \t]*\r?$)/gm;
const MAX_ERRORS = 50;
/** Nesting of expressions and blocks converted (deeper content is an error, never a stack overflow). */
const MAX_DEPTH = 256;

/** Parse HCL text; undefined when the parser is not initialised. Never throws on bad input. */
export function parseHcl(text: string): HclFile | undefined {
  if (!parser) return undefined;
  const whole = parseChunk(parser, text, 0);
  if (whole.errors.length === 0) return { text, ...whole };
  // Recovery: parse each top-level chunk on its own, so an error stays in its chunk.
  const starts = [0];
  TOP_LEVEL.lastIndex = 0;
  for (let m = TOP_LEVEL.exec(text); m; m = TOP_LEVEL.exec(text)) if (m.index > 0) starts.push(m.index);
  if (starts.length === 1) return { text, ...whole };
  const out: Omit<HclFile, 'text'> = { body: [], errors: [], comments: [] };
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1] : text.length;
    const part = parseChunk(parser!, text.slice(s, end), s);
    out.body.push(...part.body);
    out.errors.push(...part.errors);
    out.comments.push(...part.comments);
  });
  out.errors = out.errors.slice(0, MAX_ERRORS);
  return { text, ...out };
}

function parseChunk(p: Parser, text: string, offset: number): Omit<HclFile, 'text'> {
  let tree;
  try {
    tree = p.parse(text);
  } catch (e) {
    return { body: [], errors: [{ message: `the parser failed (${e instanceof Error ? e.message : String(e)})`, span: { start: offset, end: offset + Math.min(1, text.length) } }], comments: [] };
  }
  if (!tree) return { body: [], errors: [], comments: [] };
  try {
    const c = new Converter(text, offset);
    const body = c.file(tree.rootNode);
    c.collectErrors(tree.rootNode);
    return { body, errors: c.errors, comments: c.comments };
  } finally {
    tree.delete();
  }
}

/** Closing tokens by the node type tree-sitter reports missing. */
const CLOSERS: Record<string, string> = {
  quoted_template_end: '"',
  tuple_end: ']',
  object_end: '}',
  template_interpolation_end: '}',
  template_directive_end: '}',
};

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (m, e: string) => {
    if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ESCAPES[e] ?? m;
  }).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

class Converter {
  errors: HclError[] = [];
  comments: Span[] = [];
  constructor(private readonly text: string, private readonly offset: number) {}

  private span(n: TsNode): Span {
    return { start: n.startIndex + this.offset, end: n.endIndex + this.offset };
  }

  private named(n: TsNode): TsNode[] {
    return n.namedChildren.filter((c): c is TsNode => !!c && c.type !== 'comment');
  }

  file(root: TsNode): HclBodyItem[] {
    const items: HclBodyItem[] = [];
    for (const c of root.namedChildren) {
      if (!c) continue;
      if (c.type === 'body') items.push(...this.body(c));
    }
    return items;
  }

  body(n: TsNode): HclBodyItem[] {
    const out: HclBodyItem[] = [];
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'attribute') {
        const a = this.attribute(c);
        if (a) out.push(a);
      } else if (c.type === 'block') {
        const b = this.block(c);
        if (b) out.push(b);
      }
    }
    return out;
  }

  private attribute(n: TsNode): HclAttribute | undefined {
    const id = n.namedChildren.find((c) => c?.type === 'identifier');
    const expr = n.namedChildren.find((c) => c?.type === 'expression');
    if (!id) return undefined;
    const value: HclExpr = expr ? this.expr(expr) : { kind: 'other', what: 'missing', children: [], span: { start: this.span(n).end, end: this.span(n).end } };
    return { type: 'attribute', name: id.text, nameSpan: this.span(id), value, span: this.span(n) };
  }

  private block(n: TsNode): HclBlock | undefined {
    if (this.tooDeep(n)) return undefined;
    this.depth++;
    try {
      return this.blockAt(n);
    } finally {
      this.depth--;
    }
  }

  private blockAt(n: TsNode): HclBlock | undefined {
    let blockType: TsNode | undefined;
    const labels: HclLabel[] = [];
    let body: HclBodyItem[] = [];
    let open: number | undefined;
    let close: number | undefined;
    for (const c of n.children) {
      if (!c) continue;
      switch (c.type) {
        case 'identifier':
          if (!blockType) blockType = c;
          else if (open === undefined) labels.push({ value: c.text, span: this.span(c) });
          break;
        case 'string_lit':
          if (open === undefined) labels.push({ value: unescape(this.stringText(c)), span: this.span(c) });
          break;
        case 'block_start':
          // A `{` the parser invented (MISSING, zero width) is no opening: edits must not use it.
          if (!c.isMissing && c.endIndex > c.startIndex) open = c.startIndex + this.offset;
          break;
        case 'body':
          body = this.body(c);
          break;
        case 'block_end':
          if (!c.isMissing && c.endIndex > c.startIndex) close = c.startIndex + this.offset;
          break;
      }
    }
    if (!blockType) return undefined;
    // `resource "a" "b"` still without its `{`: the grammar takes the next block's
    // header as more labels. Report it (which makes parseHcl recover chunk by chunk).
    const typeLine = this.text.slice(0, blockType.startIndex).split('\n').length;
    const later = labels.findIndex((l) => this.text.slice(0, l.span.start - this.offset).split('\n').length > typeLine);
    if (later >= 0) {
      const last = later > 0 ? labels[later - 1].span.end : blockType.endIndex + this.offset;
      const header = this.text.slice(blockType.startIndex, last - this.offset);
      this.add(`the block ${header.length > 60 ? header.slice(0, 60) + '…' : header} has no body: "{" is missing.`, { start: blockType.startIndex + this.offset, end: last });
      labels.splice(later);
    }
    const span = this.span(n);
    return { type: 'block', blockType: blockType.text, typeSpan: this.span(blockType), labels, body, span, open, close };
  }

  private stringText(n: TsNode): string {
    return n.namedChildren.filter((c) => c?.type === 'template_literal').map((c) => c!.text).join('');
  }

  /** Expressions and blocks being converted (recursion depth), bounded by MAX_DEPTH. */
  private depth = 0;

  /** Whether the conversion went too deep (reported once per chunk, then the content is left out). */
  private tooDeep(n: TsNode): boolean {
    if (this.depth < MAX_DEPTH) return false;
    if (!this.errors.some((e) => e.message.startsWith('nested more than'))) this.add(`nested more than ${MAX_DEPTH} levels deep: the content is not analysed.`, { start: this.span(n).start, end: this.span(n).start + 1 });
    return true;
  }

  expr(n: TsNode): HclExpr {
    if (this.tooDeep(n)) return { kind: 'other', what: 'too deep', children: [], span: this.span(n) };
    this.depth++;
    try {
      return this.exprAt(n);
    } finally {
      this.depth--;
    }
  }

  private exprAt(n: TsNode): HclExpr {
    const span = this.span(n);
    const kids = this.named(n);
    if (n.type === 'expression') {
      if (kids.length === 0) return { kind: 'other', what: 'empty', children: [], span };
      // `( expr )`
      if (kids.length === 1 && kids[0].type === 'expression') {
        const inner = this.expr(kids[0]);
        return { kind: 'other', what: 'parenthesized', children: [inner], span };
      }
      if (kids[0].type === 'variable_expr') return this.traversal(kids, span);
      if (kids.length === 1) return this.expr(kids[0]);
      // A literal or call followed by get_attr/index/splat.
      return { kind: 'other', what: 'traversal', children: [this.expr(kids[0])], span };
    }
    switch (n.type) {
      case 'literal_value': {
        const k = kids[0];
        if (!k) return { kind: 'other', what: 'literal', children: [], span };
        if (k.type === 'numeric_lit') return { kind: 'literal', value: Number(k.text), span };
        if (k.type === 'bool_lit') return { kind: 'literal', value: k.text === 'true', span };
        if (k.type === 'null_lit') return { kind: 'literal', value: null, span };
        if (k.type === 'string_lit') return { kind: 'literal', value: unescape(this.stringText(k)), span };
        return { kind: 'other', what: k.type, children: [], span };
      }
      case 'template_expr': {
        const t = kids[0];
        if (!t) return { kind: 'other', what: 'template', children: [], span };
        return this.template(t, span);
      }
      case 'collection_value': {
        const c = kids[0];
        if (c?.type === 'tuple') return { kind: 'tuple', items: this.named(c).filter((x) => x.type === 'expression').map((x) => this.expr(x)), span };
        if (c?.type === 'object') {
          const items: HclObjectItem[] = [];
          for (const e of this.named(c)) {
            if (e.type !== 'object_elem') continue;
            const key = e.childForFieldName('key');
            const val = e.childForFieldName('val');
            if (!key || !val) continue;
            const keyExpr = this.expr(key);
            let name: string | undefined;
            if (keyExpr.kind === 'traversal' && keyExpr.path.length === 0) name = keyExpr.root;
            else if (keyExpr.kind === 'literal' && typeof keyExpr.value === 'string') name = keyExpr.value;
            items.push({ key: name, keySpan: this.span(key), value: this.expr(val), span: this.span(e) });
          }
          return { kind: 'object', items, span };
        }
        return { kind: 'other', what: 'collection', children: [], span };
      }
      case 'function_call': {
        const id = kids.find((k) => k.type === 'identifier');
        const args = kids.find((k) => k.type === 'function_arguments');
        return {
          kind: 'call',
          name: id?.text ?? '',
          args: args ? this.named(args).filter((x) => x.type === 'expression').map((x) => this.expr(x)) : [],
          span,
        };
      }
      case 'variable_expr':
        return this.traversal([n], span);
      default:
        return { kind: 'other', what: n.type, children: this.subExpressions(n), span };
    }
  }

  /** Every expression below a node (conditionals, operations, for expressions). */
  private subExpressions(n: TsNode): HclExpr[] {
    const out: HclExpr[] = [];
    for (const c of this.named(n)) {
      if (c.type === 'expression') out.push(this.expr(c));
      else out.push(...this.subExpressions(c));
    }
    return out;
  }

  private traversal(kids: TsNode[], span: Span): HclExpr {
    const root = kids[0].namedChildren.find((c) => c?.type === 'identifier')?.text ?? kids[0].text;
    const path: (string | number)[] = [];
    for (const k of kids.slice(1)) {
      if (k.type === 'get_attr') {
        const id = k.namedChildren.find((c) => c?.type === 'identifier');
        if (!id) return { kind: 'other', what: 'traversal', children: [], span };
        path.push(id.text);
      } else if (k.type === 'index') {
        const inner = k.namedChildren[0];
        if (inner?.type === 'legacy_index') {
          path.push(Number(inner.text.replace(/^\./, '')));
          continue;
        }
        const e = inner?.namedChildren.find((c) => c?.type === 'expression');
        const v = e ? this.expr(e) : undefined;
        if (v?.kind === 'literal' && (typeof v.value === 'number' || typeof v.value === 'string')) path.push(v.value);
        else return { kind: 'other', what: 'index', children: v ? [{ kind: 'traversal', root, path: [...path], span }, v] : [], span };
      } else {
        return { kind: 'other', what: k.type, children: [{ kind: 'traversal', root, path: [...path], span }], span };
      }
    }
    return { kind: 'traversal', root, path, span };
  }

  private template(t: TsNode, span: Span): HclExpr {
    const parts: HclExpr[] = [];
    let directives = false;
    const heredocStrip = t.type === 'heredoc_template' && /^<<-/.test(t.text);
    const markers = t.namedChildren.filter((c) => c?.type === 'heredoc_identifier');
    if (t.type === 'heredoc_template' && markers.length === 2 && !t.namedChildren.some((c) => c?.type === 'template_interpolation' || c?.type === 'template_directive')) {
      // A literal heredoc: its lines as written, from after the opening marker's line to the closing marker's line.
      const from = this.text.indexOf('\n', markers[0]!.endIndex) + 1;
      let to = markers[1]!.startIndex;
      while (to > from && this.text[to - 1] !== '\n') to--;
      let value = from > 0 && to >= from ? this.text.slice(from, to) : '';
      if (heredocStrip) {
        const lines = value.split('\n');
        const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
        const strip = indents.length ? Math.min(...indents) : 0;
        value = lines.map((l) => l.slice(Math.min(strip, /^[ \t]*/.exec(l)![0].length))).join('\n');
      }
      return { kind: 'template', parts: [{ kind: 'literal', value: value.replace(/\r\n/g, '\n'), span }], directives: false, span };
    }
    for (const c of this.named(t)) {
      if (c.type === 'template_literal') parts.push({ kind: 'literal', value: t.type === 'quoted_template' ? unescape(c.text) : c.text, span: this.span(c) });
      else if (c.type === 'template_interpolation') {
        const e = c.namedChildren.find((x) => x?.type === 'expression');
        if (e) parts.push(this.expr(e));
      } else if (c.type === 'template_directive') directives = true;
    }
    if (heredocStrip) {
      // `<<-` removes the common leading whitespace of the lines.
      const lines = parts.flatMap((p) => (p.kind === 'literal' && typeof p.value === 'string' ? p.value.split('\n') : []));
      const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
      const strip = indents.length ? Math.min(...indents) : 0;
      if (strip) for (const p of parts) if (p.kind === 'literal' && typeof p.value === 'string') p.value = p.value.split('\n').map((l) => l.slice(Math.min(strip, /^[ \t]*/.exec(l)![0].length))).join('\n');
    }
    return { kind: 'template', parts, directives, span };
  }

  /** ERROR and MISSING nodes as problems; comments as spans. */
  collectErrors(root: TsNode): void {
    const visit = (n: TsNode, parentBlock: TsNode | undefined, parentAttr: TsNode | undefined, depth = 0) => {
      // Deeper than the conversion goes (an error was reported there): no recursion into it.
      if (depth > 4 * MAX_DEPTH) return;
      if (n.type === 'comment') {
        this.comments.push(this.span(n));
        return;
      }
      if (n.isMissing) {
        if (n.type === 'block_end' || n.type === '}') {
          const block = parentBlock;
          if (block) {
            const header = this.blockHeader(block);
            this.add(`${header.text} is not closed: "}" is missing.`, header.span);
            return;
          }
        }
        const closer = CLOSERS[n.type] ?? (/^\W+$/.test(n.type) ? n.type : undefined);
        if (closer) {
          let at = n.startIndex;
          while (at > 0 && /\s/.test(this.text[at - 1])) at--;
          this.add(closer === '"' ? 'the string is not closed: a closing quote is missing.' : `"${closer}" is missing here.`, { start: at + this.offset, end: at + this.offset });
          return;
        }
        if (parentAttr) {
          const name = parentAttr.namedChildren.find((c) => c?.type === 'identifier')?.text;
          const span = this.span(parentAttr);
          const firstLine = this.text.slice(parentAttr.startIndex, parentAttr.endIndex).split(/\r?\n/)[0].trimEnd();
          this.add(name ? `"${name}" has no value.` : 'an attribute is incomplete.', { start: span.start, end: span.start + Math.max(1, firstLine.length) });
          return;
        }
        // Zero-width, after the last token before it (not at the start of the next line).
        let at = n.startIndex;
        while (at > 0 && /\s/.test(this.text[at - 1])) at--;
        this.add(`${/^\W+$/.test(n.type) ? `"${n.type}"` : `a ${n.type.replace(/_/g, ' ')}`} is missing here.`, { start: at + this.offset, end: at + this.offset });
        return;
      }
      if (n.type === 'ERROR') {
        const span = this.span(n);
        const raw = this.text.slice(n.startIndex, n.endIndex);
        const firstLine = raw.split(/\r?\n/)[0];
        const shown = firstLine.length > 40 ? firstLine.slice(0, 40) + '…' : firstLine;
        const end = span.start + (firstLine.length || 1);
        const noValue = /^[ \t]*([A-Za-z_][\w-]*)[ \t]*=[ \t]*$/.exec(firstLine);
        // A block header whose body never closes: `resource "x" "y" {` and what was typed after it.
        const header = /^([A-Za-z_][\w-]*(?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*)[ \t]*\{[ \t]*$/.exec(firstLine);
        const unbalanced = (raw.match(/\{/g) ?? []).length > (raw.match(/\}/g) ?? []).length;
        if (header && unbalanced) {
          this.add(`the block ${header[1].length > 60 ? header[1].slice(0, 60) + '…' : header[1]} is not closed: "}" is missing.`, { start: span.start, end: span.start + header[1].length });
          for (const c of n.descendantsOfType('comment')) if (c) this.comments.push(this.span(c));
          return;
        }
        const bodiless = /^([A-Za-z_][\w-]*(?:[ \t]+"[^"\n]*")+)[ \t]*$/.exec(firstLine);
        if (bodiless) {
          this.add(`the block ${bodiless[1].length > 60 ? bodiless[1].slice(0, 60) + '…' : bodiless[1]} has no body: "{" is missing.`, { start: span.start, end: span.start + bodiless[1].length });
          return;
        }
        const message = noValue ? `"${noValue[1]}" has no value.` : shown.trim() ? `unexpected "${shown.trim()}".` : 'unexpected text.';
        this.add(message, { start: span.start, end: Math.min(end, span.end) || span.start + 1 });
        // Comments inside an ERROR node are still comments (suppressions).
        for (const c of n.descendantsOfType('comment')) if (c) this.comments.push(this.span(c));
        return;
      }
      if (!n.hasError && n.type !== 'config_file') {
        for (const c of n.descendantsOfType('comment')) if (c) this.comments.push(this.span(c));
        return;
      }
      for (const c of n.children) if (c) visit(c, n.type === 'block' ? n : parentBlock, n.type === 'attribute' ? n : n.type === 'block' ? undefined : parentAttr, depth + 1);
    };
    visit(root, undefined, undefined);
  }

  private blockHeader(block: TsNode): { text: string; span: Span } {
    const parts: TsNode[] = [];
    for (const c of block.children) {
      if (!c || c.type === 'block_start' || c.type === 'body' || c.type === 'block_end') break;
      parts.push(c);
    }
    if (parts.length === 0) return { text: 'a block', span: this.span(block) };
    const span = { start: parts[0].startIndex + this.offset, end: parts[parts.length - 1].endIndex + this.offset };
    const text = parts.map((p) => p.text).join(' ');
    return { text: `the block ${text.length > 60 ? text.slice(0, 60) + '…' : text}`, span };
  }

  private add(message: string, span: Span): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ message, span });
  }
}

// ---- helpers on the AST ---------------------------------------------------------------

export function attributesOf(body: readonly HclBodyItem[]): HclAttribute[] {
  return body.filter((i): i is HclAttribute => i.type === 'attribute');
}

export function blocksOf(body: readonly HclBodyItem[], type?: string): HclBlock[] {
  return body.filter((i): i is HclBlock => i.type === 'block' && (type === undefined || i.blockType === type));
}
