import { defineRule } from '../rule';
import { K8sObject, locate, valueAt } from '../../model/k8s';
import type { PathSegment } from '../../syntax/yaml';
import { setValue } from '../../fixes/yaml-edit';
import { scalarValueAt } from '../../model/app-config';
import type { RuleContext } from '../rule';
import { isTraefik } from './ingress-helpers';

const OLD_PROTOCOL = /(?<![\w.])(SSLv2|SSLv3|TLSv1(?:\.[01])?)(?![\w.])/g;
const OLD_VERSION = /^VersionTLS1[01]$|^VersionSSL30$/;

type M = 'nginxProtocols' | 'traefikMin';

function isNginxRelease(o: K8sObject): boolean {
  const chart = valueAt(o.value, ['spec', 'chart', 'spec', 'chart']);
  return typeof chart === 'string' && /(^|\/)ingress-nginx$/.test(chart);
}

function isTraefikRelease(o: K8sObject): boolean {
  const chart = valueAt(o.value, ['spec', 'chart', 'spec', 'chart']);
  return typeof chart === 'string' && /(^|\/)traefik$/.test(chart);
}

/** An ingress-nginx `ssl-protocols` value: underline the first old protocol, offer TLSv1.2 TLSv1.3. */
function checkProtocols(obj: K8sObject, path: PathSegment[], where: string, ctx: RuleContext<M>): void {
  const v = scalarValueAt(obj, path);
  if (!v) return;
  const old = [...v.value.matchAll(OLD_PROTOCOL)];
  if (!old.length) return;
  const first = old[0];
  const start = first.index ?? 0;
  const span = old.length === 1 ? v.span(start, start + first[0].length) : v.span(start, (old[old.length - 1].index ?? 0) + old[old.length - 1][0].length);
  const edits = v.exact(0, v.value.length) ? [{ ...v.span(0, v.value.length), newText: 'TLSv1.2 TLSv1.3' }] : setValue(obj.doc, path, 'TLSv1.2 TLSv1.3');
  ctx.report(span, 'nginxProtocols', { where, protocols: old.map((m) => m[0]).join(', ') }, [
    // Old clients stop connecting: a deliberate choice to undo by hand.
    { title: 'Allow only TLSv1.2 TLSv1.3', edits, safe: false },
  ]);
}

function checkMinVersion(obj: K8sObject, path: PathSegment[], where: string, ctx: RuleContext<M>): void {
  const min = valueAt(obj.value, path);
  if (typeof min !== 'string' || !OLD_VERSION.test(min)) return;
  ctx.report(locate(obj, path), 'traefikMin', { where, version: min }, [
    { title: 'Set minVersion: VersionTLS12', edits: setValue(obj.doc, path, 'VersionTLS12'), safe: false },
  ]);
}

export default defineRule({
  id: 'tls/min-version',
  severity: 'warning',
  category: 'tls',
  profile: 'restricted',
  seed: 'azure-saas-aks: "TLS 1.2+: Required for all connections", `nginx.ingress.kubernetes.io/ssl-protocols: "TLSv1.2 TLSv1.3"`.',
  docs:
    'TLS 1.0 and 1.1 (and SSLv3) are not accepted at the edge: ingress-nginx `ssl-protocols` (controller ConfigMap, `nginx.ingress.kubernetes.io/ssl-protocols` annotation, `controller.config` of an ingress-nginx HelmRelease) lists only TLSv1.2 / TLSv1.3, and a Traefik TLSOption (or the chart\'s `tlsOptions`) sets `minVersion` VersionTLS12 or later.',
  details:
    'TLS 1.0 and 1.1 are deprecated (RFC 8996): they rely on SHA-1 and CBC constructions with known attacks, and compliance regimes (PCI DSS) forbid them. The fixes set `TLSv1.2 TLSv1.3` / `VersionTLS12`; they are not applied by fix-all because very old clients stop connecting.',
  messages: {
    nginxProtocols: '{where} allows {protocols}: allow only TLSv1.2 and TLSv1.3.',
    traefikMin: '{where} accepts {version}: set minVersion to VersionTLS12 or later.',
  },
  fixes: ['Allow only TLSv1.2 TLSv1.3', 'Set minVersion: VersionTLS12'],
  appliesTo: ['ConfigMap', 'Ingress', 'TLSOption', 'HelmRelease'],
  check(obj, ctx) {
    const name = obj.name ?? '(unnamed)';
    switch (obj.kind) {
      case 'ConfigMap':
        checkProtocols(obj, ['data', 'ssl-protocols'], `ConfigMap "${name}" (ssl-protocols)`, ctx);
        break;
      case 'Ingress':
        checkProtocols(obj, ['metadata', 'annotations', 'nginx.ingress.kubernetes.io/ssl-protocols'], `Ingress "${name}"`, ctx);
        break;
      case 'TLSOption':
        if (isTraefik(obj)) checkMinVersion(obj, ['spec', 'minVersion'], `TLSOption "${name}"`, ctx);
        break;
      case 'HelmRelease': {
        if (isNginxRelease(obj)) checkProtocols(obj, ['spec', 'values', 'controller', 'config', 'ssl-protocols'], `HelmRelease "${name}" (controller.config)`, ctx);
        if (isTraefikRelease(obj)) {
          const opts = valueAt(obj.value, ['spec', 'values', 'tlsOptions']);
          if (opts && typeof opts === 'object') for (const k of Object.keys(opts)) checkMinVersion(obj, ['spec', 'values', 'tlsOptions', k, 'minVersion'], `HelmRelease "${name}" (tlsOptions.${k})`, ctx);
        }
        break;
      }
    }
  },
});
