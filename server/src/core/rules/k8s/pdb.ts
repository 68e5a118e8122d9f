import { stringify } from 'yaml';
import { defineRule } from '../rule';
import { K8sObject, locate, workloadOf } from '../../model/k8s';
import { findObject, nsOf, pdbsSelectingWorkload, replicasOf } from '../../model/joins';
import { indentUnit } from '../../fixes/yaml-edit';
import type { TextEdit } from '../../types';
import type { RuleContext } from '../rule';
import { identifyingLabels } from '../ref/helpers';

/** A new PodDisruptionBudget document appended to the workload's file. */
function appendPdb(obj: K8sObject, labels: Record<string, string>, ctx: RuleContext): { name: string; edit: TextEdit } {
  const ns = nsOf(ctx.model, obj);
  const base = obj.name ?? 'workload';
  const name = findObject(ctx.model, 'PodDisruptionBudget', ns, base) ? `${base}-pdb` : base;
  const metadata: Record<string, unknown> = { name };
  if (obj.namespace) metadata.namespace = obj.namespace;
  const doc = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata, spec: { maxUnavailable: 1, selector: { matchLabels: labels } } };
  const text = ctx.file.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const body = stringify(doc, { indent: indentUnit(obj.doc), lineWidth: 0 }).replace(/\n/g, eol);
  const lead = text.length === 0 || text.endsWith('\n') ? '' : eol;
  return { name, edit: { start: text.length, end: text.length, newText: `${lead}---${eol}${body}` } };
}

export default defineRule({
  id: 'k8s/pdb',
  severity: 'info',
  category: 'resources',
  profile: 'restricted',
  seed: 'azure-saas-aks "Pod Disruption Budgets": backend-pdb and frontend-pdb keep replicated workloads available while nodes are drained and upgraded.',
  docs: 'A Deployment or StatefulSet with more than one replica should be selected by a PodDisruptionBudget in its namespace, so node drains and cluster upgrades never evict all of its pods at once.',
  details:
    'The quick fix appends a PodDisruptionBudget document to the same file, named after the workload, selecting the labels that identify its pods (its `spec.selector.matchLabels`) with `maxUnavailable: 1`. ' +
    '`maxUnavailable: 1` (rather than `minAvailable`) keeps working when the replica count changes (by hand or by an HPA) and never blocks a drain while every pod is healthy; switch to `minAvailable` when the application needs a quorum.',
  messages: {
    missing: '{kind} "{name}" runs {replicas} replicas but no PodDisruptionBudget selects its pods: a node drain may evict them all at once.',
  },
  fixes: ['Add a PodDisruptionBudget (maxUnavailable: 1)'],
  appliesTo: ['Deployment', 'StatefulSet'],
  check(obj, ctx) {
    const w = workloadOf(obj);
    if (!w) return;
    const replicas = replicasOf(w);
    if (replicas === undefined || replicas <= 1) return;
    if (pdbsSelectingWorkload(ctx.model, w).length > 0) return;
    const labels = identifyingLabels(w);
    const fixes = Object.keys(labels).length
      ? (() => {
          const { name, edit } = appendPdb(obj, labels, ctx);
          return [{ title: `Add PodDisruptionBudget "${name}" (maxUnavailable: 1)`, edits: [edit] }];
        })()
      : [];
    ctx.report(locate(obj, ['spec', 'replicas']), 'missing', { kind: obj.kind, name: obj.name ?? '(unnamed)', replicas }, fixes);
  },
});
