import { defineRule } from '../rule';
import { locate, valueAt } from '../../model/k8s';
import { nsOf, objectsOfKind, objectsOfKindIn } from '../../model/joins';
import type { Workspace } from '../../model/workspace';

function issuerNames(ws: Workspace, kind: 'Issuer' | 'ClusterIssuer', ns: string): string[] {
  const objs = kind === 'Issuer' ? objectsOfKindIn(ws, 'Issuer', ns) : objectsOfKind(ws, 'ClusterIssuer');
  return objs.filter((o) => o.apiVersion.startsWith('cert-manager.io/') && o.name).map((o) => o.name!).sort();
}

function known(names: string[], kind: 'Issuer' | 'ClusterIssuer'): string {
  if (!names.length) return kind === 'Issuer' ? 'it has no Issuer' : 'the workspace has no ClusterIssuer';
  const shown = names.slice(0, 5).map((n) => `"${n}"`).join(', ');
  return `known: ${shown}${names.length > 5 ? ', …' : ''}`;
}

function describe(ws: Workspace, kind: 'Issuer' | 'ClusterIssuer', ns: string, issuer: string, names: string[]) {
  let hint = '';
  if (kind === 'Issuer') {
    const elsewhere = objectsOfKind(ws, 'Issuer').filter((o) => o.name === issuer).map((o) => nsOf(ws, o));
    if (elsewhere.length) hint = `; namespace "${elsewhere[0]}" has one, but an Issuer serves only its own namespace`;
    else if (objectsOfKind(ws, 'ClusterIssuer').some((o) => o.name === issuer)) hint = '; a ClusterIssuer has this name: set kind: ClusterIssuer';
  } else if (objectsOfKind(ws, 'Issuer').some((o) => o.name === issuer)) {
    hint = '; an Issuer has this name: use kind Issuer';
  }
  return { where: kind === 'Issuer' ? `namespace "${ns}"` : 'the workspace', known: known(names, kind), hint };
}

export default defineRule({
  id: 'tls/issuer-ref',
  severity: 'error',
  category: 'tls',
  profile: 'restricted',
  seed: 'drupal-aks-flux: cert-manager with a Let\'s Encrypt ClusterIssuer; "certificates" Kustomization before apps.',
  docs:
    'A cert-manager Certificate `spec.issuerRef`, and the `cert-manager.io/issuer` / `cert-manager.io/cluster-issuer` annotations of an Ingress, name an Issuer (in the same namespace) or ClusterIssuer defined in the workspace. Issuers of other groups (external issuers) are not checked.',
  details:
    'cert-manager leaves a Certificate whose issuer does not exist in `Ready: False` forever: the TLS Secret is never created and the ingress serves its default (self-signed) certificate. Check the spelling and the kind: an `Issuer` is namespaced and only serves its namespace; a `ClusterIssuer` serves all. Issuers installed by a Helm chart or another repository are invisible here: suppress the finding with a reason.',
  messages: {
    certificate: 'Certificate "{name}" uses {kind} "{issuer}", which {where} does not define ({known}){hint}.',
    annotation: 'Ingress "{name}" asks cert-manager for {kind} "{issuer}", which {where} does not define ({known}){hint}.',
  },
  appliesTo: ['Certificate', 'Ingress'],
  check(obj, ctx) {
    const ws = ctx.model;
    const ns = nsOf(ws, obj);
    const name = obj.name ?? '(unnamed)';
    if (obj.kind === 'Certificate') {
      if (!obj.apiVersion.startsWith('cert-manager.io/')) return;
      const ref = valueAt(obj.value, ['spec', 'issuerRef']);
      if (!ref || typeof ref !== 'object') return;
      const r = ref as Record<string, unknown>;
      const group = typeof r.group === 'string' && r.group ? r.group : 'cert-manager.io';
      if (group !== 'cert-manager.io' || typeof r.name !== 'string' || !r.name) return;
      const kind = r.kind === 'ClusterIssuer' ? 'ClusterIssuer' : r.kind === undefined || r.kind === 'Issuer' ? 'Issuer' : undefined;
      if (!kind) return;
      const names = issuerNames(ws, kind, ns);
      if (names.includes(r.name)) return;
      ctx.report(locate(obj, ['spec', 'issuerRef', 'name']), 'certificate', { name, kind, issuer: r.name, ...describe(ws, kind, ns, r.name, names) });
      return;
    }
    for (const [annotation, kind] of [['cert-manager.io/issuer', 'Issuer'], ['cert-manager.io/cluster-issuer', 'ClusterIssuer']] as const) {
      const issuer = obj.annotations[annotation];
      if (!issuer) continue;
      // `issuer-group` names an external issuer: not ours to check.
      const group = obj.annotations['cert-manager.io/issuer-group'];
      if (group && group !== 'cert-manager.io') continue;
      const names = issuerNames(ws, kind, ns);
      if (names.includes(issuer)) continue;
      ctx.report(locate(obj, ['metadata', 'annotations', annotation], 'value'), 'annotation', { name, kind, issuer, ...describe(ws, kind, ns, issuer, names) });
    }
  },
});
