import { defineRule } from '../rule';
import { WORKLOAD_KINDS } from '../../model/k8s';
import { configFindingsFor } from './config-findings';

export default defineRule({
  id: 'tls/redis-port',
  severity: 'error',
  category: 'tls',
  profile: 'baseline',
  seed: 'drupal-aks-flux: "Redis: TLS required on port 6380"; azure-saas-aks: "Redis: SSL enabled (port 6380)".',
  docs:
    'Redis connections leave the cluster encrypted: Azure Cache for Redis (`*.redis.cache.windows.net`) is reached on port 6380 (its TLS port), never 6379, and a `redis://` URL to anything but an in-cluster host (a bare Service name, `*.svc`, `*.svc.cluster.local`, localhost) is `rediss://`. Reads env literals, ConfigMap data (also `.env` and PHP settings files embedded in it), and what containers get through `envFrom` and `configMapKeyRef`.',
  details: [
    'Azure Cache for Redis serves plain text on 6379 (disabled by default) and TLS on 6380; a client pointed at 6379 either fails or, where the non-TLS port was enabled, sends the access key in the clear. The rule looks at:',
    '',
    '- URLs anywhere in a value: `redis://host:port` (the scheme is reported unless the host is cluster-internal; an Azure host on 6379 is reported at the port, one without a port at the host);',
    '- `host:6379` pairs and StackExchange.Redis strings (`name.redis.cache.windows.net:6379,ssl=False`);',
    '- variable pairs: a `*_HOST` on Azure Cache with the matching `*_PORT` (same prefix, or a name containing REDIS) set to 6379, or a matching `*_SSL` / `*_TLS` switch set to false. The host and the port may come from different places (a Deployment literal and a ConfigMap it loads); the finding sits on the port, with the host and the workload as related information.',
    '',
    'Fixes: `6379` → `6380`, `redis://` → `rediss://` (applied by fix-all only for Azure hosts; another server may not speak TLS on the same port), add `:6380` to an Azure host without a port.',
    '',
    '```yaml',
    'data:',
    '  REDIS_HOST: "drupal.redis.cache.windows.net"',
    '  REDIS_PORT: "6380"',
    '```',
  ].join('\n'),
  messages: {
    plainScheme: '"{scheme}://" connects to {host} without TLS: use rediss://.',
    azurePort: 'Azure Cache for Redis ({host}) takes TLS connections on port 6380; 6379 is its non-TLS port.',
    azureDefaultPort: 'No port for Azure Cache for Redis ({host}): clients default to 6379, its non-TLS port; use 6380.',
    pairPort: '{name} is 6379 but {hostName} is Azure Cache for Redis ({host}), which takes TLS connections on port 6380.',
    tlsOff: '{name}={value} turns TLS off for Azure Cache for Redis ({host}).',
    sslOff: '{setting}: the connection to Azure Cache for Redis ({host}) is not encrypted.',
  },
  fixes: ['Use port 6380 (TLS)', 'Use rediss:// (TLS)', 'Add port 6380 (TLS)', 'Set ssl=True'],
  appliesTo: ['ConfigMap', 'Secret', ...WORKLOAD_KINDS],
  check(obj, ctx) {
    for (const f of configFindingsFor(ctx.model, obj, 'tls/redis-port')) ctx.report(f.span, f.messageId as never, f.data, f.fixes, f.related);
  },
});
