// The stack generators, for the CLI (`blueprint generate <id>`) and the editor's picker.
import { drupalAks } from './drupal-aks';
import { openshiftTaskApi } from './openshift-task-api';
import { helmStaging } from './helm-staging';
import { azureSaas } from './azure-saas';
import { drupalAws } from './drupal-aws';
import type { StackGenerator } from './types';

/** In the order of the seed documents (the picker and `generate --help` list them so). */
export const STACK_GENERATORS: readonly StackGenerator[] = [drupalAks, helmStaging, openshiftTaskApi, drupalAws, azureSaas].map((g) => g as unknown as StackGenerator);

export function stackGenerator(id: string): StackGenerator | undefined {
  return STACK_GENERATORS.find((g) => g.id === id);
}

export { drupalAks, DRUPAL_AKS_FIELDS, drupalAksFiles, resolveDrupalAksInput } from './drupal-aks';
export type { DrupalAksInput, DrupalAksKey } from './drupal-aks';
export { openshiftTaskApi, OPENSHIFT_TASK_API_FIELDS, openshiftTaskApiFiles, resolveOpenShiftTaskApiInput } from './openshift-task-api';
export type { OpenShiftTaskApiInput, OpenShiftTaskApiKey } from './openshift-task-api';
export { helmStaging, HELM_STAGING_FIELDS, helmStagingFiles, resolveHelmStagingInput } from './helm-staging';
export type { HelmStagingInput, HelmStagingKey } from './helm-staging';
export { azureSaas, AZURE_SAAS_FIELDS, azureSaasFiles, resolveAzureSaasInput } from './azure-saas';
export type { AzureSaasInput, AzureSaasKey } from './azure-saas';
export { drupalAws, DRUPAL_AWS_FIELDS, drupalAwsFiles, resolveDrupalAwsInput } from './drupal-aws';
export type { DrupalAwsInput, DrupalAwsKey } from './drupal-aws';
export * from './types';
export { safeRelativePath } from './paths';
export { generateFrom, resolveStackInput } from './input';
