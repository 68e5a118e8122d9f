import { defineRule } from '../rule';
import { Container, locate, pairOf, valueAt, Workload, workloadOf, WORKLOAD_KINDS } from '../../model/k8s';
import { setValue } from '../../fixes/yaml-edit';
import { containerLabel, effectiveField, fixIfAny, isRecord, isWindowsPod, podSecurityContextPath } from './container-helpers';
import { networkModel } from '../../model/network';

/** Volumes of the pod backed by a PersistentVolumeClaim, by volume name, with how to name them in a message. */
function claimVolumes(w: Workload): Map<string, string> {
  const out = new Map<string, string>();
  const volumes = w.podSpec.volumes;
  if (Array.isArray(volumes)) {
    for (const v of volumes) {
      if (!isRecord(v) || typeof v.name !== 'string') continue;
      const pvc = v.persistentVolumeClaim;
      if (isRecord(pvc)) out.set(v.name, `PersistentVolumeClaim "${typeof pvc.claimName === 'string' ? pvc.claimName : v.name}"`);
      else if (isRecord(v.ephemeral)) out.set(v.name, `ephemeral volume "${v.name}"`);
    }
  }
  // A StatefulSet's volumeClaimTemplates are mounted by their name without a volumes entry.
  if (w.object.kind === 'StatefulSet') {
    const templates = valueAt(w.object.value, ['spec', 'volumeClaimTemplates']);
    if (Array.isArray(templates)) {
      for (const t of templates) {
        const name = isRecord(t) ? valueAt(t, ['metadata', 'name']) : undefined;
        if (typeof name === 'string' && !out.has(name)) out.set(name, `volume claim template "${name}"`);
      }
    }
  }
  return out;
}

/** The container's volumeMounts of claim volumes: their index in the list and the volume name. */
function claimMounts(c: Container, claims: Map<string, string>): { index: number; volume: string }[] {
  const mounts = c.value.volumeMounts;
  if (!Array.isArray(mounts)) return [];
  return mounts.flatMap((m, index) => (isRecord(m) && typeof m.name === 'string' && claims.has(m.name) ? [{ index, volume: m.name }] : []));
}

function positive(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

/** An explicit runAsUser decides; else runAsNonRoot: true (the image's user, checked by the kubelet). */
function runsAsNonRoot(w: Workload, c: Container): boolean {
  const user = effectiveField(w, c, 'runAsUser')?.value;
  if (typeof user === 'number') return user > 0;
  return effectiveField(w, c, 'runAsNonRoot')?.value === true;
}

/**
 * The ID the fix can set fsGroup to: the runAsUser every mounting container
 * shares (the seed's php-fpm and nginx both run as 82, group 82), else their
 * shared runAsGroup. Unknown when they differ or are not set: any number would be a guess.
 */
function sharedId(w: Workload, containers: Container[]): number | undefined {
  for (const key of ['runAsUser', 'runAsGroup']) {
    const ids = new Set(containers.map((c) => positive(effectiveField(w, c, key)?.value)));
    const [only] = [...ids];
    if (ids.size === 1 && only !== undefined) return only;
  }
  return undefined;
}

export default defineRule({
  id: 'k8s/fs-group',
  severity: 'info',
  category: 'security',
  profile: 'restricted',
  seed: 'drupal-aks-flux: "fsGroup: 82 for volume permissions" (php-fpm and nginx run as UID 82); azure-saas-aks: fsGroup: 1000.',
  docs: 'A pod that mounts a PersistentVolumeClaim in a non-root container should set `securityContext.fsGroup`, so the kubelet gives that group access to the volume.',
  details:
    'A freshly provisioned volume usually belongs to root. A container that runs as a non-root user then cannot write to it (Drupal cannot store uploaded files, a database cannot initialise its data directory). With `fsGroup` in the pod securityContext the kubelet makes the volume group-owned by that ID and adds it to the supplementary groups of every container, so the process can write. Use the group of the user the containers run as (82 for www-data in the Alpine PHP images). The quick fix adds `fsGroup` with the runAsUser (else the runAsGroup) that the mounting containers share; when they do not set one, no number is suggested. On OpenShift (a workspace with Routes, DeploymentConfigs or `*.openshift.io` kinds), a pod that sets no runAsUser is not reported: the restricted SCCs assign the UID and the fsGroup together from the namespace\'s range.',
  messages: {
    missing: 'The pod mounts {volumes} in non-root {containers} but sets no securityContext.fsGroup, so the volume may not be writable: set fsGroup: {id}.',
    missingNoId: 'The pod mounts {volumes} in non-root {containers} but sets no securityContext.fsGroup, so the volume may not be writable: set fsGroup to the group the containers run as.',
  },
  fixes: ['Add fsGroup to the pod securityContext'],
  appliesTo: WORKLOAD_KINDS,
  check(obj, ctx) {
    const w = workloadOf(obj);
    if (!w || isWindowsPod(w)) return;
    const podSc = podSecurityContextPath(w);
    const fsGroup = valueAt(w.podSpec, ['securityContext', 'fsGroup']);
    if (fsGroup !== undefined && fsGroup !== null) return;
    const claims = claimVolumes(w);
    if (claims.size === 0) return;
    const mounting = w.containers.map((c) => ({ c, mounts: claimMounts(c, claims) })).filter((m) => m.mounts.length > 0 && runsAsNonRoot(w, m.c));
    if (mounting.length === 0) return;
    const volumes = new Set(mounting.flatMap(({ mounts }) => mounts.map((m) => claims.get(m.volume))));
    const names = mounting.map(({ c }) => `"${containerLabel(c)}"`);
    const data = {
      volumes: [...volumes].join(', '),
      containers: `${names.length === 1 ? 'container' : 'containers'} ${names.join(', ')}`,
    };
    // At the pod securityContext, where fsGroup goes; without one, at the first mount of the claim.
    const first = mounting[0];
    const at = pairOf(obj, podSc) ? locate(obj, podSc, 'key') : locate(obj, [...first.c.path, 'volumeMounts', first.mounts[0].index]);
    const id = sharedId(w, mounting.map((m) => m.c));
    if (id === undefined) {
      // OpenShift's restricted SCCs pick the UID and the fsGroup from the namespace's range when the pod sets neither.
      if (networkModel(ctx.model).openshift) return;
      ctx.report(at, 'missingNoId', data);
      return;
    }
    ctx.report(at, 'missing', { ...data, id }, fixIfAny(`Add fsGroup: ${id} to the pod securityContext`, setValue(obj.doc, [...podSc, 'fsGroup'], id)));
  },
});
