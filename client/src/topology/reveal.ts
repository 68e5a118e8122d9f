// Validation of the webview's "reveal" message (the webview is not trusted: a
// script injected into it could post anything). Pure, no `vscode` import, so it
// is unit-tested (test/webview/security.test.ts); panel.ts applies it before
// opening anything.

export interface RevealTarget {
  /** The file URI, as given (already checked). */
  file: string;
  span?: { start: number; end: number };
}

const MAX_OFFSET = 2 ** 31;

/**
 * The file and span of a reveal message, or undefined when the message is
 * malformed or names a file outside the workspace: a `file:` URI whose path lies
 * under one of `folders` (workspace folder URIs) without `.`/`..` segments,
 * encoded separators or NUL, or exactly the URI of a document open in the editor.
 */
export function validateReveal(message: unknown, folders: readonly string[], openDocuments: readonly string[] = []): RevealTarget | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const m = message as { type?: unknown; file?: unknown; span?: unknown };
  if (m.type !== 'reveal' || typeof m.file !== 'string' || m.file.length > 4096) return undefined;
  if (!openDocuments.includes(m.file) && !insideFolders(m.file, folders)) return undefined;
  const s = m.span as { start?: unknown; end?: unknown } | undefined;
  const offset = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < MAX_OFFSET;
  const span = s && typeof s === 'object' && offset(s.start) && offset(s.end) && (s.end as number) >= (s.start as number) ? { start: s.start as number, end: s.end as number } : undefined;
  return { file: m.file, ...(span ? { span } : {}) };
}

/** A `file:` URI strictly under one of the folder URIs, with no segment that could climb out. */
export function insideFolders(fileUri: string, folders: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(fileUri);
  } catch {
    return false;
  }
  if (url.protocol !== 'file:' || url.search || url.hash || url.username || url.password) return false;
  // WHATWG URL parsing already resolves `..` and `.`; check the raw text as well, and refuse
  // encoded separators, dots and NUL that a later decoding could turn into a climb.
  if (/%2f|%5c|%00|%2e/i.test(fileUri) || /(^|\/)\.\.?(\/|$)/.test(rawPath(fileUri)) || fileUri.includes('\\')) return false;
  const path = url.pathname;
  return folders.some((f) => {
    let folder: URL;
    try {
      folder = new URL(f);
    } catch {
      return false;
    }
    if (folder.protocol !== 'file:' || folder.host !== url.host) return false;
    // Compared decoded: the server's keys and VS Code's folder URIs may encode differently
    // (`%3A` for a drive letter...). Encoded separators and dots were refused above.
    const decode = (p: string) => {
      try {
        // Windows drive letters: VS Code writes `c:`, Node's pathToFileURL `C:`.
        return decodeURIComponent(p).replace(/^\/([A-Za-z]):/, (_, d: string) => `/${d.toLowerCase()}:`);
      } catch {
        return undefined;
      }
    };
    const base = decode(folder.pathname.endsWith('/') ? folder.pathname : folder.pathname + '/');
    const own = decode(path);
    return base !== undefined && own !== undefined && own.startsWith(base) && own.length > base.length;
  });
}

function rawPath(uri: string): string {
  const m = /^file:\/\/[^/]*(\/[^?#]*)/i.exec(uri);
  return m ? m[1] : uri;
}
