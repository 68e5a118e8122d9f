import { defineRule } from '../rule';
import { WORKLOAD_KINDS } from '../../model/k8s';
import { configFindingsFor } from './config-findings';

export default defineRule({
  id: 'tls/postgres-sslmode',
  severity: 'error',
  category: 'tls',
  profile: 'baseline',
  seed: 'azure-saas-aks: "PostgreSQL: `sslmode=require` enforced", `DATABASE_SSL_MODE=require`; drupal-aks-flux: "PostgreSQL: TLS enforced by Azure".',
  docs:
    'Postgres clients require TLS: `sslmode` is `require`, `verify-ca` or `verify-full` in URLs (`postgres://…?sslmode=`), keyword strings (`host=… sslmode=`, Npgsql `SSL Mode=`) and variables (`PGSSLMODE`, `DATABASE_SSL_MODE`, `DB_SSLMODE`, …). A URL to a host outside the cluster without `sslmode` is reported too: libpq then uses `prefer`, which silently falls back to plain text.',
  details: [
    '`disable`, `allow` and `prefer` all let a connection run unencrypted (`prefer` only tries TLS first). Azure Database for PostgreSQL rejects non-TLS connections, so such settings either fail or hide a downgrade.',
    '',
    'In-cluster databases (a bare Service name, `*.svc`, `*.svc.cluster.local`, localhost) are not reported; a variable is skipped when the only Postgres host of the same environment (`PGHOST`, `DATABASE_HOST`, `DB_HOST`, …) is in-cluster.',
    '',
    'The fix sets `require` in place, or appends `sslmode=require` to a URL that has none. Use `verify-full` with the server CA when you can.',
  ].join('\n'),
  messages: {
    weakMode: '{setting} lets the connection to {host} run without TLS: use sslmode=require (or verify-ca / verify-full).',
    noMode: 'The Postgres URL to {host} sets no sslmode, so libpq uses prefer and may fall back to plain text: add sslmode=require.',
    weakVar: '{name}={value} lets Postgres connections{host} run without TLS: use require (or verify-ca / verify-full).',
  },
  fixes: ['Set sslmode=require', 'Add sslmode=require'],
  appliesTo: ['ConfigMap', 'Secret', ...WORKLOAD_KINDS],
  check(obj, ctx) {
    for (const f of configFindingsFor(ctx.model, obj, 'tls/postgres-sslmode')) ctx.report(f.span, f.messageId as never, f.data, f.fixes, f.related);
  },
});
