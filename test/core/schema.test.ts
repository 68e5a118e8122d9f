// Schema validation (server/src/core/schema): exact paths and messages, the kinds
// Blueprint adds to kubernetes-models, and no false positives on real manifests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parse, parseAllDocuments } from 'yaml';
import Ajv from 'ajv';
import { hasSchema, knownKinds, validateResource, type SchemaIssue, type SchemaResult } from '../../server/src/core/schema/validate';
import { MODEL_INDEX } from '../../server/src/core/schema/generated-index';
import { ALIASES, CUSTOM_KINDS } from '../../server/src/core/schema/extra-kinds';
import { formatPath, parseInstancePath } from '../../server/src/core/schema/messages';

const ROOT = join(__dirname, '..', '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'drupal-aks-flux');
const SEEDS = join(ROOT, '..', 'shared', 'seeds');

const y = (text: string): unknown => parse(text);

function issues(r: SchemaResult): SchemaIssue[] {
  assert.equal(r.kind, 'invalid', `expected invalid, got ${JSON.stringify(r)}`);
  return r.kind === 'invalid' ? r.issues : [];
}

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  creationTimestamp: null
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  strategy:
    type: RollingUpdate
    rollingUpdate: { maxSurge: 25%, maxUnavailable: 0 }
  template:
    metadata:
      labels: { app: web }
    spec:
      securityContext: { runAsNonRoot: true, fsGroup: 82, seccompProfile: { type: RuntimeDefault } }
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
          ports: [{ name: http, containerPort: 8080 }]
          env:
            - { name: PORT, value: "8080" }
            - name: DB_PASSWORD
              valueFrom: { secretKeyRef: { name: db, key: password } }
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 0.5, memory: 1Gi, ephemeral-storage: 2G }
          readinessProbe: { httpGet: { path: /healthz, port: http }, periodSeconds: 10 }
          livenessProbe: { tcpSocket: { port: 8080 } }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
          volumeMounts: [{ name: tmp, mountPath: /tmp }]
      volumes:
        - name: tmp
          emptyDir: {}
        - name: config
          configMap: { name: web, defaultMode: 0644 }
