import { defineRule } from '../rule';
import { gitopsGraph } from '../../model/gitops';
import type { RelatedInfo } from '../../types';
import { entrySpan } from './helpers';

export default defineRule({
  id: 'flux/depends-on-cycle',
  severity: 'error',
  category: 'flux',
  profile: 'baseline',
  seed: 'drupal-aks-flux: "RECONCILIATION ORDER" is a chain (infrastructure → certificates → drupal-migration → apps), never a loop.',
  docs: 'The `dependsOn` graph of Flux Kustomizations (and of HelmReleases) has no cycle. Every edge of a cycle is reported, in whichever file it is written, with the whole cycle in the message.',
  details:
    'Flux does not detect dependency cycles: every Kustomization in the loop waits for another one forever, and nothing in it is ever applied again, silently. Break the cycle by removing the `dependsOn` entry that points the wrong way (usually the one from a lower layer, such as infrastructure, to a higher one, such as apps).',
  messages: {
    cycle: '{kind} "{name}" depends on "{target}", which closes a dependency cycle: {cycle}. Flux waits forever and never reconciles any of them.',
  },
  appliesTo: ['Kustomization', 'HelmRelease'],
  check(obj, ctx) {
    const graph = gitopsGraph(ctx.model);
    const node = graph.nodeOf(obj);
    if (!node) return;
    for (const e of node.dependsOn) {
      const c = graph.cycleAt(node, e.index);
      if (!c) continue;
      const related: RelatedInfo[] = [];
      for (let i = 1; i + 1 < c.path.length; i++) {
        const from = c.path[i];
        const to = c.path[i + 1];
        const edge = from.dependsOn.find((x) => x.target === to);
        if (edge) related.push({ file: from.object.file, span: entrySpan(from.object, edge.path), message: `${from.kind} "${from.name}" depends on "${to.name}" here (part of the cycle).` });
      }
      ctx.report(entrySpan(obj, e.path), 'cycle', { kind: node.kind, name: node.name, target: e.name, cycle: c.path.map((n) => n.name).join(' → ') }, [], related);
    }
  },
});
