// The Drupal on AKS Flux repository of seeds/drupal-aks-flux.md, written fresh:
// clusters/<env>/ (Flux Kustomizations reconciled infrastructure → certificates →
// drupal-migration → apps), infrastructure/ (namespaces, Azure Blob NFS storage,
// Traefik, cert-manager), certificates/ (Let's Encrypt HTTP-01 via Traefik),
// apps/drupal-migration/ (configuration, SOPS secret, network policies, the drush
// migration Job) and apps/drupal/ (nginx + php-fpm Deployment, Service, drush cron,
// IngressRoutes and middlewares, files PVC, PDB), SOPS rules, image automation.
import { generateFrom, resolveStackInput } from './input';
import type { StackField, StackGenerator, ValidationProblem } from './types';
import * as v from './validate';
import { DNS_EGRESS_SPEC_BODY } from './manifests';

export type DrupalAksKey =
  | 'env'
  | 'domain'
  | 'email'
  | 'acr'
  | 'image'
  | 'imageTag'
  | 'storageAccount'
  | 'keyVault'
  | 'postgresHost'
  | 'databaseName'
  | 'redisHost'
  | 'gitUrl'
  | 'branch'
  | 'replicas'
  | 'namespace';

export type DrupalAksInput = Record<DrupalAksKey, string>;

export const DRUPAL_AKS_FIELDS: readonly StackField<DrupalAksKey>[] = [
  { key: 'domain', label: 'Domain', description: 'Public host name of the site (the IngressRoute host and the Let\'s Encrypt certificate).', example: 'www.example.org', required: true, validate: (s) => v.hostname(s, 'domain') },
  { key: 'env', label: 'Environment', description: 'Name of the cluster environment: the folder clusters/<env>/.', example: 'production', default: 'production', validate: (s) => v.dns1123Label(s, 'environment name') ?? (s.length > 30 ? `The environment name "${s}" is longer than 30 characters.` : undefined) },
  { key: 'email', label: 'Let\'s Encrypt e-mail', description: 'Address Let\'s Encrypt writes to about expiring certificates.', example: 'ops@example.org', default: (i) => `admin@${registrableGuess(i.domain ?? 'example.org')}`, validate: v.email },
  { key: 'acr', label: 'Container registry (ACR) name', description: 'Azure Container Registry holding the Drupal image (<name>.azurecr.io); AKS pulls with its managed identity.', example: 'drupalprodacr', required: true, validate: v.acrName },
  { key: 'image', label: 'Image repository', description: 'Repository of the Drupal image in the registry (nginx and php-fpm, running as UID 82).', example: 'drupal', default: 'drupal', validate: v.imageRepositoryPath },
  { key: 'imageTag', label: 'Image tag', description: 'First version deployed; Flux image automation moves to newer tags of the same major version.', example: '1.0.0', default: '1.0.0', validate: v.semverTag },
  { key: 'storageAccount', label: 'Storage account', description: 'Premium BlockBlobStorage account with NFS v3 and a hierarchical namespace, for the Drupal files volume.', example: 'drupalprodfiles', required: true, validate: v.storageAccountName },
  { key: 'keyVault', label: 'Key Vault', description: 'Key Vault holding the SOPS key ("sops") that encrypts the secrets in Git.', example: 'drupal-prod-kv', required: true, validate: v.keyVaultName },
  { key: 'postgresHost', label: 'PostgreSQL host', description: 'Azure Database for PostgreSQL flexible server host (TLS required, port 5432).', example: 'drupal-prod-pg.postgres.database.azure.com', required: true, validate: (s) => v.hostname(s, 'PostgreSQL host') },
  { key: 'databaseName', label: 'Database name', description: 'PostgreSQL database of the site.', example: 'drupal', default: 'drupal', validate: (s) => (/^[a-z_][a-z0-9_]{0,62}$/.test(s) ? undefined : `The database name "${s}" must be lowercase letters, digits and "_", starting with a letter or "_".`) },
  { key: 'redisHost', label: 'Redis host', description: 'Azure Cache for Redis host, reached over TLS on port 6380.', example: 'drupal-prod-redis.redis.cache.windows.net', required: true, validate: (s) => v.hostname(s, 'Redis host') },
  { key: 'gitUrl', label: 'Git repository URL', description: 'The repository Flux syncs from (where this stack is committed).', example: 'ssh://git@github.com/example/drupal-gitops', required: true, validate: v.gitUrl },
  { key: 'branch', label: 'Git branch', description: 'Branch Flux syncs and image automation pushes to.', example: 'main', default: 'main', validate: v.gitBranch },
  { key: 'replicas', label: 'Replicas', description: 'Number of Drupal web pods (2 or more keeps the site up during node drains).', example: '3', default: '3', validate: (s) => v.integerIn(s, 1, 50, 'number of replicas') },
  { key: 'namespace', label: 'Namespace', description: 'Kubernetes namespace of Drupal.', example: 'drupal', default: 'drupal', validate: (s) => v.dns1123Label(s, 'namespace') ?? (['traefik', 'cert-manager', 'flux-system', 'kube-system', 'default'].includes(s) ? `The namespace "${s}" is taken by the platform; choose another.` : undefined) },
];

