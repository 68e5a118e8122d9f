import { defineRule } from '../rule';
import { locate, nodeOf } from '../../model/k8s';
import { gitopsGraph } from '../../model/gitops';
import { setValue } from '../../fixes/yaml-edit';
import { entrySpan, listNames } from './helpers';

export default defineRule({
  id: 'flux/wait-for-dependency',
  severity: 'warning',
  category: 'flux',
  profile: 'restricted',
  seed: 'drupal-aks-flux: "drupal-migration … (must succeed) → apps": a dependency counts only once its objects are healthy.',
  docs: 'A Flux Kustomization that others depend on sets `wait: true` or `healthChecks`, so "ready" means its objects are healthy, not merely applied.',
  details:
    'Without `wait` or `healthChecks`, Flux marks a Kustomization ready as soon as the API server accepted its objects. Its dependents then start while its Deployments roll out, its HelmReleases install their CRDs, or its migration Job still runs (or has failed): the order in `dependsOn` is not enforced. The quick fix adds `wait: true` (it replaces an explicit `wait: false` only in the editor).',
  messages: {
    noWait: 'Kustomization "{name}" is a dependency of {dependents} but has neither wait: true nor healthChecks: they start as soon as its objects are applied, before they are ready.',
  },
  fixes: ['Add wait: true'],
  appliesTo: ['Kustomization'],
  check(obj, ctx) {
    const graph = gitopsGraph(ctx.model);
    const node = graph.kustomizationOf(obj);
    if (!node || node.wait || node.healthChecks) return;
    const dependents = graph.dependents(node);
    if (dependents.length === 0) return;
    const explicit = nodeOf(obj, ['spec', 'wait']) !== undefined;
    ctx.report(
      locate(obj, ['spec', 'wait']),
      'noWait',
      { name: node.name, dependents: listNames([...new Set(dependents.map((d) => d.node.name))]) },
      [{ title: 'Set wait: true', edits: setValue(obj.doc, ['spec', 'wait'], true), safe: !explicit }],
      dependents.map((d) => ({ file: d.node.object.file, span: entrySpan(d.node.object, d.entry.path), message: `${d.node.kind} "${d.node.name}" depends on "${node.name}" here.` })),
    );
  },
});
