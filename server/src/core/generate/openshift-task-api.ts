// The OpenShift task API deployment repository of seeds/openshift-task-api-argocd.md,
// written fresh: base/ (the FastAPI Deployment, Service, edge-TLS Route, Redis
// StatefulSet, PodDisruptionBudget, NetworkPolicies: default deny plus explicit
// allows from the OpenShift router and to DNS, Redis and PostgreSQL),
// overlays/{dev,staging,prod}/ (namespace, replicas 1/2/3, resources
// 128Mi/100m, 256Mi/250m, 512Mi/500m, configuration, Sealed Secret placeholder,
// the production HPA) and argocd/ (an AppProject and one Application per
// environment: dev and staging sync automatically, production waits for a
// manual sync). OpenShift assigns UIDs from the namespace's range: nothing here
// hard-codes runAsUser or fsGroup.
import { generateFrom, resolveStackInput } from './input';
import type { StackField, StackGenerator, ValidationProblem } from './types';
import * as v from './validate';

export type OpenShiftTaskApiKey =
  | 'gitUrl'
  | 'domain'
  | 'appName'
  | 'registry'
  | 'imageRepository'
  | 'imageTag'
  | 'branch'
  | 'devReplicas'
  | 'stagingReplicas'
  | 'prodReplicas'
  | 'argocdNamespace'
  | 'argocdProject';

export type OpenShiftTaskApiInput = Record<OpenShiftTaskApiKey, string>;

/** A `prod` segment anywhere but the production environment would make Blueprint (and people) read dev and staging as production. */
const PROD_SEGMENT = /(^|-)(prod|production|prd)(-|$)/;

export const OPENSHIFT_TASK_API_FIELDS: readonly StackField<OpenShiftTaskApiKey>[] = [
  { key: 'gitUrl', label: 'Git repository URL', description: 'The deployment repository (k8s-manifests) Argo CD watches: where this stack is committed.', example: 'https://github.com/example/k8s-manifests', required: true, validate: v.gitCloneUrl },
  {
    key: 'domain',
    label: 'Route base domain',
    description: 'The cluster\'s apps domain: each environment is served at https://<app>-<env>.<domain> with the router\'s wildcard certificate.',
    example: 'apps.cluster.example.com',
    required: true,
    validate: (s) => v.hostname(s, 'Route base domain') ?? (s.length > 190 ? `The Route base domain "${s}" is too long for the hosts <app>-staging.${s}.` : undefined),
  },
  {
    key: 'appName',
    label: 'Application name',
    description: 'Name of the API: its Deployment, Service and Route, and the namespaces <app>-dev, <app>-staging, <app>-prod.',
    example: 'task-api',
    default: 'task-api',
    validate: (s) =>
      v.dns1123Label(s, 'application name') ??
      (s.length > 30 ? `The application name "${s}" is longer than 30 characters (it prefixes namespaces, hosts and pod names).` : undefined) ??
      (PROD_SEGMENT.test(s) ? `The application name "${s}" must not contain a "prod" segment: the environment suffix says which namespace is production.` : undefined),
  },
  { key: 'registry', label: 'Image registry', description: 'Registry the CI pipeline pushes the API image to (Azure Container Registry in the documented pipeline).', example: 'yourregistry.azurecr.io', default: 'yourregistry.azurecr.io', validate: v.registryHost },
  { key: 'imageRepository', label: 'Image repository', description: 'Repository of the API image in the registry.', example: 'task-api', default: (i) => i.appName ?? 'task-api', validate: v.imageRepositoryPath },
  { key: 'imageTag', label: 'Image tag', description: 'First tag deployed; the CI pipeline then writes each build\'s commit SHA into base/deployment.yaml.', example: '1.0.0', default: '1.0.0', validate: v.imageTag },
  { key: 'branch', label: 'Git branch', description: 'Branch (targetRevision) the Argo CD Applications follow.', example: 'main', default: 'main', validate: v.gitBranch },
  { key: 'devReplicas', label: 'Dev replicas', description: 'API pods in the dev environment.', example: '1', default: '1', validate: (s) => v.integerIn(s, 1, 20, 'number of dev replicas') },
  { key: 'stagingReplicas', label: 'Staging replicas', description: 'API pods in the staging environment.', example: '2', default: '2', validate: (s) => v.integerIn(s, 1, 20, 'number of staging replicas') },
  { key: 'prodReplicas', label: 'Production replicas', description: 'API pods in production: the HorizontalPodAutoscaler\'s minimum (it scales up to three times as many).', example: '3', default: '3', validate: (s) => v.integerIn(s, 1, 30, 'number of production replicas') },
  {
    key: 'argocdNamespace',
    label: 'Argo CD namespace',
    description: 'Namespace of the Argo CD instance that owns the Applications (openshift-gitops for the OpenShift GitOps operator\'s default instance).',
    example: 'openshift-gitops',
    default: 'openshift-gitops',
    validate: (s) => v.dns1123Label(s, 'Argo CD namespace'),
  },
  {
    key: 'argocdProject',
    label: 'Argo CD project',
    description: 'AppProject that limits the Applications to this repository and the three namespaces.',
    example: 'task-api',
    default: (i) => i.appName ?? 'task-api',
    validate: (s) => v.dns1123Label(s, 'Argo CD project name') ?? (s === 'default' ? 'The Argo CD project "default" exists already and allows everything; name a project of its own.' : undefined),
  },
];

