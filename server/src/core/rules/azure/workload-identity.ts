import { defineRule } from '../rule';
import { locate, workloadOf } from '../../model/k8s';
import { findObject, nsOf, serviceAccountNameOf } from '../../model/joins';
import { insertEntries, setValue } from '../../fixes/yaml-edit';
import { relatedAt } from '../ref/helpers';

export const CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';
export const USE_LABEL = 'azure.workload.identity/use';

export default defineRule({
  id: 'azure/workload-identity',
  severity: 'warning',
  category: 'secrets',
  profile: 'restricted',
  seed: 'azure-saas-aks "Workload Identity Configuration": the ServiceAccount carries azure.workload.identity/client-id and the pod template the label azure.workload.identity/use: "true".',
  docs: 'A pod that runs as a ServiceAccount annotated `azure.workload.identity/client-id` must carry the pod label `azure.workload.identity/use: "true"`. Without it the Azure Workload Identity webhook does not inject the federated token, and the pod cannot reach Key Vault, Storage or databases with its managed identity.',
  details:
    'The ServiceAccount is the pod\'s `serviceAccountName` (else `default`) looked up in the workload\'s namespace. The label goes on the pod template (`spec.template.metadata.labels`), not on the Deployment itself; its value is the string `"true"`. The quick fix adds (or corrects) it.',
  messages: {
    missing: '{kind} "{name}" runs as ServiceAccount "{sa}", which has an Azure workload identity, but its pods lack the label azure.workload.identity/use: "true": no token is injected.',
  },
  fixes: ['Add the label azure.workload.identity/use: "true"'],
  appliesTo: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig', 'Job', 'CronJob'],
  check(obj, ctx) {
    const w = workloadOf(obj);
    if (!w) return;
    const saName = serviceAccountNameOf(w);
    const sa = findObject(ctx.model, 'ServiceAccount', nsOf(ctx.model, obj), saName);
    if (!sa || !sa.annotations[CLIENT_ID_ANNOTATION]) return;
    if (w.podLabels[USE_LABEL] === 'true') return;
    const present = USE_LABEL in w.podLabels;
    const edits = present ? setValue(obj.doc, [...w.podLabelsPath, USE_LABEL], 'true') : insertEntries(obj.doc, w.podLabelsPath, { [USE_LABEL]: 'true' });
    const span = present
      ? locate(obj, [...w.podLabelsPath, USE_LABEL])
      : locate(obj, typeof w.podSpec.serviceAccountName === 'string' ? [...w.podSpecPath, 'serviceAccountName'] : typeof w.podSpec.serviceAccount === 'string' ? [...w.podSpecPath, 'serviceAccount'] : w.podLabelsPath);
    ctx.report(
      span,
      'missing',
      { kind: obj.kind, name: obj.name ?? '(unnamed)', sa: saName },
      edits.length ? [{ title: 'Add the pod label azure.workload.identity/use: "true"', edits }] : [],
      [relatedAt(sa, ['metadata', 'annotations', CLIENT_ID_ANNOTATION], `ServiceAccount "${saName}" has ${CLIENT_ID_ANNOTATION}`)],
    );
  },
});
