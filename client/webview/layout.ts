// Graph → coordinates, with elkjs (layered, namespaces as compound nodes).
// Shared by the webview and `blueprint graph --format svg`: no DOM, and the ELK
// instance is passed in (elk.bundled.js in both; it runs without a worker).
// Text widths are estimated from character counts, so the same graph gets the
// same layout in Node and in the browser.
import type { TopologyEdge, TopologyGraph, TopologyNode, TopologyView } from '../../server/src/core/topology/types';

export interface ElkLike {
  // elkjs's own types are stricter about its JSON graph; the shape here is a subset of it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  layout(graph: any): Promise<any>;
}

/** The subset of ELK's JSON graph used here. */
export interface ElkInput {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  layoutOptions?: Record<string, string>;
  children?: ElkInput[];
  edges?: ElkEdgeInput[];
  labels?: { text: string; width: number; height: number; x?: number; y?: number }[];
}

interface ElkEdgeInput {
  id: string;
  sources: string[];
  targets: string[];
  labels?: { text: string; width: number; height: number; x?: number; y?: number }[];
  sections?: { startPoint: Point; endPoint: Point; bendPoints?: Point[] }[];
  container?: string;
}

export interface Point {
  x: number;
  y: number;
}

export interface LaidOutNode {
  node: TopologyNode;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Lines as drawn (truncated to fit). */
  kindText: string;
  nameText: string;
  detailText?: string;
}