`;

function deployment(mutate: (d: any) => void): unknown {
  const d = y(DEPLOYMENT) as any;
  mutate(d);
  return d;
}

test('a valid Deployment (quantities, int-or-string, null creationTimestamp) is ok', () => {
  assert.deepEqual(validateResource(y(DEPLOYMENT)), { kind: 'ok' });
});

test('replicas: "three" -> spec.replicas must be an integer', () => {
  const r = validateResource(deployment((d) => (d.spec.replicas = 'three')));
  assert.deepEqual(issues(r), [{ path: ['spec', 'replicas'], message: 'spec.replicas must be an integer' }]);
});

test('a quoted number gets a hint to remove the quotes; a number where a string belongs, to add them', () => {
  const r = validateResource(
    deployment((d) => {
      d.spec.replicas = '3';
      d.spec.template.spec.containers[0].env[0].value = 8080;
    }),
  );
  assert.deepEqual(issues(r), [
    { path: ['spec', 'replicas'], message: 'spec.replicas must be an integer (remove the quotes: 3)' },
    {
      path: ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value'],
      message: 'spec.template.spec.containers[0].env[0].value must be a string (quote the value: "8080")',
    },
  ]);
});

test('a container without name: the issue points at the container', () => {
  const r = validateResource(deployment((d) => delete d.spec.template.spec.containers[0].name));
  assert.deepEqual(issues(r), [
    {
      path: ['spec', 'template', 'spec', 'containers', 0],
      message: 'spec.template.spec.containers[0] is missing required field "name"',
    },
  ]);
});

test('an enum value: the allowed values and the likely intended one', () => {
  const r = validateResource(deployment((d) => (d.spec.strategy = { type: 'recreate' })));
  assert.deepEqual(issues(r), [
    { path: ['spec', 'strategy', 'type'], message: 'spec.strategy.type must be one of: Recreate, RollingUpdate (did you mean Recreate?)' },
  ]);
});

test('quantity and int-or-string fields: one clear message, not the oneOf branches', () => {
  const r = validateResource(
    deployment((d) => {
      const c = d.spec.template.spec.containers[0];
      c.resources.limits.cpu = '500mm';
      c.readinessProbe.httpGet.port = 1.5;
      c.livenessProbe.tcpSocket.port = true;
    }),
  );
  assert.deepEqual(issues(r), [
    {
      path: ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'cpu'],
      message: 'spec.template.spec.containers[0].resources.limits.cpu must be a Kubernetes quantity such as 500m, 0.5, 128Mi or 2Gi',
    },
    {
      path: ['spec', 'template', 'spec', 'containers', 0, 'readinessProbe', 'httpGet', 'port'],
      message: 'spec.template.spec.containers[0].readinessProbe.httpGet.port must be an integer or a string',
    },
    {
      path: ['spec', 'template', 'spec', 'containers', 0, 'livenessProbe', 'tcpSocket', 'port'],
      message: 'spec.template.spec.containers[0].livenessProbe.tcpSocket.port must be an integer or a string',
    },
  ]);
});

test('issues come in document order, deduplicated, capped at 20 plus a summary', () => {
  const r = validateResource(
    deployment((d) => {
      d.spec.template.spec.containers = Array.from({ length: 15 }, (_, i) => ({ image: i }));
    }),
  );
  const list = issues(r);
  assert.equal(list.length, 21);
  assert.deepEqual(list[0], { path: ['spec', 'template', 'spec', 'containers', 0], message: 'spec.template.spec.containers[0] is missing required field "name"' });
  assert.deepEqual(list[1].path, ['spec', 'template', 'spec', 'containers', 0, 'image']);
  assert.deepEqual(list[2].path, ['spec', 'template', 'spec', 'containers', 1]);
  assert.deepEqual(list[20], { path: [], message: 'Deployment has 10 more schema problems not shown' });
});

test('ConfigMap data must be strings', () => {
  const r = validateResource(y('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  port: 8080\n  debug: true\n  name: web\n'));
  assert.deepEqual(issues(r), [
    { path: ['data', 'port'], message: 'data.port must be a string (quote the value: "8080")' },
    { path: ['data', 'debug'], message: 'data.debug must be a string (quote the value: "true")' },
  ]);
});

test('odd keys are quoted in messages; JSON-pointer escapes are undone', () => {
  const r = validateResource(y('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    example.com/owner: 7\n'));
  assert.deepEqual(issues(r), [
    { path: ['metadata', 'annotations', 'example.com/owner'], message: 'metadata.annotations["example.com/owner"] must be a string (quote the value: "7")' },
  ]);
  assert.deepEqual(parseInstancePath('/a~1b/0/c~0d', { 'a/b': [{}] }), ['a/b', 0, 'c~d']);
  assert.deepEqual(parseInstancePath('/m/0', { m: { '0': 1 } }), ['m', '0']);
  assert.equal(formatPath(['spec', 'containers', 0, 'image']), 'spec.containers[0].image');
});

test('missing apiVersion or kind: invalid at the root, the caller decides', () => {
  assert.deepEqual(validateResource({ kind: 'Deployment' }), { kind: 'invalid', issues: [{ path: [], message: 'missing apiVersion' }] });
  assert.deepEqual(validateResource({ apiVersion: 'v1' }), { kind: 'invalid', issues: [{ path: [], message: 'missing kind' }] });
  assert.deepEqual(validateResource({ apiVersion: 2, kind: 'Pod' }), {
    kind: 'invalid',
    issues: [{ path: ['apiVersion'], message: 'apiVersion must be a string' }],
  });
});

test('unknown kinds, with hints when there is a near match', () => {
  assert.deepEqual(validateResource({ apiVersion: 'example.com/v1', kind: 'Widget' }), {
    kind: 'unknown-kind',
    message: 'No schema known for example.com/v1 Widget',
  });
  assert.deepEqual(validateResource({ apiVersion: 'apps/v1', kind: 'Deploymnet' }), {
    kind: 'unknown-kind',
    message: 'No schema known for apps/v1 Deploymnet (did you mean Deployment?)',
  });
  assert.deepEqual(validateResource({ apiVersion: 'v1', kind: 'Deployment' }), {
    kind: 'unknown-kind',
    message: 'No schema known for v1 Deployment (Deployment is served by apps/v1)',
  });
  assert.deepEqual(validateResource({ apiVersion: 'helm.toolkit.fluxcd.io/v3', kind: 'HelmRelease' }), {
    kind: 'unknown-kind',
    message: 'No schema known for helm.toolkit.fluxcd.io/v3 HelmRelease (known versions: helm.toolkit.fluxcd.io/v2, helm.toolkit.fluxcd.io/v2beta1, helm.toolkit.fluxcd.io/v2beta2)',
  });
  assert.deepEqual(validateResource({ apiVersion: 'extensions/v1beta1', kind: 'Ingress' }), {
    kind: 'unknown-kind',
    message: 'extensions/v1beta1 Ingress was removed in Kubernetes 1.22; use networking.k8s.io/v1',
  });
  assert.deepEqual(validateResource({ apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy' }), {
    kind: 'unknown-kind',
    message: 'policy/v1beta1 PodSecurityPolicy was removed in Kubernetes 1.25 and has no replacement',
  });
});

test('hasSchema', () => {
  assert.equal(hasSchema('apps/v1', 'Deployment'), true);
  assert.equal(hasSchema('helm.toolkit.fluxcd.io/v2', 'HelmRelease'), true);
  assert.equal(hasSchema('bitnami.com/v1alpha1', 'SealedSecret'), true);
  assert.equal(hasSchema('v1', 'List'), true);
  assert.equal(hasSchema('example.com/v1', 'Widget'), false);
  assert.equal(hasSchema('apps/v1', 'toString'), false);
  assert.equal(hasSchema('constructor', 'Deployment'), false);
});

// ---------------------------------------------------------------------------
// GitOps and add-on kinds

test('Flux Kustomization v1 missing sourceRef', () => {
  const r = validateResource(
    y(`apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: apps, namespace: flux-system }
