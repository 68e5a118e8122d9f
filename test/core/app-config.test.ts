// Application configuration with exact spans (model/app-config.ts), connection
// string parsing (model/connection-strings.ts), and the cross-file behaviour of
// the TLS config rules (related information, live updates, the corpus).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Workspace } from '../../server/src/core/model/workspace';
import { workloadOf } from '../../server/src/core/model/k8s';
import { containerEnvs, dataValues, embeddedValues, envLiterals } from '../../server/src/core/model/app-config';
import { bareHost, findKeywordParams, findUrls, isClusterInternalHost } from '../../server/src/core/model/connection-strings';
import { Linter } from '../../server/src/core/rules/engine';
import { RULES } from '../../server/src/core/rules/registry';
import { TRANSPORT_AND_SECRET_RULES } from '../../server/src/core/rules/tls/group';

function ws(files: Record<string, string>): Workspace {
  const w = new Workspace();
  for (const [p, t] of Object.entries(files)) w.update(p, t);
  return w;
}

/** The data value `name` of the first object of a one-file workspace, with the file text. */
function dataValue(text: string, name: string) {
  const w = ws({ 'cm.yaml': text });
  const obj = w.get('cm.yaml')!.objects[0];
  const v = dataValues(obj).find((d) => d.name === name);
  assert.ok(v, `no data value ${name}`);
  return { v, text };
}

function slice(text: string, s: { start: number; end: number }): string {
  return text.slice(s.start, s.end);
}

