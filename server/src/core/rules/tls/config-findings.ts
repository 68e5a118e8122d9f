// The transport-encryption checks on application configuration, shared by
// tls/redis-port, tls/postgres-sslmode and tls/mysql-ssl. Computed once per
// workspace state (Workspace.derived) over every ConfigMap, plain Secret and
// workload, because a finding can need two places at once: REDIS_HOST written
// in a Deployment and REDIS_PORT in a ConfigMap it loads with envFrom. A finding
// always sits where the offending value is written; the other places go into
// `related`. Findings are keyed by the object they sit in, so each rule reports
// its own when the engine checks that object.
import type { K8sObject } from '../../model/k8s';
import type { Workspace } from '../../model/workspace';
import type { Fix, RelatedInfo, Span, TextEdit } from '../../types';
import type { MessageData } from '../rule';
import { findObject } from '../../model/joins';
import {
  allContainerEnvs, CONFIG_READS, ConfigValue, configConsumers, configSources, dataValues, describeLink, EnvLink, embeddedValues, envLiterals,
} from '../../model/app-config';
import { allWorkloads } from '../../model/joins';
import {
  bareHost, findKeywordParams, findUrls, isAzurePostgresHost, isAzureRedisHost, isClusterInternalHost, isFalsy, isMysqlSslOff,
  isPlaceholder, isWeakPgSslMode, ParsedUrl, Piece,
} from '../../model/connection-strings';

export type ConfigRuleId = 'tls/redis-port' | 'tls/postgres-sslmode' | 'tls/mysql-ssl';

export interface ConfigFinding {
  ruleId: ConfigRuleId;
  messageId: string;
  data: MessageData;
  span: Span;
  fixes: Fix[];
  related: RelatedInfo[];
}

/** The findings of one config rule that sit in `obj`. */
export function configFindingsFor(ws: Workspace, obj: K8sObject, ruleId: ConfigRuleId): ConfigFinding[] {
  return (configFindings(ws).get(obj) ?? []).filter((f) => f.ruleId === ruleId);
}

function configFindings(ws: Workspace): Map<K8sObject, ConfigFinding[]> {
  // Reads ConfigMaps, Secrets and workloads (CONFIG_READS) and which Services exist (cluster-internal hosts).
  return ws.derived('tls:config-findings', () => new Collector(ws).run(), { ...CONFIG_READS, kinds: ['Service', ...CONFIG_READS.kinds] });
}

/** A variable of a scope: the name it has there, its value, how a workload got it. */
interface ScopeVar {
  name: string;
  value: ConfigValue;
  link?: EnvLink;
}

const HOST_NAME = /(?:^|_)(?:HOST(?:NAME)?|SERVER|ENDPOINT|ADDR(?:ESS)?)$/i;
const PORT_NAME = /(?:^|_)PORT$/i;
const TLS_SWITCH_NAME = /(?:^|_)(?:SSL|TLS|USE_?SSL|USE_?TLS|SSL_?ENABLED|TLS_?ENABLED)$/i;
const SSLMODE_NAME = /(?:^|_)(?:PG)?SSL_?MODE$/i;
const MYSQL_NAME = /MYSQL|MARIADB/i;
const PG_HOST_NAME = /(?:^|_)(?:PG|POSTGRES(?:QL)?|DATABASE|DB)_?HOST(?:NAME)?$/i;

function prefixOf(name: string, suffix: RegExp): string {
  return name.replace(suffix, '').toUpperCase();
}

class Collector {
  private readonly out = new Map<K8sObject, ConfigFinding[]>();
  private readonly seen = new Map<string, ConfigFinding>();
  private readonly consumers: Map<K8sObject, EnvLink[]>;

  constructor(private readonly ws: Workspace) {
    this.consumers = configConsumers(ws);
  }