spec:
  interval: 10m
  path: ./apps/production
  prune: true
`),
  );
  assert.deepEqual(issues(r), [{ path: ['spec'], message: 'spec is missing required field "sourceRef"' }]);
});

test('a required field written with no value points at its key', () => {
  const r = validateResource(
    y('apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: a}\nspec:\n  interval: 10m\n  prune: true\n  sourceRef:\n'),
  );
  assert.deepEqual(issues(r), [{ path: ['spec', 'sourceRef'], message: 'spec.sourceRef is required but has no value', atKey: true }]);
});

test('cert-manager Certificate', () => {
  const ok = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: web, namespace: shop }
spec:
  secretName: web-tls
  dnsNames: [shop.example.com]
  issuerRef: { name: letsencrypt, kind: ClusterIssuer }
  privateKey: { algorithm: ECDSA, size: 256, rotationPolicy: Always }
`;
  assert.deepEqual(validateResource(y(ok)), { kind: 'ok' });
  const bad = y(ok) as any;
  delete bad.spec.secretName;
  bad.spec.privateKey.size = '256';
  bad.spec.privateKey.algorithm = 'EC';
  assert.deepEqual(issues(validateResource(bad)), [
    { path: ['spec'], message: 'spec is missing required field "secretName"' },
    { path: ['spec', 'privateKey', 'algorithm'], message: 'spec.privateKey.algorithm must be one of: RSA, ECDSA, Ed25519' },
    { path: ['spec', 'privateKey', 'size'], message: 'spec.privateKey.size must be an integer (remove the quotes: 256)' },
  ]);
});

test('Traefik IngressRoute', () => {
  const ok = `apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: { name: web, namespace: shop }
spec:
  entryPoints: [websecure]
  routes:
    - match: Host(\`shop.example.com\`) && PathPrefix(\`/\`)
      kind: Rule
      middlewares: [{ name: security-headers }]
      services: [{ name: web, port: http }, { name: api, port: 8080, weight: 10 }]
  tls: { secretName: web-tls }
`;
  assert.deepEqual(validateResource(y(ok)), { kind: 'ok' });
  const bad = y(ok) as any;
  delete bad.spec.routes[0].match;
  bad.spec.routes[0].kind = 'rule';
  bad.spec.routes[0].services[1].port = 1.5;
  assert.deepEqual(issues(validateResource(bad)), [
    { path: ['spec', 'routes', 0], message: 'spec.routes[0] is missing required field "match"' },
    { path: ['spec', 'routes', 0, 'kind'], message: 'spec.routes[0].kind must be Rule' },
    { path: ['spec', 'routes', 0, 'services', 1, 'port'], message: 'spec.routes[0].services[1].port must be an integer or a string' },
  ]);
});

