import { defineRule } from '../rule';
import { K8sObject, locate, nodeOf } from '../../model/k8s';
import { effectiveNamespaceOf } from '../../model/gitops';
import { appendToSequence, setValue } from '../../fixes/yaml-edit';
import type { Workspace } from '../../model/workspace';
import type { RelatedInfo } from '../../types';
import { mergeInsertions, relatedAt } from '../flux/helpers';
import { drupalContainers, drupalWorkload, FILES_PATH, mountsOf, volumesOf } from './helpers';
import { isSeq } from 'yaml';

const FILES_MOUNT = /\/sites\/default\/files\/?$/;
const REQUIRED_OPTIONS: Record<string, string> = { actimeo: 'actimeo=60', nconnect: 'nconnect=8' };

function isNfs(sc: K8sObject): boolean {
  const provisioner = typeof sc.value.provisioner === 'string' ? sc.value.provisioner : '';
  const params = (sc.value.parameters ?? {}) as Record<string, unknown>;
  return /nfs/i.test(provisioner) || String(params.protocol ?? '').toLowerCase() === 'nfs';
}

/** PVCs that hold Drupal's public files: claimed by a files mount of a Drupal workload. */
function filesClaims(ws: Workspace): { pvc: K8sObject; workload: K8sObject }[] {
  return ws.derived('drupal/filesClaims', () => {
    const pvcs = [...ws.objects()].filter((o) => o.kind === 'PersistentVolumeClaim');
    const out: { pvc: K8sObject; workload: K8sObject }[] = [];
    for (const o of ws.objects()) {
      const w = drupalWorkload(o);
      if (!w) continue;
      const ns = effectiveNamespaceOf(ws, o);
      for (const c of drupalContainers(w)) {
        for (const m of mountsOf(c)) {
          if (!FILES_MOUNT.test(m.mountPath)) continue;
          const claim = (volumesOf(w).find((v) => v.name === m.volumeName)?.value.persistentVolumeClaim as { claimName?: unknown } | undefined)?.claimName;
          const pvc = pvcs.find((p) => p.name === claim && effectiveNamespaceOf(ws, p) === ns);
          if (pvc && !out.some((x) => x.pvc === pvc)) out.push({ pvc, workload: o });
        }
      }
    }
    return out;
  });
}

export default defineRule({
  id: 'drupal/files-volume',
  severity: 'warning',
  category: 'drupal',
  profile: 'drupal-aks',
  seed: 'drupal-aks-flux: "PVC: drupal-files (Azure Blob NFS) Mount: /var/www/html/web/sites/default/files Options: actimeo=60, nconnect=8".',
  docs: 'The Drupal workload mounts a PersistentVolumeClaim at `/var/www/html/web/sites/default/files`, and the StorageClass of that claim uses NFS with the `actimeo` and `nconnect` mount options.',
  details:
    'Public files (uploads, image styles, CSS/JS aggregates) must survive pods and be shared by every replica, so they live on a ReadWriteMany volume: Azure Blob through the CSI driver with NFS v3. Drupal makes thousands of stat() calls per page; without `actimeo` (attribute caching) each one is a network round trip, and `nconnect` spreads the traffic over several TCP connections. The quick fix adds `actimeo=60` and `nconnect=8`, the values the architecture documents.',
  messages: {
    noMount: 'Drupal workload "{name}" mounts nothing at {path}: uploads and generated files are lost with the pod and differ between replicas.',
    notClaim: 'Drupal\'s public files ({path}) are mounted from volume "{volume}", which is not a PersistentVolumeClaim: they are lost with the pod and not shared between replicas.',
    notNfs: 'StorageClass "{name}" holds Drupal\'s public files (claim "{pvc}") but is not NFS ({provisioner}): the architecture mounts Azure Blob with NFS v3 for shared, kernel-cached access.',
    options: 'StorageClass "{name}" holds Drupal\'s public files (claim "{pvc}") over NFS without the mount option{s} {missing}: every stat() call becomes a network round trip.',
  },
  fixes: ['Add the NFS mount options'],
  appliesTo: ['Deployment', 'StatefulSet', 'StorageClass'],
  check(obj, ctx) {
    if (obj.kind === 'StorageClass') {
      const claim = filesClaims(ctx.model).find((x) => (x.pvc.value.spec as { storageClassName?: unknown } | undefined)?.storageClassName === obj.name);
      if (!claim) return;
      const related: RelatedInfo[] = [relatedAt(claim.pvc, 'The claim of Drupal\'s public files.'), relatedAt(claim.workload, 'The Drupal workload mounting it.')];
      const data = { name: obj.name ?? '(unnamed)', pvc: claim.pvc.name ?? '(unnamed)' };
      if (!isNfs(obj)) {
        ctx.report(locate(obj, ['provisioner']), 'notNfs', { ...data, provisioner: String(obj.value.provisioner ?? 'no provisioner') }, [], related);
        return;
      }
      const options = Array.isArray(obj.value.mountOptions) ? obj.value.mountOptions.map(String) : [];
      const missing = Object.keys(REQUIRED_OPTIONS).filter((o) => !options.some((x) => x === o || x.startsWith(`${o}=`)));
      if (missing.length === 0) return;
      const values = missing.map((m) => REQUIRED_OPTIONS[m]);
      const list = nodeOf(obj, ['mountOptions']);
      const edits = isSeq(list) && list.items.length > 0 ? mergeInsertions(values.flatMap((v) => appendToSequence(obj.doc, ['mountOptions'], v))) : setValue(obj.doc, ['mountOptions'], values);
      const span = list !== undefined ? locate(obj, ['mountOptions'], 'key') : locate(obj, ['provisioner']);
      ctx.report(span, 'options', { ...data, s: missing.length > 1 ? 's' : '', missing: missing.join(' and ') }, [{ title: `Add mount options ${values.join(', ')}`, edits }], related);
      return;
    }
    const w = drupalWorkload(obj);
    if (!w) return;
    const containers = drupalContainers(w);
    const mounts = containers.flatMap(mountsOf).filter((m) => FILES_MOUNT.test(m.mountPath));
    if (mounts.length === 0) {
      const c = containers[0];
      if (!c) return;
      const at = nodeOf(obj, [...c.path, 'volumeMounts']) !== undefined ? locate(obj, [...c.path, 'volumeMounts'], 'key') : locate(obj, c.path);
      ctx.report(at, 'noMount', { name: obj.name ?? '(unnamed)', path: FILES_PATH });
      return;
    }
    for (const m of mounts) {
      const volume = volumesOf(w).find((v) => v.name === m.volumeName);
      if (!volume || volume.value.persistentVolumeClaim) continue;
      ctx.report(locate(obj, [...m.path, 'mountPath']), 'notClaim', { path: m.mountPath, volume: volume.name });
    }
  },
});