/** Apply defaults and validate every field (see input.ts). */
export function resolveOpenShiftTaskApiInput(given: Readonly<Partial<Record<OpenShiftTaskApiKey, string>>>): { input?: OpenShiftTaskApiInput; problems: ValidationProblem[] } {
  return resolveStackInput(OPENSHIFT_TASK_API_FIELDS, given);
}

export const openshiftTaskApi: StackGenerator<OpenShiftTaskApiKey> = {
  id: 'openshift-task-api',
  title: 'Task API on OpenShift (Argo CD)',
  description: 'Kustomize base and dev/staging/prod overlays for a FastAPI service on OpenShift: edge-TLS Routes, Redis StatefulSet, default-deny NetworkPolicies, Sealed Secrets, production HPA, Argo CD Applications (auto-sync dev and staging, manual production).',
  seed: 'openshift-task-api-argocd',
  profile: 'restricted',
  fields: OPENSHIFT_TASK_API_FIELDS,
  asked: ['gitUrl', 'domain', 'appName', 'registry', 'imageTag', 'argocdNamespace'],
  defaultFolder: 'k8s-manifests',
  openAfter: () => 'base/deployment.yaml',
  generate: (given) => generateFrom(OPENSHIFT_TASK_API_FIELDS, given, openshiftTaskApiFiles),
};

// The Redis image the stack pins (bump deliberately, with the release notes).
export const REDIS_IMAGE = 'docker.io/library/redis:7.4.2-alpine';

/** The API port (uvicorn) and Redis' port. */
const API_PORT = 8000;
const REDIS_PORT = 6379;

interface EnvSpec {
  name: 'dev' | 'staging' | 'prod';
  replicas: number;
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
  logLevel: string;
  /** Argo CD syncs automatically (dev, staging) or waits for a person (prod). */
  automated: boolean;
}

