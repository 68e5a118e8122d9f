// Shared by the resource rules (requests, limits): which containers they look at,
// reading a quantity whatever shape `resources` has, and the insert-a-quantity fix.
import type { Container, K8sObject, Workload } from '../../model/k8s';
import { pairOf } from '../../model/k8s';
import type { PathSegment } from '../../syntax/yaml';
import { insertEntries, setValue } from '../../fixes/yaml-edit';
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
 * and the section as needed), or fills keys written with no value (`memory:`
 * being typed). None when the YAML cannot take them without a human deciding:
 * `resources` is a string, or some keys are empty and others absent (rare, and
 * the two kinds of edit could land at the same offset).
 */
export function addQuantitiesFix(obj: K8sObject, c: Container, section: ResourceSection, quantities: Partial<Record<ResourceName, Quantity>>): Fix[] {
  const names = Object.keys(quantities) as ResourceName[];
  const empty = names.filter((name) => pairOf(obj, resourcesPath(c, section, name)));
  if (empty.length > 0 && empty.length < names.length) return [];
  const edits = empty.length
    ? empty.flatMap((name) => setValue(obj.doc, resourcesPath(c, section, name), quantities[name]))
    : insertEntries(obj.doc, resourcesPath(c, section), quantities);
  return edits.length ? [{ title: `${empty.length ? 'Set' : 'Add'} ${describeQuantities(section, quantities)}`, edits }] : [];
}