test('HelmRelease v2 is checked with the v2beta2 schema', () => {
  const ok = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: { name: traefik, namespace: traefik }
spec:
  interval: 30m
  chart:
    spec:
      chart: traefik
      version: ">=30.0.0"
      sourceRef: { kind: HelmRepository, name: traefik, namespace: flux-system }
  install: { remediation: { retries: 3 }, disableTakeOwnership: true }
  upgrade: { remediation: { retries: 3, remediateLastFailure: true } }
  driftDetection: { mode: enabled }
  values:
    deployment: { replicas: 2 }
`;
  assert.deepEqual(validateResource(y(ok)), { kind: 'ok' });
  const bad = y(ok) as any;
  delete bad.spec.interval;
  bad.spec.chart.spec.sourceRef.kind = 'HelmRepo';
  bad.spec.driftDetection.mode = 'on';
  assert.deepEqual(issues(validateResource(bad)), [
    { path: ['spec'], message: 'spec is missing required field "interval"' },
    { path: ['spec', 'chart', 'spec', 'sourceRef', 'kind'], message: 'spec.chart.spec.sourceRef.kind must be one of: HelmRepository, GitRepository, Bucket (did you mean HelmRepository?)' },
    { path: ['spec', 'driftDetection', 'mode'], message: 'spec.driftDetection.mode must be one of: enabled, warn, disabled' },
  ]);
  // chartRef instead of chart (Flux 2.2+; the shipped v2beta2 schema predates it), but not both
  const withRef = (spec: string) => y(`apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: a}\nspec:\n  interval: 10m\n${spec}`);
  assert.deepEqual(validateResource(withRef('  chartRef: {kind: OCIRepository, name: podinfo}\n')), { kind: 'ok' });
  assert.deepEqual(issues(validateResource(withRef('  chartRef: {kind: OCIRepository, name: podinfo}\n  chart: {spec: {chart: x, sourceRef: {kind: HelmRepository, name: x}}}\n'))), [
    { path: ['spec'], message: 'spec must set either "chart" or "chartRef", not both' },
  ]);
  assert.deepEqual(issues(validateResource(withRef(''))), [{ path: ['spec'], message: 'spec must set one of the fields "chart", "chartRef"' }]);
  // Notation verification (Flux 2.4) is newer than the shipped enum
  assert.deepEqual(
    validateResource(withRef('  chart: {spec: {chart: x, sourceRef: {kind: HelmRepository, name: x}, verify: {provider: notation, secretRef: {name: trust}}}}\n')),
    { kind: 'ok' },
  );
});

test('Flux sources v1 and image automation v1beta2 / v1', () => {
  const docs = `apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata: { name: podinfo }
spec: { interval: 5m, url: oci://ghcr.io/stefanprodan/charts, type: oci }
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata: { name: podinfo }
spec: { interval: 5m, url: oci://ghcr.io/stefanprodan/manifests/podinfo, ref: { semver: ">=6.0.0" } }
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: Bucket
metadata: { name: b }
spec: { interval: 5m, provider: azure, bucketName: manifests, endpoint: https://acct.blob.core.windows.net }
---
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImagePolicy
metadata: { name: web }
spec: { imageRepositoryRef: { name: web }, policy: { semver: { range: ">=1.0.0" } } }
`;
  for (const d of parseAllDocuments(docs)) assert.deepEqual(validateResource(d.toJS()), { kind: 'ok' }, String(d));
  const r = validateResource(y('apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata: {name: a}\nspec: {url: https://x, type: helm}\n'));
  assert.deepEqual(issues(r), [{ path: ['spec', 'type'], message: 'spec.type must be one of: default, oci' }]);
  const iua = validateResource(
    y('apiVersion: image.toolkit.fluxcd.io/v1beta2\nkind: ImageUpdateAutomation\nmetadata: {name: a}\nspec:\n  interval: 10m\n  update: {strategy: Setter}\n'),
  );
  assert.deepEqual(issues(iua), [
    { path: ['spec'], message: 'spec is missing required field "sourceRef"' },
    { path: ['spec', 'update', 'strategy'], message: 'spec.update.strategy must be Setters' },
  ]);
});

test('Argo CD Application and External Secrets v1', () => {
  const app = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: task-api, namespace: argocd }
spec:
  project: default
  source: { repoURL: https://github.com/acme/k8s-manifests, path: task-api, targetRevision: HEAD, helm: { valueFiles: [values-staging.yaml] } }
  destination: { server: https://kubernetes.default.svc, namespace: task-api }
  syncPolicy:
    automated: { prune: true, selfHeal: true }
    syncOptions: [CreateNamespace=true]
    retry: { limit: 5, backoff: { duration: 5s, factor: 2, maxDuration: 3m } }
`;
  assert.deepEqual(validateResource(y(app)), { kind: 'ok' });
  const bad = y(app) as any;
  delete bad.spec.destination;
  assert.deepEqual(issues(validateResource(bad)), [{ path: ['spec'], message: 'spec is missing required field "destination"' }]);

  const es = `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: { name: db, namespace: users }
spec:
  refreshInterval: 1h
  secretStoreRef: { name: aws-secrets-manager, kind: ClusterSecretStore }
  target: { name: db, creationPolicy: Owner }
  data:
    - secretKey: password
      remoteRef: { key: staging/users/db, property: password }
`;
  assert.deepEqual(validateResource(y(es)), { kind: 'ok' });
  const badEs = y(es) as any;
  badEs.spec.target.creationPolicy = 'owner';
  delete badEs.spec.data[0].remoteRef.key;
  assert.deepEqual(issues(validateResource(badEs)), [
    { path: ['spec', 'target', 'creationPolicy'], message: 'spec.target.creationPolicy must be one of: Owner, Orphan, Merge, None (did you mean Owner?)' },
    { path: ['spec', 'data', 0, 'remoteRef'], message: 'spec.data[0].remoteRef is missing required field "key"' },
  ]);
});

// ---------------------------------------------------------------------------
// Blueprint's own schemas (schemas/kinds)

test('kustomize Kustomization: unknown top-level fields, with a suggestion', () => {
  const r = validateResource(
    y(`apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: shop
resource: [deployment.yaml]
images:
  - name: ghcr.io/acme/web
    newTag: 1.10
`),
  );
  assert.deepEqual(issues(r), [
    { path: ['resource'], message: 'resource is not a known field of Kustomization (did you mean "resources"?)', atKey: true },
    { path: ['images', 0, 'newTag'], message: 'images[0].newTag must be a string (quote the value: "1.1")' },
  ]);
});

test('SealedSecret, SecretProviderClass', () => {
  assert.deepEqual(
    validateResource(y('apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: db}\nspec:\n  encryptedData: {password: AgBy3i4OJSWK}\n  template: {type: Opaque, metadata: {labels: {app: db}}}\n')),
    { kind: 'ok' },
  );
  assert.deepEqual(issues(validateResource(y('apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: db}\nspec:\n  encrypted: {password: AgBy}\n'))), [
    { path: ['spec'], message: 'spec is missing required field "encryptedData"' },
    { path: ['spec', 'encrypted'], message: 'spec.encrypted is not a known field of SealedSecret spec (did you mean "encryptedData"?)', atKey: true },
  ]);
  const spc = y(`apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata: { name: azure-keyvault }
spec:
  provider: azure
  parameters:
    usePodIdentity: false
    keyvaultName: kv
  secretObjects:
    - secretName: db
      type: Opaque
      data: [{ objectName: database-password, key: password }]
`);
  assert.deepEqual(issues(validateResource(spc)), [
    { path: ['spec', 'parameters', 'usePodIdentity'], message: 'spec.parameters.usePodIdentity must be a string (quote the value: "false")' },
  ]);
});

test('OpenShift Route and DeploymentConfig (its pod template checked as a PodTemplateSpec)', () => {
  const route = `apiVersion: route.openshift.io/v1
kind: Route
metadata: { name: task-api }
spec:
  host: task-api.apps.example.com
  to: { kind: Service, name: task-api, weight: 100 }
  port: { targetPort: 8080 }
  tls: { termination: edge, insecureEdgeTerminationPolicy: Redirect }
`;
  assert.deepEqual(validateResource(y(route)), { kind: 'ok' });
  const bad = y(route) as any;
  bad.spec.tls.insecureEdgeTerminationPolicy = 'Disable';
  bad.spec.hosts = bad.spec.host;
  delete bad.spec.host;
  assert.deepEqual(issues(validateResource(bad)), [
    { path: ['spec', 'tls', 'insecureEdgeTerminationPolicy'], message: 'spec.tls.insecureEdgeTerminationPolicy must be one of: Allow, None, Redirect, ""' },
    { path: ['spec', 'hosts'], message: 'spec.hosts is not a known field of Route spec (did you mean "host"?)', atKey: true },
  ]);
  const dc = y(`apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata: { name: task-api }
spec:
  replicas: 2
  selector: { app: task-api }
  strategy: { type: Rolling }
  triggers: [{ type: ConfigChange }]
  template:
    metadata: { labels: { app: task-api } }
    spec:
      containers:
        - image: task-api:1.0
          ports: [{ containerPort: "8000" }]
`);
  assert.deepEqual(issues(validateResource(dc)), [
    { path: ['spec', 'template', 'spec', 'containers', 0], message: 'spec.template.spec.containers[0] is missing required field "name"' },
    {
      path: ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort'],
      message: 'spec.template.spec.containers[0].ports[0].containerPort must be an integer (remove the quotes: 8000)',
    },
  ]);
});

// ---------------------------------------------------------------------------
// Values only known at deploy time, lists, odd input

test('SOPS-encrypted values and Flux ${VAR} substitutions are not judged', () => {
  const secret = y(`apiVersion: v1
kind: Secret
metadata: { name: db }
type: Opaque
data:
  password: ENC[AES256_GCM,data:u5jZwzfygUw8,iv:IFP56nFk=,tag:uH1pMy==,type:str]
  user: not base64!
sops: { version: 3.10.2 }
`);
  assert.deepEqual(issues(validateResource(secret)), [{ path: ['data', 'user'], message: 'data.user must be base64-encoded data' }]);
  const subst = deployment((d) => {
    d.metadata.namespace = '${NAMESPACE}';
    d.spec.replicas = '${REPLICAS:=2}';
    d.spec.template.spec.containers[0].resources.limits.memory = '${MEMORY_LIMIT}';
  });
  assert.deepEqual(validateResource(subst), { kind: 'ok' });
});

test('kind: List checks each item', () => {
  const r = validateResource({
    apiVersion: 'v1',
    kind: 'List',
    items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 'x' }] } }, { kind: 'Pod' }, { apiVersion: 'x/v1', kind: 'Y' }],
  });
  assert.deepEqual(issues(r), [
    { path: ['items', 0, 'spec', 'ports', 0, 'port'], message: 'items[0].spec.ports[0].port must be an integer' },
    { path: ['items', 1], message: 'items[1] is missing apiVersion' },
  ]);
});

