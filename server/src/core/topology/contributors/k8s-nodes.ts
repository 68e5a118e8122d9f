// Network view: every object the request path can cross or touch is a node,
// even when nothing points at it yet (a Deployment without a Service is worth seeing).
import { replicasOf, servicePorts } from '../../model/joins';
import { K8sObject, valueAt, workloadOf, Workload } from '../../model/k8s';
import type { TopologyContributor } from '../contributor';
import { str } from '../contributor';

const NETWORK_KINDS = new Set([
  'Service', 'Ingress', 'IngressRoute', 'IngressRouteTCP', 'IngressRouteUDP', 'Route', 'HTTPRoute', 'Gateway',
  'NetworkPolicy', 'CiliumNetworkPolicy', 'PersistentVolumeClaim', 'StorageClass', 'ConfigMap', 'Secret',
  'ExternalSecret', 'SealedSecret', 'SecretProviderClass',
]);

function detailOf(o: K8sObject, w: Workload | undefined): string | undefined {
  if (o.kind === 'Service') {
    const ports = servicePorts(o).map((p) => p.port);
    return `${str(valueAt(o.value, ['spec', 'type'])) ?? 'ClusterIP'}${ports.length ? ` :${ports.join(',')}` : ''}`;
  }
  if (w && (o.kind === 'Deployment' || o.kind === 'StatefulSet')) {
    const r = replicasOf(w);
    return r === undefined ? undefined : `${r} replica${r === 1 ? '' : 's'}`;
  }
  if (o.kind === 'CronJob') return str(valueAt(o.value, ['spec', 'schedule']));
  if (o.kind === 'PersistentVolumeClaim') return str(valueAt(o.value, ['spec', 'resources', 'requests', 'storage']));
  if (o.kind === 'StorageClass') return str(o.value.provisioner);
  return undefined;
}

export const k8sNodes: TopologyContributor = {
  id: 'k8s-nodes',
  views: ['network'],
  contribute({ ws, g }) {
    for (const o of ws.objects()) {
      if (!o.name) continue;
      const w = workloadOf(o);
      if (NETWORK_KINDS.has(o.kind) || w) g.object(o, { detail: detailOf(o, w) });
    }
  },
};