/** `www.example.org` → `example.org`; a good-enough guess for the default e-mail's domain. */
function registrableGuess(domain: string): string {
  const labels = domain.split('.');
  return labels.length > 2 && labels[0] === 'www' ? labels.slice(1).join('.') : domain;
}

/** Apply defaults and validate every field (see input.ts). */
export function resolveDrupalAksInput(given: Readonly<Partial<Record<DrupalAksKey, string>>>): { input?: DrupalAksInput; problems: ValidationProblem[] } {
  return resolveStackInput(DRUPAL_AKS_FIELDS, given);
}

export const drupalAks: StackGenerator<DrupalAksKey> = {
  id: 'drupal-aks',
  title: 'Drupal on AKS (Flux)',
  description: 'Flux repository for Drupal 11 on AKS: Traefik, cert-manager, Azure Blob NFS files, PostgreSQL and Redis over TLS, SOPS secrets, drush migration before rollout, image automation.',
  seed: 'drupal-aks-flux',
  profile: 'drupal-aks',
  fields: DRUPAL_AKS_FIELDS,
  asked: ['domain', 'acr', 'storageAccount', 'keyVault', 'postgresHost', 'redisHost', 'gitUrl', 'replicas', 'env'],
  defaultFolder: 'drupal-aks',
  openAfter: (input) => `clusters/${input.env ?? 'production'}/apps.yaml`,
  generate: (given) => generateFrom(DRUPAL_AKS_FIELDS, given, drupalAksFiles),
};

// Versions the stack pins (bump them deliberately, with the chart's release notes).
export const TRAEFIK_CHART_VERSION = '34.4.1';
export const CERT_MANAGER_CHART_VERSION = 'v1.17.2';

/** Labels of the pods of one Drupal component. */
function podLabels(component: 'web' | 'migration' | 'cron', indent: string): string {
  return [`app.kubernetes.io/name: drupal`, `app.kubernetes.io/component: ${component}`, `app.kubernetes.io/part-of: drupal`].map((l) => `${indent}${l}\n`).join('');
}

/** The pod security context every Drupal pod runs with: www-data (UID 82 on Alpine). */
function podSecurityContext(indent: string): string {
  return `${indent}securityContext:
${indent}  runAsNonRoot: true
${indent}  runAsUser: 82
${indent}  runAsGroup: 82
${indent}  fsGroup: 82
${indent}  fsGroupChangePolicy: OnRootMismatch
${indent}  seccompProfile:
${indent}    type: RuntimeDefault
`;
}

function containerSecurityContext(indent: string): string {
  return `${indent}securityContext:
${indent}  allowPrivilegeEscalation: false
${indent}  readOnlyRootFilesystem: true
${indent}  capabilities:
${indent}    drop: ["ALL"]
`;
}

/** Environment of every php container: the ConfigMap, plus the secrets by key. */
function phpEnv(indent: string): string {
  const secret = (name: string) => `${indent}  - name: ${name}
${indent}    valueFrom:
${indent}      secretKeyRef:
${indent}        name: drupal-secrets
${indent}        key: ${name}
`;
  return `${indent}envFrom:
${indent}  - configMapRef:
${indent}      name: drupal-config
${indent}env:
${secret('DB_PASSWORD')}${secret('REDIS_PASSWORD')}${secret('DRUPAL_HASH_SALT')}`;
}

