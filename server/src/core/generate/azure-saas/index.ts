// The AI SaaS dashboard on AKS with Azure managed services of
// seeds/azure-saas-aks.md, written fresh: infra/terraform/azure/ (VNet with the
// AKS, private endpoint, Application Gateway and ingress subnets; AKS with Azure
// CNI, network policy, workload identity and Entra ID RBAC; PostgreSQL flexible
// server, Azure Cache for Redis Premium, Blob Storage, Key Vault and ACR behind
// private endpoints; Application Gateway WAF_v2; Log Analytics, Application
// Insights, managed Prometheus) and infra/k8s/ (the app-frontend and app-backend
// namespaces: Deployments, Services, Ingresses with TLS, HPAs, PDBs,
// NetworkPolicies, workload identity ServiceAccounts and Key Vault
// SecretProviderClasses), deployed by the seed's GitHub Actions `kubectl apply`.
import { generateFrom, resolveStackInput } from '../input';
import type { StackField, StackGenerator, ValidationProblem } from '../types';
import * as v from '../validate';
import { kubernetesFiles } from './kubernetes';
import { namesOf } from './names';
import { readme } from './readme';
import { terraformFiles } from './terraform';

export type AzureSaasKey = 'prefix' | 'domain' | 'location' | 'environment' | 'nodeVmSize' | 'nodeCount' | 'acr' | 'imageTag';

export type AzureSaasInput = Record<AzureSaasKey, string>;

export const AZURE_SAAS_FIELDS: readonly StackField<AzureSaasKey>[] = [
  {
    key: 'prefix',
    label: 'Name prefix',
    description: 'Short name of the product, in every Azure resource name (psql-<prefix>-<env>, st<prefix><env>, …); PostgreSQL, Redis, Key Vault, Storage and ACR names are global, so it must be unique enough.',
    example: 'aisaas',
    required: true,
    validate: (s) => v.lowercaseAlphanumeric(s, 2, 10, 'name prefix'),
  },
  { key: 'domain', label: 'Domain', description: 'Public host name of the dashboard (Application Gateway listener, Ingress host and TLS certificate).', example: 'app.example.com', required: true, validate: (s) => v.hostname(s, 'domain') },
  { key: 'location', label: 'Azure location', description: 'Azure region of every resource (the seed\'s primary region is East US).', example: 'eastus', default: 'eastus', validate: v.azureLocation },
  { key: 'environment', label: 'Environment', description: 'Environment name, in resource names and the GitHub deployment environment.', example: 'prod', default: 'prod', validate: (s) => v.lowercaseAlphanumeric(s, 2, 8, 'environment name') },
  { key: 'nodeVmSize', label: 'AKS node size', description: 'VM size of the AKS node pools (system, user and spot).', example: 'Standard_D4s_v3', default: 'Standard_D4s_v3', validate: v.azureVmSize },
  { key: 'nodeCount', label: 'AKS system nodes', description: 'Nodes of the system pool, spread over availability zones 1–3 (the user pool autoscales from 3 to 10).', example: '3', default: '3', validate: (s) => v.integerIn(s, 1, 100, 'number of system nodes') },
  {
    key: 'acr',
    label: 'Container registry (ACR) name',
    description: 'Azure Container Registry (Premium) holding the frontend and backend images (<name>.azurecr.io).',
    example: 'acraisaasprod',
    default: (i) => `acr${i.prefix ?? ''}${i.environment ?? ''}`,
    validate: v.acrName,
  },
  { key: 'imageTag', label: 'Image tag', description: 'Tag of the frontend and backend images deployed first; the deploy workflow sets newer ones.', example: '1.0.0', default: '1.0.0', validate: v.semverTag },
];

/** Apply defaults and validate every field (see input.ts). */
export function resolveAzureSaasInput(given: Readonly<Partial<Record<AzureSaasKey, string>>>): { input?: AzureSaasInput; problems: ValidationProblem[] } {
  return resolveStackInput(AZURE_SAAS_FIELDS, given);
}

export const azureSaas: StackGenerator<AzureSaasKey> = {
  id: 'azure-saas',
  title: 'SaaS platform on AKS with Azure managed services',
  description:
    'Terraform for AKS (Azure CNI, network policy, workload identity), PostgreSQL, Redis, Blob Storage, Key Vault and ACR behind private endpoints, Application Gateway WAF and monitoring; Kubernetes manifests for the React frontend and Flask backend with TLS, Key Vault secrets, HPAs, PDBs and default-deny network policies.',
  seed: 'azure-saas-aks',
  profile: 'restricted',
  fields: AZURE_SAAS_FIELDS,
  asked: ['prefix', 'domain', 'location', 'environment', 'nodeVmSize', 'nodeCount', 'acr'],
  defaultFolder: 'azure-saas',
  openAfter: () => 'infra/k8s/base/kustomization.yaml',
  generate: (given) => generateFrom(AZURE_SAAS_FIELDS, given, azureSaasFiles),
};

/** Every file of the stack, in a stable order. */
export function azureSaasFiles(input: AzureSaasInput): Map<string, string> {
  const n = namesOf(input);
  const files = new Map<string, string>();
  files.set(
    '.blueprint.yaml',
    `# Blueprint (https://github.com/blueprint-dev/blueprint) lints this repository
# against the Azure SaaS architecture: npx blueprint lint .
profile: restricted
`,
  );
  for (const [path, text] of terraformFiles(input, n)) files.set(path, text);
  for (const [path, text] of kubernetesFiles(input, n)) files.set(path, text);
  files.set('README.md', readme(input, n));
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
