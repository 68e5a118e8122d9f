// A minimal reader of the connections a workload's configuration names: the
// environment it gets (env values, envFrom / configMapKeyRef ConfigMaps, plain
// Secret stringData) scanned for URLs (`postgres://…`, `rediss://…`) and for
// `<PREFIX>_HOST` keys with their `<PREFIX>_PORT` / `<PREFIX>_SSL…` siblings.
// The service type, default port and TLS come from the key, the URL scheme and
// well-known managed hosts (Azure Database for PostgreSQL enforces TLS; Azure
// Cache for Redis serves TLS on 6380).
import { findObject } from '../model/joins';
import type { Workload } from '../model/k8s';
import type { Workspace } from '../model/workspace';
import { isRecord, list } from './contributor';

export interface Endpoint {
  /** PostgreSQL, Redis, MySQL… or `Endpoint` when unknown. */
  service: string;
  host: string;
  port?: number;
  tls?: boolean;
  /** The variable the host came from. */
  source: string;
}

const SERVICES: { re: RegExp; service: string; port: number }[] = [
  { re: /postgres|pgsql|psql|(^|_)PG(_|$)|\.postgres\./i, service: 'PostgreSQL', port: 5432 },
  { re: /redis/i, service: 'Redis', port: 6379 },
  { re: /mysql|maria/i, service: 'MySQL', port: 3306 },
  { re: /mongo/i, service: 'MongoDB', port: 27017 },
  { re: /solr/i, service: 'Solr', port: 8983 },
  { re: /elastic|opensearch/i, service: 'Elasticsearch', port: 9200 },
  { re: /memcache/i, service: 'Memcached', port: 11211 },
  { re: /rabbit|amqp/i, service: 'RabbitMQ', port: 5672 },
  { re: /smtp|mail/i, service: 'SMTP', port: 587 },
];

function serviceOf(...hints: string[]): { service: string; port?: number } {
  for (const s of SERVICES) if (hints.some((h) => s.re.test(h))) return { service: s.service, port: s.port };
  return { service: 'Endpoint' };
}

/** TLS implied by a managed service's host and port, when the provider fixes it. */
function managedTls(host: string, port: number | undefined): boolean | undefined {
  if (/\.(postgres|mysql)\.database\.azure\.com$/i.test(host)) return true;
  if (/\.redis\.cache\.windows\.net$/i.test(host)) return port === 6380 ? true : port === 6379 ? false : undefined;
  return undefined;
}

function truthy(v: string | undefined): boolean | undefined {
  if (v === undefined || v === '') return undefined;
  if (/^(1|true|yes|on|require|required|verify-ca|verify-full|prefer)$/i.test(v)) return true;
  if (/^(0|false|no|off|disable|disabled)$/i.test(v)) return false;
  return undefined;
}

const URL_RE = /^(postgres(?:ql)?|mysql|mariadb|rediss?|mongodb(?:\+srv)?|amqps?|https?|smtps?):\/\/(?:[^@/]*@)?([^/:?#,]+)(?::(\d+))?([^#]*)$/i;
const HOST_KEY = /^(.*?)_?(HOST|HOSTNAME|SERVER|ENDPOINT|ADDR|ADDRESS)$/i;

/** The connection endpoints named in an environment (name → value). */
export function endpointsOfEnv(env: ReadonlyMap<string, string>, isServiceHost: (host: string) => boolean = () => false): Endpoint[] {
  const out: Endpoint[] = [];
  for (const [key, raw] of env) {
    const value = raw.trim();
    if (!value || /^ENC\[/.test(value)) continue;
    const url = URL_RE.exec(value);
    if (url) {
      const scheme = url[1].toLowerCase();
      if (scheme.startsWith('http') && !/(DB|DATABASE|REDIS|CACHE|SEARCH)/i.test(key)) continue; // ordinary web URLs are not data stores
      const { service, port: defaultPort } = serviceOf(scheme, key);
      const port = url[3] ? Number(url[3]) : defaultPort;
      const query = url[4] ?? '';
      const sslmode = /[?&](?:sslmode|ssl-mode|ssl|tls)=([^&]+)/i.exec(query)?.[1];
      const tls = /^(rediss|amqps|https|smtps)$/.test(scheme) ? true : truthy(sslmode) ?? managedTls(url[2], port);
      out.push({ service, host: url[2], port, tls, source: key });
      continue;
    }
    const m = HOST_KEY.exec(key);
    if (!m || !/^[A-Za-z0-9.-]+$/.test(value) || /^(localhost|127\.0\.0\.1|0\.0\.0\.0)$/i.test(value)) continue;
    const prefix = m[1];
    const { service, port: defaultPort } = serviceOf(prefix, key, value);
    const sibling = (...names: string[]) => {
      for (const n of names) {
        const v = env.get(prefix ? `${prefix}_${n}` : n);
        if (v !== undefined && v !== '') return v;
      }
      return undefined;
    };
    const portText = sibling('PORT');
    const port = portText && /^\d+$/.test(portText) ? Number(portText) : defaultPort;
    const tls = truthy(sibling('SSL', 'TLS', 'SSLMODE', 'SSL_MODE', 'USE_SSL', 'USE_TLS', 'TLS_ENABLED', 'SSL_ENABLED')) ?? managedTls(value, port) ?? (service === 'Redis' && port === 6380 ? true : undefined);
    if (service === 'Endpoint' && !value.includes('.') && !isServiceHost(value)) continue; // a bare word is more likely a setting than a host, unless it names a Service
    out.push({ service, host: value, port, tls, source: key });
  }
  return out;
}

/** Every environment variable a workload's containers get whose value is written in the workspace. */
export function environmentOf(ws: Workspace, w: Workload, ns: string): Map<string, string> {
  const env = new Map<string, string>();
  const fromData = (kind: 'ConfigMap' | 'Secret', name: unknown, only?: string, as?: string) => {
    if (typeof name !== 'string') return;
    const o = findObject(ws, kind, ns, name);
    if (!o) return;
    const data = kind === 'ConfigMap' ? o.value.data : o.value.stringData;
    if (!isRecord(data)) return;
    for (const [k, v] of Object.entries(data)) {
      if (only !== undefined && k !== only) continue;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') env.set(as ?? k, String(v));
    }
  };
  for (const c of w.containers) {
    if (c.group === 'ephemeralContainers') continue;
    for (const e of list(c.value.envFrom)) {
      if (!isRecord(e)) continue;
      const prefix = typeof e.prefix === 'string' ? e.prefix : '';
      const before = new Map(env);
      if (isRecord(e.configMapRef)) fromData('ConfigMap', e.configMapRef.name);
      if (isRecord(e.secretRef)) fromData('Secret', e.secretRef.name);
      if (prefix) for (const [k, v] of env) if (!before.has(k)) (env.delete(k), env.set(prefix + k, v));
    }
    for (const e of list(c.value.env)) {
      if (!isRecord(e) || typeof e.name !== 'string') continue;
      if (e.value !== undefined && e.value !== null) env.set(e.name, String(e.value));
      else if (isRecord(e.valueFrom)) {
        const ref = e.valueFrom.configMapKeyRef ?? e.valueFrom.secretKeyRef;
        if (isRecord(ref) && typeof ref.key === 'string') fromData(e.valueFrom.configMapKeyRef ? 'ConfigMap' : 'Secret', ref.name, ref.key, e.name);
      }
    }
  }
  return env;
}
