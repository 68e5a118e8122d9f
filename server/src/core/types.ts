// Plain data shared by every layer of the core. Offsets are UTF-16 code-unit
// indexes into a file's text (what JavaScript strings use), so the LSP layer can
// convert them to positions without re-reading anything.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** A half-open range [start, end) of offsets into one file's text. */
export interface Span {
  start: number;
  end: number;
}

/** Replace [start, end) of a file's text with newText. */
export interface TextEdit extends Span {
  newText: string;
}

export interface Fix {
  title: string;
  /** Edits of the finding's own file (may be empty when the fix only touches other files). */
  edits: TextEdit[];
  /** Safe to apply without a human looking (used by --fix and fix-all). */
  safe?: boolean;
  /**
   * Changes to other files: a new file to create (next to the finding's file) or
   * edits of another existing file (a kustomization listing the new file). Keys
   * have the form of Workspace keys (dirnameKey/joinKey of the finding's file).
   * Fix-all and --fix never apply fixes that have them; the editor offers them
   * when the client can create files.
   */
  otherFiles?: FileChange[];
}

const LAZY = Symbol('lazyFix');

/**
 * A fix whose edits are computed on first use: when a code action, fix-all,
 * `--fix` or SARIF output reads `edits` / `otherFiles`, not on every lint. For
 * fixes that are costly to render (a whole generated document) and rarely
 * applied. The thunks run at most once and must use only what they captured
 * when the finding was reported (the file's text, snapshots of documents:
 * `{ ...doc }` keeps its offset), never the live workspace, which may have
 * changed since. Indistinguishable from a plain Fix to readers.
 */
export function lazyFix(spec: { title: string; safe: boolean; edits: () => TextEdit[]; otherFiles?: () => FileChange[] }): Fix {
  const fix = { title: spec.title, safe: spec.safe } as Fix;
  const memo = <T>(f: () => T): PropertyDescriptor => {
    let done = false;
    let value: T;
    return {
      enumerable: true,
      get: () => {
        if (!done) [value, done] = [f(), true];
        return value;
      },
    };
  };
  Object.defineProperty(fix, 'edits', memo(spec.edits));
  if (spec.otherFiles) Object.defineProperty(fix, 'otherFiles', memo(spec.otherFiles));
  Object.defineProperty(fix, LAZY, { value: true });
  return fix;
}

/** Whether a fix was made by lazyFix (copying it with a spread would compute its edits). */
export function isLazyFix(fix: Fix): boolean {
  return (fix as unknown as Record<symbol, unknown>)[LAZY] === true;
}

/** A change a fix makes to a file other than the finding's. */
export interface FileChange {
  file: string;
  /** Create the file with this text (it does not exist yet). */
  create?: string;
  /** Edits of an existing file. */
  edits?: TextEdit[];
}

export interface RelatedInfo {
  file: string;
  span: Span;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  span: Span;
  /** `Kind/namespace/name`, namespace omitted for cluster-scoped kinds. */
  object?: string;
  fixes: Fix[];
  related?: RelatedInfo[];
}

/** Apply non-overlapping edits to a text (edits may come in any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let lastStart = Infinity;
  for (const e of sorted) {
    if (e.end > lastStart) continue; // overlapping edit: skip rather than corrupt
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    lastStart = e.start;
  }
  return out;
}

/** Line starts of a text, for offset <-> line/character conversion. */
export class LineIndex {
  readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    if (text.indexOf('\r') === -1) {
      // The common case, and several times faster than a loop over every character.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
    }
    this.starts = starts;
  }
  /** Zero-based line and character (UTF-16) of an offset. */
  position(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset between the \r and \n of a line break is the end of its line (LSP
    // positions never point inside a line break; a parser error may).
    return { line: lo, character: Math.min(o, this.lineEnd(lo)) - this.starts[lo] };
  }
  offset(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[line] + Math.max(0, character), this.lineEnd(line));
  }
  /** Offset of the end of a line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
  get lineCount(): number {
    return this.starts.length;
  }
}