test('never throws on odd input', () => {
  const cyclic: any = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
  cyclic.data = { self: cyclic };
  const odd: unknown[] = [
    null, undefined, 0, 'text', [], [1, 2], {}, { apiVersion: null, kind: null },
    { apiVersion: 'v1', kind: 'Pod', spec: 'x' }, { apiVersion: 'v1', kind: 'Pod', spec: { containers: [null, 1, 'a'] } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', creationTimestamp: new Date(0) } },
    { apiVersion: 'v1', kind: 'ConfigMap', data: new Map([['a', 'b']]) }, { apiVersion: 'v1', kind: 'List', items: 'x' },
    { apiVersion: '__proto__', kind: 'constructor' }, { apiVersion: 'v1', kind: 'hasOwnProperty' }, cyclic,
  ];
  for (const v of odd) {
    const r = validateResource(v);
    assert.ok(['ok', 'invalid', 'unknown-kind'].includes(r.kind));
  }
  assert.deepEqual(validateResource({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', creationTimestamp: new Date(0) } }), { kind: 'ok' });
});

// ---------------------------------------------------------------------------
// Tables

test('every generated entry loads a model class with its apiVersion and kind', () => {
  for (const [apiVersion, kinds] of Object.entries(MODEL_INDEX)) {
    for (const [kind, thunk] of Object.entries(kinds)) {
      const cls = thunk() as { apiVersion?: string; kind?: string; prototype: { validate?: unknown } };
      assert.equal(cls?.apiVersion, apiVersion);
      assert.equal(cls.kind, kind);
      assert.equal(typeof cls.prototype.validate, 'function');
    }
  }
});

test('generated-index.ts is up to date with the installed packages', () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'gen-schema-index.mjs'), '--check'], { stdio: 'pipe' });
});

