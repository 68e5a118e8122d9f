import { defineRule } from '../rule';
import { locate, valueAt } from '../../model/k8s';
import { nsOf } from '../../model/joins';
import { networkModel } from '../../model/network';

export default defineRule({
  id: 'net/exposed-service',
  severity: 'info',
  category: 'network',
  profile: 'restricted',
  seed: 'helm-staging-argocd "External ↔ Backend: BLOCKED", "Direct access to pods/services blocked" (only the ingress controller is exposed).',
  docs: "A Service of type LoadBalancer or NodePort outside the ingress controller's namespace is reachable from outside the cluster without going through the ingress controller (its TLS, redirects and policies).",
  details: [
    'Ingress controller namespaces: `traefik`, `ingress-nginx`, `nginx-ingress`, `openshift-ingress`, and the namespace of any HelmRelease or Argo CD Application installing an ingress controller chart (traefik, ingress-nginx, ...) or workload running a controller image.',
    'Make the Service `ClusterIP` and route to it with an Ingress, IngressRoute or Route. A NodePort opens the port on every node; an internal load balancer is still reachable from the whole virtual network.',
  ].join('\n\n'),
  messages: {
    exposed: 'Service "{name}" of type {type} exposes namespace "{ns}" outside the cluster, bypassing the ingress controller{controller}: use ClusterIP and an Ingress.',
  },
  appliesTo: ['Service'],
  check(obj, ctx) {
    const type = valueAt(obj.value, ['spec', 'type']);
    if (type !== 'LoadBalancer' && type !== 'NodePort') return;
    const ws = ctx.model;
    const ns = nsOf(ws, obj);
    const m = networkModel(ws);
    if (m.ingressControllerNamespaces.has(ns)) return;
    const present = [...m.ingressControllerNamespaces].filter((n) => m.namespaces.has(n)).sort();
    const controller = present.length ? ` (in ${present.map((n) => `"${n}"`).join(', ')})` : '';
    ctx.report(locate(obj, ['spec', 'type']), 'exposed', { name: obj.name ?? '(unnamed)', type, ns, controller });
  },
});
