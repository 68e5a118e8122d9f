// Reading the workspace from disk, shared by the CLI and the language server.
// (The core never touches the disk; this is the layer that does.)
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';

/** Folders never worth walking into. */
export const DEFAULT_IGNORE = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/.terraform/**', '**/vendor/**'];

export const LINTABLE = /\.(ya?ml|tf)$/i;
export const CONFIG_FILE_NAMES = ['.blueprint.yaml', '.blueprint.yml'];

export function isLintable(path: string): boolean {
  return LINTABLE.test(path);
}

/** A matcher for ignore globs, relative to `base` (paths outside base never match). */
export function ignoreMatcher(base: string, globs: readonly string[]): (absPath: string) => boolean {
  const all = [...DEFAULT_IGNORE, ...globs];
  const match = picomatch(all, { dot: true });
  // `dir/**` should also ignore `dir` itself so the walk can skip it.
  const matchDir = picomatch(all.map((g) => g.replace(/\/\*\*$/, '')), { dot: true });
  return (absPath: string) => {
    const rel = relative(base, absPath).split(sep).join('/');
    if (rel.startsWith('..')) return false;
    return match(rel) || matchDir(rel);
  };
}

export interface WalkResult {
  files: string[];
  /** Paths skipped with a reason (symlink loop, link out of the folder, unreadable). */
  skipped: { path: string; reason: string }[];
}

/** true when `p` is `root` or under it (both real, absolute paths). */
function isWithin(p: string, root: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Every lintable file under the given paths (files are taken as given). Symbolic
 * links found on the way are followed only when they resolve inside the given
 * folder (a link to `/etc` or `../../secrets` is skipped with a reason: linting a
 * folder never reads outside it), and once: a link back into an already visited
 * folder is a loop and skipped. A path given explicitly is taken as it is, link or not.
 */
export function walk(paths: readonly string[], isIgnored: (abs: string) => boolean = () => false): WalkResult {
  const files: string[] = [];
  const skipped: WalkResult['skipped'] = [];
  const seenDirs = new Set<string>();
  const visit = (p: string, root: string | undefined) => {
    const explicit = root === undefined;
    if (!explicit && isSymbolicLink(p)) {
      let target: string;
      try {
        target = realpathSync(p);
      } catch (e) {
        skipped.push({ path: p, reason: (e as NodeJS.ErrnoException).code === 'ELOOP' ? 'symlink loop' : 'cannot be read' });
        return;
      }
      if (!isWithin(target, root)) {
        skipped.push({ path: p, reason: `symbolic link to ${target}, outside the folder being linted: not followed` });
        return;
      }
    }
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      skipped.push({ path: p, reason: (e as NodeJS.ErrnoException).code === 'ELOOP' ? 'symlink loop' : 'cannot be read' });
      return;
    }
    if (!explicit && isIgnored(resolve(p))) return;
    if (st.isDirectory()) {
      let real: string;
      try {
        real = realpathSync(p);
      } catch {
        skipped.push({ path: p, reason: 'symlink loop' });
        return;
      }
      if (seenDirs.has(real)) {
        skipped.push({ path: p, reason: 'symlink loop (folder already visited)' });
        return;
      }
      seenDirs.add(real);
      let entries: string[];
      try {
        entries = readdirSync(p).sort();
      } catch {
        skipped.push({ path: p, reason: 'cannot be read' });
        return;
      }
      for (const e of entries) visit(join(p, e), root ?? real);
    } else if (st.isFile() && (explicit || isLintable(p) || CONFIG_FILE_NAMES.includes(p.split(sep).pop()!))) {
      files.push(p);
    }
  };
  for (const p of paths) visit(p, undefined);
  return { files, skipped };
}

function isSymbolicLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Read a file as UTF-8 text, or say why not. */
export function readText(path: string, maxBytes = 50 * 1024 * 1024): { text?: string; error?: string } {
  try {
    const size = statSync(path).size;
    if (size > maxBytes) return { error: `file is ${(size / 1024 / 1024).toFixed(1)} MB, above the ${maxBytes / 1024 / 1024} MB limit` };
    return { text: readFileSync(path, 'utf8') };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The nearest `.blueprint.yaml` at or above a folder, up to (and including) `stopAt`. */
export function findConfigFile(startDir: string, stopAt?: string): string | undefined {
  let dir = resolve(startDir);
  const stop = stopAt ? resolve(stopAt) : undefined;
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = join(dir, name);
      try {
        if (statSync(p).isFile()) return p;
      } catch {
        /* not here */
      }
    }
    if (dir === stop) return undefined;
    const parent = resolve(dir, '..');
    if (parent === dir) return undefined;
    dir = parent;
  }
}
