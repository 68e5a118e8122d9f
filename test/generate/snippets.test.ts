// Every snippet of snippets/*.code-snippets, expanded with its defaults (Tab
// through without typing), lints with no finding at all, in the profile with the
// most rules (drupal-aks). A snippet alone cannot satisfy the cross-resource
// rules (a Deployment needs a NetworkPolicy, a Service needs its pods), so each
// is linted in a workspace context built from other snippets; the contexts are
// listed below with why each part is there. Helper files that are not snippets
// are marked "helper".
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runLint } from '../../server/src/cli/lint';
import { initHclFromDisk } from '../../server/src/node/hcl';
import { expandSnippet, tabStops } from './snippet-expand';

const ROOT = join(__dirname, '..', '..');
type Snippet = { prefix: string; description: string; body: string[] };
const load = (file: string) => JSON.parse(readFileSync(join(ROOT, 'snippets', file), 'utf8')) as Record<string, Snippet>;
const K8S = load('kubernetes.code-snippets');
const TF = load('terraform.code-snippets');
const ALL = new Map<string, Snippet>([...Object.values(K8S), ...Object.values(TF)].map((s) => [s.prefix, s]));
const used = new Set<string>();

/** A snippet by prefix, expanded with its defaults (or with `values` typed into some tab stops). */
function snip(prefix: string, values: Record<number, string> = {}): string {
  const s = ALL.get(prefix);
  assert.ok(s, `no snippet ${prefix}`);
  used.add(prefix);
  return `${expandSnippet(s.body, {}, values).trimEnd()}\n`;
}
const docs = (...texts: string[]) => texts.map((t) => t.trimEnd() + '\n').join('---\n');

const helperNamespace = (name: string) => `# helper\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n`;

interface Context {
  why: string;
  files: () => Record<string, string>;
}

const CONTEXTS: Record<string, Context> = {
  'web application': {
    why: 'A Deployment "web" in namespace "app" (2 replicas: needs the PDB; the HPA scales it) with its Service, routed three ways (Traefik IngressRoute with its three middlewares and a cert-manager Certificate, an Ingress naming the ClusterIssuer, an OpenShift Route), isolated by the three NetworkPolicy snippets (the ingress namespace "traefik" exists: helper). The StatefulSet "db" sits behind it with a helper policy letting web reach it. The identity snippets (ServiceAccount, SecretProviderClass, ExternalSecret) live in the same namespace.',
    files: () => ({
      'app/namespace.yaml': docs(snip('bp-namespace'), helperNamespace('traefik')),
      'app/deployment.yaml': snip('bp-deployment'),
      'app/service.yaml': snip('bp-service'),
      'app/pdb.yaml': snip('bp-pdb'),
      'app/hpa.yaml': snip('bp-hpa'),
      'app/networkpolicies.yaml': docs(snip('bp-netpol-default-deny'), snip('bp-netpol-dns'), snip('bp-netpol-allow-ingress')),
      'app/ingressroute.yaml': docs(snip('bp-ingressroute'), snip('bp-middleware-headers'), snip('bp-middleware-ratelimit'), snip('bp-middleware-redirect')),
      'app/certificate.yaml': docs(snip('bp-certificate'), snip('bp-clusterissuer')),
      'app/ingress.yaml': snip('bp-ingress'),
      'app/route.yaml': snip('bp-openshift-route'),
      'app/statefulset.yaml': snip('bp-statefulset'),
      'app/db-networkpolicy.yaml': `# helper\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-db-from-web\n  namespace: app\nspec:\n  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: db\n  policyTypes:\n    - Ingress\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: web\n      ports:\n        - protocol: TCP\n          port: tcp\n`,
      'app/identity.yaml': docs(snip('bp-serviceaccount-workload-identity'), snip('bp-secretproviderclass'), snip('bp-externalsecret')),
    }),
  },
  'Flux repository': {
    why: 'clusters/prod holds the GitRepository snippet (with a helper root Kustomization), the Kustomization snippet "apps" (it depends on a helper "infrastructure" Kustomization that waits) and the image automation snippets; infrastructure/ holds the HelmRepository and HelmRelease snippets (Traefik) and its Namespace; apps/ holds a helper ConfigMap so the paths exist.',
    files: () => ({
      'clusters/prod/flux-system/gotk-sync.yaml': docs(snip('bp-flux-gitrepository'), `# helper\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 10m0s\n  path: ./clusters/prod\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n`),
      'clusters/prod/infrastructure.yaml': `# helper\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: infrastructure\n  namespace: flux-system\nspec:\n  interval: 10m0s\n  path: ./infrastructure\n  prune: true\n  wait: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n`,
      'clusters/prod/apps.yaml': snip('bp-flux-kustomization'),
      'clusters/prod/image-automation.yaml': docs(snip('bp-flux-imagerepository'), snip('bp-flux-imagepolicy'), snip('bp-flux-imageupdateautomation')),
      'infrastructure/traefik.yaml': docs(helperNamespace('traefik'), snip('bp-flux-helmrepository'), snip('bp-flux-helmrelease')),
      'apps/config.yaml': `# helper\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  LOG_LEVEL: info\n`,
    }),
  },
  'Drupal jobs and files': {
    why: 'The migration Job and the cron CronJob in namespace "drupal" read the helper ConfigMap drupal-config; the namespace is isolated by the default-deny and DNS snippets (namespace typed: drupal) and a helper egress policy to PostgreSQL and Redis; the PVC snippet claims from the StorageClass snippet.',
    files: () => ({
      'drupal/namespace.yaml': snip('bp-namespace', { 1: 'drupal' }),
      'drupal/config.yaml': `# helper\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: drupal-config\n  namespace: drupal\ndata:\n  DB_HOST: example-pg.postgres.database.azure.com\n  DB_SSLMODE: require\n`,
      'drupal/networkpolicies.yaml': docs(snip('bp-netpol-default-deny', { 1: 'drupal' }), snip('bp-netpol-dns', { 1: 'drupal' }), `# helper\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-drupal-data-egress\n  namespace: drupal\nspec:\n  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: drupal\n  policyTypes:\n    - Egress\n  egress:\n    - ports:\n        - protocol: TCP\n          port: 5432\n        - protocol: TCP\n          port: 6380\n`),
      'drupal/migration-job.yaml': snip('bp-drupal-migration-job'),
      'drupal/cronjob.yaml': snip('bp-drupal-cron'),
      'drupal/pvc.yaml': snip('bp-pvc-blob-nfs'),
      'drupal/storageclass.yaml': snip('bp-storageclass-blob-nfs'),
    }),
  },
  'Argo CD': {
    why: 'The Application snippet alone: its repoURL is another repository, so there is nothing else to resolve.',
    files: () => ({ 'argocd/application.yaml': snip('bp-argocd-application') }),
  },
  'Terraform on Azure': {
    why: 'Every azurerm snippet in one module (references to subnets and the resource group are not checked against declarations).',
    files: () => ({ 'terraform/azure/main.tf': ['bp-aks', 'bp-postgres-flexible', 'bp-redis-cache', 'bp-storage-nfs', 'bp-key-vault', 'bp-acr'].map((p) => snip(p)).join('\n') }),
  },
  'Terraform on AWS': {
    why: 'Every aws snippet in one module: the ALB, the ECS service and the database joined by the security-group snippet.',
    files: () => ({ 'terraform/aws/main.tf': ['bp-aws-db-instance', 'bp-aws-ecs-service', 'bp-aws-alb', 'bp-aws-ecr', 'bp-aws-security-groups'].map((p) => snip(p)).join('\n') }),
  },
};

