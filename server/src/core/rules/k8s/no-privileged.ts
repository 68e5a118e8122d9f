import { defineRule } from '../rule';
import { locate, workloadOf, WORKLOAD_KINDS } from '../../model/k8s';
import { setValue } from '../../fixes/yaml-edit';
import { containerField, containerLabel, fixIfAny, isWindowsPod } from './container-helpers';

export default defineRule({
  id: 'k8s/no-privileged',
  severity: 'error',
  category: 'security',
  profile: 'baseline',
  seed: 'drupal-aks-flux: "No privileged containers".',
  docs: 'No container may run with `privileged: true`: a privileged container has every capability and the devices of the node, so escaping it is trivial.',
  details:
    'A privileged container runs with all Linux capabilities, without seccomp or AppArmor confinement and with access to every device of the node: whoever controls it controls the node. Application workloads never need it; node agents that do (CNI or CSI plugins) belong in their own namespace with an explicit suppression and a reason. If the container needs one specific power, add that single capability instead. The quick fix sets `privileged: false`; it is offered in the editor but not applied by `--fix`, because a container that really needs the access stops working.',
  messages: {
    privileged: 'Container "{container}" is privileged (privileged: true): it has every capability and full access to the node.',
  },
  fixes: ['Set privileged: false'],
  appliesTo: WORKLOAD_KINDS,
  check(obj, ctx) {
    const w = workloadOf(obj);
    if (!w || isWindowsPod(w)) return;
    for (const c of w.containers) {
      const field = containerField(c, 'privileged');
      if (field?.value !== true) continue;
      ctx.report(locate(obj, field.path), 'privileged', { container: containerLabel(c) }, fixIfAny('Set privileged: false', setValue(obj.doc, field.path, false), { safe: false }));
    }
  },
});
