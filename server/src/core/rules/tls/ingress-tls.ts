import { defineRule } from '../rule';
import { K8sObject, locate, valueAt } from '../../model/k8s';
import { nsOf } from '../../model/joins';
import type { Workspace } from '../../model/workspace';
import type { Fix, TextEdit } from '../../types';
import { insertEntries, setValue, appendToSequence } from '../../fixes/yaml-edit';
import {
  CERT_MANAGER_ANNOTATIONS, certificateFor, entryPointsOf, hasTraefikTls, hostCovered, isOpenShiftRoute, isPlainEntryPoint,
  isRedirectRoute, isTraefik, preferredIssuer, tlsSecretName, traefikInstall, traefikRoutes,
} from './ingress-helpers';

/** Hosts some IngressRoute serves over TLS (it has `tls` and a non-plain entry point). */
export function traefikTlsHosts(ws: Workspace): Set<string> {
  return ws.derived('tls:traefik-tls-hosts', () => {
    const out = new Set<string>();
    for (const o of ws.objects()) {
      if (o.kind !== 'IngressRoute' || !isTraefik(o) || !hasTraefikTls(o)) continue;
      const eps = entryPointsOf(o);
      if (eps && eps.every(isPlainEntryPoint)) continue;
      for (const r of traefikRoutes(o)) for (const h of r.hosts) out.add(h);
    }
    return out;
  });
}

/**
 * How an IngressRoute without working TLS is reported: 'redirect' routes are
 * fine, 'duplicate' routes serve hosts that also have a TLS route (tls/http-redirect
 * reports them), 'plain' routes are the only way to their hosts (tls/ingress-tls).
 */
export function plainTraefikRoute(ws: Workspace, obj: K8sObject): 'tls' | 'redirect' | 'duplicate' | 'plain' {
  const eps = entryPointsOf(obj);
  const onlyPlain = !!eps && eps.length > 0 && eps.every(isPlainEntryPoint);
  if (hasTraefikTls(obj) && !onlyPlain) return 'tls';
  if (isRedirectRoute(ws, obj)) return 'redirect';
  const hosts = traefikRoutes(obj).flatMap((r) => r.hosts);
  const served = traefikTlsHosts(ws);
  if (hosts.length && hosts.every((h) => served.has(h))) return 'duplicate';
  return 'plain';
}

