// Connection strings found inside configuration values: URLs (`redis://`,
// `rediss://`, `postgres://`, `postgresql://`, `jdbc:mysql://`, …), libpq and
// ADO.NET keyword strings (`host=… sslmode=disable`, `Host=…;SSL Mode=Disable`),
// MySQL options (`ssl-mode=DISABLED`) and `host:port` pairs. Pure string work:
// every piece carries offsets into the text it was found in, so a rule can map
// them to file spans (model/app-config.ts) and underline exactly the part at fault.

export interface Piece {
  /** Offsets into the searched text, [start, end). */
  start: number;
  end: number;
  text: string;
}

export type UrlFamily = 'redis' | 'postgres' | 'mysql';

export interface UrlParam {
  key: Piece;
  value: Piece;
  /** `key=value` as a whole. */
  whole: Piece;
}

export interface UrlHost {
  host: Piece;
  port?: Piece;
}

export interface ParsedUrl {
  whole: Piece;
  /** `redis`, `rediss`, `postgresql`, `jdbc:mysql`, … */
  scheme: Piece;
  family: UrlFamily;
  /** The scheme asks for TLS itself (`rediss`). */
  tlsScheme: boolean;
  /** `user:password` before `@`, if any. */
  userinfo?: Piece;
  /** The password part of the userinfo, if any. */
  password?: Piece;
  hosts: UrlHost[];
  /** Offset just after the last host[:port] (where `:6380` would be inserted). */
  authorityEnd: number;
  /** The query without `?`, if there is one (possibly empty). */
  query?: Piece;
  params: UrlParam[];
}

const URL_START = /(?<![\w+.-])((?:jdbc:)?(?:rediss?|postgres(?:ql)?|mysql|mariadb|mysqlx))(?::[a-z]+)?:\/\//gi;
const URL_CHAR_STOP = /[\s'"`<>\\]/;

function piece(text: string, start: number, end: number): Piece {
  return { start, end, text: text.slice(start, end) };
}

function familyOf(scheme: string): UrlFamily | undefined {
  const s = scheme.toLowerCase().replace(/^jdbc:/, '');
  if (s === 'redis' || s === 'rediss') return 'redis';
  if (s === 'postgres' || s === 'postgresql') return 'postgres';
  if (s === 'mysql' || s === 'mariadb' || s === 'mysqlx') return 'mysql';
  return undefined;
}

/** Every database/cache URL in a text, with the offsets of its parts. */
export function findUrls(text: string): ParsedUrl[] {
  const out: ParsedUrl[] = [];
  URL_START.lastIndex = 0;
  for (let m = URL_START.exec(text); m; m = URL_START.exec(text)) {
    const start = m.index;
    const family = familyOf(m[1]);
    let end = start + m[0].length;
    while (end < text.length && !URL_CHAR_STOP.test(text[end])) end++;
    // Prose and code put punctuation right after a URL.
    while (end > start + m[0].length && /[.,;)\]]/.test(text[end - 1])) end--;
    URL_START.lastIndex = Math.max(end, start + m[0].length);
    if (!family) continue;
    const authStart = start + m[0].length;
    let authEnd = authStart;
    while (authEnd < end && !/[/?#]/.test(text[authEnd])) authEnd++;
    const at = text.lastIndexOf('@', authEnd - 1);
    let hostStart = authStart;
    let userinfo: Piece | undefined;
    let password: Piece | undefined;
    if (at >= authStart) {
      userinfo = piece(text, authStart, at);
      const colon = text.indexOf(':', authStart);
      if (colon >= 0 && colon < at) password = piece(text, colon + 1, at);
      hostStart = at + 1;
    }
    const hosts: UrlHost[] = [];
    let h = hostStart;
    while (h <= authEnd) {
      let comma = text.indexOf(',', h);
      if (comma < 0 || comma > authEnd) comma = authEnd;
      const hp = parseHostPort(text, h, comma);
      if (hp) hosts.push(hp);
      h = comma + 1;
    }
    let query: Piece | undefined;
    const params: UrlParam[] = [];
    const q = text.indexOf('?', authEnd);
    if (q >= 0 && q < end) {
      let qEnd = text.indexOf('#', q);
      if (qEnd < 0 || qEnd > end) qEnd = end;
      query = piece(text, q + 1, qEnd);
      let p = q + 1;
      while (p < qEnd) {
        let amp = p;
        while (amp < qEnd && text[amp] !== '&' && text[amp] !== ';') amp++;
        const eq = text.indexOf('=', p);
        if (eq > p && eq < amp) params.push({ key: piece(text, p, eq), value: piece(text, eq + 1, amp), whole: piece(text, p, amp) });
        p = amp + 1;
      }
    }
    out.push({
      whole: piece(text, start, end),
      scheme: piece(text, start, start + m[1].length),
      family,
      tlsScheme: m[1].toLowerCase().endsWith('rediss'),
      userinfo,
      password,
      hosts,
      authorityEnd: authEnd,
      query,
      params,
    });
  }
  return out;
}

/** `host`, `host:port`, `[::1]:port` between two offsets. */
function parseHostPort(text: string, start: number, end: number): UrlHost | undefined {
  if (end <= start) return undefined;
  if (text[start] === '[') {
    const close = text.indexOf(']', start);
    if (close < 0 || close >= end) return { host: piece(text, start, end) };
    const host = piece(text, start, close + 1);
    return text[close + 1] === ':' && close + 2 < end ? { host, port: piece(text, close + 2, end) } : { host };
  }
  const colon = text.indexOf(':', start);
  if (colon >= 0 && colon < end) {
    return { host: piece(text, start, colon), port: colon + 1 < end ? piece(text, colon + 1, end) : undefined };
  }
  return { host: piece(text, start, end) };
}

export interface KeywordParam {
  key: Piece;
  value: Piece;
  whole: Piece;
}

/**
 * `key=value` (or `key = value`, `key: value` when `colon` is set) occurrences
 * whose key matches `keys` (a case-insensitive alternation without anchors).
 * Values may be quoted; the value piece excludes the quotes. Matches inside
 * `skip` ranges (URLs already parsed) are left out.
 */
export function findKeywordParams(text: string, keys: string, skip: readonly Piece[] = [], colon = false): KeywordParam[] {
  const sep = colon ? '[=:]' : '=';
  const re = new RegExp(`(?<![\\w.-])(${keys})[ \\t]*${sep}[ \\t]*(?:'([^'\\n]*)'|"([^"\\n]*)"|([^\\s;&,'"]*))`, 'gi');
  const out: KeywordParam[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    if (skip.some((s) => start >= s.start && start < s.end)) continue;
    const keyEnd = start + m[1].length;
    const raw = m[0];
    const quoted = m[2] !== undefined || m[3] !== undefined;
    const val = m[2] ?? m[3] ?? m[4] ?? '';
    const valEnd = start + raw.length - (quoted ? 1 : 0);
    const valStart = valEnd - val.length;
    out.push({ key: piece(text, start, keyEnd), value: piece(text, valStart, valEnd), whole: piece(text, start, start + raw.length) });
  }
  return out;
}

// ---- hosts ---------------------------------------------------------------------------

const AZURE_REDIS = /\.redis\.cache\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)$/i;
const AZURE_POSTGRES = /\.postgres\.database\.(?:azure\.com|chinacloudapi\.cn|usgovcloudapi\.net)$/i;

