import { defineRule } from '../rule';
import { gitopsGraph, CrdProvision, Need, OrderViolation } from '../../model/gitops';
import type { K8sObject } from '../../model/k8s';
import type { RelatedInfo } from '../../types';
import { addDependsOn, dependsOnSpan, relatedAt } from './helpers';

const MAX_REASONS = 3;

function quote(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The reasons in words, CRDs of one provision (a chart, a CRD document) together. */
export function describeViolation(v: OrderViolation): string {
  const provider = v.provider.name;
  const texts: string[] = [];
  const crds = new Map<K8sObject, { need: Need; provision: CrdProvision }[]>();
  for (const r of v.reasons) {
    if (r.need.type !== 'crd') continue;
    const p = r.provision as CrdProvision;
    crds.set(p.via, [...(crds.get(p.via) ?? []), { need: r.need, provision: p }]);
  }
  for (const [via, list] of crds) {
    const kinds = quote([...new Set(list.map((x) => (x.need.type === 'crd' ? `${x.need.kind} (${x.need.group})` : '')))]);
    const p = list[0].provision;
    const what = list.length > 1 ? 'CRDs' : 'a CRD';
    texts.push(
      p.chart
        ? `it applies ${kinds}, ${what} that "${provider}" installs with the ${p.chart} chart (HelmRelease "${via.name ?? '(unnamed)'}")`
        : `it applies ${kinds}, ${what} that "${provider}" installs (CustomResourceDefinition "${via.name ?? '(unnamed)'}")`,
    );
  }
  for (const r of v.reasons) {
    if (r.need.type !== 'namespace') continue;
    texts.push(`it applies ${r.need.object.kind} "${r.need.object.name ?? '(unnamed)'}" into Namespace "${r.need.name}", which "${provider}" creates`);
  }
  if (texts.length > MAX_REASONS) return [...texts.slice(0, MAX_REASONS), `${texts.length - MAX_REASONS} more`].join('; ');
  return texts.join('; ');
}

export default defineRule({
  id: 'flux/depends-on-order',
  severity: 'error',
  category: 'flux',
  profile: 'baseline',
  seed: 'drupal-aks-flux: "infrastructure (storage, traefik, cert-manager, namespaces) → certificates → drupal-migration → apps": certificates need the cert-manager CRDs and the drupal Namespace that infrastructure installs.',
  docs: 'A Flux Kustomization that applies objects of a CRD installed by another Kustomization (a CustomResourceDefinition document, or a HelmRelease of a chart that installs CRDs: cert-manager, traefik, external-secrets, kube-prometheus-stack, …), or objects into a Namespace another Kustomization creates, depends on it (directly or through its dependencies).',
  details:
    'Without the dependency both reconcile in parallel: on a fresh cluster (or after a restore) the apply fails with "no matches for kind" or "namespace not found" until a later retry, and a HelmRelease that is still installing its CRDs makes the dependent one fail its health checks. The message names the CRD or Namespace that makes the dependency necessary and the Kustomization that provides it; the quick fix adds that Kustomization to `dependsOn`. A Kustomization defined in the files another one applies (the cluster Kustomizations under flux-system) already comes after it. When a dependency already lacks the same provider, the finding is reported there only: fixing it fixes both.',
  messages: {
    order: 'Kustomization "{name}" does not depend on Kustomization "{provider}" (directly or through its dependencies), but {reasons}. Add "{provider}" to dependsOn.',
  },
  fixes: ['Add the dependsOn entry'],
  appliesTo: ['Kustomization'],
  check(obj, ctx) {
    const graph = gitopsGraph(ctx.model);
    const node = graph.kustomizationOf(obj);
    if (!node) return;
    for (const v of graph.orderViolations(node)) {
      const related: RelatedInfo[] = [relatedAt(v.provider.object, `Kustomization "${v.provider.name}" is defined here.`)];
      for (const r of v.reasons.slice(0, MAX_REASONS)) {
        related.push(relatedAt(r.need.object, `${r.need.object.kind} "${r.need.object.name ?? '(unnamed)'}" is applied by "${node.name}".`));
        related.push(relatedAt(r.provision.via, `${r.provision.via.kind} "${r.provision.via.name ?? '(unnamed)'}" is applied by "${v.provider.name}".`));
      }
      const unique = related.filter((r, i) => related.findIndex((x) => x.file === r.file && x.span.start === r.span.start && x.message === r.message) === i);
      ctx.report(dependsOnSpan(node), 'order', { name: node.name, provider: v.provider.name, reasons: describeViolation(v) }, [
        { title: `Add "${v.provider.name}" to dependsOn`, edits: addDependsOn(node, v.provider) },
      ], unique);
    }
  },
});
