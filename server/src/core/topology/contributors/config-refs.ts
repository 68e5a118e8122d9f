// Network view: what a workload reads. Volumes → PVC / ConfigMap / Secret
// (`mounts`), env and envFrom → Secret (`uses-secret`) or ConfigMap
// (`references`), imagePullSecrets (`uses-secret`); a PVC or a StatefulSet's
// volumeClaimTemplates → its StorageClass (`references`).
import { allWorkloads, objectsOfKind } from '../../model/joins';
import type { Workload } from '../../model/k8s';
import type { TopologyContributor } from '../contributor';
import { isRecord, list, str } from '../contributor';
import type { GraphBuilder } from '../builder';

function volumeRefs(g: GraphBuilder, w: Workload, from: string, ns: string): void {
  for (const v of list(w.podSpec.volumes)) {
    if (!isRecord(v)) continue;
    const pvc = isRecord(v.persistentVolumeClaim) ? str(v.persistentVolumeClaim.claimName) : undefined;
    if (pvc) g.edge(from, g.ref('PersistentVolumeClaim', ns, pvc), 'mounts', { label: str(v.name) });
    const cm = isRecord(v.configMap) ? str(v.configMap.name) : undefined;
    if (cm) g.edge(from, g.ref('ConfigMap', ns, cm), 'mounts', { label: str(v.name) });
    const secret = isRecord(v.secret) ? str(v.secret.secretName) : undefined;
    if (secret) g.edge(from, g.ref('Secret', ns, secret), 'mounts', { label: str(v.name) });
    for (const src of list(isRecord(v.projected) ? v.projected.sources : undefined)) {
      if (!isRecord(src)) continue;
      const pcm = isRecord(src.configMap) ? str(src.configMap.name) : undefined;
      if (pcm) g.edge(from, g.ref('ConfigMap', ns, pcm), 'mounts', { label: str(v.name) });
      const ps = isRecord(src.secret) ? str(src.secret.name) : undefined;
      if (ps) g.edge(from, g.ref('Secret', ns, ps), 'mounts', { label: str(v.name) });
    }
    const csi = isRecord(v.csi) && isRecord(v.csi.volumeAttributes) ? str(v.csi.volumeAttributes.secretProviderClass) : undefined;
    if (csi) g.edge(from, g.ref('SecretProviderClass', ns, csi), 'mounts', { label: str(v.name) });
  }
  for (const t of list(isRecord(w.object.value.spec) ? w.object.value.spec.volumeClaimTemplates : undefined)) {
    if (!isRecord(t) || !isRecord(t.spec)) continue;
    const sc = str(t.spec.storageClassName);
    if (sc) g.edge(from, g.ref('StorageClass', '', sc), 'references', { label: isRecord(t.metadata) ? str(t.metadata.name) : undefined });
  }
}

function envRefs(g: GraphBuilder, w: Workload, from: string, ns: string): void {
  for (const c of w.containers) {
    for (const e of list(c.value.envFrom)) {
      if (!isRecord(e)) continue;
      const s = isRecord(e.secretRef) ? str(e.secretRef.name) : undefined;
      if (s) g.edge(from, g.ref('Secret', ns, s), 'uses-secret', { label: 'envFrom' });
      const cm = isRecord(e.configMapRef) ? str(e.configMapRef.name) : undefined;
      if (cm) g.edge(from, g.ref('ConfigMap', ns, cm), 'references', { label: 'envFrom' });
    }
    for (const e of list(c.value.env)) {
      if (!isRecord(e) || !isRecord(e.valueFrom)) continue;
      const s = isRecord(e.valueFrom.secretKeyRef) ? str(e.valueFrom.secretKeyRef.name) : undefined;
      if (s) g.edge(from, g.ref('Secret', ns, s), 'uses-secret', { label: 'env' });
      const cm = isRecord(e.valueFrom.configMapKeyRef) ? str(e.valueFrom.configMapKeyRef.name) : undefined;
      if (cm) g.edge(from, g.ref('ConfigMap', ns, cm), 'references', { label: 'env' });
    }
  }
  for (const p of list(w.podSpec.imagePullSecrets)) {
    const s = isRecord(p) ? str(p.name) : undefined;
    if (s) g.edge(from, g.ref('Secret', ns, s), 'uses-secret', { label: 'imagePull' });
  }
}

export const configRefs: TopologyContributor = {
  id: 'config-refs',
  views: ['network'],
  contribute({ ws, g }) {
    for (const w of allWorkloads(ws)) {
      if (!w.object.name) continue;
      const from = g.object(w.object);
      const ns = g.ns(w.object);
      volumeRefs(g, w, from, ns);
      envRefs(g, w, from, ns);
    }
    for (const pvc of objectsOfKind(ws, 'PersistentVolumeClaim')) {
      const sc = isRecord(pvc.value.spec) ? str(pvc.value.spec.storageClassName) : undefined;
      if (pvc.name && sc) g.edge(g.object(pvc), g.ref('StorageClass', '', sc), 'references', { label: 'storageClassName' });
    }
  },
};
