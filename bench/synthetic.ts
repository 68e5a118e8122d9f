// A seeded synthetic GitOps repository for the benchmark: 2,000 Kubernetes manifests
// and 200 Terraform files shaped like the seed systems (Flux clusters/ layout with
// Kustomizations chained by dependsOn, HelmReleases, app namespaces with Deployments,
// Services, ConfigMaps, ExternalSecrets, Ingresses, HPAs, PDBs and NetworkPolicies,
// Azure Terraform modules). Same seed, same bytes.
//
// One namespace, `shop`, holds PROPAGATION_WORKLOADS Deployments in their own files,
// all selected by the single allow policy in PROPAGATION_POLICY: editing its
// podSelector changes the coverage of every one of them (bench measurement 4).
//
//   node --import tsx bench/synthetic.ts <dir> [seed]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const MANIFESTS = 2000;
export const TF_FILES = 200;
export const PROPAGATION_WORKLOADS = 50;
export const PROPAGATION_POLICY = 'apps/shop/networkpolicy-web.yaml';
/** The text in PROPAGATION_POLICY whose change uncovers every shop workload. */
export const PROPAGATION_SELECTOR = 'tier: web';

/** mulberry32: small, fast, good enough for shaping test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['payments', 'catalog', 'search', 'checkout', 'accounts', 'media', 'cms', 'analytics', 'notifications', 'orders', 'inventory', 'shipping', 'reviews', 'recommend', 'auth', 'billing', 'support', 'reporting'];
const APP_WORDS = ['api', 'web', 'worker', 'cron', 'gateway', 'cache', 'indexer', 'sync', 'admin', 'events', 'proxy', 'render', 'export', 'import', 'mailer', 'scheduler'];
const IMAGES = ['nginx:1.27.1', 'drupal:10.3-php8.3-fpm-alpine', 'redis:7.2.5', 'ghcr.io/example/app:v1.4.2', 'example.azurecr.io/api:2.8.0', 'node:20.17-alpine', 'python:3.12-slim', 'busybox:latest'];

export interface Generated {
  files: Map<string, string>;
  manifests: number;
  terraform: number;
}

export function generate(seed = 42): Generated {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const files = new Map<string, string>();
  const put = (p: string, text: string) => files.set(p, text);
  let manifests = 0;
  const yaml = (p: string, text: string) => {
    put(p, text);
    manifests++;
  };

  // ---- Flux bootstrap and the cluster layer ---------------------------------------
  yaml('clusters/production/flux-system/gotk-sync.yaml', fluxSync());
  yaml('clusters/production/flux-system/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - gotk-sync.yaml\n');
  yaml('clusters/production/infrastructure.yaml', fluxKs('infrastructure', './infrastructure/production', []));
  yaml('clusters/production/certificates.yaml', fluxKs('certificates', './infrastructure/certificates', ['infrastructure']));

  // ---- infrastructure: namespaces, Helm sources and releases, issuers -------------
  const infra: string[] = [];
  for (const [name, repo, chart] of [
    ['traefik', 'https://traefik.github.io/charts', 'traefik'],
    ['cert-manager', 'https://charts.jetstack.io', 'cert-manager'],
    ['external-secrets', 'https://charts.external-secrets.io', 'external-secrets'],
    ['ingress-nginx', 'https://kubernetes.github.io/ingress-nginx', 'ingress-nginx'],
  ] as const) {
    yaml(`infrastructure/base/${name}/namespace.yaml`, namespace(name, true));
    yaml(`infrastructure/base/${name}/repository.yaml`, helmRepo(name, repo));
    yaml(`infrastructure/base/${name}/release.yaml`, helmRelease(name, chart));
    yaml(`infrastructure/base/${name}/kustomization.yaml`, kustomization(undefined, ['namespace.yaml', 'repository.yaml', 'release.yaml']));
    infra.push(`../base/${name}`);
  }
  yaml('infrastructure/production/kustomization.yaml', kustomization(undefined, infra));
  yaml('infrastructure/certificates/cluster-issuer.yaml', clusterIssuer());
  yaml('infrastructure/certificates/kustomization.yaml', kustomization(undefined, ['cluster-issuer.yaml']));

  // ---- the propagation namespace: 50 workloads, one allow policy --------------------
  const shop: string[] = ['namespace.yaml', 'default-deny.yaml', 'networkpolicy-web.yaml'];
  yaml('apps/shop/namespace.yaml', namespace('shop', r() < 0.8));
  yaml('apps/shop/default-deny.yaml', defaultDeny('shop'));
  yaml(PROPAGATION_POLICY, webPolicy('shop'));
  for (let i = 0; i < PROPAGATION_WORKLOADS; i++) {
    const name = `storefront-${String(i).padStart(2, '0')}`;
    yaml(`apps/shop/${name}.yaml`, deployment(r, pick, name, 'shop', { tier: 'web' }));
    shop.push(`${name}.yaml`);
  }
  yaml('apps/shop/kustomization.yaml', kustomization('shop', shop));
  yaml('clusters/production/apps-shop.yaml', fluxKs('apps-shop', './apps/shop', ['certificates']));

  // ---- team namespaces until MANIFESTS ----------------------------------------------
  // Each app: deployment, service, configmap, networkpolicy, and sometimes hpa, pdb,
  // ingress, externalsecret (4-8 files); each team: namespace, kustomization, Flux Kustomization.
  const teamApps = new Map<string, string[]>();
  let t = 0;
  const previous: string[] = [];
  while (manifests < MANIFESTS - 3) {
    const team = TEAMS[t % TEAMS.length] + (t >= TEAMS.length ? `-${Math.floor(t / TEAMS.length)}` : '');
    t++;
    const dir = `apps/${team}`;
    const listed: string[] = ['namespace.yaml'];
    yaml(`${dir}/namespace.yaml`, namespace(team, r() < 0.7));
    const nApps = 6 + Math.floor(r() * 10);
    const apps: string[] = [];
    for (let a = 0; a < nApps && manifests < MANIFESTS - 3; a++) {
      const app = `${pick(APP_WORDS)}-${a}`;
      apps.push(app);
      const labels = { 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': team };
      const add = (file: string, text: string) => {
        if (manifests >= MANIFESTS - 3) return;
        yaml(`${dir}/${file}`, text);
        listed.push(file);
      };
      add(`${app}-deployment.yaml`, deployment(r, pick, app, team, labels));
      add(`${app}-service.yaml`, service(app, team, labels));
      add(`${app}-configmap.yaml`, configMap(r, app, team));
      if (r() < 0.7) add(`${app}-networkpolicy.yaml`, appPolicy(app, team, labels));
      if (r() < 0.5) add(`${app}-hpa.yaml`, hpa(app, team));
      if (r() < 0.4) add(`${app}-pdb.yaml`, pdb(app, team, labels));
      if (r() < 0.3) add(`${app}-ingress.yaml`, ingress(r, app, team));
      if (r() < 0.3) add(`${app}-externalsecret.yaml`, externalSecret(app, team));
    }
    teamApps.set(team, apps);
    yaml(`${dir}/kustomization.yaml`, kustomization(team, listed));
    // Teams depend on certificates and, now and then, on an earlier team (never a cycle).
    const deps = ['certificates'];
    if (previous.length && r() < 0.5) deps.push(`apps-${pick(previous)}`);
    yaml(`clusters/production/apps-${team}.yaml`, fluxKs(`apps-${team}`, `./${dir}`, deps));
    previous.push(team);
  }
  // Top up to exactly MANIFESTS with ConfigMaps in the last team's folder.
  const last = previous[previous.length - 1];
  for (let i = 0; manifests < MANIFESTS; i++) yaml(`apps/${last}/extra-${i}-configmap.yaml`, configMap(r, `extra-${i}`, last));

  // ---- Terraform: 40 modules of 5 files ---------------------------------------------
  let tf = 0;
  for (let m = 0; tf < TF_FILES; m++) {
    const mod = `terraform/${m === 0 ? 'platform' : `modules/${pick(['network', 'aks', 'data', 'storage', 'cache', 'vault'])}-${m}`}`;
    const files5: [string, string][] = [
      ['main.tf', tfMain(r, m)],
      ['variables.tf', tfVariables(m)],
      ['outputs.tf', tfOutputs(m)],
      ['data.tf', tfData(r, m)],
      ['versions.tf', tfVersions()],
    ];
    for (const [f, text] of files5) {
      if (tf >= TF_FILES) break;
      put(`${mod}/${f}`, text);
      tf++;
    }
  }
  return { files, manifests, terraform: tf };
}

/** Write the generated tree under `dir` (emptied first). */
export function writeSynthetic(dir: string, seed = 42): Generated {
  rmSync(dir, { recursive: true, force: true });
  const g = generate(seed);
  for (const [rel, text] of g.files) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return g;
}