  run(): Map<K8sObject, ConfigFinding[]> {
    const written: ConfigValue[] = [];
    for (const src of configSources(this.ws)) {
      const values = dataValues(src);
      written.push(...values);
      this.checkScope(values.map((v) => ({ name: v.name, value: v })));
    }
    for (const w of allWorkloads(this.ws)) written.push(...envLiterals(w));
    for (const v of written) {
      this.checkText(v);
      const embedded = embeddedValues(v);
      if (embedded.length) this.checkScope(embedded.map((e) => ({ name: e.name, value: e })));
    }
    for (const env of allContainerEnvs(this.ws)) this.checkScope(env.vars);
    return this.out;
  }

  private isServiceRef = (name: string, ns: string): boolean => !!findObject(this.ws, 'Service', ns, name);

  private internal(host: string): boolean {
    return isClusterInternalHost(host, this.isServiceRef);
  }

  private add(v: ConfigValue, ruleId: ConfigRuleId, messageId: string, data: MessageData, span: Span, fixes: Fix[], related: RelatedInfo[] = []): void {
    const all = [...related, ...(this.consumers.get(v.object) ?? []).map((l) => this.linkInfo(l))];
    const key = `${ruleId}|${messageId}|${v.object.file}|${span.start}|${span.end}`;
    const existing = this.seen.get(key);
    if (existing) {
      for (const r of all) if (!existing.related.some((x) => sameInfo(x, r))) existing.related.push(r);
      return;
    }
    // A fix whose text cannot be traced to the source (escapes, folded lines) is not offered.
    const f: ConfigFinding = { ruleId, messageId, data, span, fixes: fixes.filter((x) => x.edits.length > 0), related: [] };
    for (const r of all) if (!f.related.some((x) => sameInfo(x, r))) f.related.push(r);
    this.seen.set(key, f);
    this.out.set(v.object, [...(this.out.get(v.object) ?? []), f]);
  }

  private linkInfo(l: EnvLink): RelatedInfo {
    return { file: l.workload.object.file, span: l.span, message: describeLink(this.ws, l) };
  }

  // ---- values on their own -------------------------------------------------------

  private checkText(v: ConfigValue): void {
    const text = v.value;
    if (!/[:=]/.test(text)) return;
    const urls = findUrls(text);
    for (const u of urls) {
      if (u.family === 'redis') this.redisUrl(v, u);
      else if (u.family === 'postgres') this.postgresUrl(v, u);
      else this.mysqlUrl(v, u);
    }
    const skip = urls.map((u) => u.whole);
    this.azureHostPort(v, skip);
    this.keywordParams(v, skip);
  }

  private redisUrl(v: ConfigValue, u: ParsedUrl): void {
    const hosts = u.hosts.filter((h) => h.host.text);
    if (!hosts.length || hosts.some((h) => isPlaceholder(h.host.text))) return;
    if (hosts.every((h) => this.internal(h.host.text))) return;
    const azure = hosts.some((h) => isAzureRedisHost(h.host.text));
    const hostText = hosts.map((h) => h.host.text).join(', ');
    if (!u.tlsScheme) {
      const scheme = u.scheme;
      const replacement = scheme.text.replace(/redis$/i, (m) => (m === 'REDIS' ? 'REDISS' : 'rediss'));
      this.add(v, 'tls/redis-port', 'plainScheme', { scheme: scheme.text, host: hostText }, v.span(scheme.start, scheme.end), [
        {
          title: `Use ${replacement}:// (TLS)`,
          edits: this.edit(v, scheme, replacement),
          // Safe for Azure Cache (TLS is on 6380); another server may not speak TLS on this port.
          safe: azure,
        },
      ]);
    }
    for (const h of hosts) {
      if (!isAzureRedisHost(h.host.text)) continue;
      if (h.port && h.port.text === '6379') {
        this.add(v, 'tls/redis-port', 'azurePort', { host: h.host.text }, v.span(h.port.start, h.port.end), [
          { title: 'Use port 6380 (TLS)', edits: this.edit(v, h.port, '6380') },
        ]);
      } else if (!h.port) {
        this.add(v, 'tls/redis-port', 'azureDefaultPort', { host: h.host.text }, v.span(h.host.start, h.host.end), [
          { title: 'Add port 6380 (TLS)', edits: this.insert(v, h.host.end, ':6380') },
        ]);
      }
    }
  }

