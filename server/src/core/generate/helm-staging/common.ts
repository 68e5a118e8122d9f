// Pieces shared by the frontend, backend and Argo CD parts of the helm-staging
// stack: the validated input, the names the seed fixes, labels and the security
// contexts every pod runs with.
import { DNS_EGRESS_SPEC_BODY } from '../manifests';

export type HelmStagingKey =
  | 'gitUrl'
  | 'domain'
  | 'branch'
  | 'tlsIssuer'
  | 'email'
  | 'frontendNamespace'
  | 'backendNamespace'
  | 'registry'
  | 'frontendImage'
  | 'frontendTag'
  | 'backendImage'
  | 'backendTag'
  | 'mysqlTag'
  | 'frontendReplicas'
  | 'backendReplicas'
  | 'backendMaxReplicas'
  | 'argocdNamespace'
  | 'project'
  | 'secretStore'
  | 'secretPrefix'
  | 'ingressClass'
  | 'ingressNamespace'
  | 'storageClass'
  | 'storageSize'
  | 'databaseName'
  | 'databaseUser';

export type HelmStagingInput = Record<HelmStagingKey, string>;

/** Issuers the stack can write (see issuer.yaml): Let's Encrypt over HTTP-01, or a private CA. */
export const TLS_ISSUERS = ['letsencrypt', 'letsencrypt-staging', 'ca'] as const;
export type TlsIssuer = (typeof TLS_ISSUERS)[number];

/** Folders of the repository: the Argo CD objects and one kustomize folder per Application. */
export const APPS_DIR = 'apps/staging';
export const BACKEND_DIR = 'manifests/staging/flask-app';
export const FRONTEND_DIR = 'manifests/staging/nginx-front';

/** Names the seed gives (Deployments, Services, ConfigMaps, Secrets, Argo CD Applications). */
export const N = {
  frontendApp: 'nginx-frontend',
  frontendName: 'nginx-front',
  frontendContainer: 'frontend',
  nginxConf: 'nginx-conf',
  tlsSecret: 'staging-tls-secret',
  backendApp: 'flask-backend',
  backendName: 'flask-app',
  backendConfig: 'flask-app-config',
  backendSecret: 'flask-app-secret',
  jwtSecret: 'flask-app-jwt',
  db: 'flask-app-db',
  dbSecret: 'flask-app-db',
  dbHeadless: 'flask-app-db-headless',
  dbClaim: 'flask-app-db-data',
  caSecret: 'staging-ca-key-pair',
} as const;

/** Ports of the documented data flow: Service port → container port. */
export const PORTS = { frontend: 80, backendService: 8000, backendContainer: 5000, mysql: 3306 } as const;

/** `key: value` lines at an indentation. */
export function lines(entries: readonly (readonly [string, string])[], indent: string): string {
  return entries.map(([k, v]) => `${indent}${k}: ${v}\n`).join('');
}

/** The labels of the seed (name, instance = the Argo CD Application) plus the component. */
export function labels(name: string, instance: string, component: string, indent: string): string {
  return lines([['app.kubernetes.io/name', name], ['app.kubernetes.io/instance', instance], ['app.kubernetes.io/component', component]], indent);
}

/** The selector labels (name and instance): stable across releases, unlike the component. */
export function selectorLabels(name: string, instance: string, indent: string): string {
  return lines([['app.kubernetes.io/name', name], ['app.kubernetes.io/instance', instance]], indent);
}

export function podSecurityContext(uid: number, indent: string, o: { fsGroup?: boolean; extra?: string } = {}): string {
  return `${indent}securityContext:
${indent}  runAsNonRoot: true
${indent}  runAsUser: ${uid}
${indent}  runAsGroup: ${uid}
${o.fsGroup ? `${indent}  fsGroup: ${uid}\n${indent}  fsGroupChangePolicy: OnRootMismatch\n` : ''}${indent}  seccompProfile:
${indent}    type: RuntimeDefault
${o.extra ?? ''}`;
}

export function containerSecurityContext(indent: string): string {
  return `${indent}securityContext:
${indent}  allowPrivilegeEscalation: false
${indent}  readOnlyRootFilesystem: true
${indent}  capabilities:
${indent}    drop: ["ALL"]
`;
}

/** Argo CD sync wave: lower waves are applied (and must be healthy) first. */
export function syncWave(wave: number, indent: string): string {
  return `${indent}annotations:\n${indent}  argocd.argoproj.io/sync-wave: "${wave}"\n`;
}

/** A Namespace enforcing the restricted Pod Security Standard, created before anything else in it. */
export function namespaceDoc(name: string, comment: string): string {
  return `# ${comment}
# Sync wave -2: created before anything that lives in it.
apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
${syncWave(-2, '  ')}  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: latest
    pod-security.kubernetes.io/audit: restricted
    pod-security.kubernetes.io/warn: restricted
`;
}

/** The first two NetworkPolicies of every namespace: deny all, then allow DNS. */
export function denyAllAndDns(ns: string, what: string): string {
  return `# Nothing reaches or leaves a pod of ${ns} unless a policy below allows it.
# Sync wave -1: in place before any pod starts.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${ns}
${syncWave(-1, '  ')}spec:
  podSelector: {}
  policyTypes:
    - Ingress
    - Egress
---
# Name resolution through the cluster DNS (CoreDNS), UDP and TCP, for ${what}.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns-egress
  namespace: ${ns}
${syncWave(-1, '  ')}spec:
${DNS_EGRESS_SPEC_BODY}`;
}

/** A ServiceAccount with no token, a Role reading only the named objects, and its RoleBinding. */
export function rbac(o: { ns: string; name: string; labels: string; comment: string; rules: { resource: string; names: string[] }[] }): string {
  const rules = o.rules
    .map((r) => `  - apiGroups: [""]
    resources: ["${r.resource}"]
    resourceNames: [${r.names.map((n) => `"${n}"`).join(', ')}]
    verbs: ["get"]
`)
    .join('');
  return `# ${o.comment}
# No token is mounted in the pods (the app never calls the Kubernetes API, and
# the NetworkPolicies block it); the Role bounds this identity to reading its
# own configuration should a token ever be projected.
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${o.name}
  namespace: ${o.ns}
  labels:
${o.labels}automountServiceAccountToken: false
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: ${o.name}
  namespace: ${o.ns}
  labels:
${o.labels}rules:
${rules}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ${o.name}
  namespace: ${o.ns}
  labels:
${o.labels}roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: ${o.name}
subjects:
  - kind: ServiceAccount
    name: ${o.name}
    namespace: ${o.ns}
`;
}

export function kustomization(comment: string, resources: string[]): string {
  return `# ${comment}
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
${resources.map((r) => `  - ${r}\n`).join('')}`;
}

export function image(i: HelmStagingInput, repo: string, tag: string): string {
  return `${i.registry}/${repo}:${tag}`;
}
