// Shared by the resource rules (requests, limits): which containers they look at,
// reading a quantity whatever shape `resources` has, and the insert-a-quantity fix.
import type { Container, K8sObject, Workload } from '../../model/k8s';
import type { PathSegment } from '../../syntax/yaml';
import { insertEntries } from '../../fixes/yaml-edit';
import type { Fix } from '../../types';

export type ResourceName = 'cpu' | 'memory';
export type ResourceSection = 'requests' | 'limits';
export type Quantity = string | number;

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Containers that take part in scheduling and may set resources and probes:
 * regular and init containers. Ephemeral (debug) containers may set neither.
 */
export function scheduledContainers(w: Workload): Container[] {
  return w.containers.filter((c) => c.group !== 'ephemeralContainers');
}

/** `resources.<section>.<name>` of a container when it is a usable quantity (not null, not empty). */
export function quantityOf(c: Container, section: ResourceSection, name: ResourceName): Quantity | undefined {
  const resources = c.value.resources;
  if (!isRecord(resources)) return undefined;
  const values = resources[section];
  if (!isRecord(values)) return undefined;
  const q = values[name];
  if (typeof q === 'number') return q;
  if (typeof q === 'string' && q.trim() !== '') return q;
  return undefined;
}

export function resourcesPath(c: Container, section: ResourceSection, name?: ResourceName): PathSegment[] {
  return name ? [...c.path, 'resources', section, name] : [...c.path, 'resources', section];
}

/** `requests.cpu: 100m and requests.memory: 128Mi`, for fix titles. */
export function describeQuantities(section: ResourceSection, quantities: Partial<Record<ResourceName, Quantity>>): string {
  return Object.entries(quantities).map(([name, q]) => `${section}.${name}: ${q}`).join(' and ');
}

/**
 * The fix that adds quantities under `resources.<section>` (creating `resources`
 * and the section as needed). None when the YAML cannot take them without a
 * human deciding (e.g. `resources` is a string).
 */
export function addQuantitiesFix(obj: K8sObject, c: Container, section: ResourceSection, quantities: Partial<Record<ResourceName, Quantity>>): Fix[] {
  const edits = insertEntries(obj.doc, resourcesPath(c, section), quantities);
  return edits.length ? [{ title: `Add ${describeQuantities(section, quantities)}`, edits }] : [];
}
