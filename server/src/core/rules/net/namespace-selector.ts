import { defineRule } from '../rule';
import { locate } from '../../model/k8s';
import { formatSelector, isEmptySelector } from '../../model/selectors';
import { namespacesMatching, networkModel, NAME_LABEL, policyOf } from '../../model/network';

export default defineRule({
  id: 'net/namespace-selector',
  severity: 'info',
  category: 'network',
  profile: 'restricted',
  seed: 'azure-saas-aks "Network Policies" (namespaceSelector name: app-frontend, name: ingress-nginx).',
  docs: 'A `namespaceSelector` in a NetworkPolicy rule matches no Namespace known to the workspace, counting the `kubernetes.io/metadata.name` label every namespace has.',
  details: [
    'Known namespaces: Namespace objects of the workspace (with their labels), the namespaces objects are placed in, HelmRelease and Flux Kustomization target namespaces, Argo CD Application destinations, the namespace of the controller of an Ingress class the workspace uses (`ingress-nginx` for class `nginx`, `traefik` for `traefik`, where their documented installs put them), and the system namespaces (`default`, `kube-system`, ...); the last ones only carry `kubernetes.io/metadata.name`. When the workspace targets OpenShift (Routes, DeploymentConfigs, `*.openshift.io` kinds), also `openshift-dns`, `openshift-ingress` (with `policy-group.network.openshift.io/ingress` and `network.openshift.io/policy-group: ingress`, the labels OpenShift\'s documentation selects the router by) and `openshift-monitoring` (`network.openshift.io/policy-group: monitoring`).',
    'A common cause: selecting `name: frontend`, a label nobody sets. Kubernetes labels every namespace with `kubernetes.io/metadata.name: <name>`: select on that.',
  ].join('\n\n'),
  messages: {
    unknown: 'namespaceSelector {selector} matches no Namespace known to the workspace{hint}.',
  },
  appliesTo: ['NetworkPolicy'],
  check(obj, ctx) {
    const ws = ctx.model;
    const p = policyOf(ws, obj);
    if (!p) return;
    const known = networkModel(ws).namespaces;
    for (const rule of [...p.ingress, ...p.egress]) {
      for (const peer of rule.peers) {
        const sel = peer.namespaceSelector;
        if (!sel || isEmptySelector(sel) || namespacesMatching(ws, sel).length > 0) continue;
        // `name: frontend` where a namespace "frontend" exists: point at the label Kubernetes sets.
        const named = Object.entries(sel.matchLabels ?? {}).find(([k, v]) => k !== NAME_LABEL && known.has(v));
        const hint = named ? ` — Namespace "${named[1]}" has no label ${named[0]}=${named[1]}; select it with ${NAME_LABEL}: ${named[1]}` : '';
        ctx.report(locate(obj, [...peer.path, 'namespaceSelector'], 'key'), 'unknown', { selector: formatSelector(sel), hint });
      }
    }
  },
});
