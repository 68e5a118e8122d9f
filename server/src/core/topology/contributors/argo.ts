// GitOps view: Argo CD. Applications and ApplicationSets with their repositories
// (`references`), the Applications an app-of-apps applies when its path is in the
// workspace (`references`, label `applies`), and sync waves among siblings
// (`depends-on` the Applications of the previous wave).
import { filesApplied } from '../../model/kustomize';
import type { K8sObject } from '../../model/k8s';
import type { TopologyContributor } from '../contributor';
import { isRecord, list, resolveRepoDir, str } from '../contributor';

const isArgoApp = (o: K8sObject) => o.apiVersion.startsWith('argoproj.io/') && (o.kind === 'Application' || o.kind === 'ApplicationSet');

function sourcesOf(spec: Record<string, unknown>): Record<string, unknown>[] {
  return [...(isRecord(spec.source) ? [spec.source] : []), ...list(spec.sources).filter(isRecord)];
}

export const argo: TopologyContributor = {
  id: 'argo',
  views: ['gitops'],
  contribute({ ws, g }) {
    const parentOf = new Map<K8sObject, string>();
    const apps: K8sObject[] = [];
    for (const o of ws.objects()) {
      if (!o.name || !isArgoApp(o)) continue;
      apps.push(o);
      const spec0 = isRecord(o.value.spec) ? o.value.spec : {};
      const spec = o.kind === 'ApplicationSet' && isRecord(spec0.template) && isRecord(spec0.template.spec) ? spec0.template.spec : spec0;
      const dest = isRecord(spec.destination) ? str(spec.destination.namespace) : undefined;
      const id = g.object(o, dest ? { detail: `→ ${dest}` } : {});
      for (const src of sourcesOf(spec)) {
        const url = str(src.repoURL);
        if (!url) continue;
        const chart = str(src.chart);
        const repo = g.synthetic({ id: `repo:${url}`, kind: chart ? 'HelmRepository' : 'Repository', name: url.replace(/^(ssh|https?):\/\/(git@)?/, '').replace(/\.git$/, ''), category: 'source' });
        g.edge(id, repo, 'references', { label: chart ? `chart ${chart}` : str(src.path) ?? 'source' });
        const path = str(src.path);
        const dir = path !== undefined && !chart ? resolveRepoDir(ws, o.file, path) : undefined;
        if (!dir) continue;
        for (const file of filesApplied(ws, dir)) {
          for (const child of ws.get(file)?.objects ?? []) {
            if (child === o || !child.name || !isArgoApp(child)) continue;
            g.edge(id, g.object(child), 'references', { label: 'applies' });
            parentOf.set(child, id);
          }
        }
      }
    }
    // Sync waves: within one parent, each wave waits for the previous one.
    const groups = new Map<string, { wave: number; id: string }[]>();
    for (const o of apps) {
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
