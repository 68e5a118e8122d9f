// infra/k8s/: the manifests `kubectl apply -k infra/k8s/base` deploys (the seed's
// GitHub Actions step), the ingress-nginx chart values and the deploy workflow.
// Identities that only exist after `terraform apply` (client and tenant IDs) are
// filled in by kustomize replacements from base/azure-outputs.env, which the
// workflow writes; everything else is known from the input.
import type { AzureSaasInput } from './index';
import type { AzureSaasNames } from './names';
import { DNS_EGRESS_SPEC_BODY } from '../manifests';

/** The ingress-nginx Helm chart the workflow installs (controller v1.12.1). */
export const INGRESS_NGINX_CHART_VERSION = '4.12.1';

const UNSET_ID = '00000000-0000-0000-0000-000000000000';

export function kubernetesFiles(i: AzureSaasInput, n: AzureSaasNames): Map<string, string> {
  const files = new Map<string, string>();
  const add = (path: string, text: string) => files.set(`infra/k8s/${path}`, text);
  const part = `app.kubernetes.io/part-of: ${i.prefix}`;

  add('base/kustomization.yaml', `# kubectl apply -k infra/k8s/base (the deploy workflow does it after
# writing azure-outputs.env and installing ingress-nginx).
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - namespaces.yaml
  - frontend/serviceaccount.yaml
  - frontend/configmap.yaml
  - frontend/secretproviderclass.yaml
  - frontend/deployment.yaml
  - frontend/service.yaml
  - frontend/hpa.yaml
  - frontend/pdb.yaml
  - frontend/ingress.yaml
  - frontend/networkpolicy.yaml
  - backend/serviceaccount.yaml
  - backend/rbac.yaml
  - backend/configmap.yaml
  - backend/secretproviderclass.yaml
  - backend/deployment.yaml
  - backend/service.yaml
  - backend/hpa.yaml
  - backend/pdb.yaml
  - backend/ingress.yaml
  - backend/networkpolicy.yaml
  - monitoring/ama-metrics-settings.yaml
images:
  - name: ${n.registry}/frontend
    newTag: ${i.imageTag}
  - name: ${n.registry}/backend
    newTag: ${i.imageTag}
# Values known only after terraform apply; local-config keeps the ConfigMap
# itself out of the cluster.
configMapGenerator:
  - name: azure-outputs
    envs:
      - azure-outputs.env
    options:
      disableNameSuffixHash: true
      annotations:
        config.kubernetes.io/local-config: "true"
replacements:
  - source:
      kind: ConfigMap
      name: azure-outputs
      fieldPath: data.AZURE_TENANT_ID
    targets:
      - select:
          kind: SecretProviderClass
        fieldPaths:
          - spec.parameters.tenantId
  - source:
      kind: ConfigMap
      name: azure-outputs
      fieldPath: data.FRONTEND_CLIENT_ID
    targets:
      - select:
          kind: ServiceAccount
          name: frontend-sa
        fieldPaths:
          - metadata.annotations.[azure.workload.identity/client-id]
      - select:
          kind: SecretProviderClass
          namespace: app-frontend
        fieldPaths:
          - spec.parameters.clientID
  - source:
      kind: ConfigMap
      name: azure-outputs
      fieldPath: data.BACKEND_CLIENT_ID
    targets:
      - select:
          kind: ServiceAccount
          name: backend-sa
        fieldPaths:
          - metadata.annotations.[azure.workload.identity/client-id]
      - select:
          kind: SecretProviderClass
          namespace: app-backend
        fieldPaths:
          - spec.parameters.clientID
  - source:
      kind: ConfigMap
      name: azure-outputs
      fieldPath: data.BACKEND_TEAM_GROUP_ID
    targets:
      - select:
          kind: RoleBinding
          name: backend-deployer-binding
        fieldPaths:
          - subjects.0.name
`);

  add('base/azure-outputs.env', `# Written by the deploy workflow from the Azure resources (terraform output
# gives the same values); the zeros make a forgotten step fail loudly.
AZURE_TENANT_ID=${UNSET_ID}
FRONTEND_CLIENT_ID=${UNSET_ID}
BACKEND_CLIENT_ID=${UNSET_ID}
BACKEND_TEAM_GROUP_ID=${UNSET_ID}
`);

  const namespace = (name: string, comment: string, level: 'restricted' | 'baseline') => `# ${comment}
apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels:
    pod-security.kubernetes.io/enforce: ${level}
    pod-security.kubernetes.io/enforce-version: latest
    pod-security.kubernetes.io/audit: restricted
    pod-security.kubernetes.io/warn: restricted
`;
  add('base/namespaces.yaml', [
    namespace('app-frontend', 'The React frontend (nginx, non-root, read-only root filesystem).', 'restricted'),
    namespace('app-backend', 'The Flask API (gunicorn, non-root, read-only root filesystem).', 'restricted'),
    namespace('ingress-nginx', 'The NGINX ingress controller (Helm chart, installed by the deploy workflow): it\n# binds ports 80/443 with NET_BIND_SERVICE, which the baseline standard allows.', 'baseline'),
  ].join('---\n'));

  // ── shared pieces ──────────────────────────────────────────────────────────
  const podSecurity = (uid: number) => `      securityContext:
        runAsNonRoot: true
        runAsUser: ${uid}
        runAsGroup: ${uid}
        fsGroup: ${uid}
        seccompProfile:
          type: RuntimeDefault
`;
  const containerSecurity = `          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
`;
  const spread = (app: string) => `      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app: ${app}
`;
  const serviceAccount = (name: string, ns: string, identity: string) => `# Workload identity: the token of this ServiceAccount is exchanged for one of
# the managed identity ${identity} (infra/terraform/azure/identity.tf); the
# client ID comes from azure-outputs.env.
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: ${ns}
  annotations:
    azure.workload.identity/client-id: ${UNSET_ID}
automountServiceAccountToken: false
`;
  const tlsObjects = `    - secretName: tls-certificate
      type: kubernetes.io/tls
      data:
        - objectName: tls-certificate
          key: tls.key
        - objectName: tls-certificate
          key: tls.crt
`;
  const defaultDeny = (ns: string) => `# Nothing in or out unless a policy below allows it.
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
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns
  namespace: ${ns}
spec:
${DNS_EGRESS_SPEC_BODY}---
`;
  const fromIngressNginx = `        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ingress-nginx
          podSelector:
            matchLabels:
              app.kubernetes.io/name: ingress-nginx
`;
  const ingress = (o: { name: string; ns: string; path: string; service: string; port: number | string; comment: string }) => `# ${o.comment}
# TLS with the Key Vault certificate (Secret tls-certificate, synced by the
# Secrets Store CSI driver); the Application Gateway in front re-encrypts to it.
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${o.name}
  namespace: ${o.ns}
  annotations:
    nginx.ingress.kubernetes.io/ssl-protocols: "TLSv1.2 TLSv1.3"
    nginx.ingress.kubernetes.io/ssl-ciphers: "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256"
    nginx.ingress.kubernetes.io/force-ssl-redirect: "true"
spec:
  ingressClassName: nginx
  tls:
    - hosts:
        - ${i.domain}
      secretName: tls-certificate
  rules:
    - host: ${i.domain}
      http:
        paths:
          - path: ${o.path}
            pathType: Prefix
            backend:
              service:
                name: ${o.service}
                port:
                  number: ${o.port}
`;

  // ── app-frontend ───────────────────────────────────────────────────────────
  add('base/frontend/serviceaccount.yaml', serviceAccount('frontend-sa', 'app-frontend', n.frontendIdentity));
  add('base/frontend/configmap.yaml', `# nginx serving the React build on 8080 (non-root), with the single-page-app
# fallback, compression and security headers.
apiVersion: v1
kind: ConfigMap
metadata:
  name: frontend-nginx
  namespace: app-frontend
data:
  default.conf: |
    server {
      listen 8080;
      server_name _;
      root /usr/share/nginx/html;
      server_tokens off;

      gzip on;
      gzip_types text/css application/javascript application/json image/svg+xml;

      add_header X-Content-Type-Options nosniff always;
      add_header X-Frame-Options DENY always;
      add_header Referrer-Policy strict-origin-when-cross-origin always;

      location /static/ {
        expires 7d;
        add_header Cache-Control "public, immutable";
      }

      location / {
        try_files $uri /index.html;
      }
    }
`);
  add('base/frontend/secretproviderclass.yaml', `# The frontend reads only the TLS certificate from Key Vault ${n.keyVault}: mounting
# this class makes the CSI driver sync it into Secret tls-certificate for the
# Ingress of app-frontend.
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: azure-keyvault
  namespace: app-frontend
spec:
  provider: azure
  secretObjects:
${tlsObjects}  parameters:
    usePodIdentity: "false"
    clientID: ${UNSET_ID}
    keyvaultName: ${n.keyVault}
    tenantId: ${UNSET_ID}
    objects: |
      array:
        - |
          objectName: tls-certificate
          objectType: secret
`);
  add('base/frontend/deployment.yaml', `# React 18 build served by nginx (unprivileged image, UID 101) on port 8080.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
  namespace: app-frontend
  labels:
    app: frontend
    ${part}
spec:
  replicas: 3
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      app: frontend
  template:
    metadata:
      labels:
        app: frontend
        ${part}
        azure.workload.identity/use: "true"
    spec:
      serviceAccountName: frontend-sa
      automountServiceAccountToken: false
${podSecurity(101)}${spread('frontend')}      containers:
        - name: frontend
          image: ${n.registry}/frontend:${i.imageTag}
          ports:
            - name: http
              containerPort: 8080
          livenessProbe:
            httpGet:
              path: /
              port: http
            initialDelaySeconds: 10
            periodSeconds: 10
          readinessProbe:
            httpGet:
              path: /
              port: http
            periodSeconds: 5
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 500m
              memory: 512Mi
${containerSecurity}          volumeMounts:
            - name: nginx-conf
              mountPath: /etc/nginx/conf.d
              readOnly: true
            - name: tmp
              mountPath: /tmp
            - name: secrets-store
              mountPath: /mnt/secrets
              readOnly: true
      volumes:
        - name: nginx-conf
          configMap:
            name: frontend-nginx
        # nginx's pid file and temporary files (the root filesystem is read-only).
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
        - name: secrets-store
          csi:
            driver: secrets-store.csi.k8s.io
            readOnly: true
            volumeAttributes:
              secretProviderClass: azure-keyvault
`);
  add('base/frontend/service.yaml', `apiVersion: v1
kind: Service
metadata:
  name: frontend-service
  namespace: app-frontend
  labels:
    app: frontend
spec:
  type: ClusterIP
  selector:
    app: frontend
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
`);
  add('base/frontend/hpa.yaml', `# 2 to 10 pods at 70% CPU.
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: frontend-hpa
  namespace: app-frontend
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: frontend
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`);
  add('base/frontend/pdb.yaml', `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: frontend-pdb
  namespace: app-frontend
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: frontend
`);
  add('base/frontend/ingress.yaml', ingress({ name: 'app-ingress', ns: 'app-frontend', path: '/', service: 'frontend-service', port: 80, comment: `https://${i.domain}/ → the frontend.` }));
  add('base/frontend/networkpolicy.yaml', `${defaultDeny('app-frontend')}# The frontend: reached by ingress-nginx on 8080, calls the backend API.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: frontend-network-policy
  namespace: app-frontend
spec:
  podSelector:
    matchLabels:
      app: frontend
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
${fromIngressNginx}      ports:
        - protocol: TCP
          port: 8080
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: app-backend
          podSelector:
            matchLabels:
              app: backend
      ports:
        - protocol: TCP
          port: 5000
`);

  // ── app-backend ────────────────────────────────────────────────────────────
  add('base/backend/serviceaccount.yaml', serviceAccount('backend-sa', 'app-backend', n.backendIdentity));
  add('base/backend/rbac.yaml', `# The backend team deploys in app-backend. Entra ID groups reach Kubernetes by
# object ID: BACKEND_TEAM_GROUP_ID of azure-outputs.env.
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: backend-deployer
  namespace: app-backend
rules:
  - apiGroups: ["apps", ""]
    resources: ["deployments", "pods", "services", "configmaps"]
    verbs: ["get", "list", "watch", "create", "update", "patch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: backend-deployer-binding
  namespace: app-backend
subjects:
  - kind: Group
    name: ${UNSET_ID}
    apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: backend-deployer
  apiGroup: rbac.authorization.k8s.io
`);
  add('base/backend/configmap.yaml', `# Connection settings of the backend: PostgreSQL through the server's built-in
# PgBouncer (6432) with TLS required, Redis over TLS on 6380 (cluster mode),
# Blob Storage. The passwords come from Key Vault (secretproviderclass.yaml).
apiVersion: v1
kind: ConfigMap
metadata:
  name: backend-config
  namespace: app-backend
data:
  STORAGE_TYPE: azure
  AZURE_STORAGE_CONTAINER: uploaded-files
  AZURE_STORAGE_ACCOUNT_URL: https://${n.storageAccount}.blob.core.windows.net
  DATABASE_HOST: ${n.postgresHost}
  DATABASE_PORT: "6432"
  DATABASE_NAME: ${n.databaseName}
  DATABASE_USER: ${n.databaseAdmin}
  DATABASE_SSL_MODE: require
  REDIS_HOST: ${n.redisHost}
  REDIS_PORT: "6380"
  REDIS_SSL: "true"
  REDIS_CLUSTER: "true"
  GUNICORN_CMD_ARGS: "--workers=4 --bind=0.0.0.0:5000 --worker-tmp-dir=/tmp"
`);
  const secretKeys: [string, string][] = [
    ['database-password', 'DATABASE_PASSWORD'],
    ['redis-password', 'REDIS_PASSWORD'],
    ['storage-connection-string', 'AZURE_STORAGE_CONNECTION_STRING'],
    ['jwt-signing-key', 'JWT_SECRET_KEY'],
    ['appinsights-connection-string', 'APPLICATIONINSIGHTS_CONNECTION_STRING'],
  ];
  add('base/backend/secretproviderclass.yaml', `# The backend's secrets in Key Vault ${n.keyVault} (written by Terraform), mounted
# at /mnt/secrets and synced into Secret backend-secrets for the environment;
# the TLS certificate is synced into Secret tls-certificate for the Ingress.
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: azure-keyvault
  namespace: app-backend
spec:
  provider: azure
  secretObjects:
    - secretName: backend-secrets
      type: Opaque
      data:
${secretKeys.map(([object, key]) => `        - objectName: ${object}\n          key: ${key}\n`).join('')}${tlsObjects}  parameters:
    usePodIdentity: "false"
    clientID: ${UNSET_ID}
    keyvaultName: ${n.keyVault}
    tenantId: ${UNSET_ID}
    objects: |
      array:
${[...secretKeys.map(([object]) => object), 'tls-certificate'].map((o) => `        - |\n          objectName: ${o}\n          objectType: secret\n`).join('')}`);
  add('base/backend/deployment.yaml', `# Flask 3 API on gunicorn (4 workers), port 5000. Pods drain for 15 seconds
# before SIGTERM so the load balancers stop sending them requests first.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: backend
  namespace: app-backend
  labels:
    app: backend
    ${part}
spec:
  replicas: 3
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      app: backend
  template:
    metadata:
      labels:
        app: backend
        ${part}
        azure.workload.identity/use: "true"
      annotations:
        # Scraped by managed Prometheus (monitoring/ama-metrics-settings.yaml).
        prometheus.io/scrape: "true"
        prometheus.io/port: "5000"
        prometheus.io/path: /metrics
    spec:
      serviceAccountName: backend-sa
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: 30
${podSecurity(1000)}${spread('backend')}      containers:
        - name: backend
          image: ${n.registry}/backend:${i.imageTag}
          ports:
            - name: http
              containerPort: 5000
          envFrom:
            - configMapRef:
                name: backend-config
          env:
${secretKeys.map(([, key]) => `            - name: ${key}
              valueFrom:
                secretKeyRef:
                  name: backend-secrets
                  key: ${key}
`).join('')}          livenessProbe:
            httpGet:
              path: /health/live
              port: http
            initialDelaySeconds: 30
            periodSeconds: 10
            timeoutSeconds: 5
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /health/ready
              port: http
            initialDelaySeconds: 10
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 3
          lifecycle:
            preStop:
              exec:
                command: ["/bin/sh", "-c", "sleep 15"]
          resources:
            requests:
              cpu: 500m
              memory: 512Mi
            limits:
              cpu: 2000m
              memory: 2Gi
${containerSecurity}          volumeMounts:
            - name: secrets-store
              mountPath: /mnt/secrets
              readOnly: true
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: secrets-store
          csi:
            driver: secrets-store.csi.k8s.io
            readOnly: true
            volumeAttributes:
              secretProviderClass: azure-keyvault
        # gunicorn's worker heartbeat files and uploads in progress.
        - name: tmp
          emptyDir:
            medium: Memory
            sizeLimit: 256Mi
`);
  add('base/backend/service.yaml', `# ClientIP affinity keeps a client's requests on one pod (sticky sessions).
apiVersion: v1
kind: Service
metadata:
  name: backend-service
  namespace: app-backend
  labels:
    app: backend
spec:
  type: ClusterIP
  sessionAffinity: ClientIP
  selector:
    app: backend
  ports:
    - name: http
      port: 5000
      targetPort: http
      protocol: TCP
`);
  add('base/backend/hpa.yaml', `# 3 to 15 pods at 70% CPU or 80% memory; scale up fast (50% a minute), down
# slowly (one pod every two minutes after five calm minutes).
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: backend-hpa
  namespace: app-backend
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: backend
  minReplicas: 3
  maxReplicas: 15
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
    scaleUp:
      stabilizationWindowSeconds: 60
      policies:
        - type: Percent
          value: 50
          periodSeconds: 60
    scaleDown:
      stabilizationWindowSeconds: 300
      policies:
        - type: Pods
          value: 1
          periodSeconds: 120
`);
  add('base/backend/pdb.yaml', `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: backend-pdb
  namespace: app-backend
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app: backend
`);
  add('base/backend/ingress.yaml', ingress({ name: 'api-ingress', ns: 'app-backend', path: '/api', service: 'backend-service', port: 5000, comment: `https://${i.domain}/api → the backend.` }));
  add('base/backend/networkpolicy.yaml', `${defaultDeny('app-backend')}# The backend: reached by the frontend, ingress-nginx and the managed
# Prometheus scraper on 5000; reaches the private endpoints (snet-private-endpoints)
# and, on 443 only, Entra ID and Application Insights.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: backend-network-policy
  namespace: app-backend
spec:
  podSelector:
    matchLabels:
      app: backend
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: app-frontend
          podSelector:
            matchLabels:
              app: frontend
${fromIngressNginx}        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              rsName: ama-metrics
      ports:
        - protocol: TCP
          port: 5000
  egress:
    # PostgreSQL (PgBouncer 6432, direct 5432 for migrations), Redis (TLS 6380
    # and the cluster-mode TLS ports 15000-15019), Blob Storage and Key Vault (443).
    - to:
        - ipBlock:
            cidr: 10.0.2.0/24
      ports:
        - protocol: TCP
          port: 6432
        - protocol: TCP
          port: 5432
        - protocol: TCP
          port: 6380
        - protocol: TCP
          port: 15000
          endPort: 15019
        - protocol: TCP
          port: 443
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except:
              - 10.0.0.0/8
              - 172.16.0.0/12
              - 192.168.0.0/16
      ports:
        - protocol: TCP
          port: 443
`);

  add('base/monitoring/ama-metrics-settings.yaml', `# Managed Prometheus (the AKS metrics add-on) scrapes pods annotated
# prometheus.io/scrape in app-backend: the backend's /metrics.
apiVersion: v1
kind: ConfigMap
metadata:
  name: ama-metrics-settings-configmap
  namespace: kube-system
data:
  schema-version: v1
  config-version: ver1
  pod-annotation-based-scraping: |-
    podannotationnamespaceregex = "app-backend"
`);

  add('ingress-nginx/values.yaml', `# Values of the ingress-nginx chart ${INGRESS_NGINX_CHART_VERSION} (the deploy workflow installs it).
# The controller sits behind the Application Gateway on an internal load
# balancer with a fixed address in snet-ingress (var.ingress_private_ip).
controller:
  replicaCount: 3
  ingressClassResource:
    name: nginx
    default: true
  service:
    annotations:
      service.beta.kubernetes.io/azure-load-balancer-internal: "true"
      service.beta.kubernetes.io/azure-load-balancer-internal-subnet: snet-ingress
      service.beta.kubernetes.io/azure-load-balancer-ipv4: ${n.ingressIp}
  config:
    ssl-protocols: "TLSv1.2 TLSv1.3"
    hsts: "true"
    # Client addresses as the Application Gateway (10.0.3.0/24) saw them.
    use-forwarded-headers: "true"
    proxy-real-ip-cidr: 10.0.3.0/24
  podDisruptionBudget:
    enabled: true
    maxUnavailable: 1
  topologySpreadConstraints:
    - maxSkew: 1
      topologyKey: topology.kubernetes.io/zone
      whenUnsatisfiable: ScheduleAnyway
      labelSelector:
        matchLabels:
          app.kubernetes.io/name: ingress-nginx
          app.kubernetes.io/component: controller
  resources:
    requests:
      cpu: 100m
      memory: 128Mi
    limits:
      memory: 512Mi
  metrics:
    enabled: true
`);

  files.set('.github/workflows/deploy.yml', workflow(i, n));
  return files;
}