export default defineRule({
  id: 'tls/ingress-tls',
  severity: 'error',
  category: 'tls',
  profile: 'baseline',
  seed: 'drupal-aks-flux: "TLS termination (Let\'s Encrypt)", IngressRoute on websecure with tls; openshift-task-api: "OpenShift Route with TLS termination (edge)"; azure-saas-aks: Ingress `spec.tls`.',
  docs:
    'Every route into the cluster terminates TLS: an Ingress has `spec.tls` covering every host of its rules; a Traefik IngressRoute has `tls` and listens on a TLS entry point (not only `web`); an OpenShift Route has `spec.tls`. An IngressRoute whose routes all redirect to HTTPS (a redirectScheme middleware) is the HTTP→HTTPS redirect and is fine.',
  details: [
    'Without TLS, session cookies, credentials and personal data cross the internet in clear text.',
    '',
    '- **Ingress**: each `spec.rules[].host` must be listed in some `spec.tls[].hosts` (wildcards count). The fix adds `tls: [{ hosts: [...], secretName: <first-host>-tls }]` and, when the workspace has an Issuer in the namespace or a ClusterIssuer, the `cert-manager.io/issuer` / `cert-manager.io/cluster-issuer` annotation so cert-manager creates the Secret. Without an issuer the fix is not applied automatically: the Secret must be created first.',
    '- **Traefik IngressRoute**: `tls` with `certResolver` (when the Traefik HelmRelease defines one), the `secretName` of a cert-manager Certificate covering the hosts, or `<first-host>-tls`; entry points move to `websecure`. A plain-HTTP IngressRoute for hosts that another IngressRoute already serves with TLS is reported by `tls/http-redirect` instead.',
    '- **OpenShift Route**: the fix adds `tls: { termination: edge, insecureEdgeTerminationPolicy: Redirect }` (the router\'s certificate).',
  ].join('\n'),
  messages: {
    ingressNoTls: 'Ingress "{name}" has no spec.tls: {hosts} served over plain HTTP.',
    ingressUncovered: 'Host "{host}" is not listed in spec.tls of Ingress "{name}": it is served over plain HTTP.',
    traefikNoTls: 'IngressRoute "{name}" has no tls: {hosts} served over plain HTTP.',
    traefikWebOnly: 'IngressRoute "{name}" has tls but listens only on the plain-HTTP entry point {entryPoints}: use websecure.',
    routeNoTls: 'Route "{name}" has no spec.tls: {host} served over plain HTTP.',
  },
  fixes: ['Add a tls block', 'Add the host to spec.tls', 'Add tls: { termination: edge, insecureEdgeTerminationPolicy: Redirect }'],
  appliesTo: ['Ingress', 'IngressRoute', 'Route'],
  check(obj, ctx) {
    const ws = ctx.model;
    const name = obj.name ?? '(unnamed)';
    if (obj.kind === 'Ingress') {
      const rules = valueAt(obj.value, ['spec', 'rules']);
      const hosts: { host: string; index: number }[] = [];
      if (Array.isArray(rules)) rules.forEach((r, index) => {
        const h = r && typeof r === 'object' ? (r as Record<string, unknown>).host : undefined;
        if (typeof h === 'string' && h) hosts.push({ host: h, index });
      });
      const tls = valueAt(obj.value, ['spec', 'tls']);
      const entries = Array.isArray(tls) ? tls.filter((t) => t && typeof t === 'object') as Record<string, unknown>[] : [];
      if (!entries.length) {
        const unique = [...new Set(hosts.map((h) => h.host))];
        ctx.report(locate(obj, ['spec', 'tls']), 'ingressNoTls', { name, hosts: describeHosts(unique) }, [ingressTlsFix(ws, obj, unique)]);
        return;
      }
      // An entry without hosts takes the controller's default certificate for every host.
      if (entries.some((e) => !Array.isArray(e.hosts) || e.hosts.length === 0)) return;
      const covered = entries.flatMap((e) => (e.hosts as unknown[]).map(String));
      const annotated = CERT_MANAGER_ANNOTATIONS.some((a) => a in obj.annotations);
      for (const h of hosts) {
        if (hostCovered(h.host, covered)) continue;
        ctx.report(locate(obj, ['spec', 'rules', h.index, 'host']), 'ingressUncovered', { name, host: h.host }, [
          // The certificate must be reissued for the new host: automatic only when cert-manager does it.
          { title: `Add ${h.host} to spec.tls[0].hosts`, edits: appendToSequence(obj.doc, ['spec', 'tls', 0, 'hosts'], h.host), safe: annotated },
        ]);
      }
      return;
    }
    if (obj.kind === 'IngressRoute' && isTraefik(obj)) {
      const state = plainTraefikRoute(ws, obj);
      if (state !== 'plain') return;
      const eps = entryPointsOf(obj);
      const hosts = [...new Set(traefikRoutes(obj).flatMap((r) => r.hosts))];
      const at = eps ? locate(obj, ['spec', 'entryPoints']) : locate(obj, ['spec', 'tls']);
      const fix = traefikTlsFix(ws, obj, hosts);
      if (hasTraefikTls(obj)) ctx.report(at, 'traefikWebOnly', { name, entryPoints: (eps ?? []).join(', ') }, [fix]);
      else ctx.report(at, 'traefikNoTls', { name, hosts: describeHosts(hosts) }, [fix]);
      return;
    }
    if (isOpenShiftRoute(obj)) {
      const tls = valueAt(obj.value, ['spec', 'tls']);
      if (tls && typeof tls === 'object') return;
      const host = valueAt(obj.value, ['spec', 'host']);
      ctx.report(locate(obj, ['spec', 'tls']), 'routeNoTls', { name, host: typeof host === 'string' && host ? `"${host}" is` : 'it is' }, [
        {
          title: 'Add tls: { termination: edge, insecureEdgeTerminationPolicy: Redirect }',
          edits: tls === undefined ? insertEntries(obj.doc, ['spec'], { tls: { termination: 'edge', insecureEdgeTerminationPolicy: 'Redirect' } }) : setValue(obj.doc, ['spec', 'tls'], { termination: 'edge', insecureEdgeTerminationPolicy: 'Redirect' }),
        },
      ]);
    }
  },
});

