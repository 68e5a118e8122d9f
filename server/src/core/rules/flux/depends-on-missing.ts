import { defineRule } from '../rule';
import { nodeOf } from '../../model/k8s';
import { closestName, gitopsGraph } from '../../model/gitops';
import { replaceNode, setValue } from '../../fixes/yaml-edit';
import type { Fix } from '../../types';
import { entrySpan, relatedAt } from './helpers';

export default defineRule({
  id: 'flux/depends-on-missing',
  severity: 'error',
  category: 'flux',
  profile: 'baseline',
  seed: 'drupal-aks-flux: "FluxCD Kustomization Dependencies": infrastructure → certificates → drupal-migration → apps, chained with dependsOn.',
  docs: 'Every `dependsOn` entry of a Flux Kustomization (or HelmRelease) names an existing Kustomization (HelmRelease) in the workspace; the namespace defaults to the object\'s own.',
  details:
    'Flux waits for a dependency that does not exist forever: the Kustomization stays "dependency not found" and never applies. A typo in `dependsOn` is the usual cause. The quick fix replaces the name by the closest existing one (applied by fix-all only when it is a single, near match), or adds the `namespace:` when the name exists in another namespace. Reported only for files under a workspace root, where every file is loaded.',
  messages: {
    missing: '{kind} "{name}" depends on {kind} "{target}" (namespace "{ns}"), which is not in the workspace{hint}',
    otherNamespace: '{kind} "{name}" depends on "{target}" in namespace "{ns}", but {kind} "{target}" is in namespace "{actual}".',
  },
  fixes: ['Depend on the closest existing name', 'Add the namespace of the existing one'],
  appliesTo: ['Kustomization', 'HelmRelease'],
  check(obj, ctx) {
    const graph = gitopsGraph(ctx.model);
    const node = graph.nodeOf(obj);
    if (!node || !graph.isComplete(obj.file)) return;
    const sameKind = node.kind === 'Kustomization' ? graph.kustomizations : graph.helmReleases;
    for (const e of node.dependsOn) {
      if (e.target) continue;
      const span = entrySpan(obj, e.path);
      const elsewhere = sameKind.filter((n) => n.name === e.name && n.namespace !== e.namespace);
      if (elsewhere.length === 1) {
        const actual = elsewhere[0];
        ctx.report(
          span,
          'otherNamespace',
          { kind: node.kind, name: node.name, target: e.name, ns: e.namespace, actual: actual.namespace },
          [{ title: `Set namespace: ${actual.namespace}`, edits: setValue(obj.doc, [...e.path, 'namespace'], actual.namespace) }],
          [relatedAt(actual.object, `${node.kind} "${actual.name}" is defined here, in namespace "${actual.namespace}".`)],
        );
        continue;
      }
      const candidates = sameKind.filter((n) => n !== node && n.namespace === e.namespace);
      const near = closestName(e.name, candidates.map((n) => n.name));
      const fixes: Fix[] = [];
      const nameNode = nodeOf(obj, [...e.path, 'name']);
      const target = near && candidates.find((n) => n.name === near.name);
      if (near && nameNode) {
        fixes.push({ title: `Depend on "${near.name}"`, edits: replaceNode(obj.doc, nameNode, near.name), safe: near.unique && near.distance <= 2 });
      }
      ctx.report(
        span,
        'missing',
        { kind: node.kind, name: node.name, target: e.name, ns: e.namespace, hint: near ? `; did you mean "${near.name}"?` : '.' },
        fixes,
        target ? [relatedAt(target.object, `${node.kind} "${target.name}" is defined here.`)] : undefined,
      );
    }
  },
});
