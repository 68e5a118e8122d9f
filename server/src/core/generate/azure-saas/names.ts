// Every name the stack uses, derived once from the input so that Terraform, the
// manifests, the workflow and the README agree (the ConfigMap's PostgreSQL and
// Redis hosts are the Terraform servers' names).
import type { AzureSaasInput } from './index';

export interface AzureSaasNames {
  /** `<prefix>-<env>`, the suffix of most resource names. */
  base: string;
  resourceGroup: string;
  cluster: string;
  keyVault: string;
  postgres: string;
  postgresHost: string;
  redis: string;
  redisHost: string;
  storageAccount: string;
  redisBackupAccount: string;
  registry: string;
  backendIdentity: string;
  frontendIdentity: string;
  databaseName: string;
  databaseAdmin: string;
  /** Static private IP of the ingress-nginx internal load balancer (the Application Gateway's backend). */
  ingressIp: string;
}

export function namesOf(i: AzureSaasInput): AzureSaasNames {
  const base = `${i.prefix}-${i.environment}`;
  return {
    base,
    resourceGroup: `rg-${base}`,
    cluster: `aks-${base}`,
    keyVault: `kv-${base}`,
    postgres: `psql-${base}`,
    postgresHost: `psql-${base}.postgres.database.azure.com`,
    redis: `redis-${base}`,
    redisHost: `redis-${base}.redis.cache.windows.net`,
    storageAccount: `st${i.prefix}${i.environment}`,
    redisBackupAccount: `st${i.prefix}${i.environment}rdb`,
    registry: `${i.acr}.azurecr.io`,
    backendIdentity: `id-backend-${base}`,
    frontendIdentity: `id-frontend-${base}`,
    databaseName: 'app',
    databaseAdmin: 'psqladmin',
    ingressIp: '10.0.4.4',
  };
}
