// Sample workspaces for the topology tests (core graph, CLI, webview): one per
// view, small enough to read, covering every edge type and the XSS payload name.
import { Workspace } from '../../server/src/core/model/workspace';

export const XSS_NAME = '<img src=x onerror=alert(1)>';

export const NETWORK_FILES: Record<string, string> = {
  'app/namespace.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Namespace
metadata:
  name: traefik
`,
  'app/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      imagePullSecrets:
        - name: registry
      containers:
        - name: web
          image: example/web:1.0
          ports:
            - containerPort: 8080
              name: http
          envFrom:
            - configMapRef:
                name: web-env
          env:
            - name: DATABASE_URL
              value: postgres://app@db.example.com:5432/shop?sslmode=require
            - name: API_KEY
              valueFrom:
                secretKeyRef: { name: web-secrets, key: api-key }
          volumeMounts:
            - { name: uploads, mountPath: /uploads }
            - { name: settings, mountPath: /etc/settings }
      volumes:
        - name: uploads
          persistentVolumeClaim:
            claimName: uploads
        - name: settings
          configMap:
            name: web-settings
`,
  'app/config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-env
  namespace: shop
data:
  REDIS_HOST: cache.redis.cache.windows.net
  REDIS_PORT: "6380"
---
apiVersion: v1
kind: Secret
metadata:
  name: web-secrets
  namespace: shop
stringData:
  api-key: ENC[AES256_GCM,data:xyz]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: uploads
  namespace: shop
spec:
  storageClassName: fast
  accessModes: [ReadWriteMany]
  resources:
    requests:
      storage: 10Gi
`,
  'app/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: { app: web }
  ports:
    - port: 80
      targetPort: http
---
apiVersion: v1
kind: Service
metadata:
  name: "${XSS_NAME}"
  namespace: shop
spec:
  selector: { app: nothing }
  ports:
    - port: 80
`,
  'app/route.yaml': `apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata:
  name: web
  namespace: shop
spec:
  entryPoints: [websecure]
  routes:
    - match: Host(\`shop.example.com\`)
      kind: Rule
      services:
        - name: web
          port: 80
  tls:
    secretName: web-tls
`,
  'app/policy.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-from-frontend
  namespace: shop
spec:
  podSelector:
    matchLabels: { app: web }
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels: { app: frontend }
      ports:
        - port: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
  namespace: shop
spec:
  selector:
    matchLabels: { app: frontend }
  template:
    metadata:
      labels: { app: frontend }
    spec:
      containers:
        - name: frontend
          image: example/frontend:1.0
          env:
            - name: BACKEND_HOST
              value: web
`,
  'infra/traefik.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: traefik
  namespace: traefik
spec:
  interval: 30m
  chart:
    spec:
      chart: traefik
      sourceRef:
        kind: HelmRepository
        name: traefik
        namespace: flux-system
`,
};

export const GITOPS_FILES: Record<string, string> = {
  'clusters/prod/infrastructure.yaml': `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: infrastructure
  namespace: flux-system
spec:
  interval: 10m
  path: ./infrastructure
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`,
  'clusters/prod/apps.yaml': `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 10m
  path: ./apps
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
  dependsOn:
    - name: infrastructure
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: monitoring
  namespace: flux-system
spec:
  interval: 10m
  path: ./monitoring
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
  dependsOn:
    - name: alerts
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: alerts
  namespace: flux-system
spec:
  interval: 10m
  path: ./alerts
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
  dependsOn:
    - name: monitoring
    - name: missing-one
`,
  'clusters/prod/flux-system/gotk-sync.yaml': `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m
  url: ssh://git@github.com/example/fleet
  ref:
    branch: main
`,
  'infrastructure/redis.yaml': `apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata:
  name: bitnami
  namespace: flux-system
spec:
  interval: 24h
  url: https://charts.bitnami.com/bitnami
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: redis
  namespace: data
spec:
  interval: 30m
  chart:
    spec:
      chart: redis
      version: 19.x
      sourceRef:
        kind: HelmRepository
        name: bitnami
        namespace: flux-system
`,
  'argo/apps.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: shop
  namespace: argocd
  annotations:
    argocd.argoproj.io/sync-wave: "1"
spec:
  project: default
  source:
    repoURL: https://github.com/example/shop.git
    path: deploy
  destination:
    server: https://kubernetes.default.svc
    namespace: shop
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: database
  namespace: argocd
  annotations:
    argocd.argoproj.io/sync-wave: "0"
spec:
  project: default
  source:
    repoURL: https://charts.bitnami.com/bitnami
    chart: postgresql
    targetRevision: 15.x
  destination:
    server: https://kubernetes.default.svc
    namespace: shop
`,
};

export const TERRAFORM_FILES: Record<string, string> = {
  'tf/main.tf': `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "db" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_security_group" "db" {
  vpc_id = aws_vpc.main.id
}

resource "aws_db_instance" "main" {
  engine                 = "postgres"
  vpc_security_group_ids = [aws_security_group.db.id]
  db_subnet_group_name   = aws_db_subnet_group.main.name
  publicly_accessible    = true
  depends_on             = [aws_vpc.main]
}

resource "aws_db_subnet_group" "main" {
  subnet_ids = [aws_subnet.db.id]
}
`,
};

export function workspaceOf(files: Record<string, string>): Workspace {
  const ws = new Workspace();
  for (const [path, text] of Object.entries(files)) ws.update(path, text);
  return ws;
}
