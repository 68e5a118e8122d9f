import { defineRule } from '../rule';
import { locate, nodeOf } from '../../model/k8s';
import { appendToSequence, insertEntries, setValue } from '../../fixes/yaml-edit';
import { containerLabel } from '../k8s/container-helpers';
import { drupalContainers, drupalWorkload, mountsOf, volumesOf } from './helpers';

export default defineRule({
  id: 'drupal/tmp-memory',
  severity: 'info',
  category: 'drupal',
  profile: 'drupal-aks',
  seed: 'drupal-aks-flux: "emptyDir: /tmp (Memory-backed) Twig cache here"; "Mount Path: /tmp Medium: Memory".',
  docs: 'The Drupal containers mount `/tmp` from an `emptyDir` with `medium: Memory`.',
  details:
    'Drupal compiles Twig templates and writes temporary files to /tmp. A memory-backed emptyDir makes that fast and keeps it off the node\'s disk (and works with a read-only root filesystem); it is rebuilt in a second or two after a restart. It counts against the pod\'s memory limit: give it a `sizeLimit`. The quick fixes set `medium: Memory` on the existing emptyDir, or add a `tmp` volume and its mount.',
  messages: {
    notMemory: 'Volume "{volume}" mounted at /tmp in Drupal workload "{name}" is an emptyDir on disk: set medium: Memory for the Twig cache.',
    notEmptyDir: 'Volume "{volume}" mounted at /tmp in Drupal workload "{name}" is not an emptyDir: /tmp should be a memory-backed emptyDir.',
    noMount: 'Container "{container}" of Drupal workload "{name}" has no /tmp volume: the Twig cache is written to the container\'s filesystem.',
  },
  fixes: ['Set medium: Memory', 'Add a memory-backed /tmp volume'],
  appliesTo: ['Deployment', 'StatefulSet'],
  check(obj, ctx) {
    const w = drupalWorkload(obj);
    if (!w) return;
    const volumes = volumesOf(w);
    const seen = new Set<string>();
    for (const c of drupalContainers(w)) {
      const mount = mountsOf(c).find((m) => m.mountPath.replace(/\/+$/, '') === '/tmp');
      if (!mount) {
        const name = volumes.some((v) => v.name === 'tmp') ? 'tmp-memory' : 'tmp';
        const existing = volumes.find((v) => v.name === name);
        const edits = [
          ...(existing ? [] : appendToSequence(obj.doc, [...w.podSpecPath, 'volumes'], { name, emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } })),
          ...appendToSequence(obj.doc, [...c.path, 'volumeMounts'], { name, mountPath: '/tmp' }),
        ];
        ctx.report(locate(obj, c.path), 'noMount', { container: containerLabel(c), name: obj.name ?? '(unnamed)' }, [{ title: 'Mount a memory-backed emptyDir at /tmp', edits }]);
        continue;
      }
      const volume = volumes.find((v) => v.name === mount.volumeName);
      if (!volume || seen.has(volume.name)) continue;
      seen.add(volume.name);
      const emptyDir = volume.value.emptyDir;
      if (emptyDir === undefined) {
        ctx.report(locate(obj, [...volume.path, 'name']), 'notEmptyDir', { volume: volume.name, name: obj.name ?? '(unnamed)' });
        continue;
      }
      if (emptyDir && typeof emptyDir === 'object' && (emptyDir as Record<string, unknown>).medium === 'Memory') continue;
      const span = nodeOf(obj, [...volume.path, 'emptyDir', 'medium']) !== undefined ? locate(obj, [...volume.path, 'emptyDir', 'medium']) : locate(obj, [...volume.path, 'emptyDir'], 'key');
      const hasMedium = nodeOf(obj, [...volume.path, 'emptyDir', 'medium']) !== undefined;
      ctx.report(span, 'notMemory', { volume: volume.name, name: obj.name ?? '(unnamed)' }, [
        hasMedium
          ? { title: 'Set medium: Memory', edits: setValue(obj.doc, [...volume.path, 'emptyDir', 'medium'], 'Memory'), safe: false }
          : { title: 'Set medium: Memory', edits: insertEntries(obj.doc, [...volume.path, 'emptyDir'], { medium: 'Memory' }) },
      ]);
    }
  },
});
