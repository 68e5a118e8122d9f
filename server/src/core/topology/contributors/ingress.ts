// Network view: the way in. Internet → ingress controller → Ingress / Traefik
// IngressRoute / OpenShift Route / Gateway API HTTPRoute → Service, with TLS on
// each hop: the client's hop is TLS when the route terminates it (spec.tls),
// the hop to the Service is plain unless the route says https.
import { apiGroup, gitopsGraph } from '../../model/gitops';
import { K8sObject, valueAt } from '../../model/k8s';
import { findObject, objectsOfKind } from '../../model/joins';
import type { Workspace } from '../../model/workspace';
import { serviceBackends } from '../../rules/ref/backends';
import type { GraphBuilder } from '../builder';
import type { TopologyContext, TopologyContributor } from '../contributor';
import { isRecord, list, str } from '../contributor';

export const INTERNET_ID = 'internet';

export function internetNode(g: GraphBuilder): string {
  return g.synthetic({ id: INTERNET_ID, kind: 'Internet', name: 'Internet', category: 'internet' });
}

/** Chart or workload names of well-known controllers, by ingress class. */
const CONTROLLER_NAMES: Record<string, string[]> = {
  traefik: ['traefik'],
  nginx: ['ingress-nginx', 'nginx-ingress', 'nginx'],
  haproxy: ['haproxy-ingress', 'kubernetes-ingress', 'haproxy'],
  'openshift-router': ['router'],
};

/** The node standing for an ingress controller: its HelmRelease or workload when the workspace has one, else a synthetic node. */
export function controllerNode(ctx: TopologyContext, className: string): string {
  const { ws, g } = ctx;
  const names = CONTROLLER_NAMES[className] ?? [className];
  const extra = { category: 'ingress' as const, detail: `${className} ingress controller` };
  for (const hr of gitopsGraph(ws).helmReleases) {
    if (names.includes(hr.chart ?? '') || names.includes(hr.name)) return g.object(hr.object, extra);
  }
  for (const kind of ['Deployment', 'DaemonSet']) {
    for (const w of objectsOfKind(ws, kind)) if (names.some((n) => w.name === n || w.name === `${n}-controller`)) return g.object(w, extra);
  }
  return g.synthetic({ id: `ingress-controller:${className}`, kind: 'IngressController', name: className, category: 'ingress', detail: 'ingress controller (not in the workspace)' });
}

interface Backend {
  kind: string;
  ns: string;
  name: string;
  port?: number | string;
  tls?: boolean;
}

interface RouteFacts {
  controller: string;
  /** TLS terminated at the controller for this route. */
  tls: boolean;
  hosts: string[];
  backends: Backend[];
  /** Gateway API: the Gateways the route attaches to, instead of a controller. */
  gateways?: { ns: string; name: string }[];
}

/**
 * The Services a route sends traffic to, as ref/ingress-backend reads them
 * (rules/ref/backends.ts); the hop is TLS when a Traefik service says
 * `scheme: https` or an OpenShift Route re-encrypts.
 */
function backendsOf(ws: Workspace, o: K8sObject): Backend[] {
  const reencrypt = o.kind === 'Route' && valueAt(o.value, ['spec', 'tls', 'termination']) === 'reencrypt';
  return serviceBackends(ws, o).map((b) => {
    const entry = valueAt(o.value, b.namePath.slice(0, -1));
    const tls = reencrypt || (isRecord(entry) && entry.scheme === 'https') ? true : undefined;
    return { kind: 'Service', ns: b.namespace, name: b.name, port: b.port, tls };
  });
}

function ingressFacts(ws: Workspace, o: K8sObject): RouteFacts {
  const spec = isRecord(o.value.spec) ? o.value.spec : {};
  const className = str(spec.ingressClassName) ?? o.annotations['kubernetes.io/ingress.class'] ?? 'default';
  const hosts = list(spec.rules).flatMap((r) => (isRecord(r) && str(r.host) ? [r.host as string] : []));
  return { controller: className, tls: list(spec.tls).length > 0, hosts, backends: backendsOf(ws, o) };
}