  private postgresUrl(v: ConfigValue, u: ParsedUrl): void {
    const hosts = u.hosts.filter((h) => h.host.text);
    // `postgres:///db` is a Unix socket on the same machine.
    if (!hosts.length || hosts.some((h) => isPlaceholder(h.host.text))) return;
    if (hosts.every((h) => this.internal(h.host.text))) return;
    const host = hosts.map((h) => h.host.text).join(', ');
    // Azure Database for PostgreSQL always speaks TLS: only there is `require` safe to apply unattended.
    const safe = hosts.some((h) => isAzurePostgresHost(h.host.text));
    const mode = u.params.find((p) => p.key.text.toLowerCase() === 'sslmode');
    if (mode) {
      if (!isWeakPgSslMode(mode.value.text)) return;
      this.add(v, 'tls/postgres-sslmode', 'weakMode', { setting: mode.whole.text, host: this.pgHostLabel(host) }, v.span(mode.whole.start, mode.whole.end), [
        { title: 'Set sslmode=require', edits: this.edit(v, mode.value, 'require'), safe },
      ]);
      return;
    }
    // pgjdbc: ssl=true without sslmode means verify-full.
    if (u.params.some((p) => p.key.text.toLowerCase() === 'ssl' && /^(true|1)$/i.test(p.value.text))) return;
    const end = u.query ? u.query.end : u.whole.end;
    const sep = !u.query ? '?' : u.query.text === '' || u.query.text.endsWith('&') ? '' : '&';
    this.add(v, 'tls/postgres-sslmode', 'noMode', { host: this.pgHostLabel(host) }, v.span(u.whole.start, u.whole.end), [
      { title: 'Add sslmode=require', edits: this.insert(v, end, `${sep}sslmode=require`), safe },
    ]);
  }

  private pgHostLabel(host: string): string {
    return isAzurePostgresHost(host) ? `${host} (Azure Database for PostgreSQL requires TLS)` : host;
  }

  private mysqlUrl(v: ConfigValue, u: ParsedUrl): void {
    const hosts = u.hosts.filter((h) => h.host.text);
    if (hosts.length && hosts.every((h) => this.internal(h.host.text) || isPlaceholder(h.host.text))) return;
    const host = hosts.map((h) => h.host.text).join(', ') || 'the server';
    for (const p of u.params) {
      if (!mysqlParamOff(p.key.text, p.value.text)) continue;
      this.add(v, 'tls/mysql-ssl', 'paramOff', { setting: p.whole.text, host }, v.span(p.whole.start, p.whole.end), []);
    }
  }

