// The Terraform rules (Azure, AWS), HCL syntax and the checks that join
// Terraform with the Kubernetes manifests of the same workspace.
import type { AnyRule } from '../rule';
import hclSyntax from '../hcl/syntax';
import policyEngine from '../net/policy-engine';
import azureRedisTls from './azure-redis-tls';
import azurePostgresPublic from './azure-postgres-public';
import azurePostgresSsl from './azure-postgres-ssl';
import azureStorageTls from './azure-storage-tls';
import azureStoragePublic from './azure-storage-public';
import azureStorageNfs from './azure-storage-nfs';
import azureAksNetworkPolicy from './azure-aks-network-policy';
import azureAksRbac from './azure-aks-rbac';
import azureAksWorkloadIdentity from './azure-aks-workload-identity';
import azureAcrAdmin from './azure-acr-admin';
import azureKeyvaultPurge from './azure-keyvault-purge';
import azureNsgOpen from './azure-nsg-open';
import awsRdsEncryption from './aws-rds-encryption';
import awsRdsPublic from './aws-rds-public';
import awsRdsBackup from './aws-rds-backup';
import awsSgOpenWorld from './aws-sg-open-world';
import awsDbSgSource from './aws-db-sg-source';
import awsAlbHttps from './aws-alb-https';
import awsEcrScan from './aws-ecr-scan';
import awsEcrImmutable from './aws-ecr-immutable';
import awsLogRetention from './aws-log-retention';

export const TERRAFORM_RULES: readonly AnyRule[] = [
  hclSyntax,
  azureRedisTls,
  azurePostgresPublic,
  azurePostgresSsl,
  azureStorageTls,
  azureStoragePublic,
  azureStorageNfs,
  azureAksNetworkPolicy,
  azureAksRbac,
  azureAksWorkloadIdentity,
  azureAcrAdmin,
  azureKeyvaultPurge,
  azureNsgOpen,
  awsRdsEncryption,
  awsRdsPublic,
  awsRdsBackup,
  awsSgOpenWorld,
  awsDbSgSource,
  awsAlbHttps,
  awsEcrScan,
  awsEcrImmutable,
  awsLogRetention,
  policyEngine,
];
