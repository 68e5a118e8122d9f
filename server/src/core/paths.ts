// Path arithmetic on Workspace keys. Keys are opaque to the core but always use
// '/' separators: relative paths in the CLI (`../corpus/apps/x.yaml`), `file://`
// URIs in the language server. These helpers keep a URI's scheme prefix and
// resolve `.` and `..` like POSIX paths, never touching the disk.

/** `file://` (or another scheme with authority) prefix of a key, else ''. */
function prefixOf(key: string): string {
  const m = /^[a-zA-Z][\w+.-]*:\/\/[^/]*/.exec(key);
  return m ? m[0] : '';
}

/** Normalise `.`, `..` and repeated slashes; keeps a leading `/` or leading `..` segments. */
export function normalizeKey(key: string): string {
  const prefix = prefixOf(key);
  const rest = key.slice(prefix.length);
  const absolute = rest.startsWith('/');
  const out: string[] = [];
  for (const seg of rest.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const body = out.join('/');
  if (prefix) return `${prefix}/${body}`;
  return absolute ? `/${body}` : body || '.';
}

/** The folder of a key (`a/b/c.yaml` → `a/b`). */
export function dirnameKey(key: string): string {
  const prefix = prefixOf(key);
  const rest = key.slice(prefix.length);
  const i = rest.lastIndexOf('/');
  if (i < 0) return prefix ? prefix + '/' : '.';
  if (i === 0) return prefix + '/';
  return prefix + rest.slice(0, i);
}

export function basenameKey(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

/** Resolve a relative path against a folder key (an absolute `/x` stays under the key's scheme). */
export function joinKey(dir: string, relative: string): string {
  if (/^[a-zA-Z][\w+.-]*:\/\//.test(relative)) return normalizeKey(relative);
  if (relative.startsWith('/')) return normalizeKey(prefixOf(dir) + relative);
  return normalizeKey(`${dir}/${relative}`);
}

/** Whether `key` is `dir` itself or lies under it. */
export function isUnder(key: string, dir: string): boolean {
  const d = normalizeKey(dir);
  const k = normalizeKey(key);
  if (d === '.') return !k.startsWith('..');
  return k === d || k.startsWith(d.endsWith('/') ? d : d + '/');
}

/** `key` relative to `dir` (`dir/a/b.yaml` → `a/b.yaml`), or undefined when it is not under it. */
export function relativeKey(dir: string, key: string): string | undefined {
  if (!isUnder(key, dir)) return undefined;
  const d = normalizeKey(dir);
  const k = normalizeKey(key);
  if (k === d) return '.';
  return d === '.' ? k : k.slice(d.length + (d.endsWith('/') ? 0 : 1));
}
