import { defineRule } from '../rule';
import { locate, workloadOf, WORKLOAD_KINDS } from '../../model/k8s';
import { setValue } from '../../fixes/yaml-edit';
import { containerField, containerLabel, fixIfAny, isWindowsPod, securityContextPath } from './container-helpers';

export default defineRule({
  id: 'k8s/read-only-root-fs',
  severity: 'warning',
  category: 'security',
  profile: 'restricted',
  seed: 'openshift-task-api-argocd: "Read-only root filesystem"; azure-saas-aks: readOnlyRootFilesystem: true; helm-staging-argocd: nginx writes only /var/cache/nginx, Flask only /tmp.',
  docs: 'Every container should set `readOnlyRootFilesystem: true`, so an attacker cannot change the image\'s binaries or drop tools into it; the paths the application writes to are mounted as volumes.',
  details:
    'With a writable root filesystem, code injected into the container can replace binaries, install tools and persist until the pod is recreated. Set `readOnlyRootFilesystem: true` in the container securityContext and mount an `emptyDir` on each path the process writes to (for example `/tmp`, `/var/cache/nginx` and `/var/run` for nginx, `/tmp` for PHP sessions). The quick fix adds the field (or turns `false` into `true`); it is offered in the editor but not applied by `--fix`, because a container that writes outside its volumes fails to start until those volumes are added.',
  messages: {
    missing: 'Container "{container}" has a writable root filesystem: set readOnlyRootFilesystem: true and mount volumes where it writes.',
    writable: 'Container "{container}" has a writable root filesystem (readOnlyRootFilesystem: false): set it to true and mount volumes where it writes.',
  },
  fixes: ['Add readOnlyRootFilesystem: true', 'Set readOnlyRootFilesystem: true'],
  appliesTo: WORKLOAD_KINDS,
  check(obj, ctx) {
    const w = workloadOf(obj);
    if (!w || isWindowsPod(w)) return;
    for (const c of w.containers) {
      const field = containerField(c, 'readOnlyRootFilesystem');
      if (field?.value === true) continue;
      const path = [...securityContextPath(c), 'readOnlyRootFilesystem'];
      const container = containerLabel(c);
      if (field?.value === false) {
        ctx.report(locate(obj, path), 'writable', { container }, fixIfAny('Set readOnlyRootFilesystem: true', setValue(obj.doc, path, true), { safe: false }));
      } else {
        ctx.report(locate(obj, path), 'missing', { container }, fixIfAny('Add readOnlyRootFilesystem: true', setValue(obj.doc, path, true), { safe: false }));
      }
    }
  },
});
