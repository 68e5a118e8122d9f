// The OpenShift task API generator: generated into a temporary folder, the stack
// lints with no finding at all under the restricted profile, every overlay builds
// with `kubectl kustomize` into its own namespace, and the documented shape is
// there (environments, security without hard-coded UIDs, edge TLS Routes, network
// policies, Argo CD sync policies).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openshiftTaskApi, openshiftTaskApiFiles, resolveOpenShiftTaskApiInput, safeRelativePath } from '../../server/src/core/generate';
import type { OpenShiftTaskApiKey } from '../../server/src/core/generate';
import { runLint } from '../../server/src/cli/lint';

export const EXAMPLE_INPUT: Partial<Record<OpenShiftTaskApiKey, string>> = {
  gitUrl: 'https://github.com/example/k8s-manifests',
  domain: 'apps.ocp.example.com',
};

function generated(input: Partial<Record<OpenShiftTaskApiKey, string>>): ReadonlyMap<string, string> {
  const result = openshiftTaskApi.generate(input);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  return result.files;
}

function writeInto(files: ReadonlyMap<string, string>, withConfig = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'blueprint-gen-openshift-'));
  for (const [rel, text] of files) {
    if (!withConfig && rel === '.blueprint.yaml') continue;
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

function lint(dir: string) {
  const report = runLint({ paths: ['.'], format: 'json', rules: {}, fix: false, quiet: false }, dir);
  return {
    rows: report.findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}: ${f.message}`),
    profile: report.profile?.name,
    skipped: report.skipped,
    ruleErrors: report.ruleErrors,
  };
}

/** Infos and hints the generated stack is allowed to have: none. Add one only with a reason. */
const ALLOWED_INFOS_AND_HINTS: string[] = [];

const VARIANTS = [
  { name: 'defaults', input: EXAMPLE_INPUT },
  {
    name: 'other names, scp Git URL, registry with a port, 2/3/5 replicas',
    input: {
      ...EXAMPLE_INPUT,
      gitUrl: 'git@gitlab.example.com:platform/deployments.git',
      appName: 'orders',
      registry: 'registry.example.com:5000',
      imageRepository: 'team/orders-api',
      imageTag: 'abc123def',
      branch: 'release/2.x',
      devReplicas: '2',
      stagingReplicas: '3',
      prodReplicas: '5',
      argocdNamespace: 'argocd',
      argocdProject: 'orders-team',
    },
  },
];

for (const variant of VARIANTS) {
  test(`openshift-task-api (${variant.name}): lints with no finding under the restricted profile`, () => {
    const dir = writeInto(generated(variant.input));
    try {
      const l = lint(dir);
      assert.equal(l.profile, 'restricted');
      assert.deepEqual(l.ruleErrors, []);
      assert.deepEqual(l.skipped, []);
      assert.deepEqual(l.rows, ALLOWED_INFOS_AND_HINTS);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('openshift-task-api: without .blueprint.yaml the default (restricted) profile applies and the stack is still clean', () => {
  const dir = writeInto(generated(EXAMPLE_INPUT), false);
  try {
    const l = lint(dir);
    assert.equal(l.profile, 'restricted');
    assert.deepEqual(l.rows, ALLOWED_INFOS_AND_HINTS);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const noKubectl = kubectl.error || kubectl.status !== 0 ? 'kubectl is not installed on this machine: the kustomize builds are not checked' : false;

test('openshift-task-api: every overlay builds into its own namespace with its replicas, size and host', { skip: noKubectl }, () => {
  const dir = writeInto(generated(EXAMPLE_INPUT));
  try {
    const build = (folder: string) => {
      const r = spawnSync('kubectl', ['kustomize', join(dir, folder)], { encoding: 'utf8' });
      assert.equal(r.status, 0, `kubectl kustomize ${folder} failed:\n${r.stderr}`);
      return r.stdout;
    };
    for (const [env, replicas, cpu, memory] of [['dev', 1, '100m', '128Mi'], ['staging', 2, '250m', '256Mi'], ['prod', 3, '500m', '512Mi']] as const) {
      const out = build(`overlays/${env}`);
      const docs = out.split(/^---$/m);
      const deployment = docs.find((d) => /^kind: Deployment$/m.test(d));
      assert.ok(deployment, `overlays/${env} has the Deployment`);
      assert.match(deployment, new RegExp(`namespace: task-api-${env}\\n`));
      assert.match(deployment, new RegExp(`\\n  replicas: ${replicas}\\n`));
      assert.match(deployment, new RegExp(`requests:\\n {12}cpu: ${cpu}\\n {12}memory: ${memory}\\n`));
      assert.match(deployment, /name: task-api-config-[a-z0-9]{10}\n/, 'the generated ConfigMap name (with its hash) is referenced');
      assert.match(out, new RegExp(`kind: Route[\\s\\S]*host: task-api-${env}\\.apps\\.ocp\\.example\\.com`));
      assert.match(out, new RegExp(`APP_ENV: ${env}\\n`));
      assert.equal(/kind: HorizontalPodAutoscaler/.test(out), env === 'prod', `an HPA only in prod (${env})`);
      for (const d of docs.filter((x) => /^kind: /m.test(x) && !/^kind: Namespace$/m.test(x))) assert.match(d, new RegExp(`namespace: task-api-${env}\\n`));
    }
    assert.match(build('argocd'), /kind: AppProject[\s\S]*kind: Application/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('openshift-task-api: the documented shape (environments, security, Routes, network, Argo CD)', () => {
  const files = generated(EXAMPLE_INPUT);
  const f = (p: string) => {
    const t = files.get(p);
    assert.ok(t !== undefined, `missing ${p}`);
    return t;
  };
  assert.deepEqual([...files.keys()], [
    '.blueprint.yaml',
    'README.md',
    'argocd/kustomization.yaml',
    'argocd/project.yaml',
    'argocd/task-api-dev.yaml',
    'argocd/task-api-prod.yaml',
    'argocd/task-api-staging.yaml',
    'base/deployment.yaml',
    'base/kustomization.yaml',
    'base/networkpolicies.yaml',
    'base/pdb.yaml',
    'base/redis-service.yaml',
    'base/redis-statefulset.yaml',
    'base/route.yaml',
    'base/service.yaml',
    'base/serviceaccount.yaml',
    'overlays/dev/kustomization.yaml',
    'overlays/dev/namespace.yaml',
    'overlays/dev/sealed-secret.yaml',
    'overlays/prod/hpa.yaml',
    'overlays/prod/kustomization.yaml',
    'overlays/prod/namespace.yaml',
    'overlays/prod/sealed-secret.yaml',
    'overlays/staging/kustomization.yaml',
    'overlays/staging/namespace.yaml',
    'overlays/staging/sealed-secret.yaml',
  ]);
  assert.match(f('.blueprint.yaml'), /^profile: restricted$/m);

  // OpenShift assigns the UID (and fsGroup) from the namespace's range: none is hard-coded.
  for (const [p, t] of files) if (p.endsWith('.yaml')) assert.doesNotMatch(t, /runAsUser|runAsGroup|fsGroup|privileged: true/, p);
  for (const p of ['base/deployment.yaml', 'base/redis-statefulset.yaml']) {
    assert.match(f(p), /securityContext:\n {8}runAsNonRoot: true\n {8}seccompProfile:\n {10}type: RuntimeDefault\n/, p);
    assert.match(f(p), /securityContext:\n {12}allowPrivilegeEscalation: false\n {12}readOnlyRootFilesystem: true\n {12}capabilities:\n {14}drop: \["ALL"\]\n/, p);
  }
  const deployment = f('base/deployment.yaml');
  assert.match(deployment, /image: yourregistry\.azurecr\.io\/task-api:1\.0\.0\n/);
  assert.match(deployment, /maxSurge: 1\n {6}maxUnavailable: 0/);
  assert.match(deployment, /containerPort: 8000/);
  assert.match(deployment, /readinessProbe:\n {12}httpGet:\n {14}path: \/ready[\s\S]*periodSeconds: 5[\s\S]*livenessProbe:\n {12}httpGet:\n {14}path: \/live[\s\S]*periodSeconds: 10\n {12}timeoutSeconds: 3\n {12}failureThreshold: 3/);
  assert.match(deployment, /requests:\n {14}cpu: 100m\n {14}memory: 128Mi/);
  assert.match(deployment, /automountServiceAccountToken: false/);
  for (const key of ['DATABASE_URL', 'JWT_SECRET_KEY', 'REDIS_PASSWORD']) assert.match(deployment, new RegExp(`name: ${key}\\n {14}valueFrom:\\n {16}secretKeyRef:\\n {18}name: task-api-secrets`));
  assert.match(f('base/kustomization.yaml'), /PGSSLMODE=require[\s\S]*ACCESS_TOKEN_EXPIRE_MINUTES=30\n[\s\S]*REFRESH_TOKEN_EXPIRE_DAYS=7\n[\s\S]*BCRYPT_ROUNDS=12/);

  assert.match(f('base/route.yaml'), /kind: Route[\s\S]*to:\n {4}kind: Service\n {4}name: task-api[\s\S]*tls:\n {4}termination: edge\n {4}insecureEdgeTerminationPolicy: Redirect/);
  assert.match(f('base/route.yaml'), /hsts_header: max-age=31536000/);
  assert.match(f('base/redis-statefulset.yaml'), /kind: StatefulSet[\s\S]*image: docker\.io\/library\/redis:7\.4\.2-alpine[\s\S]*--requirepass\n {12}- \$\(REDIS_PASSWORD\)[\s\S]*volumeClaimTemplates:/);
  assert.match(f('base/redis-service.yaml'), /clusterIP: None/);
  assert.match(f('base/pdb.yaml'), /maxUnavailable: 1/);

  const policies = f('base/networkpolicies.yaml');
  assert.match(policies, /name: default-deny\nspec:\n {2}podSelector: \{\}\n {2}policyTypes:\n {4}- Ingress\n {4}- Egress\n/);
  assert.match(policies, /name: allow-dns-egress[\s\S]*kubernetes\.io\/metadata\.name: openshift-dns[\s\S]*protocol: UDP\n {10}port: 5353\n {8}- protocol: TCP\n {10}port: 5353/);
  assert.match(policies, /name: allow-api-from-router[\s\S]*policy-group\.network\.openshift\.io\/ingress: ""[\s\S]*port: 8000/);
  assert.match(policies, /name: allow-api-egress[\s\S]*port: 6379[\s\S]*port: 5432/);
  assert.match(policies, /name: allow-redis-from-api[\s\S]*app\.kubernetes\.io\/component: api[\s\S]*port: 6379/);

  for (const [env, replicas] of [['dev', 1], ['staging', 2], ['prod', 3]] as const) {
    const k = f(`overlays/${env}/kustomization.yaml`);
    assert.match(k, new RegExp(`^namespace: task-api-${env}$`, 'm'));
    assert.match(k, new RegExp(`replicas:\\n {2}- name: task-api\\n {4}count: ${replicas}\\n`));
    assert.match(k, new RegExp(`path: /spec/host\\n {8}value: task-api-${env}\\.apps\\.ocp\\.example\\.com`));
    assert.match(f(`overlays/${env}/namespace.yaml`), /argocd\.argoproj\.io\/managed-by: openshift-gitops[\s\S]*pod-security\.kubernetes\.io\/enforce: restricted/);
    const sealed = f(`overlays/${env}/sealed-secret.yaml`);
    assert.match(sealed, /^# PLACEHOLDER/);
    assert.match(sealed, new RegExp(`kind: SealedSecret\\nmetadata:\\n {2}name: task-api-secrets\\n {2}namespace: task-api-${env}\\n`));
  }
  assert.match(f('overlays/staging/kustomization.yaml'), /cpu: 250m\n {20}memory: 256Mi/);
  assert.match(f('overlays/prod/kustomization.yaml'), /- hpa\.yaml\n[\s\S]*cpu: 500m\n {20}memory: 512Mi/);
  assert.match(f('overlays/prod/hpa.yaml'), /minReplicas: 3\n {2}maxReplicas: 9\n/);
  for (const [p, t] of files) assert.doesNotMatch(t, /^kind: Secret$/m, `${p}: no plain Secret is committed`);

  // Argo CD: dev and staging sync automatically, production waits for a person.
  for (const env of ['dev', 'staging']) {
    const app = f(`argocd/task-api-${env}.yaml`);
    assert.match(app, new RegExp(`path: overlays/${env}\\n[\\s\\S]*namespace: task-api-${env}\\n  syncPolicy:\\n    automated:\\n      prune: true\\n      selfHeal: true`));
    assert.match(app, /namespace: openshift-gitops/);
    assert.match(app, /repoURL: https:\/\/github\.com\/example\/k8s-manifests\n {4}targetRevision: main/);
  }
  const prod = f('argocd/task-api-prod.yaml');
  assert.match(prod, /path: overlays\/prod/);
  assert.doesNotMatch(prod, /automated/);
  assert.doesNotMatch(prod, /resources-finalizer/, 'deleting the prod Application leaves production running');
  assert.match(prod, /ignoreDifferences:[\s\S]*- \/spec\/replicas[\s\S]*RespectIgnoreDifferences=true/);
  const project = f('argocd/project.yaml');
  assert.match(project, /kind: AppProject\nmetadata:\n {2}name: task-api\n {2}namespace: openshift-gitops/);
  assert.match(project, /sourceRepos:\n {4}- https:\/\/github\.com\/example\/k8s-manifests\n/);
  for (const env of ['dev', 'staging', 'prod']) assert.match(project, new RegExp(`namespace: task-api-${env}\\n`));
  assert.match(f('README.md'), /^# task-api — deployment repository/);
  assert.match(f('README.md'), /argocd app sync task-api-prod/);
});

test('openshift-task-api: pure and deterministic; every path is a safe relative path', () => {
  const a = openshiftTaskApi.generate(EXAMPLE_INPUT);
  const b = openshiftTaskApi.generate({ ...EXAMPLE_INPUT });
  assert.ok(a.ok && b.ok);
  assert.deepEqual([...a.files], [...b.files]);
  for (const p of a.files.keys()) assert.ok(safeRelativePath(p), p);
  assert.deepEqual([...a.files.keys()], [...a.files.keys()].sort());
  assert.deepEqual([...openshiftTaskApiFiles(resolveOpenShiftTaskApiInput(EXAMPLE_INPUT).input!)], [...a.files]);
  // Derived defaults follow the application name.
  const named = resolveOpenShiftTaskApiInput({ ...EXAMPLE_INPUT, appName: 'orders' }).input;
  assert.equal(named?.imageRepository, 'orders');
  assert.equal(named?.argocdProject, 'orders');
  // A numeric-looking tag is only ever written inside the image reference, a string.
  const numeric = generated({ ...EXAMPLE_INPUT, imageTag: '1.10' });
  assert.match(numeric.get('base/deployment.yaml')!, /image: yourregistry\.azurecr\.io\/task-api:1\.10\n/);
});

test('openshift-task-api: every input is validated, with a sentence per problem; bad input never throws', () => {
  const bad = (key: OpenShiftTaskApiKey, value: string) => {
    const r = openshiftTaskApi.generate({ ...EXAMPLE_INPUT, [key]: value });
    assert.ok(!r.ok, `${key}=${value} was accepted`);
    assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
    assert.equal(r.problems[0].field, key);
    return r.problems[0].message;
  };
  assert.match(bad('gitUrl', 'ftp://example.com/repo'), /https:\/\/github\.com\/org\/repo/);
  assert.match(bad('gitUrl', 'https://github.com/org/../repo'), /must not contain "\.\."/);
  assert.match(bad('gitUrl', 'git@github.com:/abs/repo'), /no leading/);
  assert.match(bad('domain', 'https://apps.example.com'), /without a scheme/);
  assert.match(bad('domain', 'apps'), /fully qualified/);
  assert.match(bad('domain', 'apps.example.com\nkind: Secret'), /./);
  assert.match(bad('appName', 'Task_API'), /DNS-1123/);
  assert.match(bad('appName', 'prod-api'), /"prod" segment/);
  assert.match(bad('appName', 'a-very-long-application-name-indeed'), /longer than 30/);
  assert.match(bad('registry', 'https://yourregistry.azurecr.io'), /no scheme or path/);
  assert.match(bad('registry', 'registry.example.com:99999'), /invalid port/);
  assert.match(bad('imageRepository', 'Task-API'), /lowercase path components/);
  assert.match(bad('imageTag', 'latest'), /not "latest"/);
  assert.match(bad('imageTag', 'v1 # x'), /letters, digits/);
  assert.match(bad('branch', '../main'), /branch/);
  assert.match(bad('devReplicas', '0'), /1 to 20/);
  assert.match(bad('prodReplicas', 'three'), /whole number/);
  assert.match(bad('argocdNamespace', 'OpenShift-GitOps'), /DNS-1123/);
  assert.match(bad('argocdProject', 'default'), /exists already/);
  const missing = openshiftTaskApi.generate({});
  assert.ok(!missing.ok);
  assert.deepEqual(missing.problems.map((p) => p.field).sort(), ['domain', 'gitUrl']);
  for (const junk of [null, undefined, 42, 'x', [], { gitUrl: 7 }]) assert.doesNotThrow(() => openshiftTaskApi.generate(junk as never));
});
