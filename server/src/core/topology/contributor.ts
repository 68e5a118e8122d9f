// A contributor turns one part of the model into nodes and edges of one or more
// views. Adding an edge type or a node source is one new contributor file plus
// one entry in CONTRIBUTORS (contributors/index.ts).
import type { Workspace } from '../model/workspace';
import { dirnameKey, isUnder, joinKey } from '../paths';
import type { GraphBuilder } from './builder';
import type { TopologyView } from './types';

export interface TopologyContext {
  ws: Workspace;
  view: TopologyView;
  g: GraphBuilder;
}

export interface TopologyContributor {
  /** Short id, for errors and tests. */
  id: string;
  views: readonly TopologyView[];
  contribute(ctx: TopologyContext): void;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * The workspace folder a repository-relative path (Flux `spec.path`, Argo
 * `source.path`) stands for: the nearest ancestor of the declaring file under
 * which `path` holds files. Undefined when no folder of the workspace matches.
 */
export function resolveRepoDir(ws: Workspace, fromFile: string, path: string): string | undefined {
  const clean = path.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  let dir = dirnameKey(fromFile);
  for (let i = 0; i < 40; i++) {
    const candidate = clean ? joinKey(dir, clean) : dir;
    if (ws.paths().some((p) => isUnder(p, candidate))) return candidate;
    const up = dirnameKey(dir);
    if (up === dir || dir === '.' || /^\.\.(\/\.\.)*$/.test(dir)) break;
    dir = up;
  }
  return undefined;
}
