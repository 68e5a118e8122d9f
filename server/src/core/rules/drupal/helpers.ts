// What the drupal/* rules share: which workloads and containers run Drupal, and
// how their volumes are mounted.
import { Container, K8sObject, Workload, workloadOf } from '../../model/k8s';
import { isDrupalObject } from '../../model/gitops';
import type { PathSegment } from '../../syntax/yaml';

export const FILES_PATH = '/var/www/html/web/sites/default/files';
export const MIGRATION_COMMAND = /\bdrush(?:\.php)?\b[^\n;&|]*?\s(updatedb|updb|deploy)\b/;

/** A long-running workload (Deployment, StatefulSet, …) that runs Drupal. */
export function drupalWorkload(obj: K8sObject): Workload | undefined {
  const w = workloadOf(obj);
  if (!w || w.runsToCompletion) return undefined;
  return isDrupalObject(obj, w.containers.map((c) => c.image)) ? w : undefined;
}

/** Its Drupal containers: those with a Drupal image, else every regular container. */
export function drupalContainers(w: Workload): Container[] {
  const regular = w.containers.filter((c) => c.group === 'containers');
  const drupal = regular.filter((c) => c.image && /drupal/i.test(c.image));
  return drupal.length ? drupal : regular;
}

export interface Mount {
  container: Container;
  index: number;
  path: PathSegment[];
  mountPath: string;
  volumeName?: string;
}

export function mountsOf(c: Container): Mount[] {
  const list = c.value.volumeMounts;
  if (!Array.isArray(list)) return [];
  const out: Mount[] = [];
  list.forEach((m, index) => {
    if (!m || typeof m !== 'object') return;
    const r = m as Record<string, unknown>;
    if (typeof r.mountPath !== 'string') return;
    out.push({ container: c, index, path: [...c.path, 'volumeMounts', index], mountPath: r.mountPath, volumeName: typeof r.name === 'string' ? r.name : undefined });
  });
  return out;
}

export interface Volume {
  index: number;
  path: PathSegment[];
  name: string;
  value: Record<string, unknown>;
}

export function volumesOf(w: Workload): Volume[] {
  const list = w.podSpec.volumes;
  if (!Array.isArray(list)) return [];
  const out: Volume[] = [];
  list.forEach((v, index) => {
    if (!v || typeof v !== 'object') return;
    const r = v as Record<string, unknown>;
    if (typeof r.name === 'string') out.push({ index, path: [...w.podSpecPath, 'volumes', index], name: r.name, value: r });
  });
  return out;
}

/** The migration command a Job runs (`drush updatedb`), if it runs one. */
export function migrationCommand(obj: K8sObject): string | undefined {
  if (obj.kind !== 'Job') return undefined;
  const w = workloadOf(obj);
  for (const c of w?.containers ?? []) {
    const parts = [c.value.command, c.value.args].flatMap((x) => (Array.isArray(x) ? x : typeof x === 'string' ? [x] : [])).filter((x): x is string => typeof x === 'string');
    const m = MIGRATION_COMMAND.exec(parts.join(' '));
    if (m) return `drush ${m[1]}`;
  }
  return undefined;
}