function describeHosts(hosts: readonly string[]): string {
  if (!hosts.length) return 'every host is';
  const shown = hosts.slice(0, 3).map((h) => `"${h}"`).join(', ');
  const more = hosts.length > 3 ? ` and ${hosts.length - 3} more` : '';
  return `${shown}${more} ${hosts.length === 1 ? 'is' : 'are'}`;
}

function ingressTlsFix(ws: Workspace, obj: K8sObject, hosts: string[]): Fix {
  const ns = nsOf(ws, obj);
  // A cert-manager Certificate that already covers the hosts provides the Secret.
  const certSecret = certificateFor(ws, ns, hosts);
  const secretName = certSecret ?? tlsSecretName(hosts[0], obj.name ?? 'ingress');
  const entry: Record<string, unknown> = hosts.length ? { hosts, secretName } : { secretName };
  const edits: TextEdit[] = [];
  const annotated = CERT_MANAGER_ANNOTATIONS.some((a) => a in obj.annotations);
  const issuer = annotated || certSecret ? undefined : preferredIssuer(ws, ns);
  if (issuer) edits.push(...insertEntries(obj.doc, ['metadata', 'annotations'], { [issuer.annotation]: issuer.name }));
  edits.push(...(valueAt(obj.value, ['spec', 'tls']) === undefined ? insertEntries(obj.doc, ['spec'], { tls: [entry] }) : setValue(obj.doc, ['spec', 'tls'], [entry])));
  if (certSecret && !annotated) return { title: `Add spec.tls (Secret "${secretName}" of an existing Certificate)`, edits };
  if (annotated || issuer) {
    return { title: issuer ? `Add spec.tls (Secret "${secretName}" issued by ${issuer.kind} "${issuer.name}")` : `Add spec.tls (Secret "${secretName}", issued by cert-manager)`, edits };
  }
  return { title: `Add spec.tls (create the Secret "${secretName}" first)`, edits, safe: false };
}

function traefikTlsFix(ws: Workspace, obj: K8sObject, hosts: string[]): Fix {
  const ns = nsOf(ws, obj);
  const resolver = traefikInstall(ws).certResolvers[0];
  const certSecret = resolver ? undefined : certificateFor(ws, ns, hosts);
  const secretName = certSecret ?? tlsSecretName(hosts[0], obj.name ?? 'route');
  const tls = resolver ? { certResolver: resolver } : { secretName };
  const eps = entryPointsOf(obj);
  const edits: TextEdit[] = [];
  const moveEntryPoints = !eps || eps.every(isPlainEntryPoint);
  if (eps && moveEntryPoints) edits.push(...setValue(obj.doc, ['spec', 'entryPoints'], ['websecure']));
  const fresh: Record<string, unknown> = {};
  if (!eps) fresh.entryPoints = ['websecure'];
  if (!hasTraefikTls(obj)) fresh.tls = tls;
  if (Object.keys(fresh).length) {
    edits.push(...(valueAt(obj.value, ['spec', 'tls']) === undefined || !('tls' in fresh) ? insertEntries(obj.doc, ['spec'], fresh) : setValue(obj.doc, ['spec', 'tls'], tls)));
  }
  const what = hasTraefikTls(obj) ? 'Listen on websecure' : resolver ? `Add tls (certResolver "${resolver}")${moveEntryPoints ? ' on websecure' : ''}` : `Add tls (Secret "${secretName}")${moveEntryPoints ? ' on websecure' : ''}`;
  if (resolver || certSecret || hasTraefikTls(obj)) return { title: what, edits };
  return { title: `${what} — create the Secret first`, edits, safe: false };
}
