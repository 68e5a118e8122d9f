import { defineRule } from '../rule';
import { locate, valueAt } from '../../model/k8s';
import { findObject, nsOf } from '../../model/joins';
import { isRecord, isSubstituted } from './helpers';

export default defineRule({
  id: 'ref/hpa-target',
  severity: 'error',
  category: 'references',
  profile: 'restricted',
  seed: 'azure-saas-aks: backend-hpa and frontend-hpa scale the backend and frontend Deployments (3–15 replicas).',
  docs: "A HorizontalPodAutoscaler's `spec.scaleTargetRef` (kind and name) must name a workload that exists in the HPA's namespace in the workspace. An HPA whose target is missing (renamed Deployment, typo) scales nothing.",
  details:
    'The target is looked up by kind and name in the HPA\'s effective namespace (its own, else the kustomization\'s, else `default`). Names with Flux `${VAR}` substitutions are not checked.',
  messages: {
    missing: 'HorizontalPodAutoscaler "{name}" scales {kind} "{target}", which does not exist in namespace "{ns}".',
  },
  appliesTo: ['HorizontalPodAutoscaler'],
  check(hpa, ctx) {
    const ref = valueAt(hpa.value, ['spec', 'scaleTargetRef']);
    if (!isRecord(ref) || typeof ref.name !== 'string' || !ref.name || typeof ref.kind !== 'string' || !ref.kind) return;
    if (isSubstituted(ref.name)) return;
    const ns = nsOf(ctx.model, hpa);
    if (findObject(ctx.model, ref.kind, ns, ref.name)) return;
    ctx.report(locate(hpa, ['spec', 'scaleTargetRef', 'name']), 'missing', { name: hpa.name ?? '(unnamed)', kind: ref.kind, target: ref.name, ns });
  },
});