before(async () => {
  const problem = await initHclFromDisk();
  assert.equal(problem, undefined, 'the HCL parser loads');
});

for (const [name, context] of Object.entries(CONTEXTS)) {
  test(`snippets in context "${name}" lint with no finding`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'blueprint-snippets-'));
    try {
      for (const [rel, text] of Object.entries(context.files())) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), text);
      }
      const report = runLint({ paths: ['.'], format: 'json', rules: {}, fix: false, quiet: false, profile: 'drupal-aks' }, dir);
      assert.deepEqual(report.skipped, []);
      assert.deepEqual(report.ruleErrors, []);
      assert.deepEqual(report.findings.map((f) => `${f.file} ${f.severity} ${f.ruleId}: ${f.message}`), [], context.why);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('every snippet is linted in a context, has a description, a $1 and a final $0', () => {
  for (const c of Object.values(CONTEXTS)) c.files();
  assert.deepEqual([...ALL.keys()].filter((p) => !used.has(p)), [], 'snippets no context covers');
  for (const [prefix, s] of ALL) {
    assert.ok(prefix.startsWith('bp-'), prefix);
    assert.ok(s.description.length > 20, `${prefix}: description`);
    const stops = tabStops(s.body);
    assert.ok(stops.includes(1) && stops.includes(0), `${prefix}: tab stops ${stops.join(',')}`);
    assert.match(s.body[s.body.length - 1], /\$0$/, `${prefix}: ends with $0`);
  }
});

test('the snippets are contributed for yaml and terraform', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets?: { language: string; path: string }[] } };
  assert.deepEqual(pkg.contributes.snippets, [
    { language: 'yaml', path: './snippets/kubernetes.code-snippets' },
    { language: 'terraform', path: './snippets/terraform.code-snippets' },
  ]);
});

test('the snippet expander: placeholders, mirrors, choices, nesting, escapes, variables', () => {
  assert.equal(expandSnippet(['name: ${1:web}', 'x: $1 ${2:a ${3:b}} $3 ${4|x,y|} $4 \\$imagepolicy \\${var.x} ${TM_FILENAME_BASE:file}$0']), 'name: web\nx: web a b b x x $imagepolicy ${var.x} file');
  assert.equal(expandSnippet('${1:a} ${2:$1-tls}', {}, { 1: 'web' }), 'web web-tls');
  assert.equal(expandSnippet('$1 then ${1:late}'), 'late then late');
  assert.equal(expandSnippet('${1|a\\,b,c|}'), 'a,b');
  assert.equal(expandSnippet('$TM_FILENAME', { TM_FILENAME: 'x.yaml' }), 'x.yaml');
});
