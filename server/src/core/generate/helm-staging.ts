// The Helm-style staging application of seeds/helm-staging-argocd.md, written
// fresh as plain manifests with kustomize (Blueprint skips Helm templates, and
// Argo CD builds kustomize folders natively):
//   apps/staging/                    AppProject + Applications flask-backend and nginx-frontend
//   manifests/staging/flask-app/     namespace backend: Flask Deployment, HPA, PDB, MySQL StatefulSet,
//                                    ExternalSecrets (AWS Secrets Manager), RBAC, NetworkPolicies
//   manifests/staging/nginx-front/   namespace frontend: nginx Deployment and nginx.conf, Ingress with
//                                    TLS (cert-manager Issuer), RBAC, NetworkPolicies
import { argocdFiles } from './helm-staging/argocd';
import { backendFiles } from './helm-staging/backend';
import { APPS_DIR, HelmStagingInput, HelmStagingKey, N, TLS_ISSUERS } from './helm-staging/common';
import { frontendFiles } from './helm-staging/frontend';
import { readme } from './helm-staging/readme';
import { generateFrom, resolveStackInput } from './input';
import type { GeneratedFiles, StackField, StackGenerator, ValidationProblem } from './types';
import * as v from './validate';

export type { HelmStagingInput, HelmStagingKey } from './helm-staging/common';

/** Namespaces the cluster or its platform components own. */
const TAKEN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'cert-manager', 'external-secrets'];

function namespace(what: string) {
  return (s: string) => v.dns1123Label(s, `${what} namespace`) ?? (TAKEN_NAMESPACES.includes(s) ? `The ${what} namespace "${s}" belongs to the cluster or a platform component; choose another.` : undefined);
}

/** Top-level domains that never resolve publicly: Let's Encrypt cannot validate them. */
const PRIVATE_TLDS = ['internal', 'local', 'lan', 'localhost', 'test', 'corp', 'home', 'intranet', 'private'];

function defaultIssuer(domain: string | undefined): string {
  const d = domain ?? '';
  return PRIVATE_TLDS.includes(d.split('.').pop() ?? '') || d.endsWith('.home.arpa') ? 'ca' : 'letsencrypt';
}

/** `frontend-staging.example.org` → `example.org`: a guess for the default e-mail's domain. */
function parentDomain(domain: string): string {
  const labels = domain.split('.');
  return labels.length > 2 ? labels.slice(1).join('.') : domain;
}

const replicas = (what: string, max: number) => (s: string) => v.integerIn(s, 1, max, what);

