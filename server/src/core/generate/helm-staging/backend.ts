// manifests/staging/flask-app/: what the Argo CD Application flask-backend syncs
// into the backend namespace — the Flask API (Deployment, HPA, PDB) and its
// MySQL StatefulSet, credentials from AWS Secrets Manager via ExternalSecrets.
import {
  BACKEND_DIR, containerSecurityContext, denyAllAndDns, HelmStagingInput, image, kustomization, labels, lines, N,
  namespaceDoc, podSecurityContext, PORTS, rbac, selectorLabels, syncWave,
} from './common';

const FLASK_UID = 1000;
/** The mysql user of the official image. */
const MYSQL_UID = 999;

export function backendFiles(i: HelmStagingInput, add: (path: string, text: string) => void): void {
  const ns = i.backendNamespace;
  const minReplicas = Number(i.backendReplicas);
  const maxReplicas = Number(i.backendMaxReplicas);
  const meta = labels(N.backendName, N.backendApp, 'api', '    ');
  const select = selectorLabels(N.backendName, N.backendApp, '      ');
  const dbMeta = labels(N.db, N.backendApp, 'database', '    ');
  const dbSelect = selectorLabels(N.db, N.backendApp, '      ');
  const d = (f: string) => `${BACKEND_DIR}/${f}`;

  add(d('kustomization.yaml'), kustomization(`The Flask backend and its MySQL database (Argo CD Application ${N.backendApp}, namespace ${ns}).`, [
    'namespace.yaml',
    'networkpolicies.yaml',
    'rbac.yaml',
    'externalsecrets.yaml',
    'configmap.yaml',
    'mysql.yaml',
    'deployment.yaml',
    'service.yaml',
    'hpa.yaml',
    'pdb.yaml',
  ]));

  add(d('namespace.yaml'), namespaceDoc(ns, 'The Flask API and its database: reachable from the frontend (and Argo CD) only.'));

  add(d('networkpolicies.yaml'), `${denyAllAndDns(ns, 'the API and the database (MySQL itself runs with --skip-name-resolve)')}---
# The Flask API: called by nginx in ${i.frontendNamespace} and by Argo CD; it calls MySQL
# and HTTPS APIs on the internet. NetworkPolicies see pod ports: the Service's
# ${PORTS.backendService} is container port ${PORTS.backendContainer}.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${N.backendName}
  namespace: ${ns}
${syncWave(-1, '  ')}spec:
  podSelector:
    matchLabels:
${select}  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ${i.frontendNamespace}
          podSelector:
            matchLabels:
${selectorLabels(N.frontendName, N.frontendApp, '              ')}        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ${i.argocdNamespace}
      ports:
        - protocol: TCP
          port: ${PORTS.backendContainer}
  egress:
    - to:
        - podSelector:
            matchLabels:
${selectorLabels(N.db, N.backendApp, '              ')}      ports:
        - protocol: TCP
          port: ${PORTS.mysql}
    # External HTTPS APIs; private ranges (the VPC, the Kubernetes API) and the
    # instance metadata service stay blocked.
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except:
              - 10.0.0.0/8
              - 172.16.0.0/12
              - 192.168.0.0/16
              - 169.254.0.0/16
      ports:
        - protocol: TCP
          port: 443
---
# MySQL: reached by the Flask API only; it connects nowhere (DNS aside, above).
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${N.db}
  namespace: ${ns}
${syncWave(-1, '  ')}spec:
  podSelector:
    matchLabels:
${dbSelect}  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - podSelector:
            matchLabels:
${selectorLabels(N.backendName, N.backendApp, '              ')}      ports:
        - protocol: TCP
          port: ${PORTS.mysql}
`);

  add(d('rbac.yaml'), `${rbac({
    ns,
    name: N.backendName,
    labels: meta,
    comment: `The identity of the Flask pods: it may read its ConfigMap and its own Secrets, not the database's.`,
    rules: [
      { resource: 'configmaps', names: [N.backendConfig] },
      { resource: 'secrets', names: [N.backendSecret, N.jwtSecret] },
    ],
  })}---
# The identity of the MySQL pod: no API access at all.
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${N.db}
  namespace: ${ns}
  labels:
${dbMeta}automountServiceAccountToken: false
`);

  const externalSecret = (o: { name: string; comment: string; labels: string; data: [string, string, string][] }) => `# ${o.comment}
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: ${o.name}
  namespace: ${ns}
  labels:
${o.labels}${syncWave(-1, '  ')}spec:
  refreshInterval: 1h
  secretStoreRef:
    kind: ClusterSecretStore
    name: ${i.secretStore}
  target:
    name: ${o.name}
    creationPolicy: Owner
  data:
${o.data.map(([key, remote, property]) => `    - secretKey: ${key}
      remoteRef:
        key: ${i.secretPrefix}/${remote}
        property: ${property}
`).join('')}`;
  add(d('externalsecrets.yaml'), `# Credentials live in AWS Secrets Manager, never in Git. The External Secrets
# Operator reads them through the ClusterSecretStore ${i.secretStore} and writes
# the Secrets below (refreshed hourly). Sync wave -1: the Secrets exist before
# the pods that use them start. The AWS secrets to create are in README.md.
${externalSecret({
    name: N.backendSecret,
    comment: 'The Flask app\'s sensitive settings, as environment variables.',
    labels: meta,
    data: [['DB_PASSWORD', 'mysql', 'password'], ['SECRET_KEY', 'app', 'secret-key']],
  })}---
${externalSecret({
    name: N.jwtSecret,
    comment: 'The JWT signing key pair, mounted as files in the Flask pods.',
    labels: meta,
    data: [['private.pem', 'jwt', 'private-key'], ['public.pem', 'jwt', 'public-key']],
  })}---
${externalSecret({
    name: N.dbSecret,
    comment: 'MySQL\'s root password and the application user\'s password (the same value as DB_PASSWORD).',
    labels: dbMeta,
    data: [['MYSQL_ROOT_PASSWORD', 'mysql', 'root-password'], ['MYSQL_PASSWORD', 'mysql', 'password']],
  })}`);

  add(d('configmap.yaml'), `# The Flask app's non-secret settings; the secret ones are in ${N.backendSecret}.
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${N.backendConfig}
  namespace: ${ns}
  labels:
${meta}data:
${lines([
    ['APP_ENV', 'staging'],
    ['DB_HOST', N.db],
    ['DB_PORT', `"${PORTS.mysql}"`],
    ['DB_NAME', i.databaseName],
    ['DB_USER', i.databaseUser],
    ['JWT_PRIVATE_KEY_FILE', '/var/run/secrets/jwt/private.pem'],
    ['JWT_PUBLIC_KEY_FILE', '/var/run/secrets/jwt/public.pem'],
    ['PYTHONDONTWRITEBYTECODE', '"1"'],
    ['PYTHONUNBUFFERED', '"1"'],
    ['TMPDIR', '/tmp'],
  ], '  ')}`);

  add(d('mysql.yaml'), `# MySQL ${i.mysqlTag}, standalone (one pod, no replication), data on a ${i.storageSize} volume of
# StorageClass ${i.storageClass}. It runs as the image's mysql user (UID ${MYSQL_UID}) with a
# read-only root filesystem: only the data volume, the socket directory and /tmp
# are writable. The database and user are created on first start.
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${N.db}
  namespace: ${ns}
  labels:
${dbMeta}spec:
  serviceName: ${N.dbHeadless}
  replicas: 1
  revisionHistoryLimit: 5
  selector:
    matchLabels:
${dbSelect}  # Deleting or scaling the StatefulSet keeps the data volume.
  persistentVolumeClaimRetentionPolicy:
    whenDeleted: Retain
    whenScaled: Retain
  template:
    metadata:
      labels:
${labels(N.db, N.backendApp, 'database', '        ')}    spec:
      serviceAccountName: ${N.db}
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: 60
${podSecurityContext(MYSQL_UID, '      ', { fsGroup: true })}      containers:
        - name: mysql
          image: docker.io/library/mysql:${i.mysqlTag}
          # Grants use '%' hosts: no reverse DNS lookups per connection.
          args: ["--skip-name-resolve"]
          ports:
            - name: mysql
              containerPort: ${PORTS.mysql}
              protocol: TCP
          env:
            - name: MYSQL_ROOT_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: ${N.dbSecret}
                  key: MYSQL_ROOT_PASSWORD
            - name: MYSQL_DATABASE
              value: ${i.databaseName}
            - name: MYSQL_USER
              value: ${i.databaseUser}
            - name: MYSQL_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: ${N.dbSecret}
                  key: MYSQL_PASSWORD
          # The first start initialises the data directory with networking off:
          # the port opens only when MySQL is ready to serve.
          startupProbe:
            tcpSocket:
              port: mysql
            periodSeconds: 10
            failureThreshold: 30
          readinessProbe:
            tcpSocket:
              port: mysql
            periodSeconds: 10
          livenessProbe:
            tcpSocket:
              port: mysql
            periodSeconds: 20
            failureThreshold: 3
          resources:
            requests:
              cpu: 250m
              memory: 512Mi
            limits:
              cpu: "1"
              memory: 1Gi
