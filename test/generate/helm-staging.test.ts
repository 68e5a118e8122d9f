// The helm-staging generator (seeds/helm-staging-argocd.md): the documented shape
// (names, labels, ports, probes, resources, NetworkPolicies, RBAC, Argo CD), lint
// results under the restricted profile, kustomize builds and input validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { helmStaging, resolveHelmStagingInput, safeRelativePath } from '../../server/src/core/generate';
import type { GeneratedFiles, HelmStagingKey } from '../../server/src/core/generate';
import { runLint } from '../../server/src/cli/lint';

const EXAMPLE_INPUT: Partial<Record<HelmStagingKey, string>> = {
  gitUrl: 'https://github.com/example/staging-app.git',
  domain: 'frontend-staging.example.internal',
};
const PUBLIC_INPUT: Partial<Record<HelmStagingKey, string>> = {
  gitUrl: 'git@github.com:example/staging-app.git',
  domain: 'app.staging.example.org',
  frontendReplicas: '2',
  backendReplicas: '2',
  backendMaxReplicas: '5',
  frontendNamespace: 'web',
  backendNamespace: 'api',
  argocdNamespace: 'gitops',
  registry: 'registry.example.com:5000',
  secretPrefix: 'stg/app',
};

type Obj = Record<string, any>;

function generate(input: Partial<Record<HelmStagingKey, string>>): GeneratedFiles {
  const r = helmStaging.generate(input);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.files;
}

function objects(files: GeneratedFiles, path: string): Obj[] {
  const text = files.get(path);
  assert.ok(text !== undefined, `missing ${path}`);
  return parseAllDocuments(text).map((d) => {
    assert.deepEqual(d.errors, [], `${path} parses`);
    return d.toJSON() as Obj;
  });
}

function find(files: GeneratedFiles, path: string, kind: string, name: string): Obj {
  const o = objects(files, path).find((x) => x.kind === kind && x.metadata?.name === name);
  assert.ok(o, `${kind}/${name} in ${path}`);
  return o;
}