function environments(i: OpenShiftTaskApiInput): EnvSpec[] {
  return [
    { name: 'dev', replicas: Number(i.devReplicas), requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' }, logLevel: 'DEBUG', automated: true },
    { name: 'staging', replicas: Number(i.stagingReplicas), requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' }, logLevel: 'INFO', automated: true },
    { name: 'prod', replicas: Number(i.prodReplicas), requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' }, logLevel: 'INFO', automated: false },
  ];
}

/** Every file of the stack, in a stable order. */
export function openshiftTaskApiFiles(input: OpenShiftTaskApiInput): Map<string, string> {
  const { appName: app, domain, registry, imageRepository, imageTag, gitUrl, branch, argocdNamespace: argoNs, argocdProject: project } = input;
  const image = `${registry}/${imageRepository}:${imageTag}`;
  const redis = `${app}-redis`;
  const secret = `${app}-secrets`;
  const config = `${app}-config`;
  const envs = environments(input);
  const host = (env: string) => `${app}-${env}.${domain}`;
  const files = new Map<string, string>();
  const add = (path: string, text: string) => files.set(path, text);

  const apiLabels = (indent: string) => [`app.kubernetes.io/name: ${app}`, 'app.kubernetes.io/component: api', `app.kubernetes.io/part-of: ${app}`].map((l) => `${indent}${l}\n`).join('');
  const apiSelector = (indent: string) => `${indent}app.kubernetes.io/name: ${app}\n${indent}app.kubernetes.io/component: api\n`;
  const redisLabels = (indent: string) => ['app.kubernetes.io/name: redis', 'app.kubernetes.io/component: cache', `app.kubernetes.io/part-of: ${app}`].map((l) => `${indent}${l}\n`).join('');
  const redisSelector = (indent: string) => `${indent}app.kubernetes.io/name: redis\n${indent}app.kubernetes.io/part-of: ${app}\n`;
  const secretEnv = (indent: string, key: string, name = key) => `${indent}- name: ${name}
${indent}  valueFrom:
${indent}    secretKeyRef:
${indent}      name: ${secret}
${indent}      key: ${key}
`;
  // OpenShift's restricted-v2 SCC picks the UID (and fsGroup) from the namespace's
  // range; the pod only insists on a non-root user and the runtime's seccomp profile.
  const podSecurityContext = (indent: string) => `${indent}securityContext:
${indent}  runAsNonRoot: true
${indent}  seccompProfile:
${indent}    type: RuntimeDefault
`;
  const containerSecurityContext = (indent: string) => `${indent}securityContext:
${indent}  allowPrivilegeEscalation: false
${indent}  readOnlyRootFilesystem: true
${indent}  capabilities:
${indent}    drop: ["ALL"]
`;

  add('.blueprint.yaml', `# Blueprint (https://github.com/blueprint-dev/blueprint) lints this repository
# against the documented architecture: npx blueprint lint .
profile: restricted
`);

  // ── base/ ──────────────────────────────────────────────────────────────────
  add('base/kustomization.yaml', `# What every environment runs. The overlays set the namespace, replicas,
# resources, host and secrets; the CI pipeline writes each build's image tag
# into deployment.yaml.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - serviceaccount.yaml
  - deployment.yaml
  - service.yaml
  - route.yaml
  - pdb.yaml
  - redis-statefulset.yaml
  - redis-service.yaml
  - networkpolicies.yaml
configMapGenerator:
  # Non-secret settings (the overlays merge theirs in). The name gets a hash of
  # the content, so a change rolls the pods.
  - name: ${config}
    literals:
      - APP_ENV=base
      - LOG_LEVEL=INFO
      - LOG_FORMAT=json
      - PORT=${API_PORT}
      - REDIS_HOST=${redis}
      - REDIS_PORT=${REDIS_PORT}
      - REDIS_DB=0
      - PGSSLMODE=require
      - ACCESS_TOKEN_EXPIRE_MINUTES=30
      - REFRESH_TOKEN_EXPIRE_DAYS=7
      - BCRYPT_ROUNDS=12
      - PYTHONDONTWRITEBYTECODE=1
      - PYTHONUNBUFFERED=1
`);

  add('base/serviceaccount.yaml', `# The API needs no Kubernetes API access: no token is mounted.
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${app}
  labels:
${apiLabels('    ')}automountServiceAccountToken: false
`);

  add('base/deployment.yaml', `# The FastAPI service. Rolling updates start a new pod, wait until /ready
# answers (database reachable), then stop an old one. The CI pipeline replaces
# the image tag below with each build's commit SHA.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  labels:
${apiLabels('    ')}spec:
  replicas: 1
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
${apiSelector('      ')}  template:
    metadata:
      labels:
${apiLabels('        ')}    spec:
      serviceAccountName: ${app}
      automountServiceAccountToken: false
${podSecurityContext('      ')}      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
${apiSelector('              ')}      containers:
        - name: api
          image: ${image}
          ports:
            - name: http
              containerPort: ${API_PORT}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: ${config}
          env:
            # postgresql://…@<server>.postgres.database.azure.com:5432/taskdb?sslmode=require
${secretEnv('            ', 'DATABASE_URL')}${secretEnv('            ', 'JWT_SECRET_KEY')}${secretEnv('            ', 'REDIS_PASSWORD')}          # /ready checks the database; /live only that the process answers.
          readinessProbe:
            httpGet:
              path: /ready
              port: http
            initialDelaySeconds: 15
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 3
          livenessProbe:
            httpGet:
              path: /live
              port: http
            initialDelaySeconds: 15
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          # The dev size; the staging and prod overlays raise it.
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 200m
              memory: 256Mi
${containerSecurityContext('          ')}          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        # The root filesystem is read-only: temporary files go here.
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
`);

  add('base/service.yaml', `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  labels:
${apiLabels('    ')}spec:
  type: ClusterIP
  selector:
${apiSelector('    ')}  ports:
    - name: http
      port: 8080
      targetPort: http
      protocol: TCP
`);

  add('base/route.yaml', `# HTTPS only: the router terminates TLS (edge) with its wildcard certificate
# for the apps domain and redirects plain HTTP. Each overlay sets the host.
apiVersion: route.openshift.io/v1
kind: Route
metadata:
  name: ${app}
  labels:
${apiLabels('    ')}  annotations:
    haproxy.router.openshift.io/hsts_header: max-age=31536000;includeSubDomains
spec:
  to:
    kind: Service
    name: ${app}
    weight: 100
  port:
    targetPort: http
  tls:
    termination: edge
    insecureEdgeTerminationPolicy: Redirect
  wildcardPolicy: None
`);

  add('base/pdb.yaml', `# Node drains and cluster upgrades take at most one API pod at a time.
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${app}
  labels:
${apiLabels('    ')}spec:
  maxUnavailable: 1
  selector:
    matchLabels:
${apiSelector('      ')}`);

  add('base/redis-statefulset.yaml', `# Redis: the API's cache and rate-limit counters. One replica with an
# append-only file on its own volume; password from ${secret}.
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${redis}
  labels:
${redisLabels('    ')}spec:
  serviceName: ${redis}
  replicas: 1
  selector:
    matchLabels:
${redisSelector('      ')}  template:
    metadata:
      labels:
${redisLabels('        ')}    spec:
      automountServiceAccountToken: false
${podSecurityContext('      ')}      containers:
        - name: redis
          image: ${REDIS_IMAGE}
          command: ["redis-server"]
          args:
            - --dir
            - /data
            - --appendonly
            - "yes"
            - --maxmemory
            - 200mb
            - --maxmemory-policy
            - allkeys-lru
            - --requirepass
            - $(REDIS_PASSWORD)
          ports:
            - name: redis
              containerPort: ${REDIS_PORT}
              protocol: TCP
          env:
${secretEnv('            ', 'REDIS_PASSWORD')}            # redis-cli reads the password from REDISCLI_AUTH (the readiness probe).
${secretEnv('            ', 'REDIS_PASSWORD', 'REDISCLI_AUTH')}          readinessProbe:
            exec:
              command: ["sh", "-c", "redis-cli ping | grep -q PONG"]
            initialDelaySeconds: 5
            periodSeconds: 10
            timeoutSeconds: 3
          livenessProbe:
            tcpSocket:
              port: redis
            initialDelaySeconds: 15
            periodSeconds: 20
          resources:
            requests:
              cpu: 50m
              memory: 128Mi
            limits:
              cpu: 500m
              memory: 256Mi
${containerSecurityContext('          ')}          volumeMounts:
            - name: data
              mountPath: /data
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes:
          - ReadWriteOnce
        resources:
          requests:
            storage: 1Gi
`);

  add('base/redis-service.yaml', `# Headless: the API reaches the Redis pod as ${redis}:${REDIS_PORT}.
apiVersion: v1
kind: Service
metadata:
  name: ${redis}
  labels:
${redisLabels('    ')}spec:
  clusterIP: None
  selector:
${redisSelector('    ')}  ports:
    - name: redis
      port: ${REDIS_PORT}
      targetPort: redis
      protocol: TCP
`);

  add('base/networkpolicies.yaml', `# Each environment's namespace is isolated: nothing in or out unless allowed
# below.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
spec:
  podSelector: {}
  policyTypes:
    - Ingress
    - Egress
---
# Name resolution through the cluster DNS (openshift-dns). Its Service listens
# on 53 and the DNS pods on 5353; policies see the pod port.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns-egress
spec:
  podSelector: {}
  policyTypes:
    - Egress
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: openshift-dns
      ports:
        - protocol: UDP
          port: 5353
        - protocol: TCP
          port: 5353
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
---
# The OpenShift router (namespace openshift-ingress, or the host network when
# it publishes on host ports) reaches the API. The policy-group label covers both.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-api-from-router
spec:
  podSelector:
    matchLabels:
${apiSelector('      ')}  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              policy-group.network.openshift.io/ingress: ""
      ports:
        - protocol: TCP
          port: ${API_PORT}
---
# The API reaches Redis in its namespace and Azure Database for PostgreSQL
# (TLS, sslmode=require). Narrow the PostgreSQL rule to the server's address
# (ipBlock) once it is known.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-api-egress
spec:
  podSelector:
    matchLabels:
${apiSelector('      ')}  policyTypes:
    - Egress
  egress:
    - to:
        - podSelector:
            matchLabels:
${redisSelector('              ')}      ports:
        - protocol: TCP
          port: ${REDIS_PORT}
    - ports:
        - protocol: TCP
          port: 5432
---
# Only the API pods reach Redis.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-redis-from-api
spec:
  podSelector:
    matchLabels:
${redisSelector('      ')}  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
${apiSelector('              ')}      ports:
        - protocol: TCP
          port: ${REDIS_PORT}
`);

  // ── overlays/<env>/ ───────────────────────────────────────────────────────
  for (const e of envs) {
    const ns = `${app}-${e.name}`;
    const dir = `overlays/${e.name}`;
    const sizePatch = e.name === 'dev' ? '' : `  # ${e.requests.memory}/${e.requests.cpu} requested per API pod.
  - patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: ${app}
      spec:
        template:
          spec:
            containers:
              - name: api
                resources:
                  requests:
                    cpu: ${e.requests.cpu}
                    memory: ${e.requests.memory}
                  limits:
                    cpu: "${e.limits.cpu}"
                    memory: ${e.limits.memory}
`;
    const sync = e.automated ? 'syncs this folder automatically' : 'shows this folder OutOfSync until someone syncs it by hand';
    add(`${dir}/kustomization.yaml`, `# ${e.name}: ${e.replicas} API pod${e.replicas === 1 ? '' : 's'}, ${e.requests.memory}/${e.requests.cpu} each${e.name === 'prod' ? ', autoscaled' : ''}, https://${host(e.name)}.
# The Argo CD Application ${ns} ${sync}.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ${ns}
resources:
  - namespace.yaml
  - ../../base
  - sealed-secret.yaml
${e.name === 'prod' ? '  - hpa.yaml\n' : ''}replicas:
  - name: ${app}
    count: ${e.replicas}
configMapGenerator:
  - name: ${config}
    behavior: merge
    literals:
      - APP_ENV=${e.name}
      - LOG_LEVEL=${e.logLevel}
      - CORS_ORIGINS=https://${host(e.name)}
patches:
  - target:
      kind: Route
      name: ${app}
    patch: |-
      - op: add
        path: /spec/host
        value: ${host(e.name)}
${sizePatch}`);

    add(`${dir}/namespace.yaml`, `# The managed-by label lets the OpenShift GitOps operator give the Argo CD
# instance in ${argoNs} access to this namespace.
apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
  labels:
    argocd.argoproj.io/managed-by: ${argoNs}
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: latest
    pod-security.kubernetes.io/audit: restricted
    pod-security.kubernetes.io/warn: restricted
`);

    add(`${dir}/sealed-secret.yaml`, `# PLACEHOLDER, NOT A REAL SEALED SECRET: the values below encrypt nothing and
# the Sealed Secrets controller cannot open them. Before the first sync of
# ${ns}, replace this file with the real secret, sealed with the cluster's key
# (a sealed secret only opens in this namespace, under this name):
#
#   oc create secret generic ${secret} --namespace ${ns} \\
#     --from-literal=DATABASE_URL='postgresql://USER:PASSWORD@SERVER.postgres.database.azure.com:5432/taskdb?sslmode=require' \\
#     --from-literal=JWT_SECRET_KEY="$(openssl rand -hex 32)" \\
#     --from-literal=REDIS_PASSWORD="$(openssl rand -hex 24)" \\
#     --dry-run=client -o yaml | kubeseal --format yaml > ${dir}/sealed-secret.yaml
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: ${secret}
  namespace: ${ns}
spec:
  encryptedData:
    DATABASE_URL: UExBQ0VIT0xERVI=
    JWT_SECRET_KEY: UExBQ0VIT0xERVI=
    REDIS_PASSWORD: UExBQ0VIT0xERVI=
  template:
    metadata:
      name: ${secret}
      namespace: ${ns}
    type: Opaque
`);
  }

  const prod = envs[2];
  add('overlays/prod/hpa.yaml', `# Production scales on CPU and memory between ${prod.replicas} and ${prod.replicas * 3} pods; Argo CD
# ignores the replica count it sets (see argocd/${app}-prod.yaml).
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${app}
  labels:
${apiLabels('    ')}spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${app}
  minReplicas: ${prod.replicas}
  maxReplicas: ${prod.replicas * 3}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: 80
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 300
`);

  // ── argocd/ ────────────────────────────────────────────────────────────────
  add('argocd/kustomization.yaml', `# Applied once by hand (oc apply -k argocd/): the project and the three
# Applications. Argo CD then deploys overlays/<env> from ${branch}.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - project.yaml
${envs.map((e) => `  - ${app}-${e.name}.yaml\n`).join('')}`);

  add('argocd/project.yaml', `# The Applications of ${app} may deploy only this repository, only into its
# three namespaces, and only the kinds the overlays contain.
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: ${project}
  namespace: ${argoNs}
spec:
  description: ${app} (dev, staging, prod)
  sourceRepos:
    - ${gitUrl}
  destinations:
${envs.map((e) => `    - server: https://kubernetes.default.svc\n      namespace: ${app}-${e.name}\n`).join('')}  clusterResourceWhitelist:
    - group: ""
      kind: Namespace
  namespaceResourceWhitelist:
    - group: ""
      kind: ConfigMap
    - group: ""
      kind: Service
    - group: ""
      kind: ServiceAccount
    - group: apps
      kind: Deployment
    - group: apps
      kind: StatefulSet
    - group: autoscaling
      kind: HorizontalPodAutoscaler
    - group: policy
      kind: PodDisruptionBudget
    - group: networking.k8s.io
      kind: NetworkPolicy
    - group: route.openshift.io
      kind: Route
    - group: bitnami.com
      kind: SealedSecret
`);

  for (const e of envs) {
    const ns = `${app}-${e.name}`;
    const header = e.automated
      ? `# ${ns}: every commit to ${branch} is deployed automatically; drift is reverted
# (selfHeal) and objects removed from Git are deleted (prune).`
      : `# ${ns}: production is deployed by hand. Argo CD shows the Application
# OutOfSync when ${branch} moves; after dev and staging look good, sync it from
# the UI ("Sync") or with: argocd app sync ${ns}
# No resources finalizer: deleting this Application leaves production running.`;
    const syncPolicy = e.automated
      ? `  syncPolicy:
    automated:
      prune: true
      selfHeal: true
    syncOptions:
      - PruneLast=true
    retry:
      limit: 5
      backoff:
        duration: 10s
        factor: 2
        maxDuration: 3m
`
      : `  # The HorizontalPodAutoscaler owns the replica count.
  ignoreDifferences:
    - group: apps
      kind: Deployment
      name: ${app}
      jsonPointers:
        - /spec/replicas
  syncPolicy:
    syncOptions:
      - PruneLast=true
      - RespectIgnoreDifferences=true
`;
    add(`argocd/${ns}.yaml`, `${header}
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${ns}
  namespace: ${argoNs}
  labels:
    app.kubernetes.io/part-of: ${app}
${e.automated ? '  finalizers:\n    - resources-finalizer.argocd.argoproj.io\n' : ''}spec:
  project: ${project}
  source:
    repoURL: ${gitUrl}
    targetRevision: ${branch}
    path: overlays/${e.name}
  destination:
    server: https://kubernetes.default.svc
    namespace: ${ns}
${syncPolicy}`);
  }

  add('README.md', readme(input, envs));
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function readme(i: OpenShiftTaskApiInput, envs: EnvSpec[]): string {
  const app = i.appName;
  const image = `${i.registry}/${i.imageRepository}`;
  const rows = envs
    .map((e) => `| ${e.name} | \`${app}-${e.name}\` | https://${app}-${e.name}.${i.domain} | ${e.replicas}${e.name === 'prod' ? ` (HPA ${e.replicas}–${e.replicas * 3})` : ''} | ${e.requests.memory} / ${e.requests.cpu} | ${e.automated ? 'automatic' : '**manual**'} |`)
    .join('\n');
  return `# ${app} — deployment repository (OpenShift, Argo CD)

Generated by Blueprint (\`blueprint generate openshift-task-api\`). Argo CD
deploys this repository to OpenShift; Blueprint lints it against the documented
architecture (\`npx blueprint lint .\`, profile \`restricted\` from \`.blueprint.yaml\`).

| Environment | Namespace | URL | API pods | Requests per pod | Argo CD sync |
|---|---|---|---|---|---|
${rows}

Image: \`${image}:${i.imageTag}\`. Redis: \`${REDIS_IMAGE}\`. PostgreSQL: Azure
Database for PostgreSQL (\`taskdb\`), over TLS.

## Layout

\`\`\`
base/                 Deployment, Service, Route (edge TLS), PDB, Redis StatefulSet
                      and Service, NetworkPolicies, ServiceAccount, ConfigMap
overlays/dev/         namespace ${app}-dev, ${envs[0].replicas} pod, sealed secret
overlays/staging/     namespace ${app}-staging, ${envs[1].replicas} pods, 256Mi/250m, sealed secret
overlays/prod/        namespace ${app}-prod, ${envs[2].replicas} pods, 512Mi/500m, HPA, sealed secret
argocd/               AppProject ${i.argocdProject} and the Applications ${app}-dev, ${app}-staging, ${app}-prod
\`\`\`

## Delivery

1. The application repository's pipeline tests, builds and scans the image
   (Trivy, failing on CRITICAL/HIGH), pushes \`${image}:<commit-sha>\`, then
   updates this repository:

   \`\`\`sh
   yq -i '(.spec.template.spec.containers[] | select(.name == "api")).image = "${image}:'"$COMMIT_SHA"'"' base/deployment.yaml
   git commit -am "Deploy ${app} $COMMIT_SHA" && git push origin ${i.branch}
   \`\`\`

2. Argo CD sees the change on \`${i.branch}\`: **${app}-dev** and **${app}-staging**
   sync automatically (prune, self-heal, retries), rolling one pod at a time
   (a new pod must pass \`/ready\` before an old one stops).
3. **${app}-prod** only turns OutOfSync. Once staging looks right, sync it
   by hand: \`argocd app sync ${app}-prod\` or "Sync" in the Argo CD UI. The
   production HPA owns the replica count (\`ignoreDifferences\` on
   \`/spec/replicas\`).

## Before the first deployment

1. **Operators.** Install the *Red Hat OpenShift GitOps* operator (its Argo CD
   instance lives in \`${i.argocdNamespace}\`) and the Sealed Secrets controller.
2. **Namespaces.** Create them once: \`oc apply -f overlays/dev/namespace.yaml
   -f overlays/staging/namespace.yaml -f overlays/prod/namespace.yaml\`. Their
   \`argocd.argoproj.io/managed-by: ${i.argocdNamespace}\` label lets the operator
   grant the Argo CD instance access.
3. **Secrets.** Each \`overlays/<env>/sealed-secret.yaml\` is a **placeholder**.
   Replace it as its header explains (\`oc create secret … --dry-run=client -o
   yaml | kubeseal --format yaml\`): \`DATABASE_URL\` (the Azure PostgreSQL
   connection string with \`sslmode=require\`), \`JWT_SECRET_KEY\` and
   \`REDIS_PASSWORD\`, different in every environment. Nothing unencrypted is
   ever committed.
4. **Registry access.** Let the cluster pull from ${i.registry}: add its
   credentials to the global pull secret (\`openshift-config/pull-secret\`), or
   create a \`docker-registry\` secret in each namespace and
   \`oc secrets link ${app} <secret> --for=pull\`.
5. **Image.** The API listens on ${API_PORT} and serves \`/ready\` (database
   reachable), \`/live\`, \`/health\` and \`/metrics\`. OpenShift runs it with an
   arbitrary UID from the namespace's range and group 0: files it reads must be
   group-readable, and it may write only to \`/tmp\` (read-only root filesystem).
6. **Argo CD.** \`oc apply -k argocd/\`.

## Security

- Pods run as the non-root UID OpenShift assigns (\`runAsNonRoot\`, no
  hard-coded \`runAsUser\` or \`fsGroup\`: the restricted-v2 SCC chooses them),
  without privilege escalation, with every capability dropped, a read-only
  root filesystem and the RuntimeDefault seccomp profile; the namespaces
  enforce the *restricted* Pod Security Standard.
- Every namespace denies all traffic by default. Allowed: DNS to
  \`openshift-dns\`; the OpenShift router to the API on ${API_PORT}
  (\`policy-group.network.openshift.io/ingress\`); the API to Redis on ${REDIS_PORT}
  and to PostgreSQL on 5432. Narrow the PostgreSQL rule to the server's
  address once it is known.
- Routes are HTTPS only: edge TLS with the router's certificate, plain HTTP
  redirected, HSTS. A host outside the apps domain needs its own certificate
  (\`spec.tls.externalCertificate\` or cert-manager).
- The AppProject \`${i.argocdProject}\` limits the Applications to this repository,
  the three namespaces and the kinds used here.

## Metrics

The API serves Prometheus metrics on \`/metrics\` (port ${API_PORT}). To scrape them
with OpenShift's user-workload monitoring, enable it, add a ServiceMonitor for
the \`${app}\` Service, allow it in the AppProject's \`namespaceResourceWhitelist\`
(\`monitoring.coreos.com\`), and add a NetworkPolicy admitting the monitoring
namespace on ${API_PORT}: the default deny blocks the scrape otherwise.
`;
}
