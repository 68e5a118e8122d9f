import { isMap, Node, Pair } from 'yaml';
import { defineRule } from '../rule';
import { K8sObject, locate, nodeOf, Workload, workloadOf, WORKLOAD_KINDS } from '../../model/k8s';
import { dataValues, envLiterals, ConfigValue } from '../../model/app-config';
import { findUrls, isPlaceholder } from '../../model/connection-strings';
import { indentUnit } from '../../fixes/yaml-edit';
import type { Fix } from '../../types';

const SECRET_WORD = /(?:^|_)(?:PASSWORD|PASSWD|PASSPHRASE|PWD|SECRET|TOKEN|CREDENTIALS?|APIKEY|SALT|(?:API|PRIVATE|ACCESS|AUTH|SIGNING|ENCRYPTION|MASTER|SECRET|ACCOUNT|STORAGE|CLIENT|SHARED|SAS|LICENSE)_KEY|CONNECTION_?STRING|CONN_?STR)(?=_|$)|PASSWORD|PASSWD/g;

/** Words after the secret word that make the name describe the secret rather than hold it. */
const MODIFIERS = new Set([
  'FILE', 'PATH', 'DIR', 'NAME', 'REF', 'ID', 'URL', 'URI', 'ENDPOINT', 'HOST', 'PORT', 'TTL', 'EXPIRY', 'EXPIRES', 'EXPIRE',
  'EXPIRATION', 'LIFETIME', 'TIMEOUT', 'LENGTH', 'LEN', 'SIZE', 'ENABLED', 'DISABLED', 'ENABLE', 'MODE', 'TYPE', 'HEADER',
  'ISSUER', 'AUDIENCE', 'ALGORITHM', 'ALG', 'ALGO', 'VERSION', 'USER', 'USERNAME', 'FORMAT', 'LOCATION', 'PROVIDER', 'SECONDS',
  'MINUTES', 'HOURS', 'DAYS', 'MS', 'SEC', 'MIN', 'MAX', 'COUNT', 'LIMIT', 'POLICY', 'RESET', 'ROTATION', 'PREFIX', 'SUFFIX',
  'FIELD', 'PARAM', 'STORE', 'VAULT', 'MOUNT', 'KIND', 'SCOPE', 'SCOPES', 'ROUNDS', 'COST', 'SCHEME', 'REQUIRED', 'REQUIRE',
  'LOOKUP', 'KEYS', 'COMPLEXITY', 'STRENGTH', 'HINT', 'LABEL', 'CLAIM', 'CACHE', 'INTERVAL', 'PERIOD', 'DURATION', 'AGE',
]);

/** Upper-case tokens of a name: `dbPassword` and `db-password` both give DB_PASSWORD. */
function normalise(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** Whether an env var / config key name says it holds a credential. */
export function looksSecret(name: string): boolean {
  const n = normalise(name);
  let last = -1;
  SECRET_WORD.lastIndex = 0;
  for (let m = SECRET_WORD.exec(n); m; m = SECRET_WORD.exec(n)) last = m.index + m[0].length;
  if (last < 0) return false;
  const after = n.slice(last).split('_').filter(Boolean);
  return !after.some((t) => MODIFIERS.has(t));
}

/** A literal that holds no credential: empty, a boolean, a `$(VAR)` / `${VAR}` reference. */
function harmless(value: string): boolean {
  const v = value.trim();
  return v === '' || /^(true|false|yes|no|on|off)$/i.test(v) || /^\$[({][^)}]+[)}]$/.test(v);
}

function secretNameFor(w: Workload): { name: string; reused: boolean } {
  // Reuse a Secret the container already reads keys from.
  for (const c of w.containers) {
    const env = c.value.env;
    if (!Array.isArray(env)) continue;
    for (const e of env) {
      const ref = (e as { valueFrom?: { secretKeyRef?: { name?: unknown } } })?.valueFrom?.secretKeyRef?.name;
      if (typeof ref === 'string' && ref) return { name: ref, reused: true };
    }
  }
  return { name: `${w.object.name ?? 'app'}-secrets`, reused: false };
}