test('aliases point at shipped kinds; every schemas/kinds file is registered and compiles', () => {
  for (const [apiVersion, kinds] of Object.entries(ALIASES)) {
    for (const [kind, target] of Object.entries(kinds)) {
      assert.ok(MODEL_INDEX[target]?.[kind], `${apiVersion} ${kind} -> ${target}`);
      assert.ok(!MODEL_INDEX[apiVersion]?.[kind], `${apiVersion} ${kind} is shipped now: drop the alias`);
    }
  }
  const registered = new Set<string>();
  const metaCheck = new Ajv({ strict: true, strictTypes: false, strictRequired: false, keywords: ['x-kubernetes-int-or-string'] });
  for (const [apiVersion, kinds] of Object.entries(CUSTOM_KINDS)) {
    for (const [kind, c] of Object.entries(kinds)) {
      registered.add(c.file);
      assert.ok(!MODEL_INDEX[apiVersion]?.[kind], `${apiVersion} ${kind} is shipped now: drop the custom schema`);
      assert.deepEqual(c.schema, JSON.parse(readFileSync(join(ROOT, 'schemas', 'kinds', c.file), 'utf8')));
      assert.equal(metaCheck.validateSchema(c.schema), true, `${c.file}: ${JSON.stringify(metaCheck.errors)}`);
      const r = validateResource({ apiVersion, kind, metadata: { name: 'x' }, spec: {} });
      assert.notEqual(r.kind, 'unknown-kind', `${apiVersion} ${kind}: ${JSON.stringify(r)}`);
    }
  }
  assert.deepEqual(readdirSync(join(ROOT, 'schemas', 'kinds')).sort(), [...registered].sort());
  assert.ok(knownKinds().length > 120, `${knownKinds().length} kinds`);
});

