import { defineRule } from '../rule';
import { locate } from '../../model/k8s';
import { apiGroup, closestName, effectiveNamespaceOf, FLUX_IMAGE_GROUP, gitopsGraph, SourceRef } from '../../model/gitops';
import { relatedAt } from './helpers';

export default defineRule({
  id: 'flux/source-ref',
  severity: 'error',
  category: 'flux',
  profile: 'baseline',
  seed: 'drupal-aks-flux: "GitRepository: drupal-gitops (GitHub)" feeds every Kustomization; HelmReleases of traefik and cert-manager come from HelmRepositories.',
  docs: 'The `sourceRef` of a Flux Kustomization (GitRepository, OCIRepository, Bucket), of a HelmRelease chart (HelmRepository, GitRepository, Bucket; `chartRef`: OCIRepository, HelmChart) and of an ImageUpdateAutomation (GitRepository) names a source of an allowed kind that exists in the workspace; the namespace defaults to the object\'s own.',
  details:
    'A missing source leaves the object waiting for "source not found"; a wrong kind is rejected. The message suggests the closest existing source. Reported only for files under a workspace root, where every file is loaded.',
  messages: {
    missing: '{owner} "{name}" uses {kind} "{source}" (namespace "{ns}") as its source, but there is none in the workspace{hint}',
    wrongKind: '{owner} "{name}" uses {kind} "{source}", but "{source}" is of kind {actual}.',
    badKind: '{owner} "{name}" cannot use a {kind} as its source here: allowed kinds are {allowed}.',
  },
  appliesTo: ['Kustomization', 'HelmRelease', 'ImageUpdateAutomation'],
  check(obj, ctx) {
    const graph = gitopsGraph(ctx.model);
    if (!graph.isComplete(obj.file)) return;
    let ref: SourceRef | undefined;
    const node = graph.nodeOf(obj);
    if (node) ref = node.sourceRef;
    else if (obj.kind === 'ImageUpdateAutomation' && apiGroup(obj.apiVersion) === FLUX_IMAGE_GROUP) ref = graph.imageAutomationSource(obj, effectiveNamespaceOf(ctx.model, obj));
    if (!ref || ref.target) return;
    const kind = ref.kind ?? ref.allowed[0];
    const data = { owner: obj.kind, name: obj.name ?? '(unnamed)', kind, source: ref.name, ns: ref.namespace };
    const nameSpan = locate(obj, [...ref.path, 'name'], 'value');
    if (ref.kind && !ref.allowed.includes(ref.kind)) {
      ctx.report(locate(obj, [...ref.path, 'kind'], 'value'), 'badKind', { ...data, allowed: ref.allowed.join(', ') });
      return;
    }
    const other = [...graph.sources.values()].find((s) => s.name === ref!.name && s.kind !== kind && effectiveNamespaceOf(ctx.model, s) === ref!.namespace);
    if (other) {
      ctx.report(nameSpan, 'wrongKind', { ...data, actual: other.kind }, [], [relatedAt(other, `${other.kind} "${other.name}" is defined here.`)]);
      return;
    }
    const candidates = graph.sourcesOf([kind]);
    const near = closestName(ref.name, candidates.map((s) => s.name ?? ''));
    const target = near && candidates.find((s) => s.name === near.name);
    ctx.report(nameSpan, 'missing', { ...data, hint: near ? `; did you mean "${near.name}"?` : '.' }, [], target ? [relatedAt(target, `${target.kind} "${target.name}" is defined here.`)] : undefined);
  },
});
