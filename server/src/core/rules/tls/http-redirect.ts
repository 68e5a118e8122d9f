import { defineRule } from '../rule';
import { locate, valueAt } from '../../model/k8s';
import { setValue } from '../../fixes/yaml-edit';
import { entryPointsOf, isOpenShiftRoute, isPlainEntryPoint, isTraefik, traefikInstall, traefikRoutes } from './ingress-helpers';
import { plainTraefikRoute } from './ingress-tls';

export default defineRule({
  id: 'tls/http-redirect',
  severity: 'warning',
  category: 'tls',
  profile: 'restricted',
  seed: 'drupal-aks-flux: "HTTP → HTTPS redirect"; openshift-task-api: "HTTPS only (HTTP redirects to HTTPS)".',
  docs:
    'Plain HTTP redirects to HTTPS: a Traefik IngressRoute on the `web` entry point for hosts that are also served with TLS uses a `redirectScheme` middleware (unless the Traefik chart redirects the whole entry point); an OpenShift Route sets `insecureEdgeTerminationPolicy: Redirect`; an ingress-nginx Ingress with TLS does not turn `ssl-redirect` off.',
  details: [
    'A site reachable on both `http://` and `https://` without a redirect lets users, links and bookmarks stay on plain HTTP, where cookies and form posts travel unencrypted and a network attacker can strip TLS.',
    '',
    '- Traefik: add a Middleware `spec.redirectScheme: { scheme: https, permanent: true }` to every route of the `web` IngressRoute, or set `ports.web.redirections.entryPoint.to: websecure` in the Traefik chart values. (An IngressRoute that is the only route to its hosts and has no TLS is reported by `tls/ingress-tls`.)',
    '- OpenShift: `insecureEdgeTerminationPolicy: Allow` serves HTTP; `None` (also the default when unset) refuses it, so `http://` links break instead of redirecting. The fix sets `Redirect`.',
    '- ingress-nginx redirects by default when `spec.tls` is set; `nginx.ingress.kubernetes.io/ssl-redirect: "false"` turns that off.',
  ].join('\n'),
  messages: {
    traefik: 'IngressRoute "{name}" serves {hosts} on {entryPoints} without redirecting to HTTPS: add a redirectScheme middleware (scheme: https).',
    routeAllow: 'Route "{name}" serves plain HTTP next to TLS (insecureEdgeTerminationPolicy: {policy}): use Redirect.',
    routeNone: 'Route "{name}" refuses plain HTTP instead of redirecting it ({policy}): use insecureEdgeTerminationPolicy: Redirect.',
    nginx: 'Ingress "{name}" turns the HTTP → HTTPS redirect off (ssl-redirect: "false").',
  },
  fixes: ['Set insecureEdgeTerminationPolicy: Redirect'],
  appliesTo: ['IngressRoute', 'Route', 'Ingress'],
  check(obj, ctx) {
    const ws = ctx.model;
    const name = obj.name ?? '(unnamed)';
    if (obj.kind === 'IngressRoute' && isTraefik(obj)) {
      if (plainTraefikRoute(ws, obj) !== 'duplicate') return;
      const eps = entryPointsOf(obj) ?? ['web'];
      const plain = eps.filter(isPlainEntryPoint);
      const redirected = traefikInstall(ws).redirected;
      if (plain.length === 0 || plain.every((e) => redirected.has(e))) return;
      const hosts = [...new Set(traefikRoutes(obj).flatMap((r) => r.hosts))];
      const at = entryPointsOf(obj) ? locate(obj, ['spec', 'entryPoints']) : locate(obj, ['spec', 'routes']);
      ctx.report(at, 'traefik', { name, hosts: hosts.map((h) => `"${h}"`).join(', '), entryPoints: plain.join(', ') });
      return;
    }
    if (isOpenShiftRoute(obj)) {
      const tls = valueAt(obj.value, ['spec', 'tls']);
      if (!tls || typeof tls !== 'object') return; // no TLS at all: tls/ingress-tls
      const termination = String((tls as Record<string, unknown>).termination ?? '').toLowerCase();
      const policy = (tls as Record<string, unknown>).insecureEdgeTerminationPolicy;
      if (typeof policy === 'string' && policy.toLowerCase() === 'redirect') return;
      const path = ['spec', 'tls', 'insecureEdgeTerminationPolicy'];
      const written = typeof policy === 'string';
      // Passthrough routes only accept None or Redirect; both edge and reencrypt accept Redirect.
      if (!['edge', 'reencrypt', 'passthrough'].includes(termination)) return;
      const fix = { title: 'Set insecureEdgeTerminationPolicy: Redirect', edits: setValue(obj.doc, path, 'Redirect'), safe: !written };
      if (written && policy.toLowerCase() === 'allow') ctx.report(locate(obj, path), 'routeAllow', { name, policy }, [fix]);
      else ctx.report(locate(obj, path), 'routeNone', { name, policy: written ? `insecureEdgeTerminationPolicy: ${policy}` : 'insecureEdgeTerminationPolicy is unset, so None' }, [fix]);
      return;
    }
    if (obj.kind === 'Ingress') {
      const tls = valueAt(obj.value, ['spec', 'tls']);
      const off = obj.annotations['nginx.ingress.kubernetes.io/ssl-redirect'];
      if (!Array.isArray(tls) || tls.length === 0 || off === undefined || String(off).toLowerCase() !== 'false') return;
      ctx.report(locate(obj, ['metadata', 'annotations', 'nginx.ingress.kubernetes.io/ssl-redirect']), 'nginx', { name });
    }
  },
});
