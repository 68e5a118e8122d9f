// GitOps view: Argo CD, drawn from the GitOps model's Applications (sources,
// destination, repository root: model/gitops.ts, as argo/* rules read them).
// Applications and ApplicationSets with their repositories (`references`), the
// Applications an app-of-apps applies when its path is a folder of the workspace
// (`references`, label `applies`), and sync waves among siblings (`depends-on`
// the Applications of the previous wave).
import { ARGO_GROUP, apiGroup, ArgoApp, ArgoSource, fluxPathSegments, GitOpsGraph, gitopsGraph, isArgoApplication } from '../../model/gitops';
import { filesApplied } from '../../model/kustomize';
import { K8sObject, valueAt } from '../../model/k8s';
import { joinKey, relativeKey } from '../../paths';
import type { PathSegment } from '../../syntax/yaml';
import type { TopologyContributor } from '../contributor';
import { isRecord, str } from '../contributor';

const isApplicationSet = (o: K8sObject) => o.kind === 'ApplicationSet' && apiGroup(o.apiVersion) === ARGO_GROUP;

/**
 * An ApplicationSet read like an Application from its template (the model has
 * Applications only): the sources and destination every generated Application shares.
 */
function applicationSetApp(graph: GitOpsGraph, o: K8sObject): ArgoApp {
  const at: PathSegment[] = ['spec', 'template', 'spec'];
  const sources: ArgoSource[] = [];
  const read = (v: unknown, path: PathSegment[]) => {
    if (isRecord(v)) sources.push({ repoURL: str(v.repoURL), path: typeof v.path === 'string' ? v.path : undefined, chart: str(v.chart), at: path });
  };
  read(valueAt(o.value, [...at, 'source']), [...at, 'source']);
  const list = valueAt(o.value, [...at, 'sources']);
  if (Array.isArray(list)) list.forEach((s, i) => read(s, [...at, 'sources', i]));
  return { object: o, sources, destinationNamespace: str(valueAt(o.value, [...at, 'destination', 'namespace'])), automated: false, root: graph.rootOf(o.file) };
}

/** The workspace folder a source's path names (as argo/path-exists resolves it), when it exists. */
function sourceDir(graph: GitOpsGraph, app: ArgoApp, s: ArgoSource): string | undefined {
  if (app.root === undefined || s.path === undefined || s.chart) return undefined;
  const dir = joinKey(app.root, fluxPathSegments(s.path) || '.');
  return relativeKey(app.root, dir) !== undefined && graph.folderExists(dir) ? dir : undefined;
}

export const argo: TopologyContributor = {
  id: 'argo',
  views: ['gitops'],
  contribute({ ws, g }) {
    const graph = gitopsGraph(ws);
    const apps = [...graph.applications, ...[...ws.objects()].filter(isApplicationSet).map((o) => applicationSetApp(graph, o))].filter((a) => a.object.name);
    const parentOf = new Map<K8sObject, string>();
    for (const app of apps) {
      const dest = app.destinationNamespace;
      const id = g.object(app.object, dest ? { detail: `→ ${dest}` } : {});
      for (const src of app.sources) {
        if (!src.repoURL) continue;
        const repo = g.synthetic({ id: `repo:${src.repoURL}`, kind: src.chart ? 'HelmRepository' : 'Repository', name: src.repoURL.replace(/^(ssh|https?):\/\/(git@)?/, '').replace(/\.git$/, ''), category: 'source' });
        g.edge(id, repo, 'references', { label: src.chart ? `chart ${src.chart}` : src.path || 'source' });
        const dir = sourceDir(graph, app, src);
        if (!dir) continue;
        for (const file of filesApplied(ws, dir)) {
          for (const child of ws.get(file)?.objects ?? []) {
            if (child === app.object || !child.name || !(isArgoApplication(child) || isApplicationSet(child))) continue;
            g.edge(id, g.object(child), 'references', { label: 'applies' });
            parentOf.set(child, id);
          }
        }
      }
    }
    // Sync waves: within one parent, each wave waits for the previous one.
    const groups = new Map<string, { wave: number; id: string }[]>();
    for (const { object: o } of apps) {
      const wave = Number(o.annotations['argocd.argoproj.io/sync-wave'] ?? 0);
      if (!Number.isFinite(wave)) continue;
      const parent = parentOf.get(o) ?? '';
      groups.set(parent, [...(groups.get(parent) ?? []), { wave, id: g.idOf(o) }]);
    }
    for (const members of groups.values()) {
      const waves = [...new Set(members.map((m) => m.wave))].sort((a, b) => a - b);
      for (let i = 1; i < waves.length; i++) {
        for (const later of members.filter((m) => m.wave === waves[i])) {
          for (const earlier of members.filter((m) => m.wave === waves[i - 1])) g.edge(later.id, earlier.id, 'depends-on', { label: `wave ${waves[i - 1]}→${waves[i]}` });
        }
      }
    }
  },
};
