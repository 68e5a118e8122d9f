import { isMap, isScalar, Node, Pair } from 'yaml';
import { defineRule } from '../rule';
import { nodeOf, nodeSpan } from '../../model/k8s';

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** A value that holds nothing secret: empty, SOPS-encrypted, or a Flux `${VAR}` substitution. */
function harmless(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  const s = String(value).trim();
  return s === '' || /^ENC\[[A-Z0-9_]+,data:/.test(s) || /^\$\{[^}]+\}$/.test(s);
}

export default defineRule({
  id: 'secret/plaintext',
  severity: 'error',
  category: 'secrets',
  profile: 'baseline',
  seed: 'drupal-aks-flux: "SOPS Encryption: All secrets encrypted in Git"; helm-staging-argocd: "NO secrets committed".',
  docs:
    'A Secret with `data` or `stringData` is committed only SOPS-encrypted: the document has a top-level `sops:` block and every value is `ENC[…]`. Empty values and Flux `${VAR}` substitutions are fine; a Secret with no data is fine.',
  details: [
    '`data` is base64, an encoding anyone can reverse; `stringData` is the secret itself. Once pushed, the value lives in every clone and in the history: rotate it, then encrypt the file (`sops --encrypt --in-place secret.yaml` with a `.sops.yaml` that sets `encrypted_regex: ^(data|stringData)$`), or replace it by a SealedSecret, an ExternalSecret, or a SecretProviderClass (Key Vault).',
    '',
    'A SOPS-encrypted file with one value in clear text was edited after encryption: SOPS will also refuse to decrypt it (MAC mismatch).',
  ].join('\n'),
  messages: {
    plain: 'Secret "{name}" stores "{key}" unencrypted in Git ({field}{how}): encrypt the file with SOPS, or use a SealedSecret / ExternalSecret.',
    partial: 'Secret "{name}" is SOPS-encrypted but "{key}" is in clear text (added after encryption?): re-encrypt the file.',
  },
  appliesTo: ['Secret'],
  check(obj, ctx) {
    const sops = isRecord(obj.value.sops);
    for (const field of ['stringData', 'data'] as const) {
      const map = nodeOf(obj, [field]);
      if (!isMap(map)) continue;
      for (const item of map.items as Pair<Node, Node | null>[]) {
        const value = isScalar(item.value) ? item.value.value : item.value === null ? null : '(structured)';
        if (harmless(value)) continue;
        const key = isScalar(item.key) ? String(item.key.value) : '?';
        const span = nodeSpan(obj.doc, item.key) ?? { start: obj.doc.offset, end: obj.doc.offset };
        ctx.report(span, sops ? 'partial' : 'plain', { name: obj.name ?? '(unnamed)', key, field, how: field === 'data' ? ', only base64-encoded' : '' });
        return;
      }
    }
  },
});
