import { defineRule } from '../rule';
import { WORKLOAD_KINDS } from '../../model/k8s';
import { configFindingsFor } from './config-findings';

export default defineRule({
  id: 'tls/mysql-ssl',
  severity: 'warning',
  category: 'tls',
  profile: 'restricted',
  seed: 'azure-saas-aks: "TLS 1.2+: Required for all connections".',
  docs:
    'MySQL / MariaDB client settings do not turn TLS off: `ssl-mode=DISABLED`, JDBC `useSSL=false` / `requireSSL=false` / `sslMode=DISABLED`, Connector/NET `SslMode=None`, Go `tls=false`, or a `MYSQL_*SSL*` variable set to DISABLED/false. In-cluster servers are not reported.',
  details:
    'Managed MySQL (Azure Database for MySQL, RDS) enforces TLS by default; a client that disables it either fails to connect or, where enforcement was switched off, sends credentials and data in the clear. Remove the setting or use `ssl-mode=REQUIRED` / `VERIFY_IDENTITY` (`sslMode=VERIFY_IDENTITY` in JDBC).',
  messages: {
    paramOff: '{setting} turns TLS off for the MySQL connection to {host}.',
    varOff: '{name}={value} turns TLS off for MySQL connections.',
  },
  appliesTo: ['ConfigMap', 'Secret', ...WORKLOAD_KINDS],
  check(obj, ctx) {
    for (const f of configFindingsFor(ctx.model, obj, 'tls/mysql-ssl')) ctx.report(f.span, f.messageId as never, f.data, f.fixes, f.related);
  },
});