function ingressRouteFacts(ws: Workspace, o: K8sObject): RouteFacts {
  const hosts: string[] = [];
  for (const route of list(valueAt(o.value, ['spec', 'routes']))) {
    if (!isRecord(route)) continue;
    for (const m of String(route.match ?? '').matchAll(/Host(?:SNI)?\(([^)]*)\)/g)) for (const h of m[1].matchAll(/`([^`]+)`/g)) hosts.push(h[1]);
  }
  return { controller: 'traefik', tls: isRecord(valueAt(o.value, ['spec', 'tls'])), hosts: [...new Set(hosts)], backends: backendsOf(ws, o) };
}

function openshiftRouteFacts(ws: Workspace, o: K8sObject): RouteFacts {
  const host = str(valueAt(o.value, ['spec', 'host']));
  return { controller: 'openshift-router', tls: isRecord(valueAt(o.value, ['spec', 'tls'])), hosts: host ? [host] : [], backends: backendsOf(ws, o) };
}

/** Gateway API routes (not read by the ref/* rules): backendRefs and the Gateways they attach to. */
function httpRouteFacts(o: K8sObject, ns: string): RouteFacts {
  const spec = isRecord(o.value.spec) ? o.value.spec : {};
  const backends: Backend[] = [];
  for (const rule of list(spec.rules)) {
    for (const b of list(isRecord(rule) ? rule.backendRefs : undefined)) {
      if (isRecord(b) && str(b.name)) backends.push({ kind: str(b.kind) ?? 'Service', ns: str(b.namespace) ?? ns, name: b.name as string, port: str(b.port) });
    }
  }
  const gateways = list(spec.parentRefs).filter(isRecord).filter((p) => str(p.name)).map((p) => ({ ns: str(p.namespace) ?? ns, name: p.name as string }));
  return { controller: 'gateway', tls: false, hosts: list(spec.hostnames).filter((h): h is string => typeof h === 'string'), backends, gateways };
}

function routeFacts(ws: Workspace, o: K8sObject, ns: string): RouteFacts | undefined {
  const group = apiGroup(o.apiVersion);
  if (o.kind === 'Ingress' && (group === 'networking.k8s.io' || group === 'extensions')) return ingressFacts(ws, o);
  if (/^IngressRoute(TCP|UDP)?$/.test(o.kind) && /^traefik\.(io|containo\.us)$/.test(group)) return ingressRouteFacts(ws, o);
  if (o.kind === 'Route' && group === 'route.openshift.io') return openshiftRouteFacts(ws, o);
  if ((o.kind === 'HTTPRoute' || o.kind === 'GRPCRoute') && group === 'gateway.networking.k8s.io') return httpRouteFacts(o, ns);
  return undefined;
}

export const ingress: TopologyContributor = {
  id: 'ingress',
  views: ['network'],
  contribute(ctx) {
    const { ws, g } = ctx;
    for (const o of ws.objects()) {
      if (!o.name) continue;
      const facts = routeFacts(ws, o, g.ns(o));
      if (!facts) continue;
      const route = g.object(o, facts.hosts.length ? { detail: facts.hosts.join(', ') } : {});
      const internet = internetNode(g);
      const hop = facts.tls ? { label: 'HTTPS', tls: true } : { label: 'HTTP', tls: false };
      if (facts.gateways) {
        for (const gw of facts.gateways) {
          const gwId = g.ref('Gateway', gw.ns, gw.name, { category: 'ingress' });
          const gwObj = findObject(ws, 'Gateway', gw.ns, gw.name);
          const listeners = list(isRecord(gwObj?.value.spec) ? gwObj!.value.spec.listeners : undefined);
          const tls = listeners.some((l) => isRecord(l) && (l.protocol === 'HTTPS' || l.protocol === 'TLS'));
          g.edge(internet, gwId, 'routes-to', tls ? { label: 'HTTPS', tls: true } : { label: 'HTTP', tls: false });
          g.edge(gwId, route, 'routes-to', tls ? { tls: true } : { tls: false });
        }
      } else {
        const controller = controllerNode(ctx, facts.controller);
        g.edge(internet, controller, 'routes-to', hop);
        g.edge(controller, route, 'routes-to', { tls: hop.tls, ...(facts.hosts.length ? { label: facts.hosts[0] } : {}) });
      }
      for (const b of facts.backends) {
        const target = g.ref(b.kind, b.ns, b.name);
        const tls = b.tls ?? false;
        g.edge(route, target, 'routes-to', { ...(b.port !== undefined ? { port: b.port, label: `:${b.port}${tls ? ' TLS' : ''}` } : {}), tls });
      }
    }
    // Services exposed directly (LoadBalancer / NodePort), unless they front an ingress controller already drawn.
    for (const svc of objectsOfKind(ws, 'Service')) {
      const type = isRecord(svc.value.spec) ? svc.value.spec.type : undefined;
      if (type !== 'LoadBalancer' && type !== 'NodePort') continue;
      g.edge(internetNode(g), g.object(svc), 'routes-to', { label: String(type) });
    }
  },
};
