import { defineRule } from '../rule';
import { locate } from '../../model/k8s';
import type { Fix } from '../../types';
import { schemaResultOf } from './memo';

/** The key as it must be written where `written` was (same quoting style). */
function renamed(written: string, name: string): string | undefined {
  if (written.startsWith('"')) return JSON.stringify(name);
  if (written.startsWith("'")) return `'${name.replace(/'/g, "''")}'`;
  return /^[A-Za-z_][\w.-]*$/.test(name) ? name : JSON.stringify(name);
}

/** The unquoted text of a key as written, or undefined when it is not a plain or quoted scalar. */
function unquoted(written: string): string | undefined {
  if (written.startsWith('"')) {
    try {
      return JSON.parse(written) as string;
    } catch {
      return undefined;
    }
  }
  if (written.startsWith("'")) return written.endsWith("'") ? written.slice(1, -1).replace(/''/g, "'") : undefined;
  return written;
}

export default defineRule({
  id: 'schema/unknown-field',
  severity: 'warning',
  category: 'schema',
  profile: 'always',
  docs: 'A field that the schema of its object does not declare: usually a typo (`securityContex`, `imagePullPolicyy`). Checked for the built-in Kubernetes kinds and, for likely typos, the Flux kinds.',
  details: [
    'The API server rejects an unknown field (`kubectl apply` validates strictly, server-side apply fails with "field not declared in schema"), or, with validation off, drops it silently: a misspelt `securityContext` leaves the container with no security context at all.',
    '',
    'The message suggests the declared fields closest to the key, and the quick fix renames the key (applied by `--fix` only when there is exactly one close suggestion).',
    '',
    'What is checked: the built-in Kubernetes kinds (core, apps, batch, networking, policy, autoscaling, rbac and the other `*.k8s.io` groups), whose schemas declare every field. Free-form places are never reported: labels, annotations, ConfigMap and Secret data, a CustomResourceDefinition\'s `openAPIV3Schema`, Helm `values`, anything declared with `x-kubernetes-preserve-unknown-fields` or `additionalProperties`. Flux kinds are checked too, but only a key close to a declared field is reported (a newer Flux release may have added a field the shipped schema lacks). Custom resources of other projects (cert-manager, Traefik, Argo CD, External Secrets) and kinds with Blueprint\'s own schemas are not checked. Strategic-merge-patch directives (`$patch`) and the `sops` metadata of an encrypted file are not fields and are never reported.',
  ].join('\n'),
  messages: { unknown: '{message}' },
  fixes: ['Rename the key to the suggested field'],
  appliesTo: 'all',
  check(obj, ctx) {
    const result = schemaResultOf(obj);
    if (result.kind === 'unknown-kind' || !result.unknownFields) return;
    for (const u of result.unknownFields) {
      const span = locate(obj, u.path, 'key');
      const written = ctx.file.text.slice(span.start, span.end);
      const fixes: Fix[] = [];
      if (unquoted(written) === String(u.path[u.path.length - 1])) {
        for (const name of u.suggestions) {
          const newText = renamed(written, name);
          if (newText === undefined) continue;
          fixes.push({ title: `Rename "${String(u.path[u.path.length - 1])}" to "${name}"`, edits: [{ ...span, newText }], safe: u.suggestions.length === 1 });
        }
      }
      ctx.report(span, 'unknown', { message: u.message }, fixes);
    }
  },
});
