import { defineRule } from '../rule';
import { locate, WORKLOAD_KINDS, workloadOf } from '../../model/k8s';
import { nsOf } from '../../model/joins';
import { coverageOf } from '../../model/network';
import { kustomizeDirs } from '../../model/kustomize';
import { appendToSequence } from '../../fixes/yaml-edit';
import { basenameKey, dirnameKey, joinKey } from '../../paths';
import { lazyFix, type Fix } from '../../types';
import { allowPolicyFor, freeFileName, insertDocumentAfter, renderDocument, styleOfDocument } from './generate';

export default defineRule({
  id: 'net/policy-coverage',
  severity: 'warning',
  category: 'network',
  profile: 'baseline',
  seed: 'helm-staging-argocd "Security boundary 2: network policies" (every pod has its allowed ingress and egress); azure-saas-aks "Network Policies".',
  docs: 'Every workload is selected by at least one NetworkPolicy of its namespace that describes its traffic. A namespace-wide default deny alone does not count: it isolates the pods but allows them nothing.',
  details: [
    'Without a NetworkPolicy selecting its pods, a workload accepts connections from every pod of the cluster and may connect anywhere: one compromised pod reaches it directly.',
    'A policy selects pods of its own namespace (the effective one: `metadata.namespace`, else the including kustomization\'s `namespace:`, else `default`) by `spec.podSelector`. A namespace-wide policy (`podSelector: {}`) with no ingress rules and at most DNS egress is a default deny: the workload is isolated, but nothing allows its traffic, so it is still reported.',
    'Two quick fixes generate an allow policy for the workload: its declared container ports open to the pods of its namespace (and to the ingress controller\'s namespace when an Ingress, IngressRoute or Route routes to it), DNS egress to the cluster DNS. One writes it as a new document after the workload, the other as a new file next to it (listed in the folder\'s kustomization.yaml when there is one). Both need review — the egress the application needs (its database, external APIs) must be added — so they are never applied by `--fix` or fix-all.',
  ].join('\n\n'),
  messages: {
    uncovered: '{workload} is selected by no NetworkPolicy in namespace "{ns}": every pod of the cluster can reach it and it can reach anything.',
    baselineOnly: '{workload} is only selected by the default deny {policies} in namespace "{ns}": no policy allows its traffic.',
  },
  fixes: ['Add NetworkPolicy <name> to this file', 'Create <name>-networkpolicy.yaml with NetworkPolicy <name>'],
  appliesTo: WORKLOAD_KINDS,
  check(obj, ctx) {
    const w = workloadOf(obj);
    if (!w) return;
    const ws = ctx.model;
    const ns = nsOf(ws, obj);
    const cov = coverageOf(ws, w);
    if (cov.allowing.length > 0) return;
    const workload = `${obj.kind} "${obj.name ?? '(unnamed)'}"`;
    const span = Object.keys(w.podLabels).length ? locate(obj, w.podLabelsPath, 'key') : locate(obj, ['metadata', 'name']);
    const fixes: Fix[] = [];
    const policy = allowPolicyFor(ws, w);
    if (policy) {
      const ports = policy.portsText ? `ingress on ${policy.portsText}, DNS egress` : 'no ingress, DNS egress';
      // Rendering the policy is most of this rule's time and the fixes are rarely applied:
      // the edits are computed when a code action asks (lazyFix), from what is captured here.
      // `{ ...doc }` keeps the document's offset as of this text.
      const text = ctx.file.text;
      const doc = { ...obj.doc };
      fixes.push(lazyFix({
        title: `Add NetworkPolicy ${policy.name} to this file (${ports})`,
        safe: false,
        edits: () => [insertDocumentAfter(text, doc, policy.value)],
      }));
      const dir = dirnameKey(obj.file);
      const fileName = freeFileName((n) => ws.has(joinKey(dir, n)), `${obj.name ?? 'workload'}-networkpolicy`);
      const newKey = joinKey(dir, fileName);
      // kustomize applies only the files its kustomization.yaml lists: list the new one next to the workload's.
      const kust = kustomizeDirs(ws).get(dir);
      const kustFile = kust && ws.get(kust.file);
      const kustDoc = kustFile?.yaml?.documents[0];
      const listIn = kust && kustDoc && kust.entries.some((e) => e.key === obj.file) ? { file: kust.file, doc: { ...kustDoc } } : undefined;
      fixes.push(lazyFix({
        title: `Create ${fileName} with NetworkPolicy ${policy.name} (${ports})`,
        safe: false,
        edits: () => [],
        otherFiles: () => {
          const otherFiles: NonNullable<Fix['otherFiles']> = [{ file: newKey, create: renderDocument(policy.value, styleOfDocument(doc, text)) }];
          const edits = listIn ? appendToSequence(listIn.doc, ['resources'], basenameKey(newKey)) : [];
          if (listIn && edits.length) otherFiles.push({ file: listIn.file, edits });
          return otherFiles;
        },
      }));
    }
    if (cov.policies.length === 0) ctx.report(span, 'uncovered', { workload, ns }, fixes);
    else {
      const related = cov.policies.map((p) => ({ file: p.object.file, span: locate(p.object, ['spec', 'podSelector'], 'key'), message: `NetworkPolicy "${p.name}" isolates every pod of "${ns}" and allows it nothing` }));
      ctx.report(span, 'baselineOnly', { workload, ns, policies: cov.policies.map((p) => `"${p.name}"`).join(', ') }, fixes, related);
    }
  },
});