${containerSecurityContext('          ')}          volumeMounts:
            - name: ${N.dbClaim}
              mountPath: /var/lib/mysql
            - name: run
              mountPath: /var/run/mysqld
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: run
          emptyDir:
            medium: Memory
            sizeLimit: 16Mi
        # Temporary tables spill here: on disk, not in memory.
        - name: tmp
          emptyDir:
            sizeLimit: 1Gi
  volumeClaimTemplates:
    - metadata:
        name: ${N.dbClaim}
        labels:
${dbSelect.replace(/^ {6}/gm, '          ')}      spec:
        accessModes:
          - ReadWriteOnce
        storageClassName: ${i.storageClass}
        resources:
          requests:
            storage: ${i.storageSize}
---
# What the Flask app connects to: ${N.db}:${PORTS.mysql}.
apiVersion: v1
kind: Service
metadata:
  name: ${N.db}
  namespace: ${ns}
  labels:
${dbMeta}spec:
  type: ClusterIP
  selector:
${selectorLabels(N.db, N.backendApp, '    ')}  ports:
    - name: mysql
      port: ${PORTS.mysql}
      targetPort: mysql
      protocol: TCP
---
# The StatefulSet's governing Service: stable DNS for the pod (${N.db}-0).
apiVersion: v1
kind: Service
metadata:
  name: ${N.dbHeadless}
  namespace: ${ns}
  labels:
${dbMeta}spec:
  clusterIP: None
  selector:
${selectorLabels(N.db, N.backendApp, '    ')}  ports:
    - name: mysql
      port: ${PORTS.mysql}
      targetPort: mysql
      protocol: TCP
`);

  add(d('deployment.yaml'), `# The Flask API (gunicorn on port ${PORTS.backendContainer}) as UID ${FLASK_UID}, no capabilities, read-only
# root filesystem; /tmp (sessions, gunicorn's heartbeat files) is in memory.
# Settings come from ${N.backendConfig}, credentials from ${N.backendSecret}, the
# JWT keys are files from ${N.jwtSecret}.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${N.backendName}
  namespace: ${ns}
  labels:
${meta}spec:
  # No replicas here: the HorizontalPodAutoscaler ${N.backendName} owns the count
  # (${minReplicas} to ${Math.max(minReplicas, maxReplicas)}); a value here would be reset by every Argo CD sync.
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
${labels(N.backendName, N.backendApp, 'api', '        ')}    spec:
      serviceAccountName: ${N.backendName}
      automountServiceAccountToken: false
${podSecurityContext(FLASK_UID, '      ', { fsGroup: true })}      containers:
        - name: ${N.backendName}
          image: ${image(i, i.backendImage, i.backendTag)}
          ports:
            - name: http
              containerPort: ${PORTS.backendContainer}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: ${N.backendConfig}
            - secretRef:
                name: ${N.backendSecret}
          readinessProbe:
            httpGet:
              path: /health
              port: http
            initialDelaySeconds: 5
            periodSeconds: 10
          livenessProbe:
            httpGet:
              path: /health
              port: http
            initialDelaySeconds: 15
            periodSeconds: 20
          resources:
            requests:
              cpu: 100m
              memory: 256Mi
            limits:
              cpu: 500m
              memory: 512Mi
${containerSecurityContext('          ')}          volumeMounts:
            - name: tmp
              mountPath: /tmp
            - name: jwt
              mountPath: /var/run/secrets/jwt
              readOnly: true
      volumes:
        - name: tmp
          emptyDir:
            medium: Memory
            sizeLimit: 64Mi
        - name: jwt
          secret:
            secretName: ${N.jwtSecret}
`);

  add(d('service.yaml'), `# ${N.backendName}:${PORTS.backendService} → gunicorn on ${PORTS.backendContainer} (what nginx proxies /api to).
apiVersion: v1
kind: Service
metadata:
  name: ${N.backendName}
  namespace: ${ns}
  labels:
${meta}spec:
  type: ClusterIP
  selector:
${selectorLabels(N.backendName, N.backendApp, '    ')}  ports:
    - name: http
      port: ${PORTS.backendService}
      targetPort: http
      protocol: TCP
`);

  add(d('hpa.yaml'), `# Scales the API on CPU (the Metrics Server must run in the cluster).
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${N.backendName}
  namespace: ${ns}
  labels:
${meta}spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${N.backendName}
  minReplicas: ${minReplicas}
  maxReplicas: ${Math.max(minReplicas, maxReplicas)}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 300
`);

  add(d('pdb.yaml'), `# At least one API pod stays up during voluntary disruptions.${minReplicas < 2 ? `
# With a single pod this holds node drains until a second one runs: raise the
# HPA minimum to 2 where drains must not wait.` : ''} Pods that are not ready
# may always be evicted, so a crash-looping pod never blocks a drain.
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${N.backendName}
  namespace: ${ns}
  labels:
${meta}spec:
  minAvailable: 1
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector:
    matchLabels:
${select}`);
}
