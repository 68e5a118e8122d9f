// Network view: what a workload reads, from the references ref/config-ref checks
// (configRefs in rules/ref/config-ref.ts): volumes → PVC / ConfigMap / Secret
// (`mounts`), env and envFrom → Secret (`uses-secret`) or ConfigMap
// (`references`), imagePullSecrets (`uses-secret`). Besides: CSI volumes → their
// SecretProviderClass (`mounts`), a PVC or a StatefulSet's volumeClaimTemplates →
// its StorageClass (`references`).
import { allWorkloads, objectsOfKind } from '../../model/joins';
import { valueAt, Workload } from '../../model/k8s';
import { configRefs } from '../../rules/ref/config-ref';
import type { GraphBuilder } from '../builder';
import type { TopologyContributor } from '../contributor';
import { isRecord, list, str } from '../contributor';

function references(g: GraphBuilder, w: Workload, from: string, ns: string): void {
  for (const r of configRefs(w)) {
    if (r.kind === 'ServiceAccount') continue;
    const at = r.path.slice(w.podSpecPath.length);
    const to = g.ref(r.kind, ns, r.name);
    if (at[0] === 'volumes') g.edge(from, to, 'mounts', { label: str(valueAt(w.podSpec, ['volumes', at[1], 'name'])) });
    else if (at[0] === 'imagePullSecrets') g.edge(from, to, 'uses-secret', { label: 'imagePull' });
    else {
      const label = r.path.includes('envFrom') ? 'envFrom' : 'env';
      g.edge(from, to, r.kind === 'Secret' ? 'uses-secret' : 'references', { label });
    }
  }
  for (const v of list(w.podSpec.volumes)) {
    const spc = str(valueAt(v, ['csi', 'volumeAttributes', 'secretProviderClass']));
    if (spc) g.edge(from, g.ref('SecretProviderClass', ns, spc), 'mounts', { label: isRecord(v) ? str(v.name) : undefined });
  }
  for (const t of list(valueAt(w.object.value, ['spec', 'volumeClaimTemplates']))) {
    const sc = str(valueAt(t, ['spec', 'storageClassName']));
    if (sc) g.edge(from, g.ref('StorageClass', '', sc), 'references', { label: str(valueAt(t, ['metadata', 'name'])) });
  }
}

export const configRefsContributor: TopologyContributor = {
  id: 'config-refs',
  views: ['network'],
  contribute({ ws, g }) {
    for (const w of allWorkloads(ws)) {
      if (!w.object.name) continue;
      references(g, w, g.object(w.object), g.ns(w.object));
    }
    for (const pvc of objectsOfKind(ws, 'PersistentVolumeClaim')) {
      const sc = str(valueAt(pvc.value, ['spec', 'storageClassName']));
      if (pvc.name && sc) g.edge(g.object(pvc), g.ref('StorageClass', '', sc), 'references', { label: 'storageClassName' });
    }
  },
};
