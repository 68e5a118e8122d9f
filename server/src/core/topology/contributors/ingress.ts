// Network view: the way in. Internet → ingress controller → Ingress / Traefik
// IngressRoute / OpenShift Route / Gateway API HTTPRoute → Service, with TLS on
// each hop: the client's hop is TLS when the route terminates it (spec.tls),
// the hop to the Service is plain unless the route says https.
import type { K8sObject } from '../../model/k8s';
import { findObject, objectsOfKind } from '../../model/joins';
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
  for (const hr of objectsOfKind(ws, 'HelmRelease')) {
    const chart = str((hr.value.spec as Record<string, Record<string, Record<string, unknown>>> | undefined)?.chart?.spec?.chart);
    if (names.includes(chart ?? '') || names.includes(hr.name ?? '')) return g.object(hr, extra);
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

function ingressFacts(o: K8sObject, ns: string): RouteFacts {
  const spec = isRecord(o.value.spec) ? o.value.spec : {};
  const className = str(spec.ingressClassName) ?? o.annotations['kubernetes.io/ingress.class'] ?? 'default';
  const backends: Backend[] = [];
  const add = (b: unknown) => {
    if (!isRecord(b)) return;
    const svc = isRecord(b.service) ? b.service : undefined;
    const name = str(svc?.name) ?? str(b.serviceName);
    const port = isRecord(svc?.port) ? (svc!.port as Record<string, unknown>).number ?? (svc!.port as Record<string, unknown>).name : b.servicePort;
    if (name) backends.push({ kind: 'Service', ns, name, port: typeof port === 'number' || typeof port === 'string' ? port : undefined });
  };
  add(spec.defaultBackend ?? spec.backend);
  const hosts: string[] = [];
  for (const rule of list(spec.rules)) {
    if (!isRecord(rule)) continue;
    if (str(rule.host)) hosts.push(rule.host as string);
    for (const p of list(isRecord(rule.http) ? rule.http.paths : undefined)) if (isRecord(p)) add(p.backend);
  }
  return { controller: className, tls: list(spec.tls).length > 0, hosts, backends };
}

function ingressRouteFacts(o: K8sObject, ns: string): RouteFacts {
  const spec = isRecord(o.value.spec) ? o.value.spec : {};
  const backends: Backend[] = [];
  const hosts: string[] = [];
  for (const route of list(spec.routes)) {
    if (!isRecord(route)) continue;
    for (const m of String(route.match ?? '').matchAll(/Host(?:SNI)?\(([^)]*)\)/g)) for (const h of m[1].matchAll(/`([^`]+)`/g)) hosts.push(h[1]);
    for (const s of list(route.services)) {
      if (!isRecord(s) || !str(s.name)) continue;
      backends.push({ kind: str(s.kind) ?? 'Service', ns: str(s.namespace) ?? ns, name: s.name as string, port: str(s.port), tls: s.scheme === 'https' ? true : undefined });
    }
  }
  return { controller: 'traefik', tls: isRecord(spec.tls), hosts: [...new Set(hosts)], backends };
}

function openshiftRouteFacts(o: K8sObject, ns: string): RouteFacts {
  const spec = isRecord(o.value.spec) ? o.value.spec : {};
  const to = isRecord(spec.to) ? spec.to : {};
  const port = isRecord(spec.port) ? str(spec.port.targetPort) : undefined;
  const tls = isRecord(spec.tls);
  const backends: Backend[] = str(to.name) ? [{ kind: 'Service', ns, name: to.name as string, port, tls: tls && spec.tls && (spec.tls as Record<string, unknown>).termination === 'reencrypt' ? true : undefined }] : [];
  return { controller: 'openshift-router', tls, hosts: str(spec.host) ? [spec.host as string] : [], backends };
}

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

function routeFacts(o: K8sObject, ns: string): RouteFacts | undefined {
  if (o.kind === 'Ingress' && o.apiVersion.startsWith('networking.k8s.io') || o.kind === 'Ingress' && o.apiVersion.startsWith('extensions')) return ingressFacts(o, ns);
  if ((o.kind === 'IngressRoute' || o.kind === 'IngressRouteTCP') && /^traefik\.(io|containo\.us)\//.test(o.apiVersion)) return ingressRouteFacts(o, ns);
  if (o.kind === 'Route' && o.apiVersion.startsWith('route.openshift.io')) return openshiftRouteFacts(o, ns);
  if ((o.kind === 'HTTPRoute' || o.kind === 'GRPCRoute') && o.apiVersion.startsWith('gateway.networking.k8s.io')) return httpRouteFacts(o, ns);
  return undefined;
}

export const ingress: TopologyContributor = {
  id: 'ingress',
  views: ['network'],
  contribute(ctx) {
    const { ws, g } = ctx;
    for (const o of ws.objects()) {
      if (!o.name) continue;
      const facts = routeFacts(o, g.ns(o));
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
