import { defineRule } from '../rule';
import { locate } from '../../model/k8s';
import { nsOf, serviceSelector, workloadsIn, workloadsSelectedByService } from '../../model/joins';
import { setValue } from '../../fixes/yaml-edit';
import type { Fix } from '../../types';
import { formatLabels, identifyingLabels, labelCloseness, relatedWorkload, workloadName } from './helpers';

/** At most this many "select the pods of …" fixes are offered. */
const MAX_CANDIDATES = 3;
/** Below this closeness (about one label with a third of its value right) a workload is no guess at all. */
const MIN_SCORE = 0.3;

export default defineRule({
  id: 'ref/service-selector',
  severity: 'error',
  category: 'references',
  profile: 'baseline',
  seed: 'All seeds: each Service fronts a workload (drupal-aks-flux: Service drupal → Deployment drupal; azure-saas-aks: backend-service → backend).',
  docs: "A Service's `spec.selector` must match the pod-template labels of at least one workload (Deployment, StatefulSet, DaemonSet, Job, Pod, …) in the Service's namespace. A selector that matches nothing gives the Service no endpoints: every request to it fails.",
  details:
    'Namespaces are resolved the way they are applied: `metadata.namespace`, else the `namespace:` of the kustomization that includes the file, else `default`. ' +
    'Services without a selector (ExternalName, or endpoints managed by hand) are not checked. ' +
    'The quick fixes replace the selector by the labels that identify the pods of the closest workloads in the namespace (their own `spec.selector.matchLabels`, closest by label keys and values); they are a guess, so they are offered in the editor and never applied by `--fix`.',
  messages: {
    dangling: 'Service "{name}" selects {labels}, but no workload in namespace "{ns}" has pods with these labels: the Service has no endpoints.',
  },
  fixes: ['Select the pods of <closest workload>'],
  appliesTo: ['Service'],
  check(svc, ctx) {
    const sel = serviceSelector(svc);
    if (!sel) return;
    if (workloadsSelectedByService(ctx.model, svc).length > 0) return;
    const ns = nsOf(ctx.model, svc);
    const wanted = sel.matchLabels ?? {};
    const candidates = workloadsIn(ctx.model, ns).filter((w) => !w.runsToCompletion && Object.keys(w.podLabels).length > 0);
    let chosen = candidates
      .map((w) => ({ w, score: labelCloseness(wanted, w.podLabels), name: `${w.object.kind}/${w.object.name ?? ''}` }))
      .filter((c) => c.score >= MIN_SCORE)
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
    // Nothing resembles, but the namespace has a single long-running workload: it is the obvious guess.
    if (chosen.length === 0 && candidates.length === 1) chosen = [{ w: candidates[0], score: 0, name: '' }];
    chosen = chosen.slice(0, MAX_CANDIDATES);
    const fixes: Fix[] = chosen.map(({ w }) => {
      const labels = identifyingLabels(w);
      return {
        title: `Select the pods of ${w.object.kind} ${w.object.name ?? ''} (${formatLabels(labels)})`,
        edits: setValue(svc.doc, ['spec', 'selector'], labels),
        safe: false,
      };
    }).filter((f) => f.edits.length > 0);
    ctx.report(
      locate(svc, ['spec', 'selector']),
      'dangling',
      { name: svc.name ?? '(unnamed)', labels: formatLabels(wanted), ns },
      fixes,
      chosen.map(({ w }) => relatedWorkload(ctx.model, w, `closest workload: ${workloadName(ctx.model, w)} has pod labels ${formatLabels(w.podLabels)}`)),
    );
  },
});
