// manifests/staging/nginx-front/: what the Argo CD Application nginx-frontend
// syncs into the frontend namespace — nginx serving the SPA and proxying /api to
// the Flask Service, behind the nginx Ingress with a cert-manager certificate.
import {
  containerSecurityContext, denyAllAndDns, FRONTEND_DIR, HelmStagingInput, image, kustomization, labels, N, namespaceDoc,
  podSecurityContext, PORTS, rbac, selectorLabels, syncWave, TlsIssuer,
} from './common';

const NGINX_UID = 101;

export function frontendFiles(i: HelmStagingInput, add: (path: string, text: string) => void): void {
  const ns = i.frontendNamespace;
  const replicas = Number(i.frontendReplicas);
  const issuer = i.tlsIssuer as TlsIssuer;
  const meta = labels(N.frontendName, N.frontendApp, 'frontend', '    ');
  const select = selectorLabels(N.frontendName, N.frontendApp, '      ');
  const d = (f: string) => `${FRONTEND_DIR}/${f}`;

  add(d('kustomization.yaml'), kustomization(`The nginx frontend (Argo CD Application ${N.frontendApp}, namespace ${ns}).`, [
    'namespace.yaml',
    'networkpolicies.yaml',
    'rbac.yaml',
    'configmap.yaml',
    'deployment.yaml',
    'service.yaml',
    ...(replicas > 1 ? ['pdb.yaml'] : []),
    'issuer.yaml',
    'ingress.yaml',
  ]));

  add(d('namespace.yaml'), namespaceDoc(ns, 'The nginx frontend: the only namespace reachable from the ingress controller.'));

  add(d('networkpolicies.yaml'), `${denyAllAndDns(ns, 'nginx\'s resolver (it resolves the backend Service per request)')}---
# nginx: reached by the ingress controller only, on its HTTP port (TLS ends at
# the controller); it reaches the Flask API and nothing else. NetworkPolicies
# see pod ports: the backend Service's ${PORTS.backendService} is container port ${PORTS.backendContainer}.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${N.frontendName}
  namespace: ${ns}
${syncWave(-1, '  ')}spec:
  podSelector:
    matchLabels:
${selectorLabels(N.frontendName, N.frontendApp, '      ')}  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ${i.ingressNamespace}
          podSelector:
            matchLabels:
              app.kubernetes.io/name: ingress-nginx
      ports:
        - protocol: TCP
          port: ${PORTS.frontend}
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ${i.backendNamespace}
          podSelector:
            matchLabels:
${selectorLabels(N.backendName, N.backendApp, '              ')}      ports:
        - protocol: TCP
          port: ${PORTS.backendContainer}
${issuer === 'ca' ? '' : `---
# cert-manager answers Let's Encrypt's HTTP-01 challenge from short-lived solver
# pods it starts in this namespace at each issuance: the controller must reach them.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-acme-http01-solver
  namespace: ${ns}
${syncWave(-1, '  ')}spec:
  podSelector:
    matchLabels:
      acme.cert-manager.io/http01-solver: "true"
  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ${i.ingressNamespace}
      ports:
        - protocol: TCP
          port: 8089
`}`);

  add(d('rbac.yaml'), rbac({
    ns,
    name: N.frontendName,
    labels: meta,
    comment: `The identity of the nginx pods: it may read the ConfigMap ${N.nginxConf}, nothing else.`,
    rules: [{ resource: 'configmaps', names: [N.nginxConf] }],
  }));

  const backendUrl = `http://${N.backendName}.${i.backendNamespace}.svc.cluster.local:${PORTS.backendService}`;
  add(d('configmap.yaml'), `# nginx.conf of the frontend: the SPA with cache and security headers, /api
# proxied to the Flask Service. Written for a read-only root filesystem: the pid
# file and temporary files live in the emptyDirs /tmp and /var/cache/nginx.
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${N.nginxConf}
  namespace: ${ns}
  labels:
${meta}data:
  nginx.conf: |
    worker_processes auto;
    pid /tmp/nginx.pid;
    error_log /dev/stderr warn;

    events {
      worker_connections 1024;
    }

    http {
      include /etc/nginx/mime.types;
      default_type application/octet-stream;
      access_log /dev/stdout;
      sendfile on;
      server_tokens off;
      client_max_body_size 10m;

      client_body_temp_path /var/cache/nginx/client_temp;
      proxy_temp_path /var/cache/nginx/proxy_temp;
      fastcgi_temp_path /var/cache/nginx/fastcgi_temp;
      uwsgi_temp_path /var/cache/nginx/uwsgi_temp;
      scgi_temp_path /var/cache/nginx/scgi_temp;

      # The backend Service is resolved per request (a variable in proxy_pass),
      # so nginx starts even when the backend is not deployed yet.
      resolver kube-dns.kube-system.svc.cluster.local valid=30s ipv6=off;

      server {
        listen ${PORTS.frontend};
        server_name _;
        root /usr/share/nginx/html;

        add_header X-Content-Type-Options "nosniff" always;
        add_header X-Frame-Options "DENY" always;
        add_header Referrer-Policy "strict-origin-when-cross-origin" always;
        add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'" always;

        location = /healthz {
          access_log off;
          default_type text/plain;
          return 200 "ok\\n";
        }

        location /api/ {
          set $backend ${backendUrl};
          proxy_pass $backend;
          proxy_http_version 1.1;
          proxy_set_header Host $host;
          proxy_set_header X-Real-IP $http_x_real_ip;
          proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
          proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;
          proxy_read_timeout 60s;
        }

        # Fingerprinted assets are cached; index.html never is.
        location ~* \\.(?:css|js|mjs|png|jpe?g|gif|svg|ico|webp|woff2?)$ {
          expires 7d;
          try_files $uri =404;
        }

        location / {
          expires -1;
          try_files $uri $uri/ /index.html;
        }
      }
    }
`);

  add(d('deployment.yaml'), `# nginx serving the React SPA and proxying /api to the Flask backend, as nginx
# (UID ${NGINX_UID}) with no capabilities and a read-only root filesystem.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${N.frontendApp}
  namespace: ${ns}
  labels:
${meta}spec:
  replicas: ${replicas}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
${select}  template:
    metadata:
      labels:
${labels(N.frontendName, N.frontendApp, 'frontend', '        ')}    spec:
      serviceAccountName: ${N.frontendName}
      automountServiceAccountToken: false
${podSecurityContext(NGINX_UID, '      ', {
    extra: `        # Lets nginx bind port ${PORTS.frontend} without NET_BIND_SERVICE (a safe, per-pod sysctl).
        sysctls:
          - name: net.ipv4.ip_unprivileged_port_start
            value: "${PORTS.frontend}"
`,
  })}      containers:
        - name: ${N.frontendContainer}
          image: ${image(i, i.frontendImage, i.frontendTag)}
          ports:
            - name: http
              containerPort: ${PORTS.frontend}
              protocol: TCP
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 10
          livenessProbe:
            httpGet:
              path: /healthz
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
            - name: nginx-conf
              mountPath: /etc/nginx/nginx.conf
              subPath: nginx.conf
              readOnly: true
            - name: cache
              mountPath: /var/cache/nginx
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: nginx-conf
          configMap:
            name: ${N.nginxConf}
        - name: cache
          emptyDir:
            sizeLimit: 128Mi
        - name: tmp
          emptyDir:
            medium: Memory
            sizeLimit: 16Mi
`);

  add(d('service.yaml'), `apiVersion: v1
kind: Service
metadata:
  name: ${N.frontendApp}
  namespace: ${ns}
  labels:
${meta}spec:
  type: ClusterIP
  selector:
${selectorLabels(N.frontendName, N.frontendApp, '    ')}  ports:
    - name: http
      port: ${PORTS.frontend}
      targetPort: http
      protocol: TCP
`);

  if (replicas > 1) {
    add(d('pdb.yaml'), `# Node drains take at most one nginx pod at a time.
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${N.frontendApp}
  namespace: ${ns}
  labels:
${meta}spec:
  maxUnavailable: 1
  selector:
    matchLabels:
${select}`);
  }

  add(d('issuer.yaml'), issuerDoc(i, issuer));

  add(d('ingress.yaml'), `# https://${i.domain} → ${N.frontendApp}:${PORTS.frontend}. TLS ends at the ingress
# controller with the certificate cert-manager keeps in ${N.tlsSecret}; plain
# HTTP is redirected to HTTPS.
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${N.frontendApp}
  namespace: ${ns}
  labels:
${meta}  annotations:
    cert-manager.io/issuer: ${issuer}
    nginx.ingress.kubernetes.io/force-ssl-redirect: "true"
spec:
  ingressClassName: ${i.ingressClass}
  tls:
    - hosts:
        - ${i.domain}
      secretName: ${N.tlsSecret}
  rules:
    - host: ${i.domain}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${N.frontendApp}
                port:
                  name: http
`);
}

