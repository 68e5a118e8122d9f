import { defineRule } from '../rule';
import { locate, workloadOf, K8sObject, WORKLOAD_KINDS } from '../../model/k8s';
import { isFalse, isTrue, scopeOf, setting, Setting } from '../../model/terraform';
import type { Workspace } from '../../model/workspace';
import { insertAttributes, setAttribute, type HclEntry } from '../../fixes/hcl-edit';
import type { RelatedInfo, TextEdit } from '../../types';
import { spanOf } from './helpers';

export const CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';
export const USE_LABEL = 'azure.workload.identity/use';

interface IdentityUse {
  obj: K8sObject;
  path: (string | number)[];
  what: string;
}

/** Kubernetes objects that use Azure workload identity (ServiceAccounts with a client id, pods labelled to use it). */
export function workloadIdentityUses(ws: Workspace): IdentityUse[] {
  return ws.derived('tf:workloadIdentityUses', (w) => {
    const out: IdentityUse[] = [];
    for (const o of w.objects()) {
      if (o.kind === 'ServiceAccount' && o.annotations[CLIENT_ID_ANNOTATION] !== undefined) {
        out.push({ obj: o, path: ['metadata', 'annotations', CLIENT_ID_ANNOTATION], what: `ServiceAccount "${o.name ?? '(unnamed)'}"` });
        continue;
      }
      const wl = workloadOf(o);
      if (wl && String(wl.podLabels[USE_LABEL]).toLowerCase() === 'true') {
        out.push({ obj: o, path: [...wl.podLabelsPath, USE_LABEL], what: `${o.kind} "${o.name ?? '(unnamed)'}"` });
      }
    }
    return out;
  }, { kinds: ['ServiceAccount', ...WORKLOAD_KINDS] });
}

export default defineRule({
  id: 'tf/azure-aks-workload-identity',
  severity: 'warning',
  category: 'terraform',
  profile: 'restricted',
  seed: 'azure-saas-aks: "Managed Identity (workload identity)" for Key Vault, Blob Storage and ACR, with `azure.workload.identity/client-id` ServiceAccounts.',
  docs: 'When Kubernetes manifests in the workspace use Azure workload identity (a ServiceAccount annotated `azure.workload.identity/client-id`, or pods labelled `azure.workload.identity/use: "true"`), the `azurerm_kubernetes_cluster` must set `oidc_issuer_enabled = true` and `workload_identity_enabled = true`; otherwise the pods get no federated token and every Azure call fails.',
  details:
    'Defaults assumed when the attributes are absent: both `false`. The finding is on the cluster and points at the manifest that uses workload identity. The quick fix adds the missing attributes (fix-all applies it); an explicit `false` is changed by the editor fix only.',
  messages: {
    missing: '{user} uses Azure workload identity, but AKS cluster "{name}" does not enable {missing}: its pods get no federated token.',
  },
  fixes: ['Enable the OIDC issuer and workload identity'],
  appliesTo: { terraform: ['azurerm_kubernetes_cluster'] },
  checkTerraform(b, ctx) {
    const uses = workloadIdentityUses(ctx.model);
    if (uses.length === 0) return;
    const scope = scopeOf(ctx.model, b);
    const settings: Setting[] = [setting(b.block, ['oidc_issuer_enabled'], scope), setting(b.block, ['workload_identity_enabled'], scope)];
    const missing = settings.filter((s) => !isTrue(s.value) && !(s.attr && !s.value.known));
    if (missing.length === 0) return;
    const at = missing.find((s) => s.attr && isFalse(s.value))?.attr;
    const edits: TextEdit[] = [];
    const inserts: HclEntry[] = [];
    for (const s of missing) {
      if (s.attr) edits.push(...setAttribute(s.attr, true));
      else inserts.push([s.name, true]);
    }
    if (inserts.length) edits.push(...insertAttributes(ctx.file.text, b.block, inserts));
    const first = uses[0];
    const related: RelatedInfo[] = uses.slice(0, 5).map((u) => ({
      file: u.obj.file,
      span: locate(u.obj, u.path),
      message: `${u.what}${u.obj.namespace ? ` in "${u.obj.namespace}"` : ''} uses Azure workload identity here.`,
    }));
    ctx.report(
      spanOf(ctx, b, at),
      'missing',
      { user: first.what + (uses.length > 1 ? ` (and ${uses.length - 1} more)` : ''), name: b.name, missing: missing.map((s) => s.name).join(' and ') },
      [{ title: `Set ${missing.map((s) => `${s.name} = true`).join(' and ')}`, edits, safe: missing.every((s) => !s.attr) }],
      related,
    );
  },
});
