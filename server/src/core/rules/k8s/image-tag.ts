import { defineRule } from '../rule';
import { locate, workloadOf, WORKLOAD_KINDS } from '../../model/k8s';
import type { Workspace } from '../../model/workspace';
import { containerLabel } from './container-helpers';

export interface ImageReference {
  /** Everything before the tag: registry (with its port), path and name. */
  repository: string;
  tag?: string;
  digest?: string;
}

/**
 * Split `registry:5000/team/app:1.2@sha256:…` into repository, tag and digest.
 * The tag is what follows the last `:` of the last path segment, so a
 * registry port (`registry:5000/app`) is never taken for a tag.
 */
export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : '';
  const nameAndTag = at >= 0 ? image.slice(0, at) : image;
  const colon = nameAndTag.lastIndexOf(':');
  const hasTag = colon > nameAndTag.lastIndexOf('/');
  const tag = hasTag ? nameAndTag.slice(colon + 1) : '';
  return {
    repository: hasTag ? nameAndTag.slice(0, colon) : nameAndTag,
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** `${VAR}`, `$(VAR)` or `{{ … }}`: filled in later by Flux postBuild, envsubst or a template. */
const PLACEHOLDER = /\$\{|\$\(|\{\{/;

/**
 * Repositories whose tag a kustomize `images:` entry sets at build time (newTag
 * other than latest, or a digest). Any kustomization of the workspace counts: a
 * false "pinned" is better than flagging every base that leaves tags to overlays.
 */
function kustomizePinnedRepositories(ws: Workspace): Set<string> {
  const pinned = new Set<string>();
  for (const file of ws.allFiles()) {
    if (!/(^|[\\/])kustomization\.ya?ml$/i.test(file.path)) continue;
    for (const doc of file.yaml?.documents ?? []) {
      const images = (doc.value as { images?: unknown } | undefined)?.images;
      if (!Array.isArray(images)) continue;
      for (const entry of images) {
        if (!entry || typeof entry !== 'object') continue;
        const { name, newTag, digest } = entry as Record<string, unknown>;
        const tag = typeof newTag === 'number' ? String(newTag) : newTag;
        if (typeof name === 'string' && ((typeof tag === 'string' && tag !== '' && tag !== 'latest') || (typeof digest === 'string' && digest !== ''))) {
          pinned.add(name);
        }
      }
    }
  }
  return pinned;
}

export default defineRule({
  id: 'k8s/image-tag',
  severity: 'warning',
  category: 'resources',
  profile: 'baseline',
  seed: 'drupal-aks-flux and openshift-task-api-argocd: CI and image automation write an explicit version tag (vX.Y.Z, commit SHA) into the manifests.',
  docs: 'Every container image names an explicit tag other than `latest`, or a digest (`@sha256:…`), so that what runs is what Git says and a rollback is a revert.',
  details:
    'An image with no tag means `:latest`, and `latest` (like any tag that is moved) makes each node pull whatever the tag points to when a pod lands there: replicas of one Deployment can run different code, a rollback redeploys the same moving target, and nothing in Git records what was running. Write the version your CI built (`app:1.4.2`, `app:3f9c2e1`) or pin a digest (`app@sha256:…`); with Flux image automation, a `# {"$imagepolicy": …}` marker keeps the tag current in Git. A registry port is not a tag (`registry:5000/app` has none). Images with placeholders in their name or tag (`${TAG}`, `$(TAG)`, `{{ }}`) are skipped, and so are images whose tag a kustomize `images:` entry anywhere in the workspace sets (newTag other than latest, or a digest).',
  messages: {
    noTag: 'Container "{container}" uses image "{image}" with no tag, which means "latest": pin a version tag or a digest.',
    latest: 'Container "{container}" uses image "{image}", whose "latest" tag moves: pin a version tag or a digest.',
  },
  appliesTo: WORKLOAD_KINDS,
  check(obj, ctx) {
    const w = workloadOf(obj);
    if (!w) return;
    let pinnedByKustomize: Set<string> | undefined;
    for (const c of w.containers) {
      const image = c.image?.trim();
      if (!image) continue; // no image at all is a schema error, not a tag problem
      const lastSegment = image.slice(image.lastIndexOf('/') + 1);
      if (PLACEHOLDER.test(lastSegment)) continue;
      const ref = parseImageReference(image);
      if (ref.digest) continue;
      if (ref.tag && ref.tag !== 'latest') continue;
      pinnedByKustomize ??= kustomizePinnedRepositories(ctx.model);
      if (pinnedByKustomize.has(ref.repository)) continue;
      ctx.report(locate(obj, [...c.path, 'image'], 'value'), ref.tag ? 'latest' : 'noTag', { container: containerLabel(c), image });
    }
  },
});
