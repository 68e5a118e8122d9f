// Small helpers shared by the container rules (naming, paths, reading security fields).
import type { Container, EffectiveField, Workload } from '../../model/k8s';
import type { PathSegment } from '../../syntax/yaml';
import type { Fix, TextEdit } from '../../types';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function containerLabel(c: Container): string {
  return c.group === 'containers' ? c.name : `${c.name} (${c.group === 'initContainers' ? 'init' : 'ephemeral'})`;
}

/** `The pod (containers "web", "php")`: who a pod-level field applies to. */
export function podLabel(w: Workload): string {
  if (w.containers.length === 0) return 'The pod';
  return `The pod (containers ${w.containers.map((x) => `"${containerLabel(x)}"`).join(', ')})`;
}

/** "Container "web"" for a container-level field, "The pod (containers ...)" for a pod-level one. */
export function fieldOwnerLabel(w: Workload, c: Container, level: 'container' | 'pod'): string {
  return level === 'container' ? `Container "${containerLabel(c)}"` : podLabel(w);
}

export function securityContextPath(c: Container): PathSegment[] {
  return [...c.path, 'securityContext'];
}

export function podSecurityContextPath(w: Workload): PathSegment[] {
  return [...w.podSpecPath, 'securityContext'];
}

/**
 * A field of the container's own securityContext (never the pod's). Fields such
 * as privileged, capabilities, allowPrivilegeEscalation and readOnlyRootFilesystem
 * exist only there.
 */
export function containerField(c: Container, key: string): EffectiveField | undefined {
  const f = c.security[key];
  return f?.level === 'container' ? f : undefined;
}

/**
 * The effective value of a field the pod may set for all containers (runAsUser,
 * seccompProfile...). Like Container.security, except that a container key left
 * empty (`seccompProfile:` with nothing after it) is unset for Kubernetes, so the
 * pod's value applies.
 */
export function effectiveField(w: Workload, c: Container, key: string): EffectiveField | undefined {
  const f = c.security[key];
  if (!f || f.value !== null || f.level !== 'container') return f;
  const podSc = w.podSpec.securityContext;
  const podValue = isRecord(podSc) ? podSc[key] : undefined;
  return podValue === undefined || podValue === null ? undefined : { value: podValue, level: 'pod', path: [...podSecurityContextPath(w), key] };
}

/**
 * Pods that declare `spec.os.name: windows`: the API server rejects the Linux-only
 * securityContext fields there (capabilities, seccompProfile, privileged,
 * allowPrivilegeEscalation, readOnlyRootFilesystem, fsGroup), so the rules that
 * ask for them do not apply.
 */
export function isWindowsPod(w: Workload): boolean {
  const os = w.podSpec.os;
  return isRecord(os) && os.name === 'windows';
}

/** A one-fix list, or none when the YAML could not take the edit (a string where a mapping should be...). */
export function fixIfAny(title: string, edits: TextEdit[], options: { safe?: boolean } = {}): Fix[] {
  if (edits.length === 0) return [];
  return [options.safe === false ? { title, edits, safe: false } : { title, edits }];
}