/** A host name without scheme prefixes (`tls://`, `tcp://`) and without `:port`. */
export function bareHost(value: string): string {
  let v = value.trim().replace(/^[a-z][\w+.-]*:\/\//i, '');
  const at = v.lastIndexOf('@');
  if (at >= 0) v = v.slice(at + 1);
  v = v.replace(/[/?#].*$/, '');
  if (v.startsWith('[')) return v.slice(0, v.indexOf(']') + 1 || v.length);
  return v.replace(/:\d*$/, '');
}

export function isAzureRedisHost(host: string): boolean {
  return AZURE_REDIS.test(bareHost(host));
}

export function isAzurePostgresHost(host: string): boolean {
  return AZURE_POSTGRES.test(bareHost(host));
}

/** Placeholders (`${VAR}`, `$(VAR)`, `<fqdn>`, `{{ x }}`) say nothing about the host. */
export function isPlaceholder(value: string): boolean {
  return /\$\{|\$\(|\{\{|<[^>]*>|^\$/.test(value);
}

/**
 * A host that never leaves the cluster (or the pod): a bare Service name, a
 * `*.svc` / `*.svc.cluster.local` / `*.cluster.local` name, localhost and
 * loopback addresses, and `service.namespace` when `isServiceRef` knows it.
 */
export function isClusterInternalHost(host: string, isServiceRef?: (name: string, ns: string) => boolean): boolean {
  const h = bareHost(host).toLowerCase().replace(/\.$/, '');
  if (!h) return false;
  if (h === 'localhost' || h === '[::1]' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h)) return true;
  if (/\.svc$|\.svc\.cluster\.local$|\.cluster\.local$/.test(h)) return true;
  if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(h)) return true; // a bare Service name
  const parts = h.split('.');
  return parts.length === 2 && !!isServiceRef?.(parts[0], parts[1]);
}

// ---- TLS settings --------------------------------------------------------------------

/** libpq sslmode values that do not require TLS. */
export const WEAK_PG_SSLMODES = ['disable', 'allow', 'prefer'];
/** sslmode values that enforce TLS. */
export const STRONG_PG_SSLMODES = ['require', 'verify-ca', 'verify-full'];

/** Whether an sslmode value (libpq, pgjdbc or Npgsql spelling) leaves TLS optional or off. */
export function isWeakPgSslMode(value: string): boolean {
  return WEAK_PG_SSLMODES.includes(value.trim().toLowerCase());
}

/** MySQL spellings that turn TLS off (`ssl-mode=DISABLED`, Connector/NET `SslMode=None`). */
export function isMysqlSslOff(value: string): boolean {
  return /^(disabled|none)$/i.test(value.trim());
}

export function isFalsy(value: string): boolean {
  return /^(false|0|off|no|disabled?)$/i.test(value.trim());
}

/** A switch turned on (`true`, `1`, `yes`, `on`, `enabled`, `required`). */
export function isTruthy(value: string): boolean {
  return /^(true|1|on|yes|enabled?|required?)$/i.test(value.trim());
}
