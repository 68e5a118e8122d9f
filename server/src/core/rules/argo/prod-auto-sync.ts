import { defineRule } from '../rule';
import { locate } from '../../model/k8s';
import { gitopsGraph } from '../../model/gitops';
import { removeKey } from '../../fixes/yaml-edit';

const PROD = /(^|[-_./])(prod|production|prd)($|[-_./])/i;

export default defineRule({
  id: 'argo/prod-auto-sync',
  severity: 'warning',
  category: 'argo',
  profile: 'restricted',
  seed: 'openshift-task-api-argocd: "task-api-dev Auto-sync ✅, task-api-staging Auto-sync ✅, task-api-prod: Manual … Requires manual approval".',
  docs: 'An Argo CD Application that targets a production namespace or path (a `prod`/`production` segment in the destination namespace, a source path or its name) does not sync automatically (`syncPolicy.automated`).',
  details:
    'The documented flow promotes to production by a manual sync, after dev and staging: an automated sync ships whatever reaches the branch straight to production. The quick fix removes `automated` (only in the editor: it reverses a deliberate setting); keep `syncOptions` and sync from the Argo CD UI or CLI.',
  messages: {
    auto: 'Application "{name}" deploys to production ({why}) but syncs automatically: production changes should wait for a manual sync.',
  },
  fixes: ['Remove syncPolicy.automated'],
  appliesTo: ['Application'],
  check(obj, ctx) {
    const app = gitopsGraph(ctx.model).applications.find((a) => a.object === obj);
    if (!app || !app.automated) return;
    let why: string | undefined;
    if (app.destinationNamespace && PROD.test(app.destinationNamespace)) why = `namespace "${app.destinationNamespace}"`;
    else {
      const path = app.sources.find((s) => s.path && PROD.test(s.path))?.path;
      if (path) why = `path "${path}"`;
      else if (obj.name && PROD.test(obj.name)) why = `its name`;
    }
    if (!why) return;
    ctx.report(locate(obj, ['spec', 'syncPolicy', 'automated'], 'key'), 'auto', { name: obj.name ?? '(unnamed)', why }, [
      { title: 'Remove syncPolicy.automated (sync production by hand)', edits: removeKey(obj.doc, ['spec', 'syncPolicy', 'automated']), safe: false },
    ]);
  },
});
