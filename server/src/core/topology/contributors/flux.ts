// GitOps view: Flux. Kustomizations and HelmReleases with their `dependsOn`
// (`depends-on`), their sources (`references`), and what a Kustomization's
// `spec.path` applies when that folder is in the workspace (`references`,
// label `applies`): the bootstrap Kustomization applies the others.
import { filesApplied } from '../../model/kustomize';
import type { K8sObject } from '../../model/k8s';
import { findObjects } from '../../model/joins';
import type { TopologyContext, TopologyContributor } from '../contributor';
import { isRecord, list, resolveRepoDir, str } from '../contributor';

const FLUX_GROUP = /\.toolkit\.fluxcd\.io\//;

export function isFluxKustomization(o: K8sObject): boolean {
  return o.kind === 'Kustomization' && o.apiVersion.startsWith('kustomize.toolkit.fluxcd.io/');
}

export function isGitOpsObject(o: K8sObject): boolean {
  return FLUX_GROUP.test(o.apiVersion) || (o.apiVersion.startsWith('argoproj.io/') && ['Application', 'ApplicationSet'].includes(o.kind));
}

/** A Flux object by kind/ns/name (kustomize's own Kustomization files are not Flux objects). */
function fluxRef(ctx: TopologyContext, kind: string, ns: string, name: string): string {
  const obj = findObjects(ctx.ws, kind, ns, name).find((o) => FLUX_GROUP.test(o.apiVersion));
  return obj ? ctx.g.object(obj) : ctx.g.ref(kind === 'Kustomization' ? 'Kustomization' : kind, ns, name);
}

function sourceDetail(o: K8sObject): string | undefined {
  const spec = isRecord(o.value.spec) ? o.value.spec : {};
  const url = str(spec.url);
  const ref = isRecord(spec.ref) ? str(spec.ref.branch) ?? str(spec.ref.tag) ?? str(spec.ref.semver) : undefined;
  return url ? `${url.replace(/^(ssh|https?):\/\/(git@)?/, '')}${ref ? ` @ ${ref}` : ''}` : undefined;
}

export const flux: TopologyContributor = {
  id: 'flux',
  views: ['gitops'],
  contribute(ctx) {
    const { ws, g } = ctx;
    for (const o of ws.objects()) {
      if (!o.name || !FLUX_GROUP.test(o.apiVersion)) continue;
      const ns = g.ns(o);
      const spec = isRecord(o.value.spec) ? o.value.spec : {};
      switch (o.kind) {
        case 'GitRepository':
        case 'HelmRepository':
        case 'OCIRepository':
        case 'Bucket':
          g.object(o, { detail: sourceDetail(o) });
          break;
        case 'Kustomization': {
          const path = str(spec.path) ?? './';
          const id = g.object(o, { detail: `path ${path}` });
          const src = isRecord(spec.sourceRef) ? spec.sourceRef : undefined;
          if (src && str(src.name)) g.edge(id, fluxRef(ctx, str(src.kind) ?? 'GitRepository', str(src.namespace) ?? ns, src.name as string), 'references', { label: 'source' });
          for (const d of list(spec.dependsOn)) {
            if (isRecord(d) && str(d.name)) g.edge(id, fluxRef(ctx, 'Kustomization', str(d.namespace) ?? ns, d.name as string), 'depends-on');
          }
          const dir = resolveRepoDir(ws, o.file, path);
          if (dir) {
            for (const file of filesApplied(ws, dir)) {
              for (const child of ws.get(file)?.objects ?? []) {
                if (child !== o && child.name && isGitOpsObject(child)) g.edge(id, g.object(child), 'references', { label: 'applies' });
              }
            }
          }
          break;
        }
        case 'HelmRelease': {
          const chart = isRecord(spec.chart) && isRecord(spec.chart.spec) ? spec.chart.spec : undefined;
          const version = chart && str(chart.version);
          const id = g.object(o, { detail: chart && str(chart.chart) ? `chart ${chart.chart}${version ? ` ${version}` : ''}` : undefined });
          const src = chart && isRecord(chart.sourceRef) ? chart.sourceRef : isRecord(spec.chartRef) ? spec.chartRef : undefined;
          if (src && str(src.name)) g.edge(id, fluxRef(ctx, str(src.kind) ?? 'HelmRepository', str(src.namespace) ?? ns, src.name as string), 'references', { label: 'chart' });
          for (const d of list(spec.dependsOn)) {
            if (isRecord(d) && str(d.name)) g.edge(id, fluxRef(ctx, 'HelmRelease', str(d.namespace) ?? ns, d.name as string), 'depends-on');
          }
          break;
        }
        case 'ImageUpdateAutomation': {
          const id = g.object(o);
          const src = isRecord(spec.sourceRef) ? spec.sourceRef : undefined;
          if (src && str(src.name)) g.edge(id, fluxRef(ctx, str(src.kind) ?? 'GitRepository', str(src.namespace) ?? ns, src.name as string), 'references', { label: 'pushes to' });
          break;
        }
        case 'ImagePolicy': {
          const id = g.object(o);
          const repo = isRecord(spec.imageRepositoryRef) ? str(spec.imageRepositoryRef.name) : undefined;
          if (repo) g.edge(id, fluxRef(ctx, 'ImageRepository', ns, repo), 'references');
          break;
        }
        case 'ImageRepository':
          g.object(o, { detail: str(spec.image) });
          break;
      }
    }
  },
};
