// What the TLS rules need to know about routes: Traefik IngressRoutes (hosts
// from `match`, entry points, middlewares resolved to Middleware objects, the
// chart-level HTTP→HTTPS redirection and certificate resolvers of a Traefik
// HelmRelease), OpenShift Routes, and the cert-manager issuers of the workspace.
import { K8sObject, valueAt } from '../../model/k8s';
import { findObject, nsOf, objectsOfKind, objectsOfKindIn } from '../../model/joins';
import type { Workspace } from '../../model/workspace';

export const TRAEFIK_GROUPS = ['traefik.io', 'traefik.containo.us'];

export function isTraefik(obj: K8sObject): boolean {
  return TRAEFIK_GROUPS.includes(obj.apiVersion.split('/')[0]);
}

export function isOpenShiftRoute(obj: K8sObject): boolean {
  return obj.kind === 'Route' && obj.apiVersion.startsWith('route.openshift.io/');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Host names of a Traefik rule: `Host(\`a\`, \`b\`) || Host(\`c\`)` (HostRegexp/HostSNI are left out). */
export function hostsOfMatch(match: unknown): string[] {
  if (typeof match !== 'string') return [];
  const out: string[] = [];
  const re = /(?<![A-Za-z])Host\(([^)]*)\)/g;
  for (let m = re.exec(match); m; m = re.exec(match)) {
    for (const h of m[1].matchAll(/[`"']([^`"']+)[`"']/g)) out.push(h[1].toLowerCase());
  }
  return out;
}

export interface TraefikRoute {
  index: number;
  hosts: string[];
  middlewares: { name: string; namespace?: string }[];
}

export function traefikRoutes(obj: K8sObject): TraefikRoute[] {
  const routes = valueAt(obj.value, ['spec', 'routes']);
  if (!Array.isArray(routes)) return [];
  return routes.map((r, index) => {
    const rec = isRecord(r) ? r : {};
    const mws = Array.isArray(rec.middlewares) ? rec.middlewares.filter(isRecord) : [];
    return {
      index,
      hosts: hostsOfMatch(rec.match),
      middlewares: mws
        .filter((m) => typeof m.name === 'string')
        .map((m) => ({ name: m.name as string, namespace: typeof m.namespace === 'string' ? m.namespace : undefined })),
    };
  });
}

/** `spec.entryPoints`, or undefined when absent (Traefik then attaches the route to every entry point). */
export function entryPointsOf(obj: K8sObject): string[] | undefined {
  const eps = valueAt(obj.value, ['spec', 'entryPoints']);
  return Array.isArray(eps) ? eps.map(String) : undefined;
}

export function hasTraefikTls(obj: K8sObject): boolean {
  const tls = valueAt(obj.value, ['spec', 'tls']);
  return tls !== undefined && tls !== null && tls !== false;
}

/** Entry points that serve plain HTTP: `web` (the Traefik chart's name) and `http`. */
export function isPlainEntryPoint(name: string): boolean {
  return /^(web|http)$/i.test(name);
}

/**
 * Whether a Traefik middleware reference redirects to HTTPS. `name@kubernetescrd`
 * and `ns-name@kubernetescrd` resolve to Middleware objects; a middleware the
 * workspace does not define (`redirect@file`, another repository) counts when
 * its name says so (`redirect`, `https`).
 */
export function middlewareRedirects(ws: Workspace, routeNs: string, ref: { name: string; namespace?: string }): boolean {
  let name = ref.name;
  let ns = ref.namespace ?? routeNs;
  const at = name.indexOf('@');
  if (at >= 0) {
    const provider = name.slice(at + 1);
    name = name.slice(0, at);
    if (provider === 'kubernetescrd') {
      const mws = objectsOfKind(ws, 'Middleware').filter((m) => isTraefik(m));
      const hit = mws.find((m) => `${nsOf(ws, m)}-${m.name}` === name) ?? mws.find((m) => m.name === name && nsOf(ws, m) === ns);
      if (hit) return isRedirectMiddleware(ws, hit, 0);
    }
    return /redirect|https/i.test(name);
  }
  const mw = findObject(ws, 'Middleware', ns, name);
  if (!mw) return /redirect|https/i.test(name);
  return isRedirectMiddleware(ws, mw, 0);
}

function isRedirectMiddleware(ws: Workspace, mw: K8sObject, depth: number): boolean {
  const scheme = valueAt(mw.value, ['spec', 'redirectScheme', 'scheme']);
  if (scheme !== undefined) return String(scheme).toLowerCase() === 'https';
  // A chain of middlewares redirects when one of its members does.
  const chain = valueAt(mw.value, ['spec', 'chain', 'middlewares']);
  if (Array.isArray(chain) && depth < 5) {
    const ns = nsOf(ws, mw);
    return chain.some((c) => isRecord(c) && typeof c.name === 'string' && (() => {
      const m = findObject(ws, 'Middleware', typeof c.namespace === 'string' ? c.namespace : ns, c.name);
      return m ? isRedirectMiddleware(ws, m, depth + 1) : /redirect|https/i.test(c.name);
    })());
  }
  return false;
}

/** Whether every route of an IngressRoute redirects to HTTPS (it is an HTTP→HTTPS redirect router). */
export function isRedirectRoute(ws: Workspace, obj: K8sObject): boolean {
  const routes = traefikRoutes(obj);
  const ns = nsOf(ws, obj);
  return routes.length > 0 && routes.every((r) => r.middlewares.some((m) => middlewareRedirects(ws, ns, m)));
}

// ---- the Traefik installation ------------------------------------------------------

interface TraefikInstall {
  /** Entry points redirected to HTTPS by the chart values or static arguments. */
  redirected: Set<string>;
  /** ACME certificate resolvers defined in the chart values or arguments. */
  certResolvers: string[];
}

function isTraefikRelease(o: K8sObject): boolean {
  if (o.kind !== 'HelmRelease') return false;
  const chart = valueAt(o.value, ['spec', 'chart', 'spec', 'chart']) ?? valueAt(o.value, ['spec', 'chartRef', 'name']);
  return typeof chart === 'string' && /(^|\/)traefik$/.test(chart);
}

/** What the Traefik HelmReleases of the workspace configure globally. */
export function traefikInstall(ws: Workspace): TraefikInstall {
  return ws.derived('tls:traefik-install', () => {
    const redirected = new Set<string>();
    const certResolvers = new Set<string>();
    for (const o of objectsOfKind(ws, 'HelmRelease')) {
      if (!isTraefikRelease(o)) continue;
      const values = valueAt(o.value, ['spec', 'values']);
      if (!isRecord(values)) continue;
      const ports = isRecord(values.ports) ? values.ports : {};
      for (const [ep, cfg] of Object.entries(ports)) {
        if (!isRecord(cfg)) continue;
        const to = valueAt(cfg, ['redirections', 'entryPoint', 'to']) ?? cfg.redirectTo;
        if (to !== undefined && to !== null && to !== false) redirected.add(ep);
      }
      for (const key of ['certResolvers', 'certificatesResolvers']) {
        if (isRecord(values[key])) for (const name of Object.keys(values[key] as object)) certResolvers.add(name);
      }
      const args = Array.isArray(values.additionalArguments) ? values.additionalArguments.map(String) : [];
      for (const a of args) {
        const r = /^--entrypoints\.([\w-]+)\.http\.redirections\.entry[pP]oint\.to=/.exec(a);
        if (r) redirected.add(r[1]);
        const c = /^--certificates[rR]esolvers\.([\w-]+)\./.exec(a);
        if (c) certResolvers.add(c[1]);
      }
    }
    return { redirected, certResolvers: [...certResolvers].sort() };
  });
}

// ---- cert-manager ------------------------------------------------------------------

export interface IssuerChoice {
  kind: 'Issuer' | 'ClusterIssuer';
  name: string;
  annotation: 'cert-manager.io/issuer' | 'cert-manager.io/cluster-issuer';
}

function rank(name: string): number {
  if (/stag|test|self/i.test(name)) return 2;
  if (/prod/i.test(name)) return 0;
  return 1;
}

/** The issuer a new certificate in `ns` should use: an Issuer of the namespace, else a ClusterIssuer; production ones first. */
export function preferredIssuer(ws: Workspace, ns: string): IssuerChoice | undefined {
  const pick = (objs: K8sObject[]) =>
    objs
      .filter((o) => o.name && o.apiVersion.startsWith('cert-manager.io/'))
      .map((o) => o.name!)
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
  const issuer = pick(objectsOfKindIn(ws, 'Issuer', ns));
  if (issuer) return { kind: 'Issuer', name: issuer, annotation: 'cert-manager.io/issuer' };
  const cluster = pick(objectsOfKind(ws, 'ClusterIssuer'));
  if (cluster) return { kind: 'ClusterIssuer', name: cluster, annotation: 'cert-manager.io/cluster-issuer' };
  return undefined;
}

export const CERT_MANAGER_ANNOTATIONS = ['cert-manager.io/issuer', 'cert-manager.io/cluster-issuer'];

/** Whether a TLS host pattern (`*.example.com` or exact) covers a host. */
export function hostCovered(host: string, patterns: readonly string[]): boolean {
  const h = host.toLowerCase();
  return patterns.some((p) => {
    const q = p.toLowerCase();
    if (q === h) return true;
    if (q.startsWith('*.')) {
      const rest = h.slice(h.indexOf('.') + 1);
      return h.includes('.') && rest === q.slice(2);
    }
    return false;
  });
}

/** A Secret name for a host's certificate: `app.example.com-tls`, `wildcard.example.com-tls`. */
export function tlsSecretName(host: string | undefined, fallback: string): string {
  const base = (host ?? fallback).toLowerCase().replace(/^\*\./, 'wildcard.').replace(/[^a-z0-9.-]/g, '-').replace(/^[.-]+|[.-]+$/g, '');
  return `${base || 'ingress'}-tls`;
}

/** cert-manager Certificates of a namespace whose dnsNames cover every host, with their secretName. */
export function certificateFor(ws: Workspace, ns: string, hosts: readonly string[]): string | undefined {
  if (!hosts.length) return undefined;
  for (const c of objectsOfKindIn(ws, 'Certificate', ns)) {
    const dns = valueAt(c.value, ['spec', 'dnsNames']);
    const secret = valueAt(c.value, ['spec', 'secretName']);
    if (!Array.isArray(dns) || typeof secret !== 'string') continue;
    if (hosts.every((h) => hostCovered(h, dns.map(String)))) return secret;
  }
  return undefined;
}
