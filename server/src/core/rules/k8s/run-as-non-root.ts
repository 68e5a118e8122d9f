import { defineRule } from '../rule';
import { locate, workloadOf } from '../../model/k8s';
import { insertEntries, setValue } from '../../fixes/yaml-edit';
import { containerLabel, fieldOwnerLabel, securityContextPath } from './container-helpers';

export default defineRule({
  id: 'k8s/run-as-non-root',
  severity: 'error',
  category: 'security',
  profile: 'baseline',
  seed: 'All seeds: containers run as non-root (drupal-aks-flux: php-fpm and nginx as UID 82).',
  docs: "Every container's effective securityContext (the container's own fields, else the pod's) must set `runAsNonRoot: true` or a `runAsUser` above 0. `runAsUser: 0` is always an error.",
  details:
    'A process running as UID 0 inside a container is root on the node if it escapes. Set `runAsNonRoot: true` (the kubelet then refuses to start an image whose user is root) and preferably an explicit `runAsUser`. The quick fix adds `runAsNonRoot: true` to the pod securityContext when no container sets it, otherwise to the container.',
  messages: {
    missing: 'Container "{container}" may run as root: set runAsNonRoot: true or a runAsUser above 0 (container or pod securityContext).',
    root: '{who} runs as root (runAsUser: 0).',
    disabled: '{who} sets runAsNonRoot: false.',
  },
  fixes: ['Add runAsNonRoot: true', 'Set runAsNonRoot: true'],
  appliesTo: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig', 'Job', 'CronJob'],
  check(obj, ctx) {
    const w = workloadOf(obj);
    if (!w) return;
    const reported = new Set<string>();
    // Pod level when no container decides for itself, so one line covers them all.
    const podLevel = w.containers.every((c) => c.security.runAsNonRoot?.level !== 'container' && c.security.runAsUser?.level !== 'container');
    for (const c of w.containers) {
      const user = c.security.runAsUser;
      const nonRoot = c.security.runAsNonRoot;
      if (user && Number(user.value) === 0) {
        const key = user.path.join('.');
        if (!reported.has(key)) {
          reported.add(key);
          ctx.report(locate(obj, user.path), 'root', { who: fieldOwnerLabel(w, c, user.level) });
        }
        continue;
      }
      if (nonRoot && nonRoot.value === false && !(user && Number(user.value) > 0)) {
        const key = nonRoot.path.join('.');
        if (!reported.has(key)) {
          reported.add(key);
          ctx.report(locate(obj, nonRoot.path), 'disabled', { who: fieldOwnerLabel(w, c, nonRoot.level) }, [
            // Undoes a deliberate choice (the image may need root): offered, never applied by fix-all.
            { title: 'Set runAsNonRoot: true', edits: setValue(obj.doc, nonRoot.path, true), safe: false },
          ]);
        }
        continue;
      }
      if (nonRoot?.value === true || (user && Number(user.value) > 0)) continue;
      const target = podLevel ? [...w.podSpecPath, 'securityContext'] : securityContextPath(c);
      ctx.report(locate(obj, [...securityContextPath(c), 'runAsNonRoot']), 'missing', { container: containerLabel(c) }, [
        { title: `Add runAsNonRoot: true to the ${podLevel ? 'pod' : 'container'} securityContext`, edits: insertEntries(obj.doc, target, { runAsNonRoot: true }) },
      ]);
    }
  },
});