export const HELM_STAGING_FIELDS: readonly StackField<HelmStagingKey>[] = [
  { key: 'gitUrl', label: 'Git repository URL', description: 'The repository Argo CD syncs from (where this stack is committed).', example: 'https://github.com/example/staging-app.git', required: true, validate: v.gitCloneUrl },
  { key: 'domain', label: 'Frontend host name', description: 'Host name of the Ingress and its TLS certificate.', example: 'frontend-staging.example.internal', required: true, validate: (s) => v.hostname(s, 'frontend host name') },
  { key: 'branch', label: 'Git branch', description: 'Branch the Applications follow (targetRevision).', example: 'staging', default: 'staging', validate: v.gitBranch },
  {
    key: 'tlsIssuer', label: 'Certificate issuer', example: 'letsencrypt',
    description: 'cert-manager Issuer of the frontend certificate: letsencrypt, letsencrypt-staging (HTTP-01, public names), or ca (a private CA, for names like *.internal).',
    default: (i) => defaultIssuer(i.domain),
    validate: (s) => ((TLS_ISSUERS as readonly string[]).includes(s) ? undefined : `The certificate issuer "${s}" must be one of ${TLS_ISSUERS.join(', ')}.`),
  },
  { key: 'email', label: 'Let\'s Encrypt e-mail', description: 'Address Let\'s Encrypt writes to about expiring certificates (unused with the ca issuer).', example: 'ops@example.org', default: (i) => `admin@${parentDomain(i.domain ?? 'example.org')}`, validate: v.email },
  { key: 'frontendNamespace', label: 'Frontend namespace', description: 'Namespace of nginx and the Ingress.', example: 'frontend', default: 'frontend', validate: namespace('frontend') },
  { key: 'backendNamespace', label: 'Backend namespace', description: 'Namespace of the Flask API and MySQL.', example: 'backend', default: 'backend', validate: namespace('backend') },
  { key: 'registry', label: 'Image registry', description: 'Registry of the frontend and backend images.', example: 'docker.io', default: 'docker.io', validate: v.registryHost },
  { key: 'frontendImage', label: 'Frontend image repository', description: 'The nginx + React SPA image (serves /usr/share/nginx/html, runs as UID 101).', example: 'akthm/demo-front', default: 'akthm/demo-front', validate: v.imageRepositoryPath },
  { key: 'frontendTag', label: 'Frontend image tag', description: 'Tag of the frontend image.', example: '1.0.3', default: '1.0.3', validate: v.imageTag },
  { key: 'backendImage', label: 'Backend image repository', description: 'The Flask (gunicorn) image: port 5000, GET /health, runs as UID 1000.', example: 'akthm/demo-back', default: 'akthm/demo-back', validate: v.imageRepositoryPath },
  { key: 'backendTag', label: 'Backend image tag', description: 'Tag of the backend image.', example: 'stage-1', default: 'stage-1', validate: v.imageTag },
  { key: 'mysqlTag', label: 'MySQL version', description: 'Tag of the official mysql image.', example: '8.0.35', default: '8.0.35', validate: v.semverTag },
  { key: 'frontendReplicas', label: 'Frontend replicas', description: 'Number of nginx pods (a PodDisruptionBudget is added from 2).', example: '1', default: '1', validate: replicas('number of frontend replicas', 20) },
  { key: 'backendReplicas', label: 'Backend minimum replicas', description: 'Minimum number of Flask pods (the HorizontalPodAutoscaler\'s minReplicas).', example: '1', default: '1', validate: replicas('minimum number of backend replicas', 20) },
  { key: 'backendMaxReplicas', label: 'Backend maximum replicas', description: 'Maximum number of Flask pods the HorizontalPodAutoscaler may run (at least the minimum).', example: '3', default: '3', validate: replicas('maximum number of backend replicas', 50) },
  { key: 'argocdNamespace', label: 'Argo CD namespace', description: 'Namespace where Argo CD runs and its Applications live.', example: 'argocd', default: 'argocd', validate: (s) => v.dns1123Label(s, 'Argo CD namespace') },
  { key: 'project', label: 'Argo CD project', description: 'Name of the AppProject the stack creates for its Applications.', example: 'staging', default: 'staging', validate: (s) => v.dns1123Label(s, 'Argo CD project name') ?? (s === 'default' ? 'The stack creates its own AppProject with narrow permissions; name it something other than "default".' : undefined) },
  { key: 'secretStore', label: 'ClusterSecretStore', description: 'Name of the External Secrets ClusterSecretStore that reads AWS Secrets Manager.', example: 'aws-secrets-manager', default: 'aws-secrets-manager', validate: (s) => v.dns1123Label(s, 'secret store name') },
  { key: 'secretPrefix', label: 'AWS secret name prefix', description: 'Prefix of the AWS Secrets Manager secrets (<prefix>/mysql, <prefix>/app, <prefix>/jwt).', example: 'staging/flask-app', default: 'staging/flask-app', validate: v.awsSecretName },
  { key: 'ingressClass', label: 'Ingress class', description: 'IngressClass of the ingress-nginx controller.', example: 'nginx', default: 'nginx', validate: (s) => v.dns1123Label(s, 'ingress class') },
  { key: 'ingressNamespace', label: 'Ingress controller namespace', description: 'Namespace of the ingress-nginx controller (allowed to reach nginx).', example: 'ingress-nginx', default: 'ingress-nginx', validate: (s) => v.dns1123Label(s, 'ingress controller namespace') },
  { key: 'storageClass', label: 'StorageClass', description: 'StorageClass of the MySQL volume.', example: 'standard', default: 'standard', validate: (s) => v.dns1123Label(s, 'StorageClass name') },
  { key: 'storageSize', label: 'MySQL volume size', description: 'Size of the MySQL data volume.', example: '1Gi', default: '1Gi', validate: v.storageQuantity },
  { key: 'databaseName', label: 'Database name', description: 'MySQL database of the app, created on first start.', example: 'flask_staging', default: 'flask_staging', validate: (s) => v.mysqlIdentifier(s, 'database name', 64) },
  { key: 'databaseUser', label: 'Database user', description: 'MySQL user of the app, created on first start.', example: 'flask_user', default: 'flask_user', validate: (s) => v.mysqlIdentifier(s, 'database user', 32) },
];

