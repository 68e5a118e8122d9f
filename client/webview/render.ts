// Laid-out graph → SVG text. Shared by the webview (inserted into its page) and
// `blueprint graph --format svg` (a standalone file with the stylesheet
// embedded). Imports nothing browser-only. Every string that comes from a
// manifest goes through `esc`, in text and in attributes alike, so a resource
// named `<img src=x onerror=alert(1)>` is drawn as those characters.
import type { Severity } from '../../server/src/core/types';
import type { TopologyEdge, TopologyNode } from '../../server/src/core/topology/types';
import type { LaidOutGraph, LaidOutNode, Point } from './layout';
import { TOPOLOGY_CSS } from './style';

export function esc(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const ARROW_CLASSES = ['routes-to', 'selects', 'allowed-by-policy', 'blocked', 'depends-on', 'mounts', 'uses-secret', 'connects-to', 'references', 'cycle'];
const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info', 'hint'];

export interface RenderOptions {
  /** Embed the stylesheet (and extra CSS, e.g. resolved theme colors) for a file opened outside VS Code. */
  standalone?: boolean;
  extraCss?: string;
  /** Node id drawn selected. */
  selected?: string;
  /** Group the drawing in `<g id="bp-viewport">` (the webview pans and zooms it). */
  viewport?: boolean;
}

const n2 = (v: number) => (Math.round(v * 10) / 10).toString();

function pathOf(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n2(p.x)} ${n2(p.y)}`).join(' ');
}

export function edgeTitle(e: TopologyEdge, nodes: ReadonlyMap<string, TopologyNode>): string {
  const name = (id: string) => {
    const n = nodes.get(id);
    return n ? `${n.kind} ${n.name}` : id;
  };
  const tls = e.tls === true ? ' (TLS)' : e.tls === false ? ' (not encrypted)' : '';
  const port = e.port !== undefined ? ` port ${e.port}` : '';
  return `${name(e.from)} ${e.type} ${name(e.to)}${port}${tls}${e.cycle ? ' — part of a dependency cycle' : ''}${e.note ? ` — ${e.note}` : ''}`;
}

export function nodeTitle(n: TopologyNode, fileLabel?: string): string {
  const lines = [`${n.kind} ${n.namespace ? `${n.namespace}/` : ''}${n.name}`];
  if (n.detail) lines.push(n.detail);
  if (n.missing) lines.push('Referenced, but not defined in the workspace.');
  if (n.file) lines.push(`${fileLabel ?? n.file}${n.line ? `:${n.line}` : ''}`);
  for (const m of n.messages ?? []) lines.push(`${m.severity}: ${m.message} (${m.ruleId})`);
  return lines.join('\n');
}

function renderNode(l: LaidOutNode, selected: boolean): string {
  const n = l.node;
  const classes = ['bp-node', `bp-cat-${n.category}`];
  if (n.missing) classes.push('bp-missing');
  if (n.worst) classes.push(`bp-worst-${n.worst}`);
  if (selected) classes.push('bp-selected');
  const parts: string[] = [];
  parts.push(`<rect class="bp-box" width="${l.width}" height="${l.height}" rx="6" ry="6"/>`);
  parts.push(`<rect class="bp-stripe" x="0" y="6" width="4" height="${l.height - 12}" rx="2"/>`);
  parts.push(`<text class="bp-kind" x="12" y="16">${esc(l.kindText)}</text>`);
  parts.push(`<text class="bp-name" x="12" y="33">${esc(l.nameText)}</text>`);
  if (l.detailText) parts.push(`<text class="bp-detail" x="12" y="49">${esc(l.detailText)}</text>`);
  // One badge per severity present, right-aligned: the count, colored by severity.
  let bx = l.width - 12;
  for (const sev of SEVERITY_ORDER) {
    const count = n.findings[sev];
    if (!count) continue;
    const label = count > 99 ? '99+' : String(count);
    const r = label.length > 1 ? 10 : 8;
    parts.push(`<g class="bp-badge bp-sev-${sev}" transform="translate(${n2(bx - r + 8)},${l.height / 2 - 4})"><circle r="${r}"/><text text-anchor="middle" y="3.5">${esc(label)}</text></g>`);
    bx -= 2 * r + 2;
    if (sev === 'warning' || bx < l.width / 2) break; // at most two badges
  }
  parts.push(`<title>${esc(nodeTitle(n))}</title>`);
  return `<g class="${esc(classes.join(' '))}" data-id="${esc(n.id)}" transform="translate(${n2(l.x)},${n2(l.y)})" tabindex="0" role="button" aria-label="${esc(`${n.kind} ${n.name}`)}">${parts.join('')}</g>`;
}

/** The SVG of a laid-out graph. */
export function renderSvg(g: LaidOutGraph, options: RenderOptions = {}): string {
  const width = Math.max(g.width, 200);
  const height = Math.max(g.height, 80);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="bp-topology" data-view="${esc(g.view)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
  if (options.standalone) out.push(`<style>${TOPOLOGY_CSS}${options.extraCss ?? ''}</style>`);
  out.push('<defs>');
  for (const c of ARROW_CLASSES) {
    out.push(`<marker id="bp-arrow-${c}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="bp-arrow bp-arrow-${c}" d="M0 0 L10 5 L0 10 z"/></marker>`);
  }
  out.push('</defs>');
  if (options.standalone) out.push(`<rect class="bp-bg" width="${width}" height="${height}"/>`);
  if (options.viewport) out.push('<g id="bp-viewport">');
  if (g.empty) out.push(`<text class="bp-empty" x="20" y="40">${esc(g.empty)}</text>`);
  for (const grp of g.groups) {
    out.push(`<g class="bp-group" data-ns="${esc(grp.id)}"><rect x="${n2(grp.x)}" y="${n2(grp.y)}" width="${n2(grp.width)}" height="${n2(grp.height)}" rx="8" ry="8"/><text x="${n2(grp.x + 10)}" y="${n2(grp.y + 18)}">${esc(`${g.view === 'infrastructure' ? 'folder' : 'namespace'} ${grp.label}`)}</text></g>`);
  }
  const byId = new Map(g.nodes.map((l) => [l.node.id, l.node]));
  for (const le of g.edges) {
    const e = le.edge;
    const classes = ['bp-edge', `bp-edge-${e.type}`];
    if (e.tls === true) classes.push('bp-tls');
    if (e.tls === false) classes.push('bp-plain');
    if (e.cycle) classes.push('bp-cycle');
    // The type picks a predefined marker; anything else (a graph from elsewhere) gets the plain one.
    const arrow = e.cycle ? 'cycle' : ARROW_CLASSES.includes(e.type) ? e.type : 'references';
    const label = le.label
      ? `<rect class="bp-label-bg" x="${n2(le.label.x - 1)}" y="${n2(le.label.y)}" width="${n2(le.label.width + 2)}" height="${n2(le.label.height)}" rx="3"/><text x="${n2(le.label.x + 3)}" y="${n2(le.label.y + 10.5)}">${esc(le.label.text)}</text>`
      : '';
    out.push(
      `<g class="${esc(classes.join(' '))}" data-index="${le.index}" data-from="${esc(e.from)}" data-to="${esc(e.to)}"><path d="${pathOf(le.points)}" marker-end="url(#bp-arrow-${arrow})"/>${label}<title>${esc(edgeTitle(e, byId))}</title></g>`,
    );
  }
  for (const l of g.nodes) out.push(renderNode(l, l.node.id === options.selected));
  if (options.viewport) out.push('</g>');
  out.push('</svg>');
  return out.join('\n');
}
