// A topology graph as a Mermaid flowchart (for Markdown docs): namespaces as
// subgraphs, node ids made safe, every label quoted with Mermaid's entity
// escapes so no manifest text can end a label or inject markup.
import type { TopologyEdge, TopologyGraph, TopologyNode } from './types';

/** Mermaid label text: quotes and markup characters as `#code;` entities. */
export function mermaidText(text: string): string {
  return text.replace(/[#"<>&`|{}[\]()]/g, (c) => `#${c.charCodeAt(0)};`);
}

const ARROWS: Record<TopologyEdge['type'], string> = {
  'routes-to': '==>',
  selects: '-->',
  'allowed-by-policy': '-.->',
  blocked: '--x',
  'depends-on': '-->',
  mounts: '-.->',
  'uses-secret': '-.->',
  'connects-to': '==>',
  references: '-.->',
};

function nodeLine(n: TopologyNode, id: string): string {
  const badge = n.worst ? ` (${Object.entries(n.findings).map(([s, c]) => `${c} ${s}`).join(', ')})` : '';
  const label = `${mermaidText(n.kind)}<br/>${mermaidText(n.name)}${n.detail ? `<br/><small>${mermaidText(n.detail)}</small>` : ''}${mermaidText(badge)}`;
  const shape = n.category === 'external' || n.category === 'storage' ? [`[("`, `")]`] : n.category === 'internet' ? [`(("`, `"))`] : [`["`, `"]`];
  return `${id}${shape[0]}${label}${shape[1]}`;
}

export function toMermaid(graph: TopologyGraph): string {
  const lines = [`flowchart ${graph.view === 'gitops' ? 'TD' : 'LR'}`];
  if (graph.nodes.length === 0) {
    lines.push(`  empty["${mermaidText(graph.empty ?? 'Nothing to draw.')}"]`);
    return `${lines.join('\n')}\n`;
  }
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const byNs = new Map<string, TopologyNode[]>();
  for (const n of graph.nodes) byNs.set(n.namespace ?? '', [...(byNs.get(n.namespace ?? '') ?? []), n]);
  let s = 0;
  for (const [ns, nodes] of byNs) {
    const indent = ns ? '    ' : '  ';
    if (ns) lines.push(`  subgraph ns${s++}["${mermaidText(`namespace ${ns}`)}"]`);
    for (const n of nodes) lines.push(indent + nodeLine(n, ids.get(n.id)!));
    if (ns) lines.push('  end');
  }
  graph.edges.forEach((e) => {
    const from = ids.get(e.from);
    const to = ids.get(e.to);
    if (!from || !to) return;
    // depends-on in reconciliation order, like the diagram: dependency first.
    const [a, b] = e.type === 'depends-on' ? [to, from] : [from, to];
    const text = [e.type === 'depends-on' ? 'before' : e.type, e.label].filter(Boolean).join(' ');
    lines.push(`  ${a} ${ARROWS[e.type]}|"${mermaidText(text)}"| ${b}`);
  });
  // linkStyle indexes count edges in order of appearance.
  let edgeIndex = 0;
  graph.edges.forEach((e) => {
    if (!ids.get(e.from) || !ids.get(e.to)) return;
    if (e.cycle || e.type === 'blocked') lines.push(`  linkStyle ${edgeIndex} stroke:#d1242f,stroke-width:2px`);
    edgeIndex++;
  });
  return `${lines.join('\n')}\n`;
}
