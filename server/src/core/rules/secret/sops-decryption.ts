import { defineRule } from '../rule';
import { locate, nodeOf } from '../../model/k8s';
import { gitopsGraph, sopsInfo } from '../../model/gitops';
import { insertEntries, setValue } from '../../fixes/yaml-edit';
import type { Fix, RelatedInfo } from '../../types';
import { listNames } from '../flux/helpers';
import { basenameKey, relativeKey } from '../../paths';

/** The Secret kustomize-controller reads the private key from, for key types that need one (Flux docs' names). */
const KEY_SECRETS: Record<string, string> = { age: 'sops-age', pgp: 'sops-gpg' };

export default defineRule({
  id: 'secret/sops-decryption',
  severity: 'error',
  category: 'secrets',
  profile: 'restricted',
  seed: 'drupal-aks-flux: "SOPS Encryption • All secrets encrypted in Git • Azure Key Vault stores encryption key • Workload Identity for decryption (no stored credentials)".',
  docs: 'A Flux Kustomization whose applied files hold SOPS-encrypted data (a `sops:` metadata block, `ENC[…]` values) sets `spec.decryption.provider: sops`.',
  details:
    'Without decryption kustomize-controller applies the ciphertext: the Secret holds `ENC[AES256_GCM,…]` strings, or the apply fails on the `sops` field. The quick fix adds `decryption: { provider: sops }`. With a cloud KMS key (Azure Key Vault, AWS KMS, GCP KMS), as in the documented architecture, kustomize-controller authenticates with its workload identity and needs no `secretRef`; with age or PGP keys it needs the private key in a Secret, so the fix then also names `sops-age` / `sops-gpg` and is offered only in the editor (the Secret must exist in flux-system).',
  messages: {
    missing: 'Kustomization "{name}" applies SOPS-encrypted {files} but has no decryption.provider: sops: Flux would apply the ciphertext.',
    provider: 'Kustomization "{name}" applies SOPS-encrypted {files}, but decryption.provider is "{provider}", not sops.',
  },
  fixes: ['Add decryption: { provider: sops }'],
  appliesTo: ['Kustomization'],
  check(obj, ctx) {
    const graph = gitopsGraph(ctx.model);
    const node = graph.kustomizationOf(obj);
    if (!node || node.decryptionProvider === 'sops') return;
    const encrypted = node.files.flatMap((f) => {
      const facts = ctx.model.get(f);
      const info = facts && sopsInfo(facts);
      return info ? [{ file: f, info }] : [];
    });
    if (encrypted.length === 0) return;
    const shown = (f: string) => (node.root !== undefined ? relativeKey(node.root, f) : undefined) ?? basenameKey(f);
    const files = `${encrypted.length === 1 ? 'file' : 'files'} ${listNames(encrypted.map((e) => shown(e.file)), 3)}`;
    const related: RelatedInfo[] = encrypted.slice(0, 5).map((e) => ({ file: e.file, span: { start: 0, end: 0 }, message: 'SOPS-encrypted file applied by this Kustomization.' }));
    const keyTypes = new Set(encrypted.flatMap((e) => e.info.keyTypes));
    const secret = Object.entries(KEY_SECRETS).find(([k]) => keyTypes.has(k))?.[1];
    const decryption: Record<string, unknown> = { provider: 'sops', ...(secret ? { secretRef: { name: secret } } : {}) };
    if (node.decryptionProvider !== undefined) {
      ctx.report(locate(obj, ['spec', 'decryption', 'provider'], 'value'), 'provider', { name: node.name, files, provider: node.decryptionProvider }, [
        { title: 'Set decryption.provider: sops', edits: setValue(obj.doc, ['spec', 'decryption', 'provider'], 'sops'), safe: false },
      ], related);
      return;
    }
    const hasDecryption = nodeOf(obj, ['spec', 'decryption']) !== undefined;
    const fix: Fix = hasDecryption
      ? { title: 'Add provider: sops', edits: insertEntries(obj.doc, ['spec', 'decryption'], { provider: 'sops' }), safe: !secret }
      : { title: secret ? `Add decryption (provider: sops, secretRef: ${secret})` : 'Add decryption: { provider: sops }', edits: insertEntries(obj.doc, ['spec'], { decryption }), safe: !secret };
    const span = hasDecryption ? locate(obj, ['spec', 'decryption'], 'key') : locate(obj, ['spec', 'path']);
    ctx.report(span, 'missing', { name: node.name, files }, [fix], related);
  },
});
