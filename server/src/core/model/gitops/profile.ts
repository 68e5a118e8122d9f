// Which profile a workspace calls for when the configuration names none:
// `drupal-aks` for a Flux `clusters/` layout that deploys Drupal, else none
// (the engine's default applies). Memoised per workspace change.
import type { ProfileName } from '../../rules/rule';
import { workloadOf, WORKLOAD_KINDS } from '../k8s';
import type { Workspace } from '../workspace';
import { isDrupalObject, isFluxKustomization } from '../gitops';
import { normalizeKey } from '../../paths';

function inClustersLayout(file: string): boolean {
  const key = normalizeKey(file);
  return key.startsWith('clusters/') || key.includes('/clusters/');
}

/** The profile the workspace's content calls for, or undefined. */
export function detectProfile(ws: Workspace): ProfileName | undefined {
  return ws.derived('detectedProfile', () => {
    let flux = false;
    let drupal = false;
    for (const o of ws.objects()) {
      if (!flux && isFluxKustomization(o) && inClustersLayout(o.file)) flux = true;
      if (!drupal) {
        const w = workloadOf(o);
        if (w && isDrupalObject(o, w.containers.map((c) => c.image))) drupal = true;
      }
      if (flux && drupal) return 'drupal-aks' as ProfileName;
    }
    return undefined;
  }, { kinds: ['Kustomization', ...WORKLOAD_KINDS] });
}
