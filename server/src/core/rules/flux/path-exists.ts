import { defineRule } from '../rule';
import { locate } from '../../model/k8s';
import { closestName, fluxPathSegments, gitopsGraph } from '../../model/gitops';
import { relativeKey } from '../../paths';

export default defineRule({
  id: 'flux/path-exists',
  severity: 'error',
  category: 'flux',
  profile: 'baseline',
  seed: 'drupal-aks-flux: the repository holds infrastructure/, apps/ and clusters/; each Kustomization\'s path points into them.',
  docs: 'The `spec.path` of a Flux Kustomization whose source is this repository exists in it, relative to the repository root, and stays inside it.',
  details:
    'A wrong path makes the Kustomization fail with "kustomization path not found" and nothing behind it is applied. The repository root is the one the Flux bootstrap Kustomization implies (`clusters/<cluster>/flux-system/gotk-sync.yaml` with `path: ./clusters/<cluster>`), else the folder above `clusters/`, else the workspace folder. Paths of other sources (another GitRepository, an OCIRepository, a Bucket) are not checked, and a folder is called missing only under a workspace root, where every file is loaded. A path that climbs out of the root (`../../etc`) is reported: Flux confines it to the source, so it does not mean what it says.',
  messages: {
    missing: 'Kustomization "{name}" applies "{path}", which does not exist in the repository{hint}',
    outside: 'Kustomization "{name}" applies "{path}", which climbs out of the repository root: Flux confines paths to the source, so this does not point where it says.',
  },
  appliesTo: ['Kustomization'],
  check(obj, ctx) {
    const graph = gitopsGraph(ctx.model);
    const node = graph.kustomizationOf(obj);
    if (!node || !node.local || node.root === undefined || node.path === undefined) return;
    const span = locate(obj, ['spec', 'path'], 'value');
    if (node.outside) {
      ctx.report(span, 'outside', { name: node.name, path: node.path });
      return;
    }
    if (node.exists || !node.checkable) return;
    const root = node.root;
    const folders = graph.allFolders().flatMap((f) => {
      const rel = relativeKey(root, f);
      return rel && rel !== '.' ? [rel] : [];
    });
    const near = closestName(fluxPathSegments(node.path), folders);
    ctx.report(span, 'missing', { name: node.name, path: node.path, hint: near ? `; did you mean "./${near.name}"?` : '.' });
  },
});
