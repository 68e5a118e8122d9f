// The connections a workload's configuration names, read with the models the
// tls/* rules use: each container's environment as Kubernetes builds it
// (containerEnvs in model/app-config.ts: env, envFrom, configMapKeyRef, plain
// Secret stringData), Redis/Postgres/MySQL URLs parsed by findUrls
// (model/connection-strings.ts), and `<PREFIX>_HOST` keys with their
// `<PREFIX>_PORT` / `<PREFIX>_SSL…` siblings. TLS follows the same facts as the
// rules: `rediss://` (a `redis://` URL is plain), a strong or weak `sslmode`,
// MySQL's TLS switches, and the managed services whose TLS the provider fixes
// (Azure Database for PostgreSQL enforces it; Azure Cache for Redis serves TLS
// on 6380 and plain text on 6379). Only the naming of the service and its
// default port for display, and URLs of schemes the model does not parse
// (MongoDB, AMQP, HTTP, SMTP), are read here.
import { containerEnvs } from '../model/app-config';
import {
  bareHost, findUrls, isAzurePostgresHost, isAzureRedisHost, isFalsy, isMysqlSslOff, isPlaceholder, isTruthy, isWeakPgSslMode, ParsedUrl, STRONG_PG_SSLMODES, UrlFamily,
} from '../model/connection-strings';
import type { Workload } from '../model/k8s';
import type { Workspace } from '../model/workspace';

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

const FAMILY_SERVICE: Record<UrlFamily, string> = { redis: 'Redis', postgres: 'PostgreSQL', mysql: 'MySQL' };

function serviceOf(...hints: string[]): { service: string; port?: number } {
  for (const s of SERVICES) if (hints.some((h) => s.re.test(h))) return { service: s.service, port: s.port };
  return { service: 'Endpoint' };
}

/** TLS implied by a managed service's host and port, when the provider fixes it. */
function managedTls(host: string, port: number | undefined): boolean | undefined {
  if (isAzurePostgresHost(host)) return true;
  if (isAzureRedisHost(host)) return port === 6380 ? true : port === 6379 ? false : undefined;
  return undefined;
}

/** What a TLS setting's value says: on, off, or nothing. */
function tlsSetting(value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (STRONG_PG_SSLMODES.includes(value.trim().toLowerCase()) || /^(verify_identity|verify_ca)$/i.test(value.trim()) || isTruthy(value)) return true;
  if (isWeakPgSslMode(value) || isMysqlSslOff(value) || isFalsy(value)) return false;
  return undefined;
}

/** TLS of a database URL, read as tls/redis-port, tls/postgres-sslmode and tls/mysql-ssl read it. */
function urlTls(u: ParsedUrl, host: string, port: number | undefined): boolean | undefined {
  const param = (...keys: string[]) => u.params.find((p) => keys.includes(p.key.text.toLowerCase()))?.value.text;
  switch (u.family) {
    case 'redis':
      return u.tlsScheme || tlsSetting(param('ssl', 'tls')) === true;
    case 'postgres':
      return tlsSetting(param('sslmode')) ?? (tlsSetting(param('ssl')) === true ? true : undefined) ?? managedTls(host, port);
    case 'mysql':
      return tlsSetting(param('ssl-mode', 'sslmode', 'ssl_mode')) ?? tlsSetting(param('usessl', 'requiressl', 'ssl', 'tls', 'usetls'));
  }
}

/** URLs of services the connection-string model does not parse: scheme, host, port. */
const OTHER_URL = /^(mongodb(?:\+srv)?|amqps?|https?|smtps?):\/\/(?:[^@/]*@)?([^/:?#,]+)(?::(\d+))?/i;
const HOST_KEY = /^(.*?)_?(HOST|HOSTNAME|SERVER|ENDPOINT|ADDR|ADDRESS)$/i;
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?)$/i;

/** The connection endpoints named in an environment (name → value). */
export function endpointsOfEnv(env: ReadonlyMap<string, string>, isServiceHost: (host: string) => boolean = () => false): Endpoint[] {
  const out: Endpoint[] = [];
  for (const [key, raw] of env) {
    const value = raw.trim();
    if (!value || /^ENC\[/.test(value) || isPlaceholder(value)) continue;
    const urls = findUrls(value);
    if (urls.length) {
      for (const u of urls) {
        for (const h of u.hosts) {
          if (!h.host.text || isPlaceholder(h.host.text)) continue;
          const port = h.port && /^\d+$/.test(h.port.text) ? Number(h.port.text) : serviceOf(u.family).port;
          out.push({ service: FAMILY_SERVICE[u.family], host: h.host.text, port, tls: urlTls(u, h.host.text, port), source: key });
        }
      }
      continue;
    }
    const other = OTHER_URL.exec(value);
    if (other) {
      const scheme = other[1].toLowerCase();
      if (scheme.startsWith('http') && !/(DB|DATABASE|REDIS|CACHE|SEARCH)/i.test(key)) continue; // ordinary web URLs are not data stores
      const { service, port: defaultPort } = serviceOf(scheme, key);
      const port = other[3] ? Number(other[3]) : defaultPort;
      out.push({ service, host: other[2], port, tls: /s$/.test(scheme) ? true : undefined, source: key });
      continue;
    }
    const m = HOST_KEY.exec(key);
    const host = m ? bareHost(value) : '';
    if (!m || !/^[A-Za-z0-9.-]+(:\d+)?$/.test(value) || LOOPBACK.test(host)) continue;
    const prefix = m[1];
    const { service, port: defaultPort } = serviceOf(prefix, key, host);
    const sibling = (...names: string[]) => {
      for (const n of names) {
        const v = env.get(prefix ? `${prefix}_${n}` : n);
        if (v !== undefined && v !== '') return v;
      }
      return undefined;
    };
    const portText = /:(\d+)$/.exec(value)?.[1] ?? sibling('PORT');
    const port = portText && /^\d+$/.test(portText) ? Number(portText) : defaultPort;
    const tls = tlsSetting(sibling('SSL', 'TLS', 'SSLMODE', 'SSL_MODE', 'USE_SSL', 'USE_TLS', 'TLS_ENABLED', 'SSL_ENABLED')) ?? managedTls(host, port);
    if (service === 'Endpoint' && !host.includes('.') && !isServiceHost(host)) continue; // a bare word is more likely a setting than a host, unless it names a Service
    out.push({ service, host, port, tls, source: key });
  }
  return out;
}

/** The endpoints a workload's containers are configured with (ephemeral debug containers left out). */
export function endpointsOf(ws: Workspace, w: Workload, isServiceHost?: (host: string) => boolean): Endpoint[] {
  return containerEnvs(ws, w)
    .filter((e) => e.container.group !== 'ephemeralContainers')
    .flatMap((e) => endpointsOfEnv(new Map(e.vars.map((v) => [v.name, v.value.value])), isServiceHost));
}