function writeStack(files: GeneratedFiles): string {
  const dir = mkdtempSync(join(tmpdir(), 'blueprint-gen-helm-staging-'));
  for (const [rel, text] of files) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const BE = 'manifests/staging/flask-app';
const FE = 'manifests/staging/nginx-front';
const APPS = 'apps/staging';

for (const variant of [
  { name: 'defaults (private CA, one replica)', input: EXAMPLE_INPUT },
  { name: 'public name (Let\'s Encrypt), more replicas, other namespaces', input: PUBLIC_INPUT },
]) {
  test(`helm-staging (${variant.name}): no finding at all under the restricted profile`, () => {
    const dir = writeStack(generate(variant.input));
    try {
      const report = runLint({ paths: ['.'], format: 'json', rules: {}, fix: false, quiet: false }, dir);
      assert.equal(report.profile?.name, 'restricted');
      assert.deepEqual(report.ruleErrors, []);
      assert.deepEqual(report.skipped, []);
      assert.deepEqual(report.findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}: ${f.message}`), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const noKubectl = kubectl.error || kubectl.status !== 0 ? 'kubectl is not installed on this machine: the kustomize builds are not checked' : false;

test('helm-staging: kubectl kustomize builds the Argo CD folder and both Application paths', { skip: noKubectl }, () => {
  for (const input of [EXAMPLE_INPUT, PUBLIC_INPUT]) {
    const files = generate(input);
    const dir = writeStack(files);
    try {
      const folders = [...files.keys()].filter((p) => p.endsWith('/kustomization.yaml')).map(dirname).sort();
      assert.deepEqual(folders, [APPS, BE, FE]);
      for (const f of folders) {
        const r = spawnSync('kubectl', ['kustomize', join(dir, f)], { encoding: 'utf8' });
        assert.equal(r.status, 0, `kubectl kustomize ${f} failed:\n${r.stderr}`);
        // Everything the folder holds is in the build (no file forgotten in resources).
        const built = parseAllDocuments(r.stdout).map((d) => `${d.toJSON().kind}/${d.toJSON().metadata.name}`).sort();
        const listed = [...files.keys()].filter((p) => dirname(p) === f && !p.endsWith('kustomization.yaml')).flatMap((p) => objects(files, p).map((o) => `${o.kind}/${o.metadata.name}`)).sort();
        assert.deepEqual(built, listed, f);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('helm-staging: Argo CD project and Applications follow the staging branch of the repository', () => {
  const files = generate(EXAMPLE_INPUT);
  const project = find(files, `${APPS}/project.yaml`, 'AppProject', 'staging');
  assert.equal(project.metadata.namespace, 'argocd');
  assert.deepEqual(project.spec.sourceRepos, ['https://github.com/example/staging-app.git']);
  assert.deepEqual(project.spec.destinations.map((d: Obj) => `${d.server} ${d.namespace}`), ['https://kubernetes.default.svc frontend', 'https://kubernetes.default.svc backend']);
  assert.deepEqual(project.spec.clusterResourceWhitelist, [{ group: '', kind: 'Namespace' }]);
  // Every kind the Applications sync is whitelisted; nothing more.
  const synced = new Set<string>();
  for (const [p] of files) if ((p.startsWith(BE) || p.startsWith(FE)) && !p.endsWith('kustomization.yaml')) for (const o of objects(files, p)) if (o.kind !== 'Namespace') synced.add(`${o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : ''}/${o.kind}`);
  assert.deepEqual(new Set(project.spec.namespaceResourceWhitelist.map((w: Obj) => `${w.group}/${w.kind}`)), synced);

  for (const [name, path, ns] of [['flask-backend', BE, 'backend'], ['nginx-frontend', FE, 'frontend']]) {
    const app = find(files, `${APPS}/${name}.yaml`, 'Application', name);
    assert.equal(app.metadata.namespace, 'argocd');
    assert.equal(app.spec.project, 'staging');
    assert.deepEqual(app.spec.source, { repoURL: 'https://github.com/example/staging-app.git', targetRevision: 'staging', path });
    assert.deepEqual(app.spec.destination, { server: 'https://kubernetes.default.svc', namespace: ns });
    assert.deepEqual(app.spec.syncPolicy.automated, { prune: true, selfHeal: true });
    assert.ok(files.has(`${path}/kustomization.yaml`));
  }
  assert.deepEqual(objects(files, `${APPS}/kustomization.yaml`)[0].resources, ['project.yaml', 'flask-backend.yaml', 'nginx-frontend.yaml']);
});

test('helm-staging: the nginx frontend (labels, image, port 80, UID 101, resources, nginx.conf, Service, Ingress with TLS)', () => {
  const files = generate(EXAMPLE_INPUT);
  const ns = find(files, `${FE}/namespace.yaml`, 'Namespace', 'frontend');
  assert.equal(ns.metadata.labels['pod-security.kubernetes.io/enforce'], 'restricted');

  const dep = find(files, `${FE}/deployment.yaml`, 'Deployment', 'nginx-frontend');
  assert.equal(dep.metadata.namespace, 'frontend');
  assert.equal(dep.spec.replicas, 1);
  assert.deepEqual(dep.spec.selector.matchLabels, { 'app.kubernetes.io/name': 'nginx-front', 'app.kubernetes.io/instance': 'nginx-frontend' });
  const pod = dep.spec.template.spec;
  assert.equal(pod.serviceAccountName, 'nginx-front');
  assert.equal(pod.automountServiceAccountToken, false);
  assert.equal(pod.securityContext.runAsUser, 101);
  assert.equal(pod.securityContext.runAsNonRoot, true);
  assert.deepEqual(pod.securityContext.sysctls, [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '80' }]);
  const [c] = pod.containers;
  assert.equal(c.name, 'frontend');
  assert.equal(c.image, 'docker.io/akthm/demo-front:1.0.3');
  assert.deepEqual(c.ports, [{ name: 'http', containerPort: 80, protocol: 'TCP' }]);
  assert.deepEqual(c.resources, { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
  assert.deepEqual(c.securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
  assert.deepEqual(c.volumeMounts.map((m: Obj) => m.mountPath), ['/etc/nginx/nginx.conf', '/var/cache/nginx', '/tmp']);
  assert.equal(pod.volumes[0].configMap.name, 'nginx-conf');
  assert.equal(files.has(`${FE}/pdb.yaml`), false, 'one replica: no PDB');

  const conf = find(files, `${FE}/configmap.yaml`, 'ConfigMap', 'nginx-conf').data['nginx.conf'] as string;
  assert.match(conf, /pid \/tmp\/nginx\.pid;/);
  assert.match(conf, /listen 80;/);
  assert.match(conf, /location \/api\/ \{\n\s+set \$backend http:\/\/flask-app\.backend\.svc\.cluster\.local:8000;\n\s+proxy_pass \$backend;/);
  assert.match(conf, /proxy_set_header X-Real-IP/);
  assert.match(conf, /proxy_set_header X-Forwarded-Proto/);
  assert.match(conf, /location ~\* \\\.\(\?:css\|js/);
  assert.match(conf, /return 200 "ok\\n";/);

  const svc = find(files, `${FE}/service.yaml`, 'Service', 'nginx-frontend');
  assert.equal(svc.spec.type, 'ClusterIP');
  assert.deepEqual(svc.spec.ports, [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);

  const ing = find(files, `${FE}/ingress.yaml`, 'Ingress', 'nginx-frontend');
  assert.equal(ing.spec.ingressClassName, 'nginx');
  assert.deepEqual(ing.spec.tls, [{ hosts: ['frontend-staging.example.internal'], secretName: 'staging-tls-secret' }]);
  assert.equal(ing.spec.rules[0].host, 'frontend-staging.example.internal');
  assert.deepEqual(ing.spec.rules[0].http.paths[0].backend, { service: { name: 'nginx-frontend', port: { name: 'http' } } });
  assert.equal(ing.metadata.annotations['cert-manager.io/issuer'], 'ca');
  // A *.internal name cannot be validated by Let's Encrypt: a private CA Issuer.
  const issuer = find(files, `${FE}/issuer.yaml`, 'Issuer', 'ca');
  assert.deepEqual(issuer.spec, { ca: { secretName: 'staging-ca-key-pair' } });
  assert.match(files.get('README.md')!, /kubectl create secret tls staging-ca-key-pair -n frontend/);

  const role = find(files, `${FE}/rbac.yaml`, 'Role', 'nginx-front');
  assert.deepEqual(role.rules, [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['nginx-conf'], verbs: ['get'] }]);
  const binding = find(files, `${FE}/rbac.yaml`, 'RoleBinding', 'nginx-front');
  assert.deepEqual(binding.subjects, [{ kind: 'ServiceAccount', name: 'nginx-front', namespace: 'frontend' }]);
  assert.equal(find(files, `${FE}/rbac.yaml`, 'ServiceAccount', 'nginx-front').automountServiceAccountToken, false);
});

test('helm-staging: the Flask backend (labels, port 5000 behind 8000, UID 1000, probes, config, HPA, PDB)', () => {
  const files = generate(EXAMPLE_INPUT);
  const dep = find(files, `${BE}/deployment.yaml`, 'Deployment', 'flask-app');
  assert.equal(dep.metadata.namespace, 'backend');
  assert.equal(dep.spec.replicas, undefined, 'the HPA owns the replica count');
  assert.deepEqual(dep.spec.selector.matchLabels, { 'app.kubernetes.io/name': 'flask-app', 'app.kubernetes.io/instance': 'flask-backend' });
  const pod = dep.spec.template.spec;
  assert.equal(pod.serviceAccountName, 'flask-app');
  assert.equal(pod.securityContext.runAsUser, 1000);
  const [c] = pod.containers;
  assert.equal(c.name, 'flask-app');
  assert.equal(c.image, 'docker.io/akthm/demo-back:stage-1');
  assert.deepEqual(c.ports, [{ name: 'http', containerPort: 5000, protocol: 'TCP' }]);
  assert.deepEqual(c.envFrom, [{ configMapRef: { name: 'flask-app-config' } }, { secretRef: { name: 'flask-app-secret' } }]);
  assert.deepEqual(c.readinessProbe, { httpGet: { path: '/health', port: 'http' }, initialDelaySeconds: 5, periodSeconds: 10 });
  assert.deepEqual(c.livenessProbe, { httpGet: { path: '/health', port: 'http' }, initialDelaySeconds: 15, periodSeconds: 20 });
  assert.deepEqual(c.resources, { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
  assert.deepEqual(c.securityContext.capabilities, { drop: ['ALL'] });
  assert.deepEqual(pod.volumes, [{ name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } }, { name: 'jwt', secret: { secretName: 'flask-app-jwt' } }]);

  const svc = find(files, `${BE}/service.yaml`, 'Service', 'flask-app');
  assert.deepEqual(svc.spec.ports, [{ name: 'http', port: 8000, targetPort: 'http', protocol: 'TCP' }]);

  const config = find(files, `${BE}/configmap.yaml`, 'ConfigMap', 'flask-app-config').data;
  assert.deepEqual([config.DB_HOST, config.DB_PORT, config.DB_NAME, config.DB_USER], ['flask-app-db', '3306', 'flask_staging', 'flask_user']);

  const hpa = find(files, `${BE}/hpa.yaml`, 'HorizontalPodAutoscaler', 'flask-app');
  assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'flask-app' });
  assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], [1, 3]);
  const pdb = find(files, `${BE}/pdb.yaml`, 'PodDisruptionBudget', 'flask-app');
  assert.equal(pdb.spec.minAvailable, 1);
  assert.deepEqual(pdb.spec.selector.matchLabels, dep.spec.selector.matchLabels);

  const role = find(files, `${BE}/rbac.yaml`, 'Role', 'flask-app');
  assert.deepEqual(role.rules, [
    { apiGroups: [''], resources: ['configmaps'], resourceNames: ['flask-app-config'], verbs: ['get'] },
    { apiGroups: [''], resources: ['secrets'], resourceNames: ['flask-app-secret', 'flask-app-jwt'], verbs: ['get'] },
  ]);
});

test('helm-staging: MySQL StatefulSet (mysql:8.0.35, 3306, secrets, 1Gi on standard) and its Services', () => {
  const files = generate(EXAMPLE_INPUT);
  const sts = find(files, `${BE}/mysql.yaml`, 'StatefulSet', 'flask-app-db');
  assert.equal(sts.spec.replicas, 1);
  assert.equal(sts.spec.serviceName, 'flask-app-db-headless');
  const pod = sts.spec.template.spec;
  assert.deepEqual([pod.securityContext.runAsUser, pod.securityContext.fsGroup], [999, 999]);
  const [c] = pod.containers;
  assert.equal(c.image, 'docker.io/library/mysql:8.0.35');
  assert.deepEqual(c.ports, [{ name: 'mysql', containerPort: 3306, protocol: 'TCP' }]);
  const env = Object.fromEntries(c.env.map((e: Obj) => [e.name, e.value ?? `secret:${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}`]));
  assert.deepEqual(env, {
    MYSQL_ROOT_PASSWORD: 'secret:flask-app-db/MYSQL_ROOT_PASSWORD',
    MYSQL_DATABASE: 'flask_staging',
    MYSQL_USER: 'flask_user',
    MYSQL_PASSWORD: 'secret:flask-app-db/MYSQL_PASSWORD',
  });
  assert.equal(c.securityContext.readOnlyRootFilesystem, true);
  assert.deepEqual(c.volumeMounts.map((m: Obj) => `${m.name}:${m.mountPath}`), ['flask-app-db-data:/var/lib/mysql', 'run:/var/run/mysqld', 'tmp:/tmp']);
  const [claim] = sts.spec.volumeClaimTemplates;
  assert.equal(claim.metadata.name, 'flask-app-db-data');
  assert.deepEqual(claim.spec, { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } });
  const svc = find(files, `${BE}/mysql.yaml`, 'Service', 'flask-app-db');
  assert.equal(svc.spec.type, 'ClusterIP');
  assert.deepEqual(svc.spec.ports, [{ name: 'mysql', port: 3306, targetPort: 'mysql', protocol: 'TCP' }]);
  assert.equal(find(files, `${BE}/mysql.yaml`, 'Service', 'flask-app-db-headless').spec.clusterIP, 'None');
});

test('helm-staging: secrets only through ExternalSecrets from the ClusterSecretStore, before the pods (sync wave -1)', () => {
  const files = generate(EXAMPLE_INPUT);
  for (const [p, text] of files) assert.doesNotMatch(text, /^kind: Secret$/m, `${p} commits no Secret`);
  const es = objects(files, `${BE}/externalsecrets.yaml`);
  assert.deepEqual(es.map((o) => `${o.kind}/${o.metadata.name}`), ['ExternalSecret/flask-app-secret', 'ExternalSecret/flask-app-jwt', 'ExternalSecret/flask-app-db']);
  for (const o of es) {
    assert.equal(o.apiVersion, 'external-secrets.io/v1');
    assert.deepEqual(o.spec.secretStoreRef, { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' });
    assert.equal(o.spec.target.name, o.metadata.name);
    assert.equal(o.metadata.annotations['argocd.argoproj.io/sync-wave'], '-1');
  }
  assert.deepEqual(es[0].spec.data.map((d: Obj) => `${d.secretKey}<-${d.remoteRef.key}#${d.remoteRef.property}`), ['DB_PASSWORD<-staging/flask-app/mysql#password', 'SECRET_KEY<-staging/flask-app/app#secret-key']);
  assert.deepEqual(es[2].spec.data.map((d: Obj) => `${d.secretKey}<-${d.remoteRef.key}#${d.remoteRef.property}`), ['MYSQL_ROOT_PASSWORD<-staging/flask-app/mysql#root-password', 'MYSQL_PASSWORD<-staging/flask-app/mysql#password']);
  for (const dir of [BE, FE]) {
    const waves = objects(files, `${dir}/namespace.yaml`)[0].metadata.annotations['argocd.argoproj.io/sync-wave'];
    assert.equal(waves, '-2', `${dir}: the Namespace comes first`);
    for (const p of objects(files, `${dir}/networkpolicies.yaml`)) assert.equal(p.metadata.annotations['argocd.argoproj.io/sync-wave'], '-1');
  }
});

test('helm-staging: NetworkPolicies — default deny, DNS, and exactly the documented flows (pod ports)', () => {
  const files = generate(PUBLIC_INPUT);
  const peer = (p: Obj) => p.ipBlock?.cidr ?? `${p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] ?? '.'}/${p.podSelector?.matchLabels?.['app.kubernetes.io/name'] ?? p.podSelector?.matchLabels?.['k8s-app'] ?? '*'}`;
  const flows = (pol: Obj) => [
    ...(pol.spec.ingress ?? []).map((r: Obj) => `in ${(r.from ?? []).map(peer).join('+')} ${r.ports.map((p: Obj) => `${p.protocol}/${p.port}`).join(',')}`),
    ...(pol.spec.egress ?? []).map((r: Obj) => `out ${(r.to ?? []).map(peer).join('+')} ${r.ports.map((p: Obj) => `${p.protocol}/${p.port}`).join(',')}`),
  ];
  for (const [dir, ns] of [[BE, 'api'], [FE, 'web']]) {
    const deny = find(files, `${dir}/networkpolicies.yaml`, 'NetworkPolicy', 'default-deny');
    assert.deepEqual(deny.spec, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    assert.equal(deny.metadata.namespace, ns);
    assert.deepEqual(flows(find(files, `${dir}/networkpolicies.yaml`, 'NetworkPolicy', 'allow-dns-egress')), ['out kube-system/kube-dns UDP/53,TCP/53']);
  }
  assert.deepEqual(flows(find(files, `${FE}/networkpolicies.yaml`, 'NetworkPolicy', 'nginx-front')), ['in ingress-nginx/ingress-nginx TCP/80', 'out api/flask-app TCP/5000']);
  assert.deepEqual(flows(find(files, `${FE}/networkpolicies.yaml`, 'NetworkPolicy', 'allow-acme-http01-solver')), ['in ingress-nginx/* TCP/8089']);
  assert.deepEqual(flows(find(files, `${BE}/networkpolicies.yaml`, 'NetworkPolicy', 'flask-app')), ['in web/nginx-front+gitops/* TCP/5000', 'out ./flask-app-db TCP/3306', 'out 0.0.0.0/0 TCP/443']);
  const egress443 = find(files, `${BE}/networkpolicies.yaml`, 'NetworkPolicy', 'flask-app').spec.egress[1].to[0].ipBlock;
  assert.deepEqual(egress443.except, ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16']);
  const db = find(files, `${BE}/networkpolicies.yaml`, 'NetworkPolicy', 'flask-app-db');
  assert.deepEqual(db.spec.policyTypes, ['Ingress', 'Egress']);
  assert.deepEqual(flows(db), ['in ./flask-app TCP/3306']);
});

test('helm-staging: inputs flow through (registry, namespaces, replicas, Let\'s Encrypt issuer, frontend PDB)', () => {
  const files = generate(PUBLIC_INPUT);
  const fe = find(files, `${FE}/deployment.yaml`, 'Deployment', 'nginx-frontend');
  assert.equal(fe.spec.replicas, 2);
  assert.equal(fe.spec.template.spec.containers[0].image, 'registry.example.com:5000/akthm/demo-front:1.0.3');
  assert.equal(find(files, `${FE}/pdb.yaml`, 'PodDisruptionBudget', 'nginx-frontend').spec.maxUnavailable, 1);
  const hpa = find(files, `${BE}/hpa.yaml`, 'HorizontalPodAutoscaler', 'flask-app');
  assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], [2, 5]);
  const issuer = find(files, `${FE}/issuer.yaml`, 'Issuer', 'letsencrypt');
  assert.equal(issuer.metadata.namespace, 'web');
  assert.equal(issuer.spec.acme.server, 'https://acme-v02.api.letsencrypt.org/directory');
  assert.equal(issuer.spec.acme.email, 'admin@staging.example.org');
  assert.deepEqual(issuer.spec.acme.solvers, [{ http01: { ingress: { ingressClassName: 'nginx' } } }]);
  assert.match(find(files, `${FE}/configmap.yaml`, 'ConfigMap', 'nginx-conf').data['nginx.conf'], /flask-app\.api\.svc\.cluster\.local:8000/);
  const app = find(files, `${APPS}/flask-backend.yaml`, 'Application', 'flask-backend');
  assert.equal(app.metadata.namespace, 'gitops');
  assert.equal(app.spec.source.repoURL, 'git@github.com:example/staging-app.git');
  assert.equal(find(files, `${BE}/externalsecrets.yaml`, 'ExternalSecret', 'flask-app-jwt').spec.data[0].remoteRef.key, 'stg/app/jwt');
});

test('helm-staging: validation of single fields and of fields together', () => {
  const problems = (given: Partial<Record<HelmStagingKey, string>>) => {
    const r = helmStaging.generate(given);
    return r.ok ? [] : r.problems.map((p) => p.field);
  };
  assert.deepEqual(problems({}).sort(), ['domain', 'gitUrl']);
  assert.deepEqual(problems({ ...EXAMPLE_INPUT, domain: 'https://x.example.org' }), ['domain']);
  assert.deepEqual(problems({ ...EXAMPLE_INPUT, gitUrl: 'github.com/example/repo' }), ['gitUrl']);
  assert.deepEqual(problems({ ...EXAMPLE_INPUT, backendTag: 'latest' }), ['backendTag']);
  assert.deepEqual(problems({ ...EXAMPLE_INPUT, frontendTag: 'a b' }), ['frontendTag']);
  assert.deepEqual(problems({ ...EXAMPLE_INPUT, tlsIssuer: 'vault' }), ['tlsIssuer']);
  assert.deepEqual(problems({ ...EXAMPLE_INPUT, project: 'default' }), ['project']);
  assert.deepEqual(problems({ ...EXAMPLE_INPUT, backendNamespace: 'kube-system' }), ['backendNamespace']);
  assert.deepEqual(problems({ ...EXAMPLE_INPUT, storageSize: '1G' }), ['storageSize']);
  assert.deepEqual(problems({ ...EXAMPLE_INPUT, secretPrefix: '/staging//x' }), ['secretPrefix']);
  assert.deepEqual(problems({ ...EXAMPLE_INPUT, databaseUser: 'flask-user' }), ['databaseUser']);
  assert.deepEqual(problems({ ...EXAMPLE_INPUT, registry: 'docker.io/library' }), ['registry']);
  // Across fields.
  assert.deepEqual(problems({ ...EXAMPLE_INPUT, frontendNamespace: 'backend' }), ['backendNamespace']);
  assert.deepEqual(problems({ ...EXAMPLE_INPUT, backendNamespace: 'argocd' }), ['backendNamespace']);
  assert.deepEqual(problems({ ...EXAMPLE_INPUT, backendReplicas: '4', backendMaxReplicas: '3' }), ['backendMaxReplicas']);
  assert.deepEqual(resolveHelmStagingInput({ ...EXAMPLE_INPUT, backendReplicas: '4' }).problems.map((p) => p.field), ['backendMaxReplicas']);
  // Derived defaults: the issuer follows the domain.
  assert.equal(resolveHelmStagingInput(EXAMPLE_INPUT).input?.tlsIssuer, 'ca');
  assert.equal(resolveHelmStagingInput({ ...EXAMPLE_INPUT, domain: 'staging.example.com' }).input?.tlsIssuer, 'letsencrypt');
  assert.equal(resolveHelmStagingInput({ ...EXAMPLE_INPUT, domain: 'staging.example.com', tlsIssuer: 'letsencrypt-staging' }).input?.tlsIssuer, 'letsencrypt-staging');
});

test('helm-staging: pure and deterministic; safe relative paths; README and .blueprint.yaml', () => {
  const a = generate(PUBLIC_INPUT);
  const b = generate({ ...PUBLIC_INPUT });
  assert.deepEqual([...a], [...b]);
  for (const p of a.keys()) assert.ok(safeRelativePath(p), p);
  assert.equal(a.get('.blueprint.yaml')?.match(/^profile: (\S+)$/m)?.[1], 'restricted');
  assert.match(a.get('README.md')!, /^# Staging application/);
  assert.match(a.get('README.md')!, /kubectl apply -k apps\/staging/);
  assert.match(a.get('README.md')!, /aws secretsmanager create-secret --name stg\/app\/mysql/);
  assert.equal(helmStaging.openAfter(PUBLIC_INPUT), 'apps/staging/flask-backend.yaml');
});
