import { defineRule } from '../rule';
import { Container, locate, workloadOf, WORKLOAD_KINDS } from '../../model/k8s';
import type { PathSegment } from '../../syntax/yaml';
import { setValue } from '../../fixes/yaml-edit';
import { containerField, containerLabel, fixIfAny, isRecord, isWindowsPod, securityContextPath } from './container-helpers';

/**
 * What makes escalation unavoidable whatever allowPrivilegeEscalation says: a
 * privileged container, or one granted CAP_SYS_ADMIN. The API server even
 * rejects `allowPrivilegeEscalation: false` next to `privileged: true` or
 * `add: [CAP_SYS_ADMIN]`, so the fix there is to remove the cause, not to add the field.
 */
function forcedEscalation(c: Container): { path: PathSegment[]; cause: string } | undefined {
  const privileged = containerField(c, 'privileged');
  if (privileged?.value === true) return { path: privileged.path, cause: 'privileged: true' };
  const caps = containerField(c, 'capabilities');
  const add = isRecord(caps?.value) ? caps.value.add : undefined;
  if (!caps || !Array.isArray(add)) return undefined;
  // Runtimes accept the name with or without CAP_ and in any case.
  const i = add.findIndex((x) => typeof x === 'string' && x.toUpperCase().replace(/^CAP_/, '') === 'SYS_ADMIN');
  return i >= 0 ? { path: [...caps.path, 'add', i], cause: `the ${String(add[i])} capability` } : undefined;
}

export default defineRule({
  id: 'k8s/no-privilege-escalation',
  severity: 'warning',
  category: 'security',
  profile: 'baseline',
  seed: 'helm-staging-argocd: "Privilege escalation: DENIED" for every process; azure-saas-aks: allowPrivilegeEscalation: false.',
  docs: 'Every container must set `allowPrivilegeEscalation: false` in its own securityContext, so no process in it can gain more privileges than its parent (through setuid binaries or file capabilities).',
  details:
    'Without `allowPrivilegeEscalation: false` the container runs without the `no_new_privs` flag: a setuid-root binary in the image (su, sudo, ping on older images) gives an attacker who gets a shell a way to root. The field exists only on containers, not on the pod, so each container (init containers included) needs it. A privileged container or one granted CAP_SYS_ADMIN can always escalate and the API server rejects `allowPrivilegeEscalation: false` on it: remove `privileged: true` or the capability first. The quick fix adds `allowPrivilegeEscalation: false` to the container securityContext, creating the securityContext when there is none; changing an explicit `true` is offered in the editor but not applied by `--fix`.',
  messages: {
    missing: 'Container "{container}" allows privilege escalation: set allowPrivilegeEscalation: false.',
    enabled: 'Container "{container}" allows privilege escalation (allowPrivilegeEscalation: true): set it to false.',
    notBoolean: 'Container "{container}" sets allowPrivilegeEscalation to {value}, which is not a boolean: write false without quotes.',
    forced: 'Container "{container}" can always escalate privileges: {cause} implies allowPrivilegeEscalation: true. Remove it, then set allowPrivilegeEscalation: false.',
  },
  fixes: ['Add allowPrivilegeEscalation: false', 'Set allowPrivilegeEscalation: false'],
  appliesTo: WORKLOAD_KINDS,
  check(obj, ctx) {
    const w = workloadOf(obj);
    if (!w || isWindowsPod(w)) return;
    for (const c of w.containers) {
      const container = containerLabel(c);
      const forced = forcedEscalation(c);
      if (forced) {
        ctx.report(locate(obj, forced.path), 'forced', { container, cause: forced.cause });
        continue;
      }
      const field = containerField(c, 'allowPrivilegeEscalation');
      if (field?.value === false) continue;
      const path = [...securityContextPath(c), 'allowPrivilegeEscalation'];
      if (field?.value === true) {
        ctx.report(locate(obj, path), 'enabled', { container }, fixIfAny('Set allowPrivilegeEscalation: false', setValue(obj.doc, path, false), { safe: false }));
        continue;
      }
      if (field && field.value !== null) {
        ctx.report(locate(obj, path), 'notBoolean', { container, value: JSON.stringify(field.value) }, fixIfAny('Set allowPrivilegeEscalation: false', setValue(obj.doc, path, false)));
        continue;
      }
      // Absent or empty.
      ctx.report(locate(obj, path), 'missing', { container }, fixIfAny('Add allowPrivilegeEscalation: false', setValue(obj.doc, path, false)));
    }
  },
});
