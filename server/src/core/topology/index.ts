// core/topology: the workspace model → a semantic graph per view (no
// coordinates). Contributors (contributors/index.ts) add nodes and edges; this
// file runs them, attributes findings to nodes and marks dependency cycles.
// Pure: no disk, no LSP; never throws on bad input (a contributor that throws
// is skipped and reported in `errors`).
import { stronglyConnectedComponents } from '../model/gitops';
import type { Workspace } from '../model/workspace';
import { Finding, SEVERITIES, Severity } from '../types';
import { GraphBuilder } from './builder';
import type { TopologyContributor } from './contributor';
import { CONTRIBUTORS } from './contributors';
import type { TopologyEdge, TopologyGraph, TopologyNode, TopologyView } from './types';

export * from './types';
export { CONTRIBUTORS };
export type { TopologyContext, TopologyContributor } from './contributor';

/** Findings of the workspace by file key (what the LSP session and the CLI hold). */
export type FindingsByFile = ReadonlyMap<string, readonly Finding[]> | ((file: string) => readonly Finding[] | undefined);

export interface TopologyOptions {
  /** The contributors to run (tests swap them); CONTRIBUTORS by default. */
  contributors?: readonly TopologyContributor[];
  /** How many finding messages a node keeps for its hover. */
  maxMessages?: number;
}

export interface TopologyResult extends TopologyGraph {
  /** Contributors that threw (their part of the graph is missing). */
  errors?: { contributor: string; message: string }[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

function findingsOf(findings: FindingsByFile, file: string): readonly Finding[] {
  return (typeof findings === 'function' ? findings(file) : findings.get(file)) ?? [];
}

/** Attach each finding to the node of the object it is about (by object id, else by the document it lies in). */
function attributeFindings(g: GraphBuilder, nodes: TopologyNode[], findings: FindingsByFile, maxMessages: number): void {
  const byFile = new Map<string, { node: TopologyNode; objectId?: string; start: number; end: number }[]>();
  for (const n of nodes) {
    const r = g.rangesOfNode.get(n.id);
    if (!r) continue;
    byFile.set(r.file, [...(byFile.get(r.file) ?? []), { node: n, objectId: r.objectId, start: r.start, end: r.end }]);
  }
  for (const [file, entries] of byFile) {
    for (const f of findingsOf(findings, file)) {
      const target =
        (f.object !== undefined ? entries.find((e) => e.objectId === f.object && f.span.start >= e.start && f.span.start <= e.end) : undefined) ??
        entries.find((e) => f.span.start >= e.start && f.span.start < e.end);
      if (!target) continue;
      const n = target.node;
      n.findings[f.severity] = (n.findings[f.severity] ?? 0) + 1;
      if (!n.worst || SEVERITY_RANK[f.severity] < SEVERITY_RANK[n.worst]) n.worst = f.severity;
      if (f.severity !== 'hint') {
        n.messages ??= [];
        if (n.messages.length < maxMessages) n.messages.push({ severity: f.severity, ruleId: f.ruleId, message: f.message });
      }
    }
  }
  for (const n of nodes) if (n.messages) n.messages.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

/**
 * Mark depends-on edges that lie on a cycle: both ends in one strongly connected
 * component (the same computation as the GitOps model's cycles), or a self loop.
 */
export function markCycles(edges: TopologyEdge[]): void {
  const deps = edges.filter((e) => e.type === 'depends-on');
  const next = new Map<string, string[]>();
  for (const e of deps) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const component = stronglyConnectedComponents(next.keys(), (v) => next.get(v) ?? []);
  for (const e of deps) if (e.from === e.to || component.get(e.from) === component.get(e.to)) e.cycle = true;
}

function emptyReason(ws: Workspace, view: TopologyView): string {
  switch (view) {
    case 'network':
      return 'No workloads, Services or routes in this workspace.';
    case 'gitops':
      return 'No Flux Kustomizations, HelmReleases or Argo CD Applications in this workspace.';
    case 'infrastructure': {
      const tf = [...ws.allFiles()].filter((f) => /\.tf$/i.test(f.path));
      if (tf.length === 0) return 'No Terraform in this workspace.';
      const skipped = tf.find((f) => f.skipped);
      if (skipped) return `Blueprint could not read the Terraform files of this workspace: ${skipped.skipped}.`;
      return `No Terraform resources, data sources or modules in the ${tf.length} Terraform file${tf.length === 1 ? '' : 's'} of this workspace.`;
    }
  }
}

/** The graph of one view of a workspace, with the findings of `findings` counted on its nodes. */
export function buildTopology(ws: Workspace, findings: FindingsByFile, view: TopologyView, options: TopologyOptions = {}): TopologyResult {
  const g = new GraphBuilder(ws, view);
  const errors: { contributor: string; message: string }[] = [];
  for (const c of options.contributors ?? CONTRIBUTORS) {
    if (!c.views.includes(view)) continue;
    try {
      c.contribute({ ws, view, g });
    } catch (e) {
      errors.push({ contributor: c.id, message: e instanceof Error ? e.message : String(e) });
    }
  }
  const nodes = g.allNodes().sort((a, b) => (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const edges = g.allEdges();
  attributeFindings(g, nodes, findings, options.maxMessages ?? 5);
  markCycles(edges);
  const namespaces = [...new Set(nodes.map((n) => n.namespace).filter((n): n is string => !!n))].sort();
  const result: TopologyResult = { view, nodes, edges, namespaces };
  if (nodes.length === 0) result.empty = emptyReason(ws, view);
  if (errors.length) result.errors = errors;
  return result;
}

/** Total findings of a node. */
export function findingTotal(n: Pick<TopologyNode, 'findings'>): number {
  return SEVERITIES.reduce((s, sev) => s + (n.findings[sev] ?? 0), 0);
}