// ---- templates ----------------------------------------------------------------------

function fluxSync(): string {
  return `---
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m0s
  ref:
    branch: main
  secretRef:
    name: flux-system
  url: ssh://git@github.com/example/platform
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m0s
  path: ./clusters/production
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`;
}

function fluxKs(name: string, path: string, dependsOn: string[]): string {
  const deps = dependsOn.length ? `  dependsOn:\n${dependsOn.map((d) => `    - name: ${d}\n`).join('')}` : '';
  return `---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 10m0s
  retryInterval: 2m0s
  timeout: 5m0s
  sourceRef:
    kind: GitRepository
    name: flux-system
  path: ${path}
  prune: true
  wait: true
${deps}`;
}

function namespace(name: string, enforce: boolean): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels:
    kubernetes.io/metadata.name: ${name}
${enforce ? '    pod-security.kubernetes.io/enforce: restricted\n' : ''}`;
}

function kustomization(ns: string | undefined, resources: string[]): string {
  return `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
${ns ? `namespace: ${ns}\n` : ''}resources:
${resources.map((r) => `  - ${r}\n`).join('')}`;
}

function helmRepo(name: string, url: string): string {
  return `apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata:
  name: ${name}
  namespace: ${name}
spec:
  interval: 1h
  url: ${url}
