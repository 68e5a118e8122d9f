import { defineRule } from '../rule';
import { locate } from '../../model/k8s';
import { closestName, fluxPathSegments, gitopsGraph } from '../../model/gitops';
import { joinKey, relativeKey } from '../../paths';

export default defineRule({
  id: 'argo/path-exists',
  severity: 'error',
  category: 'argo',
  profile: 'restricted',
  seed: 'helm-staging-argocd: "Application: flask-backend ├─ Path: helm-charts/flask"; openshift-task-api-argocd: Applications watch the k8s-manifests repository.',
  docs: 'The `source.path` (and each `sources[].path`) of an Argo CD Application exists when its `repoURL` is this repository.',
  details:
    'A wrong path makes the Application fail to generate manifests ("app path does not exist"). The repoURL counts as this repository when a Flux bootstrap GitRepository has that URL, when another Application source with that URL has a path that exists here, or when the path\'s first folder exists at the repository root. Reported only under a workspace root, where every file is loaded.',
  messages: {
    missing: 'Application "{name}" uses path "{path}" of this repository, which does not exist{hint}',
    outside: 'Application "{name}" uses path "{path}", which climbs out of the repository root.',
  },
  appliesTo: ['Application'],
  check(obj, ctx) {
    const graph = gitopsGraph(ctx.model);
    const app = graph.applications.find((a) => a.object === obj);
    if (!app || app.root === undefined) return;
    const root = app.root;
    for (const s of app.sources) {
      if (s.path === undefined || s.chart) continue;
      const segs = fluxPathSegments(s.path);
      if (!segs) continue;
      const span = locate(obj, [...s.at, 'path'], 'value');
      const dir = joinKey(root, segs);
      if (relativeKey(root, dir) === undefined) {
        ctx.report(span, 'outside', { name: obj.name ?? '(unnamed)', path: s.path });
        continue;
      }
      if (graph.folderExists(dir) || !graph.isComplete(dir)) continue;
      const first = segs.split('/')[0];
      const local = graph.isLocalRepo(s.repoURL) || (segs.includes('/') && graph.folderExists(joinKey(root, first)));
      if (!local) continue;
      const folders = graph.allFolders().flatMap((f) => {
        const rel = relativeKey(root, f);
        return rel && rel !== '.' ? [rel] : [];
      });
      const near = closestName(segs, folders);
      ctx.report(span, 'missing', { name: obj.name ?? '(unnamed)', path: s.path, hint: near ? `; did you mean "${near.name}"?` : '.' });
    }
  },
});