function workflow(i: AzureSaasInput, n: AzureSaasNames): string {
  const base = n.base;
  return `# Deploys infra/k8s to ${n.cluster} (the seed's "kubectl apply" step). GitHub
# signs in to Azure with OIDC federation: no stored credentials. The identity
# behind AZURE_CLIENT_ID must be in a cluster_admin_group_object_ids group.
name: deploy

on:
  push:
    branches: [main]
    paths:
      - infra/k8s/**
      - .github/workflows/deploy.yml
  workflow_dispatch:
    inputs:
      image_tag:
        description: Image tag of the frontend and backend to deploy
        required: false

permissions:
  contents: read
  id-token: write

concurrency:
  group: deploy-${i.environment}
  cancel-in-progress: false

env:
  RESOURCE_GROUP: ${n.resourceGroup}
  CLUSTER_NAME: ${n.cluster}
  REGISTRY: ${n.registry}
  INGRESS_NGINX_CHART_VERSION: ${INGRESS_NGINX_CHART_VERSION}

jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: ${i.environment}
    steps:
      - uses: actions/checkout@v4

      - uses: azure/login@v2
        with:
          client-id: \${{ vars.AZURE_CLIENT_ID }}
          tenant-id: \${{ vars.AZURE_TENANT_ID }}
          subscription-id: \${{ vars.AZURE_SUBSCRIPTION_ID }}

      - uses: azure/use-kubelogin@v1
        with:
          kubelogin-version: v0.1.6

      - name: Cluster credentials (Entra ID, no local account)
        run: |
          az aks get-credentials --resource-group "$RESOURCE_GROUP" --name "$CLUSTER_NAME" --overwrite-existing
          kubelogin convert-kubeconfig -l azurecli

      - name: Identities for the kustomize replacements
        env:
          BACKEND_TEAM_GROUP_ID: \${{ vars.BACKEND_TEAM_GROUP_ID }}
        run: |
          cat > infra/k8s/base/azure-outputs.env <<EOF
          AZURE_TENANT_ID=$(az account show --query tenantId -o tsv)
          FRONTEND_CLIENT_ID=$(az identity show -g "$RESOURCE_GROUP" -n id-frontend-${base} --query clientId -o tsv)
          BACKEND_CLIENT_ID=$(az identity show -g "$RESOURCE_GROUP" -n id-backend-${base} --query clientId -o tsv)
          BACKEND_TEAM_GROUP_ID=$BACKEND_TEAM_GROUP_ID
          EOF

      - name: Image tag
        if: inputs.image_tag != ''
        working-directory: infra/k8s/base
        env:
          TAG: \${{ inputs.image_tag }}
        run: |
          kustomize edit set image "$REGISTRY/frontend=$REGISTRY/frontend:$TAG" "$REGISTRY/backend=$REGISTRY/backend:$TAG"

      - name: Namespaces, then the ingress controller
        run: |
          kubectl apply -f infra/k8s/base/namespaces.yaml
          helm upgrade --install ingress-nginx ingress-nginx \\
            --repo https://kubernetes.github.io/ingress-nginx \\
            --version "$INGRESS_NGINX_CHART_VERSION" \\
            --namespace ingress-nginx \\
            --values infra/k8s/ingress-nginx/values.yaml \\
            --wait

      - name: Applications
        run: |
          kubectl apply -k infra/k8s/base
          kubectl rollout status deployment/frontend -n app-frontend --timeout=10m
          kubectl rollout status deployment/backend -n app-backend --timeout=10m
`;
}