`;
}

function helmRelease(name: string, chart: string): string {
  return `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: ${name}
  namespace: ${name}
spec:
  interval: 30m
  chart:
    spec:
      chart: ${chart}
      version: "1.x"
      sourceRef:
        kind: HelmRepository
        name: ${name}
  install:
    crds: CreateReplace
  values:
    replicaCount: 2
`;
}

function clusterIssuer(): string {
  return `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-prod
spec:
  acme:
    server: https://acme-v02.api.letsencrypt.org/directory
    email: platform@example.com
    privateKeySecretRef:
      name: letsencrypt-prod
    solvers:
      - http01:
          ingress:
            class: nginx
`;
}

function labelsBlock(labels: Record<string, string>, indent: string): string {
  return Object.entries(labels)
    .map(([k, v]) => `${indent}${k}: ${v}\n`)
    .join('');
}

function deployment(r: () => number, pick: <T>(xs: readonly T[]) => T, name: string, ns: string, labels: Record<string, string>): string {
  const hardened = r() < 0.6;
  const probes = r() < 0.7;
  const limits = r() < 0.6;
  const port = pick([8080, 8000, 3000, 9000]);
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
${labelsBlock(labels, '    ')}spec:
  replicas: ${1 + Math.floor(r() * 4)}
  selector:
    matchLabels:
${labelsBlock(labels, '      ')}  template:
    metadata:
      labels:
${labelsBlock(labels, '        ')}    spec:
      serviceAccountName: ${name}
${hardened ? '      securityContext:\n        runAsNonRoot: true\n        fsGroup: 1000\n        seccompProfile:\n          type: RuntimeDefault\n' : ''}      containers:
        - name: ${name}
          image: ${pick(IMAGES)}
          ports:
            - name: http
              containerPort: ${port}
          env:
            - name: LOG_LEVEL
              value: info
            - name: DATABASE_URL
              value: postgres://app@db.${ns}.svc.cluster.local:5432/app?sslmode=${pick(['require', 'verify-full', 'disable'])}
          envFrom:
            - configMapRef:
                name: ${name}-config
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
${limits ? '            limits:\n              memory: 256Mi\n' : ''}${probes ? `          readinessProbe:\n            httpGet:\n              path: /healthz\n              port: ${port}\n          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: ${port}\n` : ''}${hardened ? '          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop: ["ALL"]\n' : ''}`;
}

function service(name: string, ns: string, labels: Record<string, string>): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
${labelsBlock(labels, '    ')}  ports:
    - name: http
      port: 80
      targetPort: http
`;
}

function configMap(r: () => number, name: string, ns: string): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${ns}
data:
  APP_ENV: production
  CACHE_URL: ${r() < 0.2 ? 'redis://cache.example.redis.cache.windows.net:6379' : `redis://cache.${ns}:6379`}
  FEATURE_FLAGS: "search,checkout"