function toSecretKeyRef(obj: K8sObject, v: ConfigValue, target: { name: string; reused: boolean }): Fix | undefined {
  const secret = target.name;
  const itemPath = v.path.slice(0, -1);
  const item = nodeOf(obj, itemPath);
  if (!isMap(item)) return undefined;
  const pair = (item.items as Pair<Node, Node | null>[]).find((p) => p.value === v.node);
  const k = pair?.key;
  if (!k?.range || !v.node.range) return undefined;
  const doc = obj.doc;
  const key = v.name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-|-$/g, '');
  let end = v.node.range[1];
  while (end > v.node.range[0] && /\s/.test(doc.chunk[end - 1])) end--;
  let text: string;
  if (item.flow) {
    text = `valueFrom: { secretKeyRef: { name: ${secret}, key: ${key} } }`;
  } else {
    const eol = doc.chunk.includes('\r\n') ? '\r\n' : '\n';
    const lineStart = doc.chunk.lastIndexOf('\n', k.range[0] - 1) + 1;
    const col = k.range[0] - lineStart;
    const unit = indentUnit(doc);
    const pad = (n: number) => ' '.repeat(n);
    text = `valueFrom:${eol}${pad(col + unit)}secretKeyRef:${eol}${pad(col + 2 * unit)}name: ${secret}${eol}${pad(col + 2 * unit)}key: ${key}`;
  }
  return {
    title: target.reused
      ? `Read ${v.name} from key "${key}" of Secret "${secret}" (add the key to the Secret first)`
      : `Read ${v.name} from Secret "${secret}" (key "${key}"; create the Secret first)`,
    edits: [{ start: k.range[0] + doc.offset, end: end + doc.offset, newText: text }],
    safe: false,
  };
}

export default defineRule({
  id: 'secret/env-literal',
  severity: 'warning',
  category: 'secrets',
  profile: 'restricted',
  seed: 'helm-staging-argocd: "Env Vars: from ConfigMap + Secrets", "MYSQL_ROOT_PASSWORD: (from secret)"; drupal-aks-flux: secrets via SOPS-encrypted Secret and envFrom.',
  docs:
    'An env var (or ConfigMap key) whose name says it holds a credential — PASSWORD, PASSWD, SECRET, TOKEN, API_KEY / APIKEY, PRIVATE_KEY, ACCESS_KEY, CLIENT_SECRET, CONNECTION_STRING, CREDENTIALS, SALT, … — has no literal value in the manifest: it comes from a Secret (`valueFrom.secretKeyRef`, `envFrom.secretRef`). Names that describe a secret rather than hold it (`*_FILE`, `*_PATH`, `*_NAME`, `*_ID`, `TOKEN_TTL`, `PASSWORD_MIN_LENGTH`, …) and empty, boolean or `$(VAR)` values are fine. A database or cache URL with a password in it (`postgres://user:password@host`) is reported at the password.',
  details: [
    'A literal in a Deployment or a ConfigMap is plain text in Git, in `kubectl get -o yaml` output and in every rendered manifest. Put the value in a Secret (SOPS-encrypted, sealed, or synced by External Secrets) and reference it:',
    '',
    '```yaml',
    'env:',
    '  - name: DB_PASSWORD',
    '    valueFrom:',
    '      secretKeyRef: { name: web-secrets, key: db-password }',
    '```',
    '',
    'The quick fix rewrites the literal into such a reference (to a Secret the container already uses, else `<workload>-secrets`, key `<name-in-lowercase-with-dashes>`). It is never applied by fix-all: the Secret must be created first, or the pod will not start.',
  ].join('\n'),
  messages: {
    env: 'Env var {name} of container "{container}" holds a secret-looking literal: read it from a Secret (valueFrom.secretKeyRef).',
    configMap: 'ConfigMap "{configMap}" stores {name} in plain text: move it to a Secret.',
    urlPassword: 'The {scheme} URL in {name} carries a password in plain text: keep the URL (or the password) in a Secret.',
  },
  fixes: ['Read the value from a Secret (secretKeyRef)'],
  appliesTo: ['ConfigMap', ...WORKLOAD_KINDS],
  check(obj, ctx) {
    if (obj.kind === 'ConfigMap') {
      for (const v of dataValues(obj)) {
        if (looksSecret(v.name) && !harmless(v.value) && !v.value.includes('\n')) {
          ctx.report(v.keySpan, 'configMap', { configMap: obj.name ?? '(unnamed)', name: v.name });
        } else urlPasswords(v, ctx.report);
      }
      return;
    }
    const w = workloadOf(obj);
    if (!w) return;
    const secret = secretNameFor(w);
    for (const v of envLiterals(w)) {
      if (!looksSecret(v.name) || harmless(v.value)) {
        urlPasswords(v, ctx.report);
        continue;
      }
      const fix = toSecretKeyRef(obj, v, secret);
      ctx.report(locate(obj, v.path), 'env', { name: v.name, container: v.container?.name ?? '?' }, fix ? [fix] : []);
    }
  },
});

/** `postgres://user:password@host` and `redis://:password@host` written in plain text. */
function urlPasswords(v: ConfigValue, report: (span: { start: number; end: number }, id: 'urlPassword', data: Record<string, string>) => void): void {
  for (const u of findUrls(v.value)) {
    const pw = u.password;
    if (!pw || !pw.text || isPlaceholder(pw.text) || /^\*+$/.test(pw.text)) continue;
    report(v.span(pw.start, pw.end), 'urlPassword', { scheme: u.scheme.text, name: v.name });
  }
}
