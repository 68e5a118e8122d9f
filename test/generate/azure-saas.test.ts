// The Azure SaaS on AKS generator (seed azure-saas-aks): the stack lints with no
// finding at all under the restricted profile, its Terraform parses and is written
// as `terraform fmt` writes it, the kustomize replacements fill in the identities,
// and the documented shape is there: AKS, the managed services behind private
// endpoints with TLS-only settings, and the manifests that match them.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { azureSaas, resolveAzureSaasInput, stackGenerator } from '../../server/src/core/generate';
import type { AzureSaasKey } from '../../server/src/core/generate';
import { parseHcl } from '../../server/src/core/syntax/hcl';
import { initHclFromDisk } from '../../server/src/node/hcl';
import { runLint } from '../../server/src/cli/lint';

before(async () => assert.equal(await initHclFromDisk(), undefined));

const EXAMPLE: Partial<Record<AzureSaasKey, string>> = { prefix: 'aisaas', domain: 'app.example.com' };
const TF = 'infra/terraform/azure';
const K8S = 'infra/k8s/base';

function generate(input: Partial<Record<AzureSaasKey, string>> = EXAMPLE): ReadonlyMap<string, string> {
  const r = azureSaas.generate(input);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.files;
}

function file(files: ReadonlyMap<string, string>, path: string): string {
  const text = files.get(path);
  assert.ok(text !== undefined, `${path} is generated`);
  return text;
}

function writeStack(files: ReadonlyMap<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'blueprint-gen-azure-saas-'));
  for (const [rel, text] of files) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

/** The text of `resource "type" "name" { … }` (to its closing brace at column 0). */
function resource(files: ReadonlyMap<string, string>, type: string, name: string): string {
  for (const [path, text] of files) {
    if (!path.endsWith('.tf')) continue;
    const start = text.indexOf(`resource "${type}" "${name}" {`);
    if (start < 0) continue;
    const end = text.indexOf('\n}\n', start);
    return text.slice(start, end + 2);
  }
  assert.fail(`resource ${type}.${name} is generated`);
}