`;
}

function appPolicy(name: string, ns: string, labels: Record<string, string>): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
${labelsBlock(labels, '      ')}  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - podSelector: {}
      ports:
        - port: http
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
      ports:
        - port: 53
          protocol: UDP
`;
}

function defaultDeny(ns: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${ns}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;
}

function webPolicy(ns: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      ${PROPAGATION_SELECTOR}
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: traefik
      ports:
        - port: 8080
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
      ports:
        - port: 53
          protocol: UDP
`;
}

function hpa(name: string, ns: string): string {
  return `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${name}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`;
}

function pdb(name: string, ns: string, labels: Record<string, string>): string {
  return `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  minAvailable: 1
  selector:
    matchLabels:
${labelsBlock(labels, '      ')}`;
}

function ingress(r: () => number, name: string, ns: string): string {
  const tls = r() < 0.8;
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${ns}
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-prod
spec:
  ingressClassName: nginx
${tls ? `  tls:\n    - hosts: [${name}.${ns}.example.com]\n      secretName: ${name}-tls\n` : ''}  rules:
    - host: ${name}.${ns}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${name}
                port:
                  name: http
`;
}

function externalSecret(name: string, ns: string): string {
  return `apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: ${name}-secrets
  namespace: ${ns}
spec:
  refreshInterval: 1h
  secretStoreRef:
    kind: ClusterSecretStore
    name: azure-keyvault
  target:
    name: ${name}-secrets
  data:
    - secretKey: DATABASE_PASSWORD
      remoteRef:
        key: ${ns}-${name}-db-password
`;
}

function tfMain(r: () => number, m: number): string {
  const publicAccess = r() < 0.3;
  return `resource "azurerm_resource_group" "rg_${m}" {
  name     = "rg-platform-${m}"
  location = var.location
  tags     = local.tags
}

locals {
  tags = {
    environment = var.environment
    module      = "m${m}"
  }
}

resource "azurerm_storage_account" "files_${m}" {
  name                            = "stplatform${m}"
  resource_group_name             = azurerm_resource_group.rg_${m}.name
  location                        = azurerm_resource_group.rg_${m}.location
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  https_traffic_only_enabled      = true
  min_tls_version                 = "TLS1_2"
  allow_nested_items_to_be_public = ${publicAccess}
}

resource "azurerm_redis_cache" "cache_${m}" {
  name                 = "redis-platform-${m}"
  location             = azurerm_resource_group.rg_${m}.location
  resource_group_name  = azurerm_resource_group.rg_${m}.name
  capacity             = 1
  family               = "C"
  sku_name             = "Standard"
  non_ssl_port_enabled = ${r() < 0.2}
  minimum_tls_version  = "1.2"
}

resource "azurerm_postgresql_flexible_server" "db_${m}" {
  name                          = "psql-platform-${m}"
  resource_group_name           = azurerm_resource_group.rg_${m}.name
  location                      = azurerm_resource_group.rg_${m}.location
  version                       = "16"
  sku_name                      = "GP_Standard_D2s_v3"
  storage_mb                    = 65536
  public_network_access_enabled = ${publicAccess}
  administrator_login           = var.db_admin
}
`;
}

function tfVariables(m: number): string {
  return `variable "location" {
  type    = string
  default = "westeurope"
}

variable "environment" {
  type    = string
  default = "production"
}

variable "db_admin" {
  type      = string
  default   = "platform${m}"
  sensitive = true
}
`;
}

function tfOutputs(m: number): string {
  return `output "resource_group" {
  value = azurerm_resource_group.rg_${m}.name
}

output "redis_host" {
  value = azurerm_redis_cache.cache_${m}.hostname
}
`;
}

function tfData(r: () => number, m: number): string {
  return `data "azurerm_client_config" "current" {}

resource "azurerm_key_vault" "kv_${m}" {
  name                       = "kv-platform-${m}"
  location                   = var.location
  resource_group_name        = "rg-platform-${m}"
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  purge_protection_enabled   = ${r() < 0.7}
  soft_delete_retention_days = 7
}
`;
}

function tfVersions(): string {
  return `terraform {
  required_version = ">= 1.6"
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}
`;
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node --import tsx bench/synthetic.ts <dir> [seed]');
    process.exit(2);
  }
  const g = writeSynthetic(dir, Number(process.argv[3] ?? 42));
  console.log(`wrote ${g.manifests} manifests and ${g.terraform} .tf files under ${dir}`);
}
