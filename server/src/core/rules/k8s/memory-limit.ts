import { defineRule } from '../rule';
import { locate, workloadOf, WORKLOAD_KINDS } from '../../model/k8s';
import { containerLabel } from './container-helpers';
import { addQuantitiesFix, quantityOf, resourcesPath, scheduledContainers } from './resource-helpers';

/** Starting value when there is no request to copy (the seed's frontend limit), to tune from real usage. */
const PLACEHOLDER_MEMORY_LIMIT = '512Mi';

export default defineRule({
  id: 'k8s/memory-limit',
  severity: 'warning',
  category: 'resources',
  profile: 'baseline',
  seed: 'azure-saas-aks: every Deployment sets limits (frontend 512Mi, backend 2Gi memory).',
  docs: 'Every container, init containers included, must have a memory limit, so that a leak kills that container instead of pushing the whole node into memory pressure.',
  details:
    'Memory cannot be throttled: a container without a limit grows until the node runs short, and then the kubelet evicts pods (possibly healthy neighbours) or the kernel OOM killer picks a victim. With a limit, only the offending container is OOM-killed and restarted. Set `resources.limits.memory`; setting it equal to the memory request is the most predictable choice. The quick fix adds `limits.memory` equal to the memory request when there is one, otherwise the starting value `512Mi`, which you should tune.',
  messages: {
    missing: 'Container "{container}" has no memory limit.',
  },
  fixes: ['Add limits.memory (the memory request, else 512Mi)'],
  appliesTo: WORKLOAD_KINDS,
  check(obj, ctx) {
    const w = workloadOf(obj);
    if (!w) return;
    for (const c of scheduledContainers(w)) {
      if (quantityOf(c, 'limits', 'memory') !== undefined) continue;
      const memory = quantityOf(c, 'requests', 'memory') ?? PLACEHOLDER_MEMORY_LIMIT;
      ctx.report(locate(obj, resourcesPath(c, 'limits', 'memory'), 'key'), 'missing', { container: containerLabel(c) }, addQuantitiesFix(obj, c, 'limits', { memory }));
    }
  },
});
