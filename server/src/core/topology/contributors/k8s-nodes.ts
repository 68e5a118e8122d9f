// Network view: every object the request path can cross or touch is a node,
// even when nothing points at it yet (a Deployment without a Service is worth seeing).
import { workloadOf } from '../../model/k8s';
import type { TopologyContributor } from '../contributor';
import { str } from '../contributor';

const NETWORK_KINDS = new Set([
  'Service', 'Ingress', 'IngressRoute', 'IngressRouteTCP', 'IngressRouteUDP', 'Route', 'HTTPRoute', 'Gateway',
  'NetworkPolicy', 'CiliumNetworkPolicy', 'PersistentVolumeClaim', 'StorageClass', 'ConfigMap', 'Secret',
  'ExternalSecret', 'SealedSecret', 'SecretProviderClass',
]);

function detailOf(kind: string, value: Record<string, unknown>): string | undefined {
  const spec = (value.spec ?? {}) as Record<string, unknown>;
  if (kind === 'Service') {
    const type = str(spec.type) ?? 'ClusterIP';
    const ports = Array.isArray(spec.ports) ? spec.ports.map((p) => str((p as Record<string, unknown>)?.port)).filter(Boolean) : [];
    return `${type}${ports.length ? ` :${ports.join(',')}` : ''}`;
  }
  if (kind === 'Deployment' || kind === 'StatefulSet') {
    const r = spec.replicas;
    return `${typeof r === 'number' ? r : 1} replica${r === 1 || r === undefined ? '' : 's'}`;
  }
  if (kind === 'CronJob') return str(spec.schedule);
  if (kind === 'PersistentVolumeClaim') return str((spec.resources as Record<string, Record<string, unknown>> | undefined)?.requests?.storage);
  if (kind === 'StorageClass') return str(value.provisioner);
  return undefined;
}

export const k8sNodes: TopologyContributor = {
  id: 'k8s-nodes',
  views: ['network'],
  contribute({ ws, g }) {
    for (const o of ws.objects()) {
      if (!o.name) continue;
      if (NETWORK_KINDS.has(o.kind) || workloadOf(o)) g.object(o, { detail: detailOf(o.kind, o.value) });
    }
  },
};
