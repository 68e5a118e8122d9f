// The topology preview's requests: `blueprint/topology` answers the graph of a
// view (core/topology) with node files as document URIs, and after every lint
// pass the client is told the graph may have changed (it asks again, debounced).
import type { Connection } from 'vscode-languageserver/node';
import { buildTopology, TOPOLOGY_VIEWS, TopologyGraph } from '../core/topology';
import { TOPOLOGY_CHANGED_NOTIFICATION, TOPOLOGY_REQUEST, TopologyParams } from '../protocol';
import type { LintSession } from './session';

function emptyGraph(view: TopologyParams['view'], why: string): TopologyGraph {
  return { view, nodes: [], edges: [], namespaces: [], empty: why };
}

/** The graph for a request; node and edge ids stay workspace keys, `file` becomes the document URI. */
export async function topologyGraph(session: LintSession, params: TopologyParams): Promise<TopologyGraph> {
  const view = TOPOLOGY_VIEWS.includes(params?.view) ? params.view : 'network';
  const source = await session.topologySource(typeof params?.uri === 'string' ? params.uri : undefined);
  const graph = buildTopology(source.ws, source.findings, view);
  for (const n of graph.nodes) if (n.file) n.file = source.uriOf(n.file);
  if (graph.nodes.length === 0 && !graph.empty) return emptyGraph(view, 'Nothing to draw.');
  delete (graph as { errors?: unknown }).errors;
  return graph;
}

/** Wire the request and the change notification (called once the session exists). */
export function registerTopology(connection: Connection, session: () => LintSession | undefined, logError: (what: string, e: unknown) => void): void {
  connection.onRequest(TOPOLOGY_REQUEST, async (params: TopologyParams) => {
    const s = session();
    const view = params && TOPOLOGY_VIEWS.includes(params.view) ? params.view : 'network';
    if (!s) return emptyGraph(view, 'The Blueprint server is starting.');
    try {
      return await topologyGraph(s, params);
    } catch (e) {
      logError('computing the topology', e);
      return emptyGraph(view, 'Blueprint could not compute the topology; see the Blueprint output.');
    }
  });
}

/** Tell the client after each lint pass (it debounces and asks for the graph it shows). */
export function notifyTopologyChanges(connection: Connection, session: LintSession): void {
  session.onLintIdle(() => void connection.sendNotification(TOPOLOGY_CHANGED_NOTIFICATION).catch(() => undefined));
}
