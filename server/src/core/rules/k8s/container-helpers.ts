// Small helpers shared by the container rules (naming and paths).
import type { Container, Workload } from '../../model/k8s';
import type { PathSegment } from '../../syntax/yaml';

export function containerLabel(c: Container): string {
  return c.group === 'containers' ? c.name : `${c.name} (${c.group === 'initContainers' ? 'init' : 'ephemeral'})`;
}

/** "Container "web"" for a container-level field, "The pod (containers ...)" for a pod-level one. */
export function fieldOwnerLabel(w: Workload, c: Container, level: 'container' | 'pod'): string {
  if (level === 'container') return `Container "${containerLabel(c)}"`;
  return `The pod (containers ${w.containers.map((x) => `"${containerLabel(x)}"`).join(', ')})`;
}

export function securityContextPath(c: Container): PathSegment[] {
  return [...c.path, 'securityContext'];
}