/** Checks across fields, after each field is valid on its own. */
function crossCheck(i: HelmStagingInput): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (i.frontendNamespace === i.backendNamespace) problems.push({ field: 'backendNamespace', message: `The frontend and backend need their own namespaces (both are "${i.backendNamespace}"): each has its own default-deny policies and Argo CD Application.` });
  for (const k of ['frontendNamespace', 'backendNamespace'] as const) {
    if (i[k] === i.argocdNamespace || i[k] === i.ingressNamespace) problems.push({ field: k, message: `The namespace "${i[k]}" is already used by ${i[k] === i.argocdNamespace ? 'Argo CD' : 'the ingress controller'}; choose another.` });
  }
  if (Number(i.backendMaxReplicas) < Number(i.backendReplicas)) problems.push({ field: 'backendMaxReplicas', message: `The maximum number of backend replicas (${i.backendMaxReplicas}) is below the minimum (${i.backendReplicas}).` });
  return problems;
}

/** Apply defaults, validate every field and the fields together. */
export function resolveHelmStagingInput(given: Readonly<Partial<Record<HelmStagingKey, string>>>): { input?: HelmStagingInput; problems: ValidationProblem[] } {
  const r = resolveStackInput(HELM_STAGING_FIELDS, given);
  if (!r.input) return r;
  const problems = crossCheck(r.input);
  return problems.length ? { problems } : r;
}

export const helmStaging: StackGenerator<HelmStagingKey> = {
  id: 'helm-staging',
  title: 'Staging app on Argo CD (nginx, Flask, MySQL)',
  description: 'Argo CD staging repository: nginx frontend with TLS Ingress (cert-manager), Flask API with HPA and PDB, MySQL StatefulSet, ExternalSecrets from AWS Secrets Manager, default-deny NetworkPolicies, least-privilege RBAC.',
  seed: 'helm-staging-argocd',
  profile: 'restricted',
  fields: HELM_STAGING_FIELDS,
  asked: ['gitUrl', 'domain', 'tlsIssuer', 'branch', 'frontendTag', 'backendTag', 'secretStore', 'backendReplicas'],
  defaultFolder: 'staging-app',
  openAfter: () => `${APPS_DIR}/${N.backendApp}.yaml`,
  generate(given) {
    let problems: ValidationProblem[] = [];
    const result = generateFrom(HELM_STAGING_FIELDS, given, (input) => {
      problems = crossCheck(input);
      return problems.length ? new Map() : helmStagingFiles(input);
    });
    return result.ok && problems.length ? { ok: false, problems } : result;
  },
};

/** Every file of the stack, sorted by path. */
export function helmStagingFiles(input: HelmStagingInput): GeneratedFiles {
  const files = new Map<string, string>();
  const add = (path: string, text: string) => files.set(path, text);
  add('.blueprint.yaml', `# Blueprint (https://github.com/blueprint-dev/blueprint) lints this repository
# against the staging architecture: npx blueprint lint .
profile: restricted
`);
  argocdFiles(input, add);
  backendFiles(input, add);
  frontendFiles(input, add);
  add('README.md', readme(input));
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