/** `name = value` as written (terraform fmt aligns the "=", so any spaces). */
function assertAttr(block: string, name: string, value: string): void {
  const re = new RegExp(`^\\s*${name.replace(/[.[\]]/g, '\\$&')}\\s+= ${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm');
  assert.match(block, re, `${name} = ${value} in\n${block.split('\n')[0]}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;
function docs(files: ReadonlyMap<string, string>, path: string): Obj[] {
  return parseAllDocuments(file(files, path)).map((d) => d.toJS());
}
function one(files: ReadonlyMap<string, string>, path: string, kind: string, name?: string): Obj {
  const found = docs(files, path).filter((d) => d?.kind === kind && (name === undefined || d.metadata?.name === name));
  assert.equal(found.length, 1, `one ${kind} ${name ?? ''} in ${path}`);
  return found[0];
}

/** Infos and hints the generated stack may have: none. Add one only with a reason. */
const ALLOWED_FINDINGS: string[] = [];

for (const variant of [
  { name: 'defaults', input: EXAMPLE },
  { name: 'West US, staging, 5 larger nodes, own registry', input: { ...EXAMPLE, prefix: 'dash2', location: 'westus', environment: 'staging', nodeVmSize: 'Standard_D8ds_v5', nodeCount: '5', acr: 'dashregistry', imageTag: '2.3.4' } },
]) {
  test(`azure-saas (${variant.name}): lints with no finding under the restricted profile; Terraform parses`, () => {
    const files = generate(variant.input);
    for (const [rel, text] of files) {
      if (!rel.endsWith('.tf')) continue;
      assert.deepEqual(parseHcl(text)!.errors.map((e) => `${rel}: ${e.message}`), []);
    }
    const dir = writeStack(files);
    try {
      const report = runLint({ paths: ['.'], format: 'json', rules: {}, fix: false, quiet: false }, dir);
      assert.equal(report.profile?.name, 'restricted');
      assert.equal(report.profile?.detected, false, 'the profile comes from .blueprint.yaml');
      assert.deepEqual(report.ruleErrors, []);
      assert.deepEqual(report.skipped, []);
      assert.deepEqual(report.findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}: ${f.message}`), ALLOWED_FINDINGS);
      assert.equal(report.filesLinted, [...files.keys()].filter((p) => /\.(ya?ml|tf)$/.test(p)).length, 'every YAML and Terraform file is linted');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('azure-saas: the cross-layer rules read this stack (a cluster without policy engine or workload identity is reported)', () => {
  const files = new Map(generate());
  const aks = file(files, `${TF}/aks.tf`);
  files.set(`${TF}/aks.tf`, aks.replace(/\n\s+network_policy\s+= "azure"/, '').replace(/workload_identity_enabled = true/, 'workload_identity_enabled = false'));
  const conf = file(files, `${K8S}/backend/configmap.yaml`);
  files.set(`${K8S}/backend/configmap.yaml`, conf.replace('REDIS_PORT: "6380"', 'REDIS_PORT: "6379"').replace('DATABASE_SSL_MODE: require', 'DATABASE_SSL_MODE: disable'));
  const dir = writeStack(files);
  try {
    const report = runLint({ paths: ['.'], format: 'json', rules: {}, fix: false, quiet: false }, dir);
    assert.deepEqual(report.findings.map((f) => `${f.ruleId} ${f.file}`).sort(), [
      `net/policy-engine ${TF}/aks.tf`,
      `tf/azure-aks-network-policy ${TF}/aks.tf`,
      `tf/azure-aks-workload-identity ${TF}/aks.tf`,
      `tls/postgres-sslmode ${K8S}/backend/configmap.yaml`,
      `tls/redis-port ${K8S}/backend/configmap.yaml`,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
test('azure-saas: every .tf file is canonical `terraform fmt` output', { skip: terraform.status === 0 ? false : 'terraform is not installed' }, () => {
  for (const input of [EXAMPLE, { ...EXAMPLE, location: 'westeurope', nodeCount: '12', environment: 'dev' }]) {
    const files = generate(input);
    const dir = writeStack(files);
    try {
      const r = spawnSync('terraform', ['fmt', '-check', '-diff', join(dir, TF)], { encoding: 'utf8' });
      assert.equal(r.status, 0, `terraform fmt would change:\n${r.stdout}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('azure-saas: input values become Terraform variable defaults; the provider is pinned', () => {
  const files = generate({ ...EXAMPLE, location: 'westus', environment: 'staging', nodeVmSize: 'Standard_D8ds_v5', nodeCount: '5' });
  const versions = file(files, `${TF}/versions.tf`);
  assert.match(versions, /source {2}= "hashicorp\/azurerm"\n\s+version = "~> 4\.14"/);
  assert.match(versions, /backend "azurerm" \{\}/);
  const vars = file(files, `${TF}/variables.tf`);
  const def = (name: string) => new RegExp(`variable "${name}" \\{[^}]*?default\\s+= ([^\\n]+)`, 's').exec(vars)?.[1];
  assert.equal(def('prefix'), '"aisaas"');
  assert.equal(def('environment'), '"staging"');
  assert.equal(def('location'), '"westus"');
  assert.equal(def('domain'), '"app.example.com"');
  assert.equal(def('node_vm_size'), '"Standard_D8ds_v5"');
  assert.equal(def('system_node_count'), '5');
  assert.equal(def('acr_name'), '"acraisaasstaging"', 'the registry name defaults to acr<prefix><env>');
  assert.equal(def('acr_replica_locations'), '["eastus"]', 'replicated to the seed\'s other region');
  assert.equal(def('user_node_min_count'), '3');
  assert.equal(def('user_node_max_count'), '10');
  // No default: the operator must name the ranges, and an empty list is refused.
  assert.match(vars, /variable "management_ip_ranges" \{\n[^}]*type {8}= list\(string\)\n\n {2}validation \{\n {4}condition {5}= length\(var\.management_ip_ranges\) > 0/);
  assert.doesNotMatch(/variable "management_ip_ranges" \{[\s\S]*?\n\}/.exec(vars)![0], /default/);
});

test('azure-saas: AKS has Azure CNI with network policy, workload identity, Entra ID RBAC and a restricted API server', () => {
  const files = generate();
  const aks = resource(files, 'azurerm_kubernetes_cluster', 'main');
  assertAttr(aks, 'name', '"aks-${local.name}"');
  assertAttr(aks, 'kubernetes_version', 'var.kubernetes_version');
  assertAttr(aks, 'oidc_issuer_enabled', 'true');
  assertAttr(aks, 'workload_identity_enabled', 'true');
  assertAttr(aks, 'local_account_disabled', 'true');
  assertAttr(aks, 'role_based_access_control_enabled', 'true');
  assertAttr(aks, 'azure_rbac_enabled', 'true');
  assertAttr(aks, 'authorized_ip_ranges', 'var.management_ip_ranges');
  assertAttr(aks, 'network_plugin', '"azure"');
  assertAttr(aks, 'network_policy', '"azure"');
  assertAttr(aks, 'secret_rotation_enabled', 'true');
  assertAttr(aks, 'msi_auth_for_monitoring_enabled', 'true');
  assertAttr(aks, 'node_count', 'var.system_node_count');
  assertAttr(aks, 'vm_size', 'var.node_vm_size');
  assertAttr(aks, 'zones', '["1", "2", "3"]');
  assertAttr(aks, 'vnet_subnet_id', 'azurerm_subnet.aks.id');
  const user = resource(files, 'azurerm_kubernetes_cluster_node_pool', 'user');
  assertAttr(user, 'auto_scaling_enabled', 'true');
  assertAttr(user, 'min_count', 'var.user_node_min_count');
  assertAttr(user, 'max_count', 'var.user_node_max_count');
  const spot = resource(files, 'azurerm_kubernetes_cluster_node_pool', 'spot');
  assertAttr(spot, 'priority', '"Spot"');
  assertAttr(spot, 'min_count', '0');
  assertAttr(spot, 'max_count', '5');
  assertAttr(spot, 'node_taints', '["kubernetes.azure.com/scalesetpriority=spot:NoSchedule"]');
  assertAttr(resource(files, 'azurerm_role_assignment', 'aks_acr_pull'), 'role_definition_name', '"AcrPull"');
  // Workload identities federated with the ServiceAccounts of the manifests.
  assertAttr(resource(files, 'azurerm_federated_identity_credential', 'backend'), 'subject', '"system:serviceaccount:app-backend:backend-sa"');
  assertAttr(resource(files, 'azurerm_federated_identity_credential', 'frontend'), 'subject', '"system:serviceaccount:app-frontend:frontend-sa"');
  assertAttr(resource(files, 'azurerm_federated_identity_credential', 'backend'), 'issuer', 'azurerm_kubernetes_cluster.main.oidc_issuer_url');
  // The seed's subnets.
  assertAttr(resource(files, 'azurerm_virtual_network', 'main'), 'address_space', '["10.0.0.0/16"]');
  assertAttr(resource(files, 'azurerm_subnet', 'aks'), 'address_prefixes', '["10.0.1.0/24"]');
  assertAttr(resource(files, 'azurerm_subnet', 'private_endpoints'), 'address_prefixes', '["10.0.2.0/24"]');
  assertAttr(resource(files, 'azurerm_subnet', 'appgw'), 'address_prefixes', '["10.0.3.0/24"]');
  const deny = resource(files, 'azurerm_network_security_rule', 'deny_all_inbound');
  assertAttr(deny, 'priority', '4096');
  assertAttr(deny, 'access', '"Deny"');
  assertAttr(resource(files, 'azurerm_network_security_rule', 'allow_https'), 'destination_port_range', '"443"');
});

test('azure-saas: data services are private and TLS-only, Key Vault has RBAC and purge protection, ACR no admin user', () => {
  const files = generate();
  const pg = resource(files, 'azurerm_postgresql_flexible_server', 'main');
  assertAttr(pg, 'version', '"15"');
  assertAttr(pg, 'sku_name', '"GP_Standard_D4s_v3"');
  assertAttr(pg, 'storage_mb', '131072');
  assertAttr(pg, 'storage_tier', '"P30"');
  assertAttr(pg, 'backup_retention_days', '7');
  assertAttr(pg, 'geo_redundant_backup_enabled', 'true');
  assertAttr(pg, 'public_network_access_enabled', 'false');
  assertAttr(pg, 'mode', '"ZoneRedundant"');
  assertAttr(resource(files, 'azurerm_postgresql_flexible_server_configuration', 'require_secure_transport'), 'value', '"on"');
  assertAttr(resource(files, 'azurerm_postgresql_flexible_server_configuration', 'ssl_min_protocol_version'), 'value', '"TLSv1.2"');
  assertAttr(resource(files, 'azurerm_postgresql_flexible_server_configuration', 'max_connections'), 'value', '"200"');
  assertAttr(resource(files, 'azurerm_postgresql_flexible_server_configuration', 'pgbouncer_enabled'), 'value', '"true"');

  const redis = resource(files, 'azurerm_redis_cache', 'main');
  assertAttr(redis, 'sku_name', '"Premium"');
  assertAttr(redis, 'family', '"P"');
  assertAttr(redis, 'capacity', '1');
  assertAttr(redis, 'shard_count', '2');
  assertAttr(redis, 'replicas_per_primary', '1');
  assertAttr(redis, 'non_ssl_port_enabled', 'false');
  assertAttr(redis, 'minimum_tls_version', '"1.2"');
  assertAttr(redis, 'public_network_access_enabled', 'false');
  assertAttr(redis, 'rdb_backup_frequency', '15');

  const st = resource(files, 'azurerm_storage_account', 'files');
  assertAttr(st, 'account_replication_type', '"GRS"');
  assertAttr(st, 'access_tier', '"Hot"');
  assertAttr(st, 'min_tls_version', '"TLS1_2"');
  assertAttr(st, 'https_traffic_only_enabled', 'true');
  assertAttr(st, 'allow_nested_items_to_be_public', 'false');
  assertAttr(st, 'public_network_access_enabled', 'false');
  assertAttr(st, 'versioning_enabled', 'true');
  assertAttr(st, 'change_feed_enabled', 'true');
  assertAttr(resource(files, 'azurerm_storage_container', 'uploaded_files'), 'name', '"uploaded-files"');
  const lifecycle = resource(files, 'azurerm_storage_management_policy', 'files');
  assertAttr(lifecycle, 'tier_to_cool_after_days_since_modification_greater_than', '30');
  assertAttr(lifecycle, 'tier_to_archive_after_days_since_modification_greater_than', '90');
  assertAttr(lifecycle, 'delete_after_days_since_modification_greater_than', '365');

  const kv = resource(files, 'azurerm_key_vault', 'main');
  assertAttr(kv, 'enable_rbac_authorization', 'true');
  assertAttr(kv, 'purge_protection_enabled', 'true');
  assertAttr(kv, 'default_action', '"Deny"');
  const acr = resource(files, 'azurerm_container_registry', 'main');
  assertAttr(acr, 'sku', '"Premium"');
  assertAttr(acr, 'admin_enabled', 'false');
  assertAttr(resource(files, 'azurerm_log_analytics_workspace', 'main'), 'retention_in_days', '90');
  assertAttr(resource(files, 'azurerm_application_insights', 'main'), 'workspace_id', 'azurerm_log_analytics_workspace.main.id');

  // One private endpoint per service, each with its private DNS zone.
  for (const [pe, target, sub, zone] of [
    ['postgres', 'azurerm_postgresql_flexible_server.main.id', 'postgresqlServer', 'postgres'],
    ['redis', 'azurerm_redis_cache.main.id', 'redisCache', 'redis'],
    ['blob', 'azurerm_storage_account.files.id', 'blob', 'blob'],
    ['keyvault', 'azurerm_key_vault.main.id', 'vault', 'keyvault'],
    ['registry', 'azurerm_container_registry.main.id', 'registry', 'registry'],
  ]) {
    const block = resource(files, 'azurerm_private_endpoint', pe);
    assertAttr(block, 'subnet_id', 'azurerm_subnet.private_endpoints.id');
    assertAttr(block, 'private_connection_resource_id', target);
    assertAttr(block, 'subresource_names', `["${sub}"]`);
    assertAttr(block, 'private_dns_zone_ids', `[azurerm_private_dns_zone.zones["${zone}"].id]`);
  }

  // Application Gateway WAF_v2 with TLS 1.2+ and OWASP 3.2.
  const agw = resource(files, 'azurerm_application_gateway', 'main');
  assertAttr(agw, 'name', '"WAF_v2"');
  assertAttr(agw, 'min_capacity', '2');
  assertAttr(agw, 'max_capacity', '10');
  assertAttr(agw, 'policy_name', '"AppGwSslPolicy20220101"');
  assertAttr(agw, 'ip_addresses', '[var.ingress_private_ip]');
  const waf = resource(files, 'azurerm_web_application_firewall_policy', 'main');
  assertAttr(waf, 'version', '"3.2"');
  assertAttr(waf, 'mode', '"Prevention"');
  assertAttr(waf, 'rate_limit_threshold', '100');
});

test('azure-saas: the manifests match the seed and the Terraform', () => {
  const files = generate({ ...EXAMPLE, acr: 'myregistry', imageTag: '1.2.3' });
  for (const ns of docs(files, `${K8S}/namespaces.yaml`).filter((d) => d.metadata.name.startsWith('app-'))) {
    assert.equal(ns.metadata.labels['pod-security.kubernetes.io/enforce'], 'restricted');
  }
  assert.deepEqual(docs(files, `${K8S}/namespaces.yaml`).map((d) => d.metadata.name), ['app-frontend', 'app-backend', 'ingress-nginx']);

  for (const [app, ns, uid, port, sa] of [['frontend', 'app-frontend', 101, 8080, 'frontend-sa'], ['backend', 'app-backend', 1000, 5000, 'backend-sa']] as const) {
    const d = one(files, `${K8S}/${app}/deployment.yaml`, 'Deployment', app);
    assert.equal(d.metadata.namespace, ns);
    assert.equal(d.spec.replicas, 3);
    const pod = d.spec.template.spec;
    assert.equal(d.spec.template.metadata.labels['azure.workload.identity/use'], 'true');
    assert.equal(pod.serviceAccountName, sa);
    assert.deepEqual(pod.securityContext, { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, fsGroup: uid, seccompProfile: { type: 'RuntimeDefault' } });
    const c = pod.containers[0];
    assert.equal(c.image, `myregistry.azurecr.io/${app}:1.2.3`);
    assert.equal(c.ports[0].containerPort, port);
    assert.deepEqual(c.securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    const csi = pod.volumes.find((v: Obj) => v.csi);
    assert.deepEqual(csi.csi, { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'azure-keyvault' } });
    const account = one(files, `${K8S}/${app}/serviceaccount.yaml`, 'ServiceAccount', sa);
    assert.ok('azure.workload.identity/client-id' in account.metadata.annotations);
  }
  const backend = one(files, `${K8S}/backend/deployment.yaml`, 'Deployment').spec.template.spec;
  const be = backend.containers[0];
  assert.deepEqual(be.resources, { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2000m', memory: '2Gi' } });
  assert.deepEqual(be.livenessProbe, { httpGet: { path: '/health/live', port: 'http' }, initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 });
  assert.deepEqual(be.readinessProbe, { httpGet: { path: '/health/ready', port: 'http' }, initialDelaySeconds: 10, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 });
  assert.deepEqual(be.lifecycle.preStop.exec.command, ['/bin/sh', '-c', 'sleep 15']);
  assert.equal(backend.terminationGracePeriodSeconds, 30);
  assert.deepEqual(be.volumeMounts.find((m: Obj) => m.name === 'secrets-store'), { name: 'secrets-store', mountPath: '/mnt/secrets', readOnly: true });
  assert.deepEqual(be.env.map((e: Obj) => e.valueFrom.secretKeyRef.name), Array(5).fill('backend-secrets'));
  const fe = one(files, `${K8S}/frontend/deployment.yaml`, 'Deployment').spec.template.spec.containers[0];
  assert.deepEqual(fe.resources, { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
  assert.equal(fe.livenessProbe.httpGet.path, '/');
  assert.equal(fe.readinessProbe.httpGet.path, '/');

  // Connection settings: TLS ports and modes, hosts named as Terraform names the servers.
  const cm = one(files, `${K8S}/backend/configmap.yaml`, 'ConfigMap', 'backend-config').data;
  assert.equal(cm.DATABASE_HOST, 'psql-aisaas-prod.postgres.database.azure.com');
  assert.equal(cm.DATABASE_SSL_MODE, 'require');
  assert.equal(cm.DATABASE_PORT, '6432');
  assert.equal(cm.REDIS_HOST, 'redis-aisaas-prod.redis.cache.windows.net');
  assert.equal(cm.REDIS_PORT, '6380');
  assert.equal(cm.REDIS_SSL, 'true');
  assert.equal(cm.STORAGE_TYPE, 'azure');
  assert.equal(cm.AZURE_STORAGE_CONTAINER, 'uploaded-files');
  assert.match(resource(files, 'azurerm_postgresql_flexible_server', 'main'), /name\s+= "psql-\$\{local\.name\}"/);
  assert.match(resource(files, 'azurerm_redis_cache', 'main'), /name\s+= "redis-\$\{local\.name\}"/);
  assert.match(file(files, `${TF}/main.tf`), /name = "\$\{var\.prefix\}-\$\{var\.environment\}"/);

  // Key Vault objects: every one the SecretProviderClass asks for is written by Terraform.
  const spc = one(files, `${K8S}/backend/secretproviderclass.yaml`, 'SecretProviderClass', 'azure-keyvault');
  assert.equal(spc.spec.parameters.keyvaultName, 'kv-aisaas-prod');
  assert.equal(spc.spec.parameters.usePodIdentity, 'false');
  const objects = [...spc.spec.parameters.objects.matchAll(/objectName: (\S+)/g)].map((m: RegExpMatchArray) => m[1]);
  assert.deepEqual(objects, ['database-password', 'redis-password', 'storage-connection-string', 'jwt-signing-key', 'appinsights-connection-string', 'tls-certificate']);
  const tf = [...files].filter(([p]) => p.endsWith('.tf')).map(([, t]) => t).join('\n');
  for (const o of objects) assert.match(tf, new RegExp(`^\\s+name\\s+= "${o}"$`, 'm'), `Terraform writes ${o} to Key Vault`);
  assert.deepEqual(spc.spec.secretObjects.map((s: Obj) => `${s.secretName}:${s.type}`), ['backend-secrets:Opaque', 'tls-certificate:kubernetes.io/tls']);

  // HPA, PDB, Services, Ingresses as the seed gives them.
  const hpa = one(files, `${K8S}/backend/hpa.yaml`, 'HorizontalPodAutoscaler', 'backend-hpa').spec;
  assert.deepEqual([hpa.minReplicas, hpa.maxReplicas], [3, 15]);
  assert.deepEqual(hpa.metrics.map((m: Obj) => `${m.resource.name}:${m.resource.target.averageUtilization}`), ['cpu:70', 'memory:80']);
  assert.deepEqual(hpa.behavior.scaleDown, { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 120 }] });
  const fhpa = one(files, `${K8S}/frontend/hpa.yaml`, 'HorizontalPodAutoscaler', 'frontend-hpa').spec;
  assert.deepEqual([fhpa.minReplicas, fhpa.maxReplicas, fhpa.metrics[0].resource.target.averageUtilization], [2, 10, 70]);
  assert.equal(one(files, `${K8S}/backend/pdb.yaml`, 'PodDisruptionBudget', 'backend-pdb').spec.minAvailable, 2);
  assert.equal(one(files, `${K8S}/frontend/pdb.yaml`, 'PodDisruptionBudget', 'frontend-pdb').spec.maxUnavailable, 1);
  const svc = one(files, `${K8S}/backend/service.yaml`, 'Service', 'backend-service').spec;
  assert.equal(svc.sessionAffinity, 'ClientIP');
  assert.equal(svc.ports[0].port, 5000);
  for (const [path, host, backendName] of [[`${K8S}/frontend/ingress.yaml`, '/', 'frontend-service'], [`${K8S}/backend/ingress.yaml`, '/api', 'backend-service']]) {
    const ing = one(files, path, 'Ingress');
    assert.deepEqual(ing.spec.tls, [{ hosts: ['app.example.com'], secretName: 'tls-certificate' }]);
    assert.equal(ing.spec.rules[0].http.paths[0].path, host);
    assert.equal(ing.spec.rules[0].http.paths[0].backend.service.name, backendName);
    assert.equal(ing.metadata.annotations['nginx.ingress.kubernetes.io/ssl-protocols'], 'TLSv1.2 TLSv1.3');
  }

  // Network policies: default deny and DNS in both namespaces; the backend's allowed peers.
  for (const app of ['frontend', 'backend']) {
    const all = docs(files, `${K8S}/${app}/networkpolicy.yaml`);
    assert.deepEqual(all.find((p) => p.metadata.name === 'default-deny').spec, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const dns = all.find((p) => p.metadata.name === 'allow-dns').spec.egress[0].ports;
    assert.deepEqual(dns, [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }]);
  }
  const bnp = one(files, `${K8S}/backend/networkpolicy.yaml`, 'NetworkPolicy', 'backend-network-policy').spec;
  assert.deepEqual(bnp.ingress[0].from.map((p: Obj) => p.namespaceSelector.matchLabels['kubernetes.io/metadata.name']), ['app-frontend', 'ingress-nginx', 'kube-system']);
  assert.deepEqual(bnp.ingress[0].ports, [{ protocol: 'TCP', port: 5000 }]);
  assert.equal(bnp.egress[0].to[0].ipBlock.cidr, '10.0.2.0/24', 'the private endpoint subnet of network.tf');
  assert.deepEqual(bnp.egress[0].ports.map((p: Obj) => p.port), [6432, 5432, 6380, 15000, 443]);

  // The internal load balancer address is the Application Gateway's backend.
  assert.match(file(files, 'infra/k8s/ingress-nginx/values.yaml'), /azure-load-balancer-ipv4: 10\.0\.4\.4$/m);
  assert.match(file(files, `${TF}/variables.tf`), /variable "ingress_private_ip" \{[^}]*default {5}= "10\.0\.4\.4"/);
  assert.match(file(files, '.github/workflows/deploy.yml'), /kubectl apply -k infra\/k8s\/base/);
  assert.equal(file(files, '.blueprint.yaml').match(/^profile: (\S+)$/m)?.[1], 'restricted');
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
test('azure-saas: kustomize fills the identities from azure-outputs.env and keeps that ConfigMap out of the cluster', { skip: kubectl.status === 0 ? false : 'kubectl is not installed' }, () => {
  const files = new Map(generate());
  files.set(`${K8S}/azure-outputs.env`, 'AZURE_TENANT_ID=tenant-1\nFRONTEND_CLIENT_ID=frontend-2\nBACKEND_CLIENT_ID=backend-3\nBACKEND_TEAM_GROUP_ID=group-4\n');
  const dir = writeStack(files);
  try {
    const r = spawnSync('kubectl', ['kustomize', join(dir, K8S)], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const built: Obj[] = parseAllDocuments(r.stdout).map((d) => d.toJS());
    const find = (kind: string, ns: string) => built.find((o) => o.kind === kind && o.metadata.namespace === ns);
    assert.equal(find('ServiceAccount', 'app-frontend').metadata.annotations['azure.workload.identity/client-id'], 'frontend-2');
    assert.equal(find('ServiceAccount', 'app-backend').metadata.annotations['azure.workload.identity/client-id'], 'backend-3');
    assert.equal(find('SecretProviderClass', 'app-frontend').spec.parameters.clientID, 'frontend-2');
    assert.equal(find('SecretProviderClass', 'app-backend').spec.parameters.clientID, 'backend-3');
    assert.equal(find('SecretProviderClass', 'app-backend').spec.parameters.tenantId, 'tenant-1');
    assert.equal(find('RoleBinding', 'app-backend').subjects[0].name, 'group-4');
    assert.equal(built.filter((o) => o.kind === 'ConfigMap' && o.metadata.name === 'azure-outputs').length, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('azure-saas: fields are validated so no value can break YAML or HCL', () => {
  assert.equal(stackGenerator('azure-saas'), azureSaas);
  const problems = (input: Partial<Record<AzureSaasKey, string>>) => resolveAzureSaasInput(input).problems.map((p) => p.field);
  assert.deepEqual(problems({}), ['prefix', 'domain']);
  assert.deepEqual(problems({ ...EXAMPLE }), []);
  const r = resolveAzureSaasInput({ ...EXAMPLE });
  assert.deepEqual(r.input, { prefix: 'aisaas', domain: 'app.example.com', location: 'eastus', environment: 'prod', nodeVmSize: 'Standard_D4s_v3', nodeCount: '3', acr: 'acraisaasprod', imageTag: '1.0.0' });
  for (const prefix of ['AiSaas', 'ai-saas', 'a', 'averyverylongprefix', '1abc', 'ai"saas', 'ai\nsaas']) assert.deepEqual(problems({ ...EXAMPLE, prefix }), ['prefix'], prefix);
  for (const domain of ['https://app.example.com', 'app', 'app.example.com/x', 'app.example.com"\n#']) assert.deepEqual(problems({ ...EXAMPLE, domain }), ['domain'], domain);
  for (const environment of ['production1', 'Prod', 'p', 'pr-od']) assert.deepEqual(problems({ ...EXAMPLE, environment }), ['environment'], environment);
  for (const location of ['East US', 'east-us', 'e']) assert.deepEqual(problems({ ...EXAMPLE, location }), ['location'], location);
  for (const nodeVmSize of ['D4s_v3', 'Standard D4s', 'Standard_D4s_v3"']) assert.deepEqual(problems({ ...EXAMPLE, nodeVmSize }), ['nodeVmSize'], nodeVmSize);
  for (const nodeCount of ['0', '101', 'three', '-1']) assert.deepEqual(problems({ ...EXAMPLE, nodeCount }), ['nodeCount'], nodeCount);
  for (const acr of ['my-registry', 'abc', 'MyRegistry']) assert.deepEqual(problems({ ...EXAMPLE, acr }), ['acr'], acr);
  for (const imageTag of ['latest', 'v1', '1.0']) assert.deepEqual(problems({ ...EXAMPLE, imageTag }), ['imageTag'], imageTag);
  // The longest names still fit Azure's limits: Key Vault 24, storage account 24.
  const long = resolveAzureSaasInput({ ...EXAMPLE, prefix: 'abcdefghij', environment: 'abcdefgh' });
  assert.deepEqual(long.problems, []);
  const files = generate({ ...EXAMPLE, prefix: 'abcdefghij', environment: 'abcdefgh' });
  const kv = one(files, `${K8S}/backend/secretproviderclass.yaml`, 'SecretProviderClass').spec.parameters.keyvaultName;
  assert.ok(kv.length <= 24, kv);
  assert.ok(`st${'abcdefghij'}${'abcdefgh'}rdb`.length <= 24);
});