/** Every file of the stack, in a stable order. */
export function drupalAksFiles(input: DrupalAksInput): Map<string, string> {
  const { env, domain, email, acr, image, imageTag, storageAccount, keyVault, postgresHost, databaseName, redisHost, gitUrl, branch, namespace: ns } = input;
  const replicas = Number(input.replicas);
  const registry = `${acr}.azurecr.io`;
  const imageRef = `${registry}/${image}:${imageTag} # {"$imagepolicy": "flux-system:drupal"}`;
  const major = Number(imageTag.split('.')[0]);
  const files = new Map<string, string>();
  const add = (path: string, text: string) => files.set(path, text);

  // ── Blueprint and SOPS configuration ──────────────────────────────────────
  add('.blueprint.yaml', `# Blueprint (https://github.com/blueprint-dev/blueprint) lints this repository
# against the Drupal on AKS architecture: npx blueprint lint .
profile: drupal-aks
`);

  add('.sops.yaml', `# SOPS encrypts the data of every *.enc.yaml Secret with the "sops" key of
# Key Vault ${keyVault}. Flux's kustomize-controller decrypts them in the
# cluster with its workload identity (see README.md, "Secrets").
# Without a key version, SOPS 3.11+ uses the key's current version; older
# releases need it appended (…/keys/sops/<version>).
creation_rules:
  - path_regex: .*\\.enc\\.yaml$
    encrypted_regex: ^(data|stringData)$
    azure_keyvault: https://${keyVault}.vault.azure.net/keys/sops
`);

  // ── clusters/<env>: what Flux reconciles, in order ─────────────────────────
  add(`clusters/${env}/flux-system/gotk-sync.yaml`, `# The source and the root Kustomization that \`flux bootstrap\` writes for this
# cluster (regenerated by bootstrap; kept here so the repository is complete).
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m0s
  ref:
    branch: ${branch}
  secretRef:
    name: flux-system
  url: ${gitUrl}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m0s
  path: ./clusters/${env}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`);

  add(`clusters/${env}/flux-system/kustomization.yaml`, `# \`flux bootstrap git --path=clusters/${env} --components-extra=image-reflector-controller,image-automation-controller\`
# adds gotk-components.yaml (the Flux controllers) to this folder and to this list.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - gotk-sync.yaml
`);

  const fluxKustomization = (o: { name: string; comment: string; path: string; dependsOn?: string; wait: string; extra?: string; timeout?: string }) => `# ${o.comment}
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${o.name}
  namespace: flux-system
spec:
  interval: 10m0s
  retryInterval: 1m0s
  timeout: ${o.timeout ?? '5m0s'}
  sourceRef:
    kind: GitRepository
    name: flux-system
  path: ./${o.path}
  prune: true
${o.dependsOn ? `  dependsOn:\n    - name: ${o.dependsOn}\n` : ''}${o.wait}${o.extra ?? ''}`;

  add(`clusters/${env}/infrastructure.yaml`, fluxKustomization({
    name: 'infrastructure',
    comment: 'Step 1: namespaces, the Azure Blob NFS StorageClass, Traefik and cert-manager (with their CRDs).',
    path: 'infrastructure',
    wait: '  # Ready only when the HelmReleases are: the next steps use their CRDs.\n  wait: true\n',
    timeout: '10m0s',
  }));
  add(`clusters/${env}/certificates.yaml`, fluxKustomization({
    name: 'certificates',
    comment: 'Step 2: the Let\'s Encrypt ClusterIssuer and the site certificate (needs cert-manager\'s CRDs).',
    path: 'certificates',
    dependsOn: 'infrastructure',
    wait: '  wait: true\n',
  }));
  add(`clusters/${env}/drupal-migration.yaml`, fluxKustomization({
    name: 'drupal-migration',
    comment: 'Step 3: configuration, secrets, network policies and the drush migration Job.\n# The apps wait for the Job to succeed; a failed migration stops the rollout.',
    path: 'apps/drupal-migration',
    dependsOn: 'certificates',
    wait: `  wait: true
  healthChecks:
    - apiVersion: batch/v1
      kind: Job
      name: drupal-migration
      namespace: ${ns}
`,
    timeout: '15m0s',
    extra: `  # A Job's pod template is immutable: recreate the Job when the image changes.
  force: true
  decryption:
    provider: sops
`,
  }));
  add(`clusters/${env}/apps.yaml`, fluxKustomization({
    name: 'apps',
    comment: 'Step 4: the Drupal web tier, cron, routes and files volume, after the migration succeeded.',
    path: 'apps/drupal',
    dependsOn: 'drupal-migration',
    wait: `  wait: true
  healthChecks:
    - apiVersion: apps/v1
      kind: Deployment
      name: drupal
      namespace: ${ns}
`,
    extra: `  decryption:
    provider: sops
`,
  }));

  add(`clusters/${env}/image-automation.yaml`, `# Image automation: the image-reflector-controller watches the registry (with the
# cluster's managed identity, no credentials), and the image-automation-controller
# commits newer ${major}.x tags to the "$imagepolicy" markers under apps/.
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImageRepository
metadata:
  name: drupal
  namespace: flux-system
spec:
  image: ${registry}/${image}
  interval: 5m0s
  provider: azure
---
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImagePolicy
metadata:
  name: drupal
  namespace: flux-system
spec:
  imageRepositoryRef:
    name: drupal
  policy:
    semver:
      range: ">=${imageTag} <${major + 1}.0.0"
---
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImageUpdateAutomation
metadata:
  name: drupal
  namespace: flux-system
spec:
  interval: 30m0s
  sourceRef:
    kind: GitRepository
    name: flux-system
  git:
    checkout:
      ref:
        branch: ${branch}
    commit:
      author:
        name: fluxcdbot
        email: fluxcdbot@users.noreply.github.com
      messageTemplate: "Update the Drupal image (Flux image automation)"
    push:
      branch: ${branch}
  update:
    path: ./apps
    strategy: Setters
`);

  // ── infrastructure/ ────────────────────────────────────────────────────────
  add('infrastructure/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - namespaces
  - storage
  - traefik
  - cert-manager
`);
  add('infrastructure/namespaces/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ${ns}.yaml
  - traefik.yaml
  - cert-manager.yaml
`);
  const namespaceDoc = (name: string, comment: string) => `# ${comment}
apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: latest
    pod-security.kubernetes.io/audit: restricted
    pod-security.kubernetes.io/warn: restricted
`;
  add(`infrastructure/namespaces/${ns}.yaml`, namespaceDoc(ns, 'Drupal: every pod runs as www-data (UID 82), drops all capabilities, RuntimeDefault seccomp.'));
  add('infrastructure/namespaces/traefik.yaml', namespaceDoc('traefik', 'The ingress controller (its chart runs non-root with a read-only root filesystem).'));
  add('infrastructure/namespaces/cert-manager.yaml', namespaceDoc('cert-manager', 'cert-manager (its chart meets the restricted Pod Security Standard).'));

  add('infrastructure/storage/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - azure-blob-nfs.yaml
`);
  add('infrastructure/storage/azure-blob-nfs.yaml', `# Drupal's public files on Azure Blob Storage over NFS v3, mounted by the kernel
# (Azure Blob CSI driver), not through PHP: metadata is cached for 60 seconds
# (actimeo), so Drupal's thousands of stat() calls per page stay local.
# The account needs NFS v3 and a hierarchical namespace (Premium BlockBlobStorage).
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: azure-blob-nfs
provisioner: blob.csi.azure.com
parameters:
  protocol: nfs
  storageAccount: ${storageAccount}
  skuName: Premium_LRS
reclaimPolicy: Retain
volumeBindingMode: Immediate
allowVolumeExpansion: true
mountOptions:
  - nconnect=8
  - actimeo=60
  - noatime
  - rsize=1048576
  - wsize=1048576
`);

  const helmRepository = (name: string, namespace: string, url: string) => `apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  interval: 24h0m0s
  url: ${url}
`;
  add('infrastructure/traefik/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - helmrepository.yaml
  - helmrelease.yaml
`);
  add('infrastructure/traefik/helmrepository.yaml', helmRepository('traefik', 'traefik', 'https://traefik.github.io/charts'));
  add('infrastructure/traefik/helmrelease.yaml', `# Traefik: the only way into the cluster. A LoadBalancer Service (Azure load
# balancer, client IPs preserved for rate limiting), TLS 1.2 or later, and the
# "traefik" IngressClass cert-manager's HTTP-01 solver uses.
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: traefik
  namespace: traefik
spec:
  interval: 1h0m0s
  chart:
    spec:
      chart: traefik
      version: "${TRAEFIK_CHART_VERSION}"
      sourceRef:
        kind: HelmRepository
        name: traefik
  install:
    crds: CreateReplace
    remediation:
      retries: 3
  upgrade:
    crds: CreateReplace
    remediation:
      retries: 3
  values:
    deployment:
      replicas: 2
    podDisruptionBudget:
      enabled: true
      maxUnavailable: 1
    ingressClass:
      enabled: true
      isDefaultClass: true
    providers:
      kubernetesCRD:
        enabled: true
        allowCrossNamespace: false
      kubernetesIngress:
        enabled: true
    service:
      spec:
        externalTrafficPolicy: Local
    tlsOptions:
      default:
        minVersion: VersionTLS12
    logs:
      access:
        enabled: true
    resources:
      requests:
        cpu: 100m
        memory: 128Mi
      limits:
        cpu: "1"
        memory: 512Mi
`);
  add('infrastructure/cert-manager/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - helmrepository.yaml
  - helmrelease.yaml
`);
  add('infrastructure/cert-manager/helmrepository.yaml', helmRepository('jetstack', 'cert-manager', 'https://charts.jetstack.io'));
  add('infrastructure/cert-manager/helmrelease.yaml', `# cert-manager issues and renews the site's Let's Encrypt certificate.
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: cert-manager
  namespace: cert-manager
spec:
  interval: 1h0m0s
  chart:
    spec:
      chart: cert-manager
      version: "${CERT_MANAGER_CHART_VERSION}"
      sourceRef:
        kind: HelmRepository
        name: jetstack
  install:
    crds: CreateReplace
    remediation:
      retries: 3
  upgrade:
    crds: CreateReplace
    remediation:
      retries: 3
  values:
    crds:
      enabled: true
      keep: true
    resources:
      requests:
        cpu: 50m
        memory: 128Mi
      limits:
        cpu: 500m
        memory: 256Mi
`);

  // ── certificates/ ──────────────────────────────────────────────────────────
  add('certificates/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - cluster-issuer.yaml
  - certificate.yaml
`);
  add('certificates/cluster-issuer.yaml', `# Let's Encrypt (production) with the HTTP-01 challenge answered through Traefik.
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-production
spec:
  acme:
    server: https://acme-v02.api.letsencrypt.org/directory
    email: ${email}
    privateKeySecretRef:
      name: letsencrypt-production-account-key
    solvers:
      - http01:
          ingress:
            ingressClassName: traefik
`);
  add('certificates/certificate.yaml', `# The site certificate; the IngressRoute serves it from the Secret drupal-tls.
apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: drupal
  namespace: ${ns}
spec:
  secretName: drupal-tls
  issuerRef:
    kind: ClusterIssuer
    name: letsencrypt-production
  dnsNames:
    - ${domain}
  privateKey:
    algorithm: ECDSA
    size: 256
    rotationPolicy: Always
`);

  // ── apps/drupal-migration/ ─────────────────────────────────────────────────
  add('apps/drupal-migration/kustomization.yaml', `# Applied before the web tier (Flux Kustomization drupal-migration): what the
# migration Job needs, so it runs with the configuration the new pods will use.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - serviceaccount.yaml
  - configmap.yaml
  - drupal-secrets.enc.yaml
  - networkpolicies.yaml
  - migration-job.yaml
`);
  add('apps/drupal-migration/serviceaccount.yaml', `# Drupal needs no Kubernetes API access: no token is mounted.
apiVersion: v1
kind: ServiceAccount
metadata:
  name: drupal
  namespace: ${ns}
automountServiceAccountToken: false
`);
  add('apps/drupal-migration/configmap.yaml', `# Settings read by settings.php (getenv). Secrets are in drupal-secrets.
apiVersion: v1
kind: ConfigMap
metadata:
  name: drupal-config
  namespace: ${ns}
data:
  DRUPAL_TRUSTED_HOST_PATTERNS: "^${domain.replace(/\./g, '\\\\.')}$"
  DRUPAL_FILE_PRIVATE_PATH: /var/www/private
  # Azure Database for PostgreSQL: TLS is enforced by the server and required here.
  DB_DRIVER: pgsql
  DB_HOST: ${postgresHost}
  DB_PORT: "5432"
  DB_NAME: ${databaseName}
  DB_USER: drupal
  DB_SSLMODE: require
  PGSSLMODE: require
  # Azure Cache for Redis: TLS only, on port 6380 (PhpRedis, every cache bin but form).
  REDIS_HOST: ${redisHost}
  REDIS_PORT: "6380"
  REDIS_TLS: "true"
`);
  add('apps/drupal-migration/drupal-secrets.enc.yaml', `# PLACEHOLDER, NOT A REAL SOPS FILE: the ENC[...] values below encrypt nothing
# and Flux cannot decrypt them. Before the first deployment, replace this file
# with the real secret, encrypted with the Key Vault key of .sops.yaml:
#
#   kubectl create secret generic drupal-secrets --namespace ${ns} \\
#     --from-literal=DB_PASSWORD='…' --from-literal=REDIS_PASSWORD='…' \\
#     --from-literal=DRUPAL_HASH_SALT="$(openssl rand -base64 48)" \\
#     --dry-run=client -o yaml > apps/drupal-migration/drupal-secrets.enc.yaml
#   sops --encrypt --in-place apps/drupal-migration/drupal-secrets.enc.yaml
apiVersion: v1
kind: Secret
metadata:
  name: drupal-secrets
  namespace: ${ns}
type: Opaque
data:
  DB_PASSWORD: ENC[AES256_GCM,data:UExBQ0VIT0xERVI=,iv:UExBQ0VIT0xERVItUExBQ0VIT0xERVI=,tag:UExBQ0VIT0xERVI=,type:str]
  REDIS_PASSWORD: ENC[AES256_GCM,data:UExBQ0VIT0xERVI=,iv:UExBQ0VIT0xERVItUExBQ0VIT0xERVI=,tag:UExBQ0VIT0xERVI=,type:str]
  DRUPAL_HASH_SALT: ENC[AES256_GCM,data:UExBQ0VIT0xERVI=,iv:UExBQ0VIT0xERVItUExBQ0VIT0xERVI=,tag:UExBQ0VIT0xERVI=,type:str]
sops:
  azure_kv:
    - vault_url: https://${keyVault}.vault.azure.net
      name: sops
      version: PLACEHOLDER
      created_at: "2025-01-01T00:00:00Z"
      enc: PLACEHOLDER
  lastmodified: "2025-01-01T00:00:00Z"
  mac: ENC[AES256_GCM,data:UExBQ0VIT0xERVI=,iv:UExBQ0VIT0xERVItUExBQ0VIT0xERVI=,tag:UExBQ0VIT0xERVI=,type:str]
  encrypted_regex: ^(data|stringData)$
  version: 3.9.0
`);
  add('apps/drupal-migration/networkpolicies.yaml', `# The namespace's network boundary, in place before any Drupal pod starts:
# nothing in or out unless allowed below (and in apps/drupal/networkpolicy.yaml).
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${ns}
spec:
  podSelector: {}
  policyTypes:
    - Ingress
    - Egress
---
# Name resolution through the cluster DNS.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns-egress
  namespace: ${ns}
spec:
${DNS_EGRESS_SPEC_BODY}---
# Drupal (web, cron, migration) reaches its data stores, both over TLS:
# PostgreSQL on 5432 and Azure Cache for Redis on 6380. Narrow "to" to the
# private endpoint subnet when the addresses are known.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-drupal-data-egress
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: drupal
  policyTypes:
    - Egress
  egress:
    - ports:
        - protocol: TCP
          port: 5432
        - protocol: TCP
          port: 6380
---
# cert-manager answers Let's Encrypt's HTTP-01 challenge from short-lived solver
# pods it starts in this namespace at each renewal: Traefik must reach them.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-acme-http01-solver
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      acme.cert-manager.io/http01-solver: "true"
  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: traefik
      ports:
        - protocol: TCP
          port: 8089
`);
  add('apps/drupal-migration/migration-job.yaml', `# Database updates and configuration import, once per image: drush updatedb,
# config:import, cache:rebuild. No retries (backoffLimit 0): a half-applied
# migration must be looked at by a person, and the apps wait for this Job.
apiVersion: batch/v1
kind: Job
metadata:
  name: drupal-migration
  namespace: ${ns}
  labels:
${podLabels('migration', '    ')}spec:
  backoffLimit: 0
  activeDeadlineSeconds: 900
  template:
    metadata:
      labels:
${podLabels('migration', '        ')}    spec:
      restartPolicy: Never
      serviceAccountName: drupal
      automountServiceAccountToken: false
${podSecurityContext('      ')}      containers:
        - name: drush
          image: ${imageRef}
          workingDir: /var/www/html
          command:
            - /bin/sh
            - -c
            - vendor/bin/drush updatedb --yes && vendor/bin/drush config:import --yes && vendor/bin/drush cache:rebuild
${phpEnv('          ')}          resources:
            requests:
              cpu: 250m
              memory: 512Mi
            limits:
              cpu: "1"
              memory: 1Gi
${containerSecurityContext('          ')}          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            medium: Memory
            sizeLimit: 256Mi
`);

  // ── apps/drupal/ ───────────────────────────────────────────────────────────
  add('apps/drupal/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - pvc.yaml
  - deployment.yaml
  - service.yaml
${replicas > 1 ? '  - pdb.yaml\n' : ''}  - cronjob.yaml
  - middlewares.yaml
  - ingressroute.yaml
  - networkpolicy.yaml
`);
  add('apps/drupal/pvc.yaml', `# Public files (uploads, image styles, CSS/JS aggregates), shared by every pod.
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: drupal-files
  namespace: ${ns}
spec:
  accessModes:
    - ReadWriteMany
  storageClassName: azure-blob-nfs
  resources:
    requests:
      storage: 100Gi
`);
  const filesMount = (indent: string) => `${indent}- name: files
${indent}  mountPath: /var/www/html/web/sites/default/files
${indent}- name: tmp
${indent}  mountPath: /tmp
`;
  add('apps/drupal/deployment.yaml', `# The Drupal web tier: nginx serves static files and passes PHP to php-fpm on
# localhost:9000; both run from the same image as www-data (UID 82). nginx
# listens on 8080 (a non-root process cannot bind port 80; the Service maps 80).
apiVersion: apps/v1
kind: Deployment
metadata:
  name: drupal
  namespace: ${ns}
  labels:
${podLabels('web', '    ')}spec:
  replicas: ${replicas}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      app.kubernetes.io/name: drupal
      app.kubernetes.io/component: web
  template:
    metadata:
      labels:
${podLabels('web', '        ')}    spec:
      serviceAccountName: drupal
      automountServiceAccountToken: false
${podSecurityContext('      ')}      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app.kubernetes.io/name: drupal
              app.kubernetes.io/component: web
      containers:
        - name: nginx
          image: ${imageRef}
          command: ["nginx", "-g", "daemon off;"]
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet:
              path: /health
              port: http
            periodSeconds: 10
          livenessProbe:
            httpGet:
              path: /health
              port: http
            initialDelaySeconds: 10
            periodSeconds: 20
          resources:
            requests:
              cpu: 50m
              memory: 64Mi
            limits:
              cpu: 500m
              memory: 256Mi
${containerSecurityContext('          ')}          volumeMounts:
${filesMount('            ')}            - name: run
              mountPath: /run
            - name: nginx-cache
              mountPath: /var/lib/nginx/tmp
        - name: php-fpm
          image: ${imageRef}
          command: ["php-fpm", "--nodaemonize"]
          ports:
            - name: fastcgi
              containerPort: 9000
${phpEnv('          ')}          readinessProbe:
            tcpSocket:
              port: fastcgi
            periodSeconds: 10
          livenessProbe:
            tcpSocket:
              port: fastcgi
            initialDelaySeconds: 10
            periodSeconds: 20
          resources:
            requests:
              cpu: 250m
              memory: 512Mi
            limits:
              cpu: "2"
              memory: 1Gi
${containerSecurityContext('          ')}          volumeMounts:
${filesMount('            ')}            - name: private
              mountPath: /var/www/private
            - name: run
              mountPath: /run
      volumes:
        - name: files
          persistentVolumeClaim:
            claimName: drupal-files
        # Twig's compiled templates and PHP temporary files: memory-backed, rebuilt on start.
        - name: tmp
          emptyDir:
            medium: Memory
            sizeLimit: 256Mi
        # Private files (not web-accessible); ephemeral, lost when the pod goes.
        - name: private
          emptyDir:
            sizeLimit: 1Gi
        - name: run
          emptyDir:
            medium: Memory
            sizeLimit: 16Mi
        - name: nginx-cache
          emptyDir:
            sizeLimit: 256Mi
`);
  add('apps/drupal/service.yaml', `apiVersion: v1
kind: Service
metadata:
  name: drupal
  namespace: ${ns}
  labels:
${podLabels('web', '    ')}spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: drupal
    app.kubernetes.io/component: web
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
`);
  if (replicas > 1) {
    add('apps/drupal/pdb.yaml', `# Node drains and upgrades take at most one Drupal pod at a time.
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: drupal
  namespace: ${ns}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: drupal
      app.kubernetes.io/component: web
`);
  }
  add('apps/drupal/cronjob.yaml', `# drush cron every 15 minutes; never two at once.
apiVersion: batch/v1
kind: CronJob
metadata:
  name: drupal-cron
  namespace: ${ns}
  labels:
${podLabels('cron', '    ')}spec:
  schedule: "*/15 * * * *"
  concurrencyPolicy: Forbid
  startingDeadlineSeconds: 300
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 3
  jobTemplate:
    spec:
      backoffLimit: 1
      activeDeadlineSeconds: 840
      template:
        metadata:
          labels:
${podLabels('cron', '            ')}        spec:
          restartPolicy: Never
          serviceAccountName: drupal
          automountServiceAccountToken: false
${podSecurityContext('          ')}          containers:
            - name: drush
              image: ${imageRef}
              workingDir: /var/www/html
              command: ["vendor/bin/drush", "cron"]
${phpEnv('              ')}              resources:
                requests:
                  cpu: 100m
                  memory: 256Mi
                limits:
                  cpu: "1"
                  memory: 512Mi
${containerSecurityContext('              ')}              volumeMounts:
${filesMount('                ')}          volumes:
            - name: files
              persistentVolumeClaim:
                claimName: drupal-files
            - name: tmp
              emptyDir:
                medium: Memory
                sizeLimit: 256Mi
`);
  add('apps/drupal/middlewares.yaml', `# Traefik middlewares of the Drupal routes.
apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: security-headers
  namespace: ${ns}
spec:
  headers:
    stsSeconds: 31536000
    stsIncludeSubdomains: true
    frameDeny: true
    contentTypeNosniff: true
    browserXssFilter: true
    referrerPolicy: strict-origin-when-cross-origin
    contentSecurityPolicy: "frame-ancestors 'self'; base-uri 'self'; object-src 'none'"
    permissionsPolicy: "camera=(), microphone=(), geolocation=()"
---
apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: rate-limit
  namespace: ${ns}
spec:
  rateLimit:
    average: 100
    burst: 200
    period: 1s
---
apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: redirect-https
  namespace: ${ns}
spec:
  redirectScheme:
    scheme: https
    permanent: true
`);
  add('apps/drupal/ingressroute.yaml', `# https://${domain}: TLS with the Let's Encrypt certificate (certificates/),
# security headers and rate limiting in front of the Drupal Service.
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata:
  name: drupal
  namespace: ${ns}
spec:
  entryPoints:
    - websecure
  routes:
    - match: Host(\`${domain}\`)
      kind: Rule
      middlewares:
        - name: security-headers
        - name: rate-limit
      services:
        - name: drupal
          port: http
  tls:
    secretName: drupal-tls
---
# http://${domain}: a permanent redirect to https.
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata:
  name: drupal-http
  namespace: ${ns}
spec:
  entryPoints:
    - web
  routes:
    - match: Host(\`${domain}\`)
      kind: Rule
      middlewares:
        - name: redirect-https
      services:
        - name: drupal
          port: http
`);
  add('apps/drupal/networkpolicy.yaml', `# Only Traefik reaches the web pods, on nginx's port.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web-from-traefik
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: drupal
      app.kubernetes.io/component: web
  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: traefik
          podSelector:
            matchLabels:
              app.kubernetes.io/name: traefik
      ports:
        - protocol: TCP
          port: http
`);

  add('README.md', readme(input, replicas));
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function readme(i: DrupalAksInput, replicas: number): string {
  const ns = i.namespace;
  return `# Drupal on AKS — GitOps repository (${i.env})

Generated by Blueprint ("Blueprint: Generate Drupal AKS stack" or
\`blueprint generate drupal-aks\`). Flux reconciles this repository into the AKS
cluster; Blueprint lints it against the Drupal on AKS architecture
(\`npx blueprint lint .\`, profile \`drupal-aks\` from \`.blueprint.yaml\`).

| | |
|---|---|
| Site | https://${i.domain} |
| Image | ${i.acr}.azurecr.io/${i.image}:${i.imageTag} (image automation follows ${i.imageTag.split('.')[0]}.x) |
| PostgreSQL | ${i.postgresHost}:5432, database ${i.databaseName}, \`sslmode=require\` |
| Redis | ${i.redisHost}:6380 (TLS) |
| Files | Azure Blob NFS, storage account ${i.storageAccount} |
| SOPS key | Key Vault ${i.keyVault}, key \`sops\` |
| Web replicas | ${replicas} |

## Layout and reconciliation order

\`\`\`
clusters/${i.env}/
  flux-system/          GitRepository + root Kustomization (flux bootstrap)
  infrastructure.yaml   1. infrastructure/        namespaces, StorageClass, Traefik, cert-manager
  certificates.yaml     2. certificates/          ClusterIssuer (Let's Encrypt, HTTP-01 via Traefik), Certificate
  drupal-migration.yaml 3. apps/drupal-migration/ config, SOPS secret, NetworkPolicies, drush migration Job
  apps.yaml             4. apps/drupal/           Deployment, Service, CronJob, IngressRoutes, PVC, PDB
  image-automation.yaml ImageRepository, ImagePolicy, ImageUpdateAutomation
\`\`\`

Each step \`dependsOn\` the one before and is ready only when its objects are
(\`wait: true\`, health checks on the migration Job and the Deployment). The
migration Job (\`drush updatedb\`, \`config:import\`, \`cache:rebuild\`) has
\`backoffLimit: 0\`: when it fails, the new web pods are not rolled out, and
the failed Job stays for a person to read its logs. The drupal-migration
Kustomization sets \`force: true\` so a new image recreates the Job.

## Before the first deployment

1. **Image.** Build the Drupal image with nginx (listening on 8080, a \`/health\`
   location answering 200, PHP passed to 127.0.0.1:9000, pid and temp files
   under /run and /var/lib/nginx/tmp) and php-fpm, both runnable as www-data
   (UID 82), Drush in \`vendor/bin/drush\`, and settings.php reading the
   environment of \`apps/drupal-migration/configmap.yaml\` and the secret. Push it
   as \`${i.acr}.azurecr.io/${i.image}:${i.imageTag}\`; attach the registry to the
   cluster (\`az aks update --attach-acr ${i.acr}\`) so no pull secret is needed.
2. **Storage.** The account ${i.storageAccount} must be Premium BlockBlobStorage with
   NFS v3 and a hierarchical namespace, reachable from the cluster's virtual
   network; enable the Blob CSI driver (\`az aks update --enable-blob-driver\`).
   If the account is not in the cluster's node resource group, add its
   \`resourceGroup\` to \`infrastructure/storage/azure-blob-nfs.yaml\`.
3. **Secrets.** \`apps/drupal-migration/drupal-secrets.enc.yaml\` is a
   **placeholder**: its \`ENC[...]\` values encrypt nothing. Create the key
   \`sops\` in Key Vault ${i.keyVault}, then replace the file as its header
   explains (\`kubectl create secret … --dry-run=client -o yaml\`, then
   \`sops --encrypt --in-place\`). Give the kustomize-controller's workload
   identity the *Key Vault Crypto User* role on the vault so Flux can decrypt.
4. **Network policies.** The AKS cluster must run a network policy engine
   (\`--network-policy azure\`, \`calico\` or \`cilium\`); otherwise the policies
   in \`apps/\` are accepted and not enforced.
5. **DNS.** Point ${i.domain} at the public IP of the \`traefik\` Service (a
   static IP can be set with the chart's \`service.annotations\`).

## Bootstrap

\`\`\`sh
flux bootstrap git \\
  --url=${i.gitUrl} \\
  --branch=${i.branch} \\
  --path=clusters/${i.env} \\
  --components-extra=image-reflector-controller,image-automation-controller
\`\`\`

Bootstrap adds \`gotk-components.yaml\` to \`clusters/${i.env}/flux-system/\`.
Follow with \`flux get kustomizations --watch\`: infrastructure, certificates,
drupal-migration and apps become ready in that order.

## Security

- Pods run as www-data (UID 82, \`fsGroup: 82\`), non-root, no privilege
  escalation, all capabilities dropped, read-only root filesystem, RuntimeDefault
  seccomp; the namespaces enforce the *restricted* Pod Security Standard.
- Namespace \`${ns}\` denies all traffic by default; Traefik may reach the web
  pods on nginx's port; Drupal may reach DNS, PostgreSQL (5432) and Redis (6380).
- cert-manager's HTTP-01 solver pods, started in namespace \`${ns}\` at each
  renewal, may be reached from Traefik on port 8089 (\`allow-acme-http01-solver\`).
- TLS everywhere: Let's Encrypt at the edge (TLS 1.2+, HTTP redirected to
  HTTPS, HSTS), \`sslmode=require\` to PostgreSQL, TLS on 6380 to Redis.
- Secrets are committed only SOPS-encrypted (\`.sops.yaml\`).
`;
}