function issuerDoc(i: HelmStagingInput, issuer: TlsIssuer): string {
  const head = (comment: string) => `# ${comment}
# A namespaced Issuer: the Argo CD project needs no cluster-scoped cert-manager
# objects. Sync wave -1: ready before the Ingress asks it for a certificate.
apiVersion: cert-manager.io/v1
kind: Issuer
metadata:
  name: ${issuer}
  namespace: ${i.frontendNamespace}
${syncWave(-1, '  ')}spec:
`;
  if (issuer === 'ca') {
    return `${head(`Certificates signed by the staging CA, for a name only resolvable inside your network
# (${i.domain}). Create the CA key pair once, outside Git (see README.md):
#   kubectl create secret tls ${N.caSecret} -n ${i.frontendNamespace} --cert=ca.crt --key=ca.key`)}  ca:
    secretName: ${N.caSecret}
`;
  }
  const server = issuer === 'letsencrypt' ? 'https://acme-v02.api.letsencrypt.org/directory' : 'https://acme-staging-v02.api.letsencrypt.org/directory';
  const what = issuer === 'letsencrypt' ? 'Let\'s Encrypt (production)' : 'Let\'s Encrypt staging (untrusted certificates, generous rate limits)';
  return `${head(`${what}, HTTP-01 challenge answered through the ${i.ingressClass} ingress class.`)}  acme:
    server: ${server}
    email: ${i.email}
    privateKeySecretRef:
      name: ${issuer}-account-key
    solvers:
      - http01:
          ingress:
            ingressClassName: ${i.ingressClass}
`;
}
