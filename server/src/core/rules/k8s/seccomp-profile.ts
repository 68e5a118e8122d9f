import { defineRule } from '../rule';
import { Container, K8sObject, locate, pairOf, Workload, workloadOf, WORKLOAD_KINDS } from '../../model/k8s';
import type { Fix } from '../../types';
import { insertEntries, setValue } from '../../fixes/yaml-edit';
import { containerLabel, effectiveField, fieldOwnerLabel, fixIfAny, isRecord, isWindowsPod, podLabel, podSecurityContextPath, securityContextPath } from './container-helpers';

const CONFINED = new Set(['RuntimeDefault', 'Localhost']);

/** Adding RuntimeDefault to the pod covers every container that sets no profile of its own. */
function podRuntimeDefaultFix(obj: K8sObject, w: Workload): Fix[] {
  return fixIfAny('Add seccompProfile type RuntimeDefault to the pod securityContext', insertEntries(obj.doc, [...podSecurityContextPath(w), 'seccompProfile'], { type: 'RuntimeDefault' }));
}

export default defineRule({
  id: 'k8s/seccomp-profile',
  severity: 'info',
  category: 'security',
  profile: 'restricted',
  seed: 'azure-saas-aks: namespaces enforce the restricted Pod Security Standard, which requires a seccomp profile.',
  docs: "Every container's effective seccomp profile (its own `securityContext.seccompProfile`, else the pod's) must be `RuntimeDefault` or `Localhost`; `Unconfined` or no profile leaves every system call open.",
  details:
    "Without a seccomp profile a container may make any system call, including the rarely used ones most kernel exploits go through. The container runtime's default profile (`RuntimeDefault`) blocks those and breaks almost no application. Set it once for the pod (`securityContext.seccompProfile.type: RuntimeDefault` in the pod spec); a container may override it with its own `seccompProfile`, for example a `Localhost` profile. A pod where no container has a profile is reported once, at the pod securityContext (or at `containers:`); otherwise each container without one is reported. The quick fix adds `seccompProfile: { type: RuntimeDefault }` to the pod securityContext, in the style of the surrounding YAML; replacing an explicit `Unconfined` is offered in the editor but not applied by `--fix`.",
  messages: {
    podMissing: '{who} sets no seccomp profile: set securityContext.seccompProfile.type: RuntimeDefault in the pod spec.',
    missing: 'Container "{container}" has no seccomp profile (neither its securityContext nor the pod\'s sets one): use RuntimeDefault.',
    unconfined: '{who} disables seccomp (seccompProfile.type: Unconfined): use RuntimeDefault or a Localhost profile.',
    invalid: '{who} sets seccompProfile {problem}: use type RuntimeDefault or Localhost.',
  },
  fixes: ['Add seccompProfile type RuntimeDefault to the pod securityContext', 'Set seccompProfile type RuntimeDefault'],
  appliesTo: WORKLOAD_KINDS,
  check(obj, ctx) {
    const w = workloadOf(obj);
    if (!w || isWindowsPod(w) || w.containers.length === 0) return;
    const lacking: Container[] = [];
    const reported = new Set<string>();
    for (const c of w.containers) {
      const profile = effectiveField(w, c, 'seccompProfile');
      if (!profile || profile.value === null) {
        lacking.push(c);
        continue;
      }
      const type = isRecord(profile.value) ? profile.value.type : undefined;
      if (typeof type === 'string' && CONFINED.has(type)) continue;
      // A pod-level profile shared by several containers is reported once.
      const key = profile.path.join('.');
      if (reported.has(key)) continue;
      reported.add(key);
      const who = fieldOwnerLabel(w, c, profile.level);
      const typePath = [...profile.path, 'type'];
      if (type === 'Unconfined') {
        ctx.report(locate(obj, typePath), 'unconfined', { who }, fixIfAny('Set seccompProfile type RuntimeDefault', setValue(obj.doc, typePath, 'RuntimeDefault'), { safe: false }));
      } else if (isRecord(profile.value)) {
        const problem = type === undefined || type === null ? 'without a type' : `with type ${JSON.stringify(type)}`;
        ctx.report(locate(obj, type === undefined ? profile.path : typePath), 'invalid', { who, problem }, fixIfAny('Set seccompProfile type RuntimeDefault', setValue(obj.doc, typePath, 'RuntimeDefault')));
      } else {
        // A string such as the old annotation value `runtime/default`.
        const problem = `to ${JSON.stringify(profile.value)} instead of a mapping`;
        ctx.report(locate(obj, profile.path), 'invalid', { who, problem }, fixIfAny('Set seccompProfile type RuntimeDefault', setValue(obj.doc, profile.path, { type: 'RuntimeDefault' })));
      }
    }
    if (lacking.length === 0) return;
    if (lacking.length === w.containers.length) {
      // Nobody has a profile: one finding for the pod, where the fix goes.
      const podSc = podSecurityContextPath(w);
      const at = pairOf(obj, podSc) ? locate(obj, podSc, 'key') : locate(obj, [...w.podSpecPath, 'containers'], 'key');
      ctx.report(at, 'podMissing', { who: podLabel(w) }, podRuntimeDefaultFix(obj, w));
      return;
    }
    for (const c of lacking) {
      ctx.report(locate(obj, [...securityContextPath(c), 'seccompProfile']), 'missing', { container: containerLabel(c) }, podRuntimeDefaultFix(obj, w));
    }
  },
});
