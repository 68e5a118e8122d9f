// The Service backends of Ingress, Traefik IngressRoute(TCP/UDP) and OpenShift
// Route objects, with the paths where each name and port is written. Shared by
// ref/ingress-backend and the editor navigation (go to the Service).
import { K8sObject, valueAt } from '../../model/k8s';
import { nsOf } from '../../model/joins';
import type { Workspace } from '../../model/workspace';
import type { PathSegment } from '../../syntax/yaml';
import { isRecord } from './helpers';

export interface ServiceBackend {
  /** Namespace the Service is looked up in. */
  namespace: string;
  name: string;
  namePath: PathSegment[];
  /** The port as written: a Service port number or name (Route: a target port). */
  port?: number | string;
  portPath?: PathSegment[];
  /** How the port is matched against the Service's ports. */
  portKind: 'service-port' | 'route-target-port';
}

const TRAEFIK_GROUPS = ['traefik.io', 'traefik.containo.us'];
const TRAEFIK_ROUTE_KINDS = ['IngressRoute', 'IngressRouteTCP', 'IngressRouteUDP'];

export const BACKEND_KINDS = ['Ingress', ...TRAEFIK_ROUTE_KINDS, 'Route'];

function group(obj: K8sObject): string {
  const i = obj.apiVersion.indexOf('/');
  return i < 0 ? '' : obj.apiVersion.slice(0, i);
}

function portValue(v: unknown): number | string | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v) return /^\d+$/.test(v) ? Number(v) : v;
  return undefined;
}

/** Every Service an Ingress/IngressRoute/Route sends traffic to. */
export function serviceBackends(ws: Workspace, obj: K8sObject): ServiceBackend[] {
  const ns = nsOf(ws, obj);
  const out: ServiceBackend[] = [];
  const g = group(obj);
  if (obj.kind === 'Ingress' && (g === 'networking.k8s.io' || g === 'extensions')) {
    const fromBackend = (b: unknown, path: PathSegment[]) => {
      if (!isRecord(b)) return;
      if (isRecord(b.service)) {
        const s = b.service;
        if (typeof s.name !== 'string' || !s.name) return;
        const p = isRecord(s.port) ? s.port : {};
        const port = portValue(p.number) ?? portValue(p.name);
        const portPath = p.number !== undefined ? [...path, 'service', 'port', 'number'] : p.name !== undefined ? [...path, 'service', 'port', 'name'] : undefined;
        out.push({ namespace: ns, name: s.name, namePath: [...path, 'service', 'name'], port, portPath, portKind: 'service-port' });
      } else if (typeof b.serviceName === 'string' && b.serviceName) {
        const port = portValue(b.servicePort);
        out.push({ namespace: ns, name: b.serviceName, namePath: [...path, 'serviceName'], port, portPath: port !== undefined ? [...path, 'servicePort'] : undefined, portKind: 'service-port' });
      }
    };
    fromBackend(valueAt(obj.value, ['spec', 'defaultBackend']), ['spec', 'defaultBackend']);
    fromBackend(valueAt(obj.value, ['spec', 'backend']), ['spec', 'backend']);
    const rules = valueAt(obj.value, ['spec', 'rules']);
    if (Array.isArray(rules)) {
      rules.forEach((r, i) => {
        const paths = valueAt(r, ['http', 'paths']);
        if (Array.isArray(paths)) paths.forEach((p, j) => fromBackend(isRecord(p) ? p.backend : undefined, ['spec', 'rules', i, 'http', 'paths', j, 'backend']));
      });
    }
  } else if (TRAEFIK_ROUTE_KINDS.includes(obj.kind) && TRAEFIK_GROUPS.includes(g)) {
    const routes = valueAt(obj.value, ['spec', 'routes']);
    if (Array.isArray(routes)) {
      routes.forEach((r, i) => {
        const services = isRecord(r) ? r.services : undefined;
        if (!Array.isArray(services)) return;
        services.forEach((s, j) => {
          if (!isRecord(s) || typeof s.name !== 'string' || !s.name) return;
          if (s.kind !== undefined && s.kind !== 'Service') return; // TraefikService: a Traefik object, not a Service
          const path: PathSegment[] = ['spec', 'routes', i, 'services', j];
          const port = portValue(s.port);
          out.push({
            namespace: typeof s.namespace === 'string' && s.namespace ? s.namespace : ns,
            name: s.name,
            namePath: [...path, 'name'],
            port,
            portPath: port !== undefined ? [...path, 'port'] : undefined,
            portKind: 'service-port',
          });
        });
      });
    }
  } else if (obj.kind === 'Route' && g === 'route.openshift.io') {
    const port = portValue(valueAt(obj.value, ['spec', 'port', 'targetPort']));
    const portPath: PathSegment[] | undefined = port !== undefined ? ['spec', 'port', 'targetPort'] : undefined;
    const add = (t: unknown, path: PathSegment[]) => {
      if (!isRecord(t) || typeof t.name !== 'string' || !t.name) return;
      if (t.kind !== undefined && t.kind !== 'Service') return;
      out.push({ namespace: ns, name: t.name, namePath: [...path, 'name'], port, portPath, portKind: 'route-target-port' });
    };
    add(valueAt(obj.value, ['spec', 'to']), ['spec', 'to']);
    const alt = valueAt(obj.value, ['spec', 'alternateBackends']);
    if (Array.isArray(alt)) alt.forEach((t, i) => add(t, ['spec', 'alternateBackends', i]));
  }
  return out;
}
