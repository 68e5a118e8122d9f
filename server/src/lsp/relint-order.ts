// In which order the other files of a project are re-linted after one file changed.
// Every file is still re-linted (cross-file rules may see any change), but files whose
// findings most likely depend on the change come first, so their diagnostics are
// republished within a few event-loop turns rather than after the whole project:
// files with objects in a namespace the changed file had or has objects in (or
// defines), then files of the same folder, then the rest in workspace order.
import type { FileFacts, Workspace } from '../core/model/workspace';
import { effectiveNamespace } from '../core/model/kustomize';
import { dirnameKey } from '../core/paths';

export function relintOrder(ws: Workspace, key: string, before: FileFacts | undefined): { first: string[]; rest: string[] } {
  const after = ws.get(key);
  const namespaces = new Set<string>();
  for (const facts of [before, after]) {
    for (const o of facts?.objects ?? []) {
      namespaces.add(effectiveNamespace(ws, o));
      if (o.kind === 'Namespace' && o.name) namespaces.add(o.name);
    }
  }
  const dir = dirnameKey(key);
  const first: string[] = [];
  const rest: string[] = [];
  for (const f of ws.allFiles()) {
    if (f.path === key) continue;
    const related = dirnameKey(f.path) === dir || f.objects.some((o) => namespaces.has(effectiveNamespace(ws, o)));
    (related ? first : rest).push(f.path);
  }
  return { first, rest };
}