const CM = (body: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n${body}`;

test('spans inside a plain scalar map one to one', () => {
  const { v, text } = dataValue(CM('  URL: redis://cache.example.com:6379/0\n'), 'URL');
  const at = v.value.indexOf('6379');
  assert.equal(slice(text, v.span(at, at + 4)), '6379');
  assert.ok(v.exact(at, at + 4));
  assert.equal(slice(text, v.keySpan), 'URL');
});

test('spans inside quoted scalars skip the quote; escapes fall back to the whole value', () => {
  const dq = dataValue(CM('  URL: "redis://cache.example.com:6379"\n'), 'URL');
  const at = dq.v.value.indexOf('6379');
  assert.equal(slice(dq.text, dq.v.span(at, at + 4)), '6379');
  const sq = dataValue(CM("  URL: 'redis://h:6379'\n"), 'URL');
  assert.equal(slice(sq.text, sq.v.span(0, 5)), 'redis');
  const esc = dataValue(CM('  URL: "redis://h:6379\\t"\n'), 'URL');
  assert.equal(esc.v.exact(0, 5), false);
  assert.equal(slice(esc.text, esc.v.span(0, 5)), '"redis://h:6379\\t"');
  const quoteEsc = dataValue(CM("  URL: 'it''s redis://h:6379'\n"), 'URL');
  assert.equal(quoteEsc.v.exact(0, 2), false);
});

test('spans inside block scalars map line by line (literal and folded, indentation kept)', () => {
  const lit = dataValue(CM('  app.env: |\n    APP_ENV=prod\n      NESTED=1\n    REDIS_PORT=6379\n'), 'app.env');
  const at = lit.v.value.indexOf('6379');
  assert.equal(slice(lit.text, lit.v.span(at, at + 4)), '6379');
  const nested = lit.v.value.indexOf('NESTED');
  assert.equal(slice(lit.text, lit.v.span(nested, nested + 8)), 'NESTED=1');
  const folded = dataValue(CM('  dsn: >-\n    host=db.example.com\n    sslmode=disable\n'), 'dsn');
  assert.equal(folded.v.value, 'host=db.example.com sslmode=disable');
  const m = folded.v.value.indexOf('sslmode');
  assert.equal(slice(folded.text, folded.v.span(m, m + 15)), 'sslmode=disable');
  // A range over a folded line break runs from one source line to the next.
  const across = folded.v.span(folded.v.value.indexOf('com'), m + 7);
  assert.equal(slice(folded.text, across), 'com\n    sslmode');
});

test('a multi-line plain scalar maps each line', () => {
  const { v, text } = dataValue(CM('  note: uses\n    redis://a.example.com:6379\n    for jobs\n'), 'note');
  assert.equal(v.value, 'uses redis://a.example.com:6379 for jobs');
  const at = v.value.indexOf('6379');
  assert.equal(slice(text, v.span(at, at + 4)), '6379');
});

test('numbers keep their source spelling', () => {
  const { v } = dataValue(CM('  PORT: 06379\n'), 'PORT');
  assert.equal(v.value, '06379');
});

test('embedded .env lines and PHP settings become entries with their own spans', () => {
  const php = [
    '  settings.php: |',
    '    <?php',
    "    $settings['redis.connection']['host'] = 'tls://x.redis.cache.windows.net';",
    "    $settings['redis.connection']['port'] = 6379;",
    "    $databases['default']['default'] = ['driver' => 'pgsql', 'sslmode' => 'disable'];",
    '  .env: |',
    '    export DB_HOST="db.example.com"',
    '    DB_PORT=5432 # comment',
    '',
  ].join('\n');
  const text = CM(php);
  const w = ws({ 'cm.yaml': text });
  const [settings, env] = dataValues(w.get('cm.yaml')!.objects[0]);
  const e1 = embeddedValues(settings);
  const port = e1.find((e) => e.name === 'port')!;
  assert.equal(port.value, '6379');
  assert.equal(slice(text, port.span()), '6379');
  assert.equal(slice(text, port.keySpan), 'port');
  const mode = e1.find((e) => e.name === 'sslmode')!;
  assert.equal(slice(text, mode.span()), 'disable');
  const e2 = embeddedValues(env);
  assert.deepEqual(e2.map((e) => [e.name, e.value]), [['DB_HOST', 'db.example.com'], ['DB_PORT', '5432']]);
  assert.equal(slice(text, e2[0].span()), 'db.example.com');
});

test('container environments: envFrom (with prefix) then env, configMapKeyRef resolved to the ConfigMap', () => {
  const w = ws({
    'cm.yaml': CM('  PORT: "6379"\n  HOST: a.example.com\n').replace('name: c', 'name: c\n  namespace: shop'),
    'deploy.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: web, namespace: shop }',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          envFrom:',
      '            - configMapRef: { name: c }',
      '              prefix: CACHE_',
      '          env:',
      '            - { name: CACHE_HOST, value: override.example.com }',
      '            - name: X_PORT',
      '              valueFrom: { configMapKeyRef: { name: c, key: PORT } }',
      '            - name: MISSING',
      '              valueFrom: { configMapKeyRef: { name: nope, key: PORT } }',
    ].join('\n'),
  });
  const wl = workloadOf(w.get('deploy.yaml')!.objects[0])!;
  const [env] = containerEnvs(w, wl);
  const byName = new Map(env.vars.map((v) => [v.name, v]));
  assert.deepEqual([...byName.keys()].sort(), ['CACHE_HOST', 'CACHE_PORT', 'X_PORT']);
  assert.equal(byName.get('CACHE_HOST')!.value.value, 'override.example.com');
  assert.equal(byName.get('CACHE_HOST')!.link, undefined);
  assert.equal(byName.get('X_PORT')!.value.object.file, 'cm.yaml');
  assert.equal(byName.get('X_PORT')!.link!.how, 'configMapKeyRef');
  assert.equal(byName.get('CACHE_PORT')!.link!.how, 'envFrom');
  assert.equal(envLiterals(wl).length, 1);
});

test('URL parsing: scheme, userinfo, hosts, ports, params with offsets', () => {
  const text = 'url=postgres://u:p%40ss@h1:5432,h2/db?application_name=x&sslmode=disable#frag, then rediss://[::1]:6380';
  const [pg, redis] = findUrls(text);
  assert.equal(pg.family, 'postgres');
  assert.equal(pg.scheme.text, 'postgres');
  assert.equal(pg.password?.text, 'p%40ss');
  assert.deepEqual(pg.hosts.map((h) => [h.host.text, h.port?.text]), [['h1', '5432'], ['h2', undefined]]);
  const mode = pg.params.find((p) => p.key.text === 'sslmode')!;
  assert.equal(text.slice(mode.whole.start, mode.whole.end), 'sslmode=disable');
  assert.equal(pg.whole.text.endsWith('#frag'), true);
  assert.equal(redis.tlsScheme, true);
  assert.deepEqual(redis.hosts.map((h) => [h.host.text, h.port?.text]), [['[::1]', '6380']]);
  const [jdbc] = findUrls("'jdbc:mysql://db:3306/app?useSSL=false&serverTimezone=UTC'");
  assert.equal(jdbc.family, 'mysql');
  assert.equal(jdbc.scheme.text, 'jdbc:mysql');
  assert.deepEqual(jdbc.params.map((p) => p.whole.text), ['useSSL=false', 'serverTimezone=UTC']);
  assert.deepEqual(findUrls('see https://example.com and myredis://x'), []);
});

test('keyword strings: libpq, Npgsql and quoted values', () => {
  const dsn = "host=db.example.com dbname=app sslmode='disable'";
  const [mode] = findKeywordParams(dsn, 'sslmode');
  assert.equal(mode.value.text, 'disable');
  assert.equal(dsn.slice(mode.value.start, mode.value.end), 'disable');
  const npg = 'Host=db;SSL Mode=Prefer;Database=x';
  const [m2] = findKeywordParams(npg, 'sslmode|ssl[ _-]mode');
  assert.equal(m2.whole.text, 'SSL Mode=Prefer');
  // PGSSLMODE is a variable name, not a keyword of a DSN.
  assert.deepEqual(findKeywordParams('PGSSLMODE=disable', 'sslmode'), []);
});

test('hosts: bare names, cluster-local names and loopback stay inside the cluster', () => {
  assert.equal(bareHost('tls://x.redis.cache.windows.net:6380'), 'x.redis.cache.windows.net');
  for (const h of ['redis', 'redis.cache.svc', 'redis.cache.svc.cluster.local', 'localhost', '127.0.0.1', '[::1]']) assert.ok(isClusterInternalHost(h), h);
  for (const h of ['cache.example.com', 'x.redis.cache.windows.net', '10.0.0.4']) assert.ok(!isClusterInternalHost(h), h);
  assert.ok(isClusterInternalHost('valkey.cache', (n, ns) => n === 'valkey' && ns === 'cache'));
  assert.ok(!isClusterInternalHost('example.com', () => false));
});

// ---- the rules across files ----------------------------------------------------------

function linter() {
  const mine = new Set(TRANSPORT_AND_SECRET_RULES.map((r) => r.id));
  return new Linter(RULES, { rules: Object.fromEntries(RULES.map((r) => [r.id, mine.has(r.id) ? r.severity : 'off'])) });
}

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata: { name: web-env, namespace: shop }
data:
  REDIS_PORT: "6379"
`;
const DEPLOYMENT = (host: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: php
          envFrom:
            - configMapRef: { name: web-env }
          env:
            - name: REDIS_HOST
              value: ${host}
`;

test('a port in a ConfigMap is reported there, with the host and the workload as related information', () => {
  const w = ws({ 'cm.yaml': CONFIGMAP, 'deploy.yaml': DEPLOYMENT('cache.redis.cache.windows.net') });
  const l = linter();
  const [f] = l.lintFile(w, 'cm.yaml').findings;
  assert.equal(f.ruleId, 'tls/redis-port');
  assert.equal(CONFIGMAP.slice(f.span.start, f.span.end), '6379');
  assert.equal(f.object, 'ConfigMap/shop/web-env');
  const related = (f.related ?? []).map((r) => [r.file, DEPLOYMENT('cache.redis.cache.windows.net').slice(r.span.start, r.span.end), r.message]);
  assert.deepEqual(related, [
    ['deploy.yaml', 'cache.redis.cache.windows.net', 'REDIS_HOST points at Azure Cache for Redis (cache.redis.cache.windows.net) here.'],
    ['deploy.yaml', 'configMapRef: { name: web-env }', 'Deployment shop/web reads this (container "php", envFrom)'],
  ]);
  assert.deepEqual(l.lintFile(w, 'deploy.yaml').findings, []);
  // The fix edits the ConfigMap's file.
  assert.deepEqual(f.fixes.map((x) => [x.title, x.edits.map((e) => e.newText)]), [['Use port 6380 (TLS)', ['6380']]]);
});

test('editing the other file updates the finding (derived indexes are dropped on change)', () => {
  const w = ws({ 'cm.yaml': CONFIGMAP, 'deploy.yaml': DEPLOYMENT('cache.redis.cache.windows.net') });
  const l = linter();
  assert.equal(l.lintFile(w, 'cm.yaml').findings.length, 1);
  w.update('deploy.yaml', DEPLOYMENT('redis.shop.svc.cluster.local'));
  assert.equal(l.lintFile(w, 'cm.yaml').findings.length, 0);
  w.update('deploy.yaml', DEPLOYMENT('cache.redis.cache.windows.net'));
  assert.equal(l.lintFile(w, 'cm.yaml').findings.length, 1);
  w.remove('deploy.yaml');
  assert.equal(l.lintFile(w, 'cm.yaml').findings.length, 0);
});

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'drupal-aks-flux');

test('drupal-aks-flux: Redis on 6380, SOPS secrets, TLS IngressRoute with a redirect route — no transport or secret findings', { skip: !existsSync(CORPUS) }, () => {
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  const w = new Workspace();
  const files = walk(CORPUS).filter((p) => /\.ya?ml$/.test(p));
  for (const f of files) w.update(relative(CORPUS, f), readFileSync(f, 'utf8'));
  const l = linter();
  const findings = w.paths().flatMap((p) => {
    const r = l.lintFile(w, p);
    assert.deepEqual(r.ruleErrors, []);
    return r.findings.map((f) => `${f.file} ${f.ruleId} ${f.message}`);
  });
  assert.deepEqual(findings, []);
  // The facts the rules rely on are really there.
  const cm = w.get('apps/base/drupal/configmap.yaml')!.objects[0];
  assert.equal(dataValues(cm).find((v) => v.name === 'AZURE_REDIS_PORT')?.value, '6380');
});
