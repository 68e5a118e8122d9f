// The one check every writer of generated files uses: a generated path is
// relative, POSIX, and cannot leave the target folder.

/** True when `p` is a plain relative path: no leading "/", no drive letter, no "." or ".." segment, no backslash. */
export function safeRelativePath(p: string): boolean {
  if (p === '' || p.startsWith('/') || p.includes('\\') || /^[A-Za-z]:/.test(p) || p.includes('\0')) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}
