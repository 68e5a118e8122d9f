// The stack generators, for the CLI (`blueprint generate <id>`) and the editor's picker.
import { drupalAks } from './drupal-aks';
import type { StackGenerator } from './types';

export const STACK_GENERATORS: readonly StackGenerator[] = [drupalAks as unknown as StackGenerator];

export function stackGenerator(id: string): StackGenerator | undefined {
  return STACK_GENERATORS.find((g) => g.id === id);
}

export { drupalAks, DRUPAL_AKS_FIELDS, drupalAksFiles, resolveDrupalAksInput } from './drupal-aks';
export type { DrupalAksInput, DrupalAksKey } from './drupal-aks';
export * from './types';
export { safeRelativePath } from './paths';
export { generateFrom, resolveStackInput } from './input';
