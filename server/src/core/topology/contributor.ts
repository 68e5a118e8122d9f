// A contributor turns one part of the model into nodes and edges of one or more
// views. Adding an edge type or a node source is one new contributor file plus
// one entry in CONTRIBUTORS (contributors/index.ts).
import type { Workspace } from '../model/workspace';
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
