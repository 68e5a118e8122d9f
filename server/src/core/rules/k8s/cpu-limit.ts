import { defineRule } from '../rule';
import { locate, workloadOf, WORKLOAD_KINDS } from '../../model/k8s';
import { containerLabel } from './container-helpers';
import { addQuantitiesFix, quantityOf, resourcesPath, scheduledContainers } from './resource-helpers';

/** Starting value when there is no request to copy (the seed's frontend limit), to tune from real usage. */
const PLACEHOLDER_CPU_LIMIT = '500m';

export default defineRule({
  id: 'k8s/cpu-limit',
  severity: 'info',
  category: 'resources',
  // Off in baseline: a cpu limit throttles a container even when the node is idle.
  profile: 'restricted',
  seed: 'azure-saas-aks: every Deployment sets limits (frontend 500m, backend 2000m CPU).',
  docs: 'Every container, init containers included, has a cpu limit, so that one busy container cannot starve its neighbours. Off in the baseline profile: cpu limits throttle even on an idle node.',
  details:
    'Without a cpu limit a container may use every idle core of its node; its neighbours are protected only by their own requests. A limit caps it, at the price of CFS throttling (latency spikes) whenever it would burst above the limit, which is why many teams set requests only; this rule is on in the restricted profile, for clusters that want hard caps or the Guaranteed QoS class (requests equal to limits for cpu and memory). Set `resources.limits.cpu`. The quick fix adds `limits.cpu` equal to the cpu request when there is one, otherwise the starting value `500m`; raise it if the container needs to burst.',
  messages: {
    missing: 'Container "{container}" has no cpu limit.',
  },
  fixes: ['Add limits.cpu (the cpu request, else 500m)'],
  appliesTo: WORKLOAD_KINDS,
  check(obj, ctx) {
    const w = workloadOf(obj);
    if (!w) return;
    for (const c of scheduledContainers(w)) {
      if (quantityOf(c, 'limits', 'cpu') !== undefined) continue;
      const cpu = quantityOf(c, 'requests', 'cpu') ?? PLACEHOLDER_CPU_LIMIT;
      ctx.report(locate(obj, resourcesPath(c, 'limits', 'cpu'), 'key'), 'missing', { container: containerLabel(c) }, addQuantitiesFix(obj, c, 'limits', { cpu }));
    }
  },
});
