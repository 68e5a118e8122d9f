import { defineRule } from '../rule';
import { locate, workloadOf, WORKLOAD_KINDS } from '../../model/k8s';
import { containerLabel } from './container-helpers';
import { addQuantitiesFix, Quantity, quantityOf, ResourceName, resourcesPath, scheduledContainers } from './resource-helpers';

/** Starting values when there is no limit to copy (the seed's frontend requests), to tune from real usage. */
const PLACEHOLDER_REQUESTS: Record<ResourceName, Quantity> = { cpu: '100m', memory: '128Mi' };

export default defineRule({
  id: 'k8s/resource-requests',
  severity: 'warning',
  category: 'resources',
  profile: 'baseline',
  seed: 'azure-saas-aks: every Deployment sets requests (frontend 100m CPU / 128Mi, backend 500m / 512Mi) and limits.',
  docs: 'Every container, init containers included, must request `cpu` and `memory`: the scheduler places pods by their requests, and a pod without them is the first to be evicted.',
  details:
    'A container with no requests counts as needing nothing: the scheduler packs it onto full nodes, it gets the BestEffort QoS class and is evicted first under memory pressure, and autoscalers have nothing to compute utilisation against. Set `resources.requests.cpu` and `resources.requests.memory` to what the container uses at normal load (measure with `kubectl top pod` or your metrics). The quick fix adds the missing requests: a copy of the limit when the container has one (Kubernetes already uses the limit as the request in that case, so nothing changes at runtime), otherwise the starting values `cpu: 100m` and `memory: 128Mi`, which you should tune.',
  messages: {
    cpu: 'Container "{container}" has no cpu request.',
    memory: 'Container "{container}" has no memory request.',
    both: 'Container "{container}" has no cpu and no memory request.',
  },
  fixes: ['Add requests.cpu and requests.memory (the limit, else 100m / 128Mi)'],
  appliesTo: WORKLOAD_KINDS,
  check(obj, ctx) {
    const w = workloadOf(obj);
    if (!w) return;
    for (const c of scheduledContainers(w)) {
      const missing = (['cpu', 'memory'] as const).filter((name) => quantityOf(c, 'requests', name) === undefined);
      if (missing.length === 0) continue;
      const quantities: Partial<Record<ResourceName, Quantity>> = {};
      for (const name of missing) quantities[name] = quantityOf(c, 'limits', name) ?? PLACEHOLDER_REQUESTS[name];
      // The deepest of `requests:`, `resources:` or the container's `- name:` that exists.
      const span = locate(obj, missing.length === 1 ? resourcesPath(c, 'requests', missing[0]) : resourcesPath(c, 'requests'), 'key');
      ctx.report(span, missing.length === 1 ? missing[0] : 'both', { container: containerLabel(c) }, addQuantitiesFix(obj, c, 'requests', quantities));
    }
  },
});