// ---------------------------------------------------------------------------
// Real manifests: no false positives

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

test('every resource in the drupal-aks-flux corpus is valid', { skip: !existsSync(CORPUS) && 'corpus not found' }, () => {
  const bad: string[] = [];
  let checked = 0;
  for (const file of yamlFiles(CORPUS)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const v = doc.toJS() as Record<string, unknown> | null;
      if (!v || typeof v !== 'object' || !('apiVersion' in v) || !('kind' in v)) continue; // .sops.yaml and the like
      checked++;
      const r = validateResource(v);
      if (r.kind !== 'ok') bad.push(`${relative(CORPUS, file)} ${v.apiVersion} ${v.kind}: ${JSON.stringify(r)}`);
    }
  }
  assert.deepEqual(bad, []);
  assert.ok(checked >= 80, `only ${checked} resources`);
});

test('the seeds\' YAML examples: only the genuinely incomplete ones are flagged', { skip: !existsSync(SEEDS) && 'seeds not found' }, () => {
  const results: string[] = [];
  for (const f of readdirSync(SEEDS).filter((n) => n.endsWith('.md'))) {
    const text = readFileSync(join(SEEDS, f), 'utf8');
    for (const m of text.matchAll(/```ya?ml\n([\s\S]*?)```/g)) {
      for (const doc of parseAllDocuments(m[1])) {
        let v: any;
        try {
          v = doc.toJS();
        } catch {
          continue;
        }
        if (!v || typeof v !== 'object' || Array.isArray(v) || !v.apiVersion || !v.kind) continue;
        const r = validateResource(v);
        if (r.kind !== 'ok') results.push(`${v.apiVersion} ${v.kind}: ${r.kind === 'invalid' ? r.issues.map((i) => i.message).join('; ') : r.message}`);
      }
    }
  }
  // Two Deployment snippets show only the fields under discussion and really do lack
  // spec.selector (required by apps/v1).
  assert.deepEqual(results.sort(), [
    'apps/v1 Deployment: spec is missing required field "selector"',
    'apps/v1 Deployment: spec is missing required field "selector"',
  ]);
});
