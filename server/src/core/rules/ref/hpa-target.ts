import { defineRule } from '../rule';
import { locate, valueAt } from '../../model/k8s';
import { findObject, nsOf, objectsOfKind } from '../../model/joins';
import { filesApplied, kustomizeDirs } from '../../model/kustomize';
import type { K8sObject } from '../../model/k8s';
import type { Workspace } from '../../model/workspace';
import { isRecord, isSubstituted } from './helpers';

export default defineRule({
  id: 'ref/hpa-target',
  severity: 'error',
  category: 'references',
  profile: 'restricted',
  seed: 'azure-saas-aks: backend-hpa and frontend-hpa scale the backend and frontend Deployments (3–15 replicas).',
  docs: "A HorizontalPodAutoscaler's `spec.scaleTargetRef` (kind and name) must name a workload that exists in the HPA's namespace in the workspace. An HPA whose target is missing (renamed Deployment, typo) scales nothing.",
  details:
    'The target is looked up by kind and name in the HPA\'s effective namespace (its own, else the kustomization\'s, else `default`). An overlay that adds the HPA and includes a shared base also counts: kustomize builds the base\'s workload (when it names no namespace of its own) into the overlay\'s namespace, even though Blueprint places a shared base in the first overlay\'s. Names with Flux `${VAR}` substitutions are not checked.',
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
    if (builtTogether(ctx.model, hpa, ref.kind, ref.name, ns)) return;
    ctx.report(locate(hpa, ['spec', 'scaleTargetRef', 'name']), 'missing', { name: hpa.name ?? '(unnamed)', kind: ref.kind, target: ref.name, ns });
  },
});

/**
 * Whether a kustomization that sets namespace `ns` applies both the HPA's file and
 * the file of a `kind`/`name` object without a namespace of its own: an overlay
 * (`overlays/prod`, namespace app-prod) adding the HPA next to `../../base`.
 */
function builtTogether(ws: Workspace, hpa: K8sObject, kind: string, name: string, ns: string): boolean {
  const targets = objectsOfKind(ws, kind).filter((o) => o.name === name && !o.namespace);
  if (targets.length === 0) return false;
  for (const k of kustomizeDirs(ws).values()) {
    if (k.namespace !== ns) continue;
    const files = new Set(filesApplied(ws, k.dir));
    if (files.has(hpa.file) && targets.some((t) => files.has(t.file))) return true;
  }
  return false;
}