export interface LaidOutGroup {
  id: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidOutEdge {
  edge: TopologyEdge;
  /** Index in graph.edges. */
  index: number;
  /** In drawing direction (depends-on edges go from the dependency to the dependent). */
  points: Point[];
  label?: { text: string; x: number; y: number; width: number; height: number };
}

export interface LaidOutGraph {
  view: TopologyView;
  width: number;
  height: number;
  nodes: LaidOutNode[];
  groups: LaidOutGroup[];
  edges: LaidOutEdge[];
  empty?: string;
}

export const CHAR_WIDTH = { name: 7.2, small: 6 };
const NODE_MIN_WIDTH = 120;
const NODE_MAX_WIDTH = 250;
const PADDING = 20;

/** `text` cut to `chars` characters with an ellipsis. */
export function fit(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

function nodeBox(n: TopologyNode): { width: number; height: number; kindText: string; nameText: string; detailText?: string } {
  const badge = n.worst ? 26 : 0;
  const want = Math.max(n.kind.length * CHAR_WIDTH.small, n.name.length * CHAR_WIDTH.name + badge, (n.detail?.length ?? 0) * CHAR_WIDTH.small) + PADDING + 10;
  const width = Math.round(Math.min(NODE_MAX_WIDTH, Math.max(NODE_MIN_WIDTH, want)));
  const inner = width - PADDING;
  return {
    width,
    height: n.detail ? 58 : 44,
    kindText: fit(n.kind, Math.floor(inner / CHAR_WIDTH.small)),
    nameText: fit(n.name, Math.floor((inner - badge) / CHAR_WIDTH.name)),
    detailText: n.detail ? fit(n.detail, Math.floor(inner / CHAR_WIDTH.small)) : undefined,
  };
}

/** The graph without the nodes of hidden namespaces (and their edges). */
export function filterGraph(graph: TopologyGraph, hidden: ReadonlySet<string>): TopologyGraph {
  if (hidden.size === 0) return graph;
  let nodes = graph.nodes.filter((n) => !n.namespace || !hidden.has(n.namespace));
  let ids = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  // A node outside namespaces (the internet, an external database) that only linked hidden nodes goes too.
  const linked = new Set(edges.flatMap((e) => [e.from, e.to]));
  const hadEdges = new Set(graph.edges.flatMap((e) => [e.from, e.to]));
  nodes = nodes.filter((n) => n.namespace || linked.has(n.id) || !hadEdges.has(n.id));
  ids = new Set(nodes.map((n) => n.id));
  return { ...graph, nodes, edges: edges.filter((e) => ids.has(e.from) && ids.has(e.to)) };
}

function edgeLabel(e: TopologyEdge): string | undefined {
  if (e.type === 'blocked') return e.label ?? 'blocked';
  if (e.cycle) return 'cycle';
  return e.label;
}

const GROUP_PREFIX = 'group:';

/** Edges drawn against their direction: depends-on (the dependency comes first) and, in the GitOps view, references to a source. */
export function drawnReversed(e: TopologyEdge, graph: Pick<TopologyGraph, 'view'>, categories: ReadonlyMap<string, string>): boolean {
  return e.type === 'depends-on' || (graph.view === 'gitops' && e.type === 'references' && categories.get(e.to) === 'source');
}

export interface LayoutOptions {
  /**
   * The flow's direction: `RIGHT` (the network and infrastructure views by default)
   * or `DOWN` (the GitOps view by default). The panel picks DOWN when it is taller
   * than wide, so a request flow fits a preview beside the editor.
   */
  direction?: 'RIGHT' | 'DOWN';
}

/** The default direction of a view's flow. */
export function defaultDirection(view: TopologyView): 'RIGHT' | 'DOWN' {
  return view === 'gitops' ? 'DOWN' : 'RIGHT';
}

/** Lay a graph out. Never rejects: a failing layout gives a graph with an `empty` message. */
export async function layoutGraph(graph: TopologyGraph, elk: ElkLike, options: LayoutOptions = {}): Promise<LaidOutGraph> {
  const base: LaidOutGraph = { view: graph.view, width: 0, height: 0, nodes: [], groups: [], edges: [] };
  if (graph.nodes.length === 0) return { ...base, width: 480, height: 120, empty: graph.empty ?? 'Nothing to draw.' };
  const boxes = new Map(graph.nodes.map((n) => [n.id, nodeBox(n)]));
  const elkId = new Map<string, string>();
  graph.nodes.forEach((n, i) => elkId.set(n.id, `n${i}`));
  const byElkId = new Map(graph.nodes.map((n, i) => [`n${i}`, n]));
  const groups = new Map<string, ElkInput>();
  const root: ElkInput = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': options.direction ?? defaultDirection(graph.view),
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.spacing.nodeNode': '22',
      'elk.layered.spacing.nodeNodeBetweenLayers': '46',
      'elk.spacing.edgeLabel': '4',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children: [],
    edges: [],
  };
  graph.nodes.forEach((n) => {
    const box = boxes.get(n.id)!;
    const child: ElkInput = { id: elkId.get(n.id)!, width: box.width, height: box.height };
    if (!n.namespace) {
      root.children!.push(child);
      return;
    }
    let group = groups.get(n.namespace);
    if (!group) {
      group = { id: `${GROUP_PREFIX}${groups.size}`, layoutOptions: { 'elk.padding': '[top=30,left=12,bottom=12,right=12]' }, children: [] };
      groups.set(n.namespace, group);
      root.children!.push(group);
    }
    group.children!.push(child);
  });
  const categories = new Map(graph.nodes.map((n) => [n.id, n.category]));
  const flipped = new Set<number>();
  graph.edges.forEach((e, i) => {
    const from = elkId.get(e.from);
    const to = elkId.get(e.to);
    if (!from || !to) return;
    // Drawn upstream first: a dependency before what depends on it (reconciliation
    // order), a GitOps source before what it feeds.
    // An egress rule to the internet is laid out from the internet (which stays at the
    // start of the flow) but still drawn towards it.
    const layoutOnly = e.type === 'allowed-by-policy' && categories.get(e.to) === 'internet';
    if (layoutOnly) flipped.add(i);
    const [s, t] = drawnReversed(e, graph, categories) || layoutOnly ? [to, from] : [from, to];
    const text = edgeLabel(e);
    root.edges!.push({
      id: `e${i}`,
      sources: [s],
      targets: [t],
      ...(text ? { labels: [{ text, width: Math.ceil(text.length * CHAR_WIDTH.small) + 6, height: 14 }] } : {}),
    });
  });

  let out: ElkInput;
  try {
    out = await elk.layout(root);
  } catch (e) {
    return { ...base, width: 480, height: 120, empty: `The layout failed: ${e instanceof Error ? e.message : String(e)}` };
  }

  const abs = new Map<string, Point>([['root', { x: 0, y: 0 }]]);
  const nodes: LaidOutNode[] = [];
  const laidGroups: LaidOutGroup[] = [];
  const groupName = new Map([...groups].map(([ns, g]) => [g.id, ns]));
  const visit = (n: ElkInput, ox: number, oy: number) => {
    for (const c of n.children ?? []) {
      const x = ox + (c.x ?? 0);
      const y = oy + (c.y ?? 0);
      abs.set(c.id, { x, y });
      const ns = groupName.get(c.id);
      if (ns !== undefined) {
        laidGroups.push({ id: ns, label: ns, x, y, width: c.width ?? 0, height: c.height ?? 0 });
        visit(c, x, y);
        continue;
      }
      const node = byElkId.get(c.id);
      if (!node) continue;
      const box = boxes.get(node.id)!;
      nodes.push({ node, x, y, width: c.width ?? box.width, height: c.height ?? box.height, kindText: box.kindText, nameText: box.nameText, detailText: box.detailText });
    }
  };
  visit(out, 0, 0);

  const edges: LaidOutEdge[] = [];
  for (const le of (out.edges ?? []) as ElkEdgeInput[]) {
    const index = Number(le.id.slice(1));
    const edge = graph.edges[index];
    const section = le.sections?.[0];
    if (!edge || !section) continue;
    const o = abs.get(le.container ?? 'root') ?? { x: 0, y: 0 };
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: p.x + o.x, y: p.y + o.y }));
    if (flipped.has(index)) points.reverse();
    const l = le.labels?.[0];
    edges.push({ edge, index, points, ...(l ? { label: { text: l.text, x: (l.x ?? 0) + o.x, y: (l.y ?? 0) + o.y, width: l.width, height: l.height } } : {}) });
  }
  return { ...base, width: Math.ceil(out.width ?? 0), height: Math.ceil(out.height ?? 0), nodes, groups: laidGroups, edges };
}
