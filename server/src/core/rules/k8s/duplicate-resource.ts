import { defineRule } from '../rule';
import { locate } from '../../model/k8s';
import { duplicateCopies, nsOf } from '../../model/joins';
import { relatedAt, shortPath } from '../ref/helpers';

export default defineRule({
  id: 'k8s/duplicate-resource',
  severity: 'error',
  category: 'references',
  profile: 'baseline',
  seed: 'drupal-aks-flux: one kustomization per app (apps/base/drupal, apps/production) builds each object once.',
  docs: 'The same object (API group, kind, namespace and name) must not be defined twice in what one kustomization applies: `kustomize build` fails with "may not add resource with an already registered id", and without kustomize the last copy silently wins.',
  details:
    'Scopes: each kustomization root (a kustomization no other kustomization includes) with every file it applies through `resources:`, `components:` and folders; files that no kustomization covers form one more scope, where two copies count only when one folder is the other or lies under it (sibling folders such as `clusters/staging` and `clusters/production` are alternatives). Namespaces are effective namespaces. Each copy is reported, with related information pointing at the others. Patches are not resources and are not counted.',
  messages: {
    duplicate: '{id} is defined {count} times in the same build (also in {others}): kustomize rejects it, and without kustomize the last copy silently wins.',
  },
  appliesTo: 'all',
  check(obj, ctx) {
    const copies = duplicateCopies(ctx.model, obj);
    if (copies.length === 0) return;
    const ns = nsOf(ctx.model, obj);
    const id = ns ? `${obj.kind} ${ns}/${obj.name}` : `${obj.kind} ${obj.name}`;
    const where = (o: typeof obj) => (o.file === obj.file ? `this file (document ${o.doc.index + 1})` : shortPath(obj.file, o.file));
    ctx.report(
      locate(obj, ['metadata', 'name']),
      'duplicate',
      { id, count: copies.length + 1, others: copies.map(where).join(', ') },
      [],
      copies.map((o) => relatedAt(o, ['metadata', 'name'], `the other definition of ${id}`)),
    );
  },
});
