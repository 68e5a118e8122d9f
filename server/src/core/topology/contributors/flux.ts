// GitOps view: Flux, drawn from the GitOps model (model/gitops.ts) the flux/*
// rules read, so the diagram and the findings agree. Kustomizations and
// HelmReleases with their `dependsOn` (`depends-on`, marked `cycle` where the
// model finds one), their sources (`references`), the GitOps objects a
// Kustomization applies (`references`, label `applies`: the bootstrap
// Kustomization applies the others), and image automation.
import { apiGroup, ARGO_GROUP, GitOpsGraph, gitopsGraph, isArgoApplication, type FluxNode, type SourceRef } from '../../model/gitops';
import { K8sObject, valueAt } from '../../model/k8s';
import type { GraphBuilder } from '../builder';
import type { TopologyContributor } from '../contributor';
import { str } from '../contributor';

const FLUX_GROUP = /\.toolkit\.fluxcd\.io$/;

/** An object the GitOps view draws when a Kustomization applies it: Flux's own kinds and Argo CD Applications. */
export function isGitOpsObject(o: K8sObject): boolean {
  return FLUX_GROUP.test(apiGroup(o.apiVersion)) || isArgoApplication(o) || (o.kind === 'ApplicationSet' && apiGroup(o.apiVersion) === ARGO_GROUP);
}

/** The node of a source reference: the source when the model resolved it, else a placeholder marked missing. */
function sourceNode(g: GraphBuilder, ref: SourceRef): string {
  return ref.target ? g.object(ref.target) : g.ref(ref.kind ?? ref.allowed[0], ref.namespace, ref.name);
}

function sourceDetail(o: K8sObject): string | undefined {
  const url = str(valueAt(o.value, ['spec', 'url']));
  const ref = str(valueAt(o.value, ['spec', 'ref', 'branch'])) ?? str(valueAt(o.value, ['spec', 'ref', 'tag'])) ?? str(valueAt(o.value, ['spec', 'ref', 'semver']));
  return url ? `${url.replace(/^(ssh|https?):\/\/(git@)?/, '')}${ref ? ` @ ${ref}` : ''}` : undefined;
}

function dependsOnEdges(g: GraphBuilder, graph: GitOpsGraph, node: FluxNode, from: string): void {
  for (const e of node.dependsOn) {
    const to = e.target ? g.object(e.target.object) : g.ref(node.kind, e.namespace, e.name);
    const cycle = graph.cycleAt(node, e.index);
    g.edge(from, to, 'depends-on', cycle ? { cycle: true, note: `dependency cycle: ${cycle.path.map((n) => n.name).join(' → ')}` } : {});
  }
}

export const flux: TopologyContributor = {
  id: 'flux',
  views: ['gitops'],
  contribute({ ws, g }) {
    const graph = gitopsGraph(ws);
    for (const s of graph.sources.values()) if (s.name) g.object(s, { detail: sourceDetail(s) });
    for (const k of graph.kustomizations) {
      if (!k.object.name) continue;
      const id = g.object(k.object, { detail: `path ${k.path ?? './'}` });
      if (k.sourceRef) g.edge(id, sourceNode(g, k.sourceRef), 'references', { label: 'source' });
      dependsOnEdges(g, graph, k, id);
      for (const child of k.objects) {
        if (child !== k.object && child.name && isGitOpsObject(child)) g.edge(id, g.object(child), 'references', { label: 'applies' });
      }
    }
    for (const h of graph.helmReleases) {
      if (!h.object.name) continue;
      const version = str(valueAt(h.object.value, ['spec', 'chart', 'spec', 'version']));
      const id = g.object(h.object, { detail: h.chart ? `chart ${h.chart}${version ? ` ${version}` : ''}` : undefined });
      if (h.sourceRef) g.edge(id, sourceNode(g, h.sourceRef), 'references', { label: 'chart' });
      dependsOnEdges(g, graph, h, id);
    }
    for (const repo of graph.imageRepositories.values()) g.object(repo, { detail: str(valueAt(repo.value, ['spec', 'image'])) });
    for (const policy of graph.imagePolicies.values()) {
      const id = g.object(policy);
      const repo = str(valueAt(policy.value, ['spec', 'imageRepositoryRef', 'name']));
      if (repo) {
        const ns = g.ns(policy);
        const target = graph.imageRepositories.get(`${ns}/${repo}`);
        g.edge(id, target ? g.object(target) : g.ref('ImageRepository', ns, repo), 'references');
      }
    }
    for (const o of ws.objects()) {
      if (o.kind !== 'ImageUpdateAutomation' || !o.name || !FLUX_GROUP.test(apiGroup(o.apiVersion))) continue;
      const ref = graph.imageAutomationSource(o, g.ns(o));
      const id = g.object(o);
      if (ref) g.edge(id, sourceNode(g, ref), 'references', { label: 'pushes to' });
    }
  },
};