  /** `name.redis.cache.windows.net:6379` outside URLs (StackExchange.Redis strings, host:port values). */
  private azureHostPort(v: ConfigValue, skip: Piece[]): void {
    const re = /(?<![\w.-])([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.redis\.cache\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)):(\d+)(?!\d)/gi;
    const text = v.value;
    let azureHost: string | undefined;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (skip.some((s) => m!.index >= s.start && m!.index < s.end)) continue;
      azureHost = m[1];
      if (m[2] !== '6379') continue;
      const start = m.index + m[1].length + 1;
      const port: Piece = { start, end: start + 4, text: '6379' };
      this.add(v, 'tls/redis-port', 'azurePort', { host: m[1] }, v.span(port.start, port.end), [{ title: 'Use port 6380 (TLS)', edits: this.edit(v, port, '6380') }]);
    }
    if (!azureHost) return;
    // StackExchange.Redis: `host:6380,password=…,ssl=False`.
    for (const p of findKeywordParams(text, 'ssl', skip)) {
      if (!isFalsy(p.value.text)) continue;
      const replacement = /^[A-Z]/.test(p.value.text) ? 'True' : 'true';
      this.add(v, 'tls/redis-port', 'sslOff', { setting: p.whole.text, host: azureHost }, v.span(p.whole.start, p.whole.end), [
        { title: `Set ${p.key.text}=${replacement}`, edits: this.edit(v, p.value, replacement) },
      ]);
    }
  }

  /** libpq / Npgsql `sslmode=` and MySQL `ssl-mode=`, `useSSL=` outside URLs. */
  private keywordParams(v: ConfigValue, skip: Piece[]): void {
    const text = v.value;
    if (!/ssl/i.test(text)) return;
    const hosts = findKeywordParams(text, 'host|server|data source', skip).map((h) => h.value.text).filter((h) => h && !isPlaceholder(h));
    if (hosts.length && hosts.every((h) => this.internal(h))) return;
    const host = hosts.join(', ');
    for (const p of findKeywordParams(text, 'sslmode|ssl[ _-]mode', skip)) {
      const value = p.value.text;
      if (isWeakPgSslMode(value) && !/^ssl-mode$/i.test(p.key.text)) {
        const replacement = /^[A-Z]/.test(value) ? 'Require' : 'require';
        this.add(v, 'tls/postgres-sslmode', 'weakMode', { setting: p.whole.text, host: host ? this.pgHostLabel(host) : 'the server' }, v.span(p.whole.start, p.whole.end), [
          { title: `Set ${p.key.text}=${replacement}`, edits: this.edit(v, p.value, replacement), safe: hosts.some(isAzurePostgresHost) },
        ]);
      } else if (isMysqlSslOff(value)) {
        this.add(v, 'tls/mysql-ssl', 'paramOff', { setting: p.whole.text, host: host || 'the server' }, v.span(p.whole.start, p.whole.end), []);
      }
    }
    for (const p of findKeywordParams(text, 'usessl|requiressl', skip)) {
      if (!isFalsy(p.value.text)) continue;
      this.add(v, 'tls/mysql-ssl', 'paramOff', { setting: p.whole.text, host: host || 'the server' }, v.span(p.whole.start, p.whole.end), []);
    }
  }

  // ---- variables together ----------------------------------------------------------

  private checkScope(vars: ScopeVar[]): void {
    if (!vars.length) return;
    this.sslModeVars(vars);
    this.redisPairs(vars);
  }

  private sslModeVars(vars: ScopeVar[]): void {
    const pgHosts = vars.filter((x) => PG_HOST_NAME.test(x.name) && x.value.value && !isPlaceholder(x.value.value)).map((x) => x.value.value);
    const pgInternal = pgHosts.length > 0 && pgHosts.every((h) => this.internal(h));
    for (const x of vars) {
      const value = x.value.value.trim();
      const related = this.linkRelated(x);
      if (MYSQL_NAME.test(x.name)) {
        if (/SSL/i.test(x.name) && /(?:SSL|SSL_?MODE)$/i.test(x.name) && (isMysqlSslOff(value) || isFalsy(value))) {
          this.add(x.value, 'tls/mysql-ssl', 'varOff', { name: x.name, value }, x.value.span(), [], related);
        }
        continue;
      }
      if (!SSLMODE_NAME.test(x.name) || /REDIS/i.test(x.name)) continue;
      if (isWeakPgSslMode(value)) {
        if (pgInternal) continue;
        const replacement = /^[A-Z]/.test(value) ? (value === value.toUpperCase() ? 'REQUIRE' : 'Require') : 'require';
        const host = pgHosts.find((h) => !this.internal(h));
        this.add(x.value, 'tls/postgres-sslmode', 'weakVar', { name: x.name, value, host: host ? ` to ${this.pgHostLabel(bareHost(host))}` : '' }, x.value.span(), [
          { title: `Set ${x.name} to ${replacement}`, edits: this.edit(x.value, { start: 0, end: x.value.value.length, text: x.value.value }, replacement), safe: !!host && isAzurePostgresHost(host) },
        ], related);
      } else if (/^disabled$/i.test(value)) {
        this.add(x.value, 'tls/mysql-ssl', 'varOff', { name: x.name, value }, x.value.span(), [], related);
      }
    }
  }

  private redisPairs(vars: ScopeVar[]): void {
    const hosts = vars.filter((x) => HOST_NAME.test(x.name) && !isPlaceholder(x.value.value) && isAzureRedisHost(x.value.value));
    for (const h of hosts) {
      const prefix = prefixOf(h.name, HOST_NAME);
      const host = bareHost(h.value.value);
      // A port/switch belongs to the host with its prefix (REDIS_HOST ↔ REDIS_PORT); a REDIS-named one
      // without a host of its own (CACHE_HOST ↔ REDIS_PORT) belongs to a host that has no port of its own.
      const hostPrefixes = new Set(vars.filter((x) => HOST_NAME.test(x.name)).map((x) => prefixOf(x.name, HOST_NAME)));
      const samePrefix = (x: ScopeVar, suffix: RegExp) => {
        const own = prefixOf(x.name, suffix);
        if (own === prefix) return true;
        if (!/REDIS/i.test(x.name) || hostPrefixes.has(own)) return false;
        return !vars.some((y) => suffix.test(y.name) && prefixOf(y.name, suffix) === prefix);
      };
      const hostInfo = (x: ScopeVar): RelatedInfo[] =>
        h.value.object === x.value.object && h.value.origin === x.value.origin && !h.link && !x.link
          ? []
          : [{ file: h.value.object.file, span: h.value.span(), message: `${h.name} points at Azure Cache for Redis (${host}) here.` }];
      for (const p of vars) {
        if (!PORT_NAME.test(p.name) || p.value.value.trim() !== '6379' || !samePrefix(p, PORT_NAME)) continue;
        const at = p.value.value.indexOf('6379');
        this.add(p.value, 'tls/redis-port', 'pairPort', { name: p.name, hostName: h.name, host }, p.value.span(at, at + 4), [
          { title: 'Use port 6380 (TLS)', edits: this.edit(p.value, { start: at, end: at + 4, text: '6379' }, '6380') },
        ], [...hostInfo(p), ...this.linkRelated(p)]);
      }
      for (const t of vars) {
        if (!TLS_SWITCH_NAME.test(t.name) || !isFalsy(t.value.value) || !samePrefix(t, TLS_SWITCH_NAME)) continue;
        const value = t.value.value.trim();
        const replacement = /^[A-Z]/.test(value) ? (value === value.toUpperCase() ? 'TRUE' : 'True') : /^\d$/.test(value) ? '1' : 'true';
        this.add(t.value, 'tls/redis-port', 'tlsOff', { name: t.name, value, host }, t.value.span(), [
          { title: `Set ${t.name} to ${replacement}`, edits: this.edit(t.value, { start: 0, end: t.value.value.length, text: t.value.value }, replacement) },
        ], [...hostInfo(t), ...this.linkRelated(t)]);
      }
    }
  }

  private linkRelated(x: ScopeVar): RelatedInfo[] {
    return x.link ? [this.linkInfo(x.link)] : [];
  }

  // ---- edits -----------------------------------------------------------------------

  /** Replace a piece of a value, when it maps to the source exactly. */
  private edit(v: ConfigValue, p: { start: number; end: number; text?: string }, newText: string): TextEdit[] {
    if (!v.exact(p.start, p.end)) return [];
    return [{ ...v.span(p.start, p.end), newText }];
  }

  private insert(v: ConfigValue, at: number, newText: string): TextEdit[] {
    if (at <= 0 || !v.exact(at - 1, at)) return [];
    const s = v.span(at - 1, at);
    return [{ start: s.end, end: s.end, newText }];
  }
}

function sameInfo(a: RelatedInfo, b: RelatedInfo): boolean {
  return a.file === b.file && a.span.start === b.span.start && a.span.end === b.span.end && a.message === b.message;
}

function mysqlParamOff(key: string, value: string): boolean {
  const k = key.toLowerCase();
  if (k === 'usessl' || k === 'requiressl' || k === 'ssl' || k === 'tls' || k === 'usetls') return isFalsy(value);
  if (k === 'sslmode' || k === 'ssl-mode' || k === 'ssl_mode') return isMysqlSslOff(value);
  return false;
}
