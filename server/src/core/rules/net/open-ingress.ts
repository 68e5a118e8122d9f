import { defineRule } from '../rule';
import { locate } from '../../model/k8s';
import { containerPorts } from '../../model/joins';
import { DATA_STORE_PORTS, formatPolicyPort, peerMatchesEverything, policyOf, policyPortCovers, ruleAdmitsEveryone } from '../../model/network';

export default defineRule({
  id: 'net/open-ingress',
  severity: 'warning',
  category: 'network',
  profile: 'restricted',
  seed: 'helm-staging-argocd "MySQL Pod: Ingress from Flask ✅, from other ❌"; drupal-aks-flux "Redis and Postgres reachable only from Drupal".',
  docs: 'An ingress rule with no `from` (or an empty peer, `namespaceSelector: {}`, `0.0.0.0/0`) admits every pod of the cluster; on a data-store port (3306, 5432, 6379, 6380, 27017) that exposes the database to every workload.',
  details: [
    'A rule without `from` matches all sources. For web ports that may be intended (the ingress controller, other apps); for MySQL, Postgres, Redis and MongoDB it is not: allow only the workloads that use the store (`podSelector` of the app, with a `namespaceSelector` when it lives in another namespace).',
    'Ports are the rule\'s own (numbers, ranges and named ports resolved against the selected containers), or every declared container port of the selected pods when the rule lists none.',
  ].join('\n\n'),
  messages: {
    open: 'This ingress rule admits every pod of the cluster on data-store port {ports}: allow only the workloads that use it.',
  },
  appliesTo: ['NetworkPolicy'],
  check(obj, ctx) {
    const p = policyOf(ctx.model, obj);
    if (!p) return;
    const podPorts = p.selects.flatMap((w) => containerPorts(w));
    for (const rule of p.ingress) {
      if (!ruleAdmitsEveryone(rule)) continue;
      const hits = new Set<string>();
      if (rule.ports.length === 0) {
        for (const cp of podPorts) if (DATA_STORE_PORTS.has(cp.containerPort)) hits.add(`${cp.containerPort}/${cp.protocol}`);
      } else {
        for (const port of rule.ports) {
          if (typeof port.port === 'number' && port.endPort === undefined) {
            if (DATA_STORE_PORTS.has(port.port)) hits.add(formatPolicyPort(port));
            continue;
          }
          for (const d of DATA_STORE_PORTS) {
            if (typeof port.port === 'number' && policyPortCovers(port, d, port.protocol)) hits.add(`${d}/${port.protocol}`);
          }
          for (const cp of podPorts) if (DATA_STORE_PORTS.has(cp.containerPort) && policyPortCovers(port, cp.containerPort, cp.protocol, cp.name)) hits.add(`${cp.containerPort}/${cp.protocol}`);
        }
      }
      if (hits.size === 0) continue;
      const everyone = rule.peers.find(peerMatchesEverything);
      const span = everyone ? locate(obj, everyone.path) : locate(obj, [...rule.path, 'from']);
      ctx.report(span, 'open', { ports: [...hits].join(', ') });
    }
  },
});
