// The topology webview (bundled to dist/webview/topology.js for the browser).
// Receives graphs from the extension (messages.ts), lays them out with elkjs
// right here (never on the extension host), draws them with render.ts, and
// handles pan/zoom, the namespace filter, the view switcher, hover, selection,
// reveal-on-click and SVG export. Every manifest string reaches the page either
// escaped inside SVG markup (render.ts) or as textContent.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { FromWebview, ToWebview, TopologyGraph, TopologyView, TopologyWebviewState } from '../src/topology/messages';
import { defaultDirection, filterGraph, LaidOutGraph, LaidOutNode, layoutGraph } from './layout';
import { edgeTitle, nodeTitle, renderSvg } from './render';
import { THEME_VARIABLES, TOPOLOGY_CSS } from './style';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): TopologyWebviewState | undefined;
  setState(state: TopologyWebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const VIEWS: { view: TopologyView; label: string }[] = [
  { view: 'network', label: 'Network' },
  { view: 'gitops', label: 'GitOps' },
  { view: 'infrastructure', label: 'Infrastructure' },
];

const vscode = acquireVsCodeApi();
const elk = new ELK();
const initial = (document.body.dataset.state ? safeParse(document.body.dataset.state) : undefined) as Partial<TopologyWebviewState> | undefined;
let state: TopologyWebviewState = { view: 'network', hidden: {}, transforms: {}, ...(vscode.getState() ?? initial ?? {}) };
if (Array.isArray(state.hidden) || typeof state.hidden !== 'object' || !state.hidden) state.hidden = {};
const hiddenNow = (): string[] => state.hidden[state.view] ?? [];
let graph: TopologyGraph | undefined;
let files: Record<string, string> = {};
let laid: LaidOutGraph | undefined;
let drawing = 0;
/** Node ids last drawn per view (a redraw of the same diagram keeps zoom and pan). */
const lastIds = new Map<TopologyView, Set<string>>();

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// ---- page --------------------------------------------------------------------------------

const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';
const style = el('style');
if (nonce) style.nonce = nonce;
style.textContent = `${TOPOLOGY_CSS}
html, body { margin: 0; padding: 0; height: 100%; overflow: hidden; }
body { display: flex; flex-direction: column; background: var(--vscode-editor-background, #fff); color: var(--vscode-editor-foreground, #1f2328); font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: 13px; }
#bp-toolbar { flex: none; display: flex; gap: 6px; align-items: center; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border, #d0d7de); flex-wrap: wrap; }
#bp-toolbar button, #bp-toolbar summary { background: var(--vscode-button-secondaryBackground, #eaeef2); color: var(--vscode-button-secondaryForeground, #1f2328); border: 1px solid transparent; border-radius: 2px; padding: 3px 9px; cursor: pointer; font: inherit; }
#bp-toolbar button.bp-active { background: var(--vscode-button-background, #0969da); color: var(--vscode-button-foreground, #fff); }
#bp-toolbar button:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0969da); }
#bp-toolbar .bp-sep { flex: 1; }
#bp-ns { position: relative; }
#bp-ns[open] .bp-ns-list { position: absolute; z-index: 10; top: 26px; left: 0; background: var(--vscode-editorWidget-background, #fff); border: 1px solid var(--vscode-panel-border, #d0d7de); padding: 6px 10px; max-height: 60vh; overflow: auto; min-width: 180px; }
#bp-ns label { display: block; white-space: nowrap; padding: 2px 0; }
#bp-status { color: var(--vscode-descriptionForeground, #57606a); }
#bp-canvas { position: relative; flex: 1; min-height: 0; overflow: hidden; cursor: grab; }
#bp-canvas.bp-panning { cursor: grabbing; }
#bp-canvas svg { display: block; }
#bp-tooltip { position: fixed; z-index: 20; pointer-events: none; max-width: 420px; white-space: pre-wrap; background: var(--vscode-editorHoverWidget-background, #fff); color: var(--vscode-editorHoverWidget-foreground, #1f2328); border: 1px solid var(--vscode-editorHoverWidget-border, #d0d7de); padding: 6px 8px; font-size: 12px; display: none; }
#bp-empty { padding: 24px; color: var(--vscode-descriptionForeground, #57606a); }
`;
document.head.appendChild(style);

const toolbar = el('div', { id: 'bp-toolbar', role: 'toolbar' });
const viewButtons = new Map<TopologyView, HTMLButtonElement>();
for (const v of VIEWS) {
  const b = el('button', { type: 'button', 'data-view': v.view }, v.label);
  b.addEventListener('click', () => setView(v.view));
  viewButtons.set(v.view, b);
  toolbar.appendChild(b);
}
const nsMenu = el('details', { id: 'bp-ns' });
nsMenu.appendChild(el('summary', {}, 'Namespaces'));
const nsList = el('div', { class: 'bp-ns-list' });
nsMenu.appendChild(nsList);
toolbar.appendChild(nsMenu);
toolbar.appendChild(el('span', { class: 'bp-sep' }));
const status = el('span', { id: 'bp-status' });
toolbar.appendChild(status);
const zoomOut = el('button', { type: 'button', title: 'Zoom out' }, '−');
const zoomIn = el('button', { type: 'button', title: 'Zoom in' }, '+');
const fitButton = el('button', { type: 'button', title: 'Fit to window' }, 'Fit');
const exportButton = el('button', { type: 'button', title: 'Save the diagram as an SVG file' }, 'Export SVG');
toolbar.append(zoomOut, zoomIn, fitButton, exportButton);
const canvas = el('div', { id: 'bp-canvas' });
const tooltip = el('div', { id: 'bp-tooltip', role: 'tooltip' });
document.body.append(toolbar, canvas, tooltip);

// ---- state -------------------------------------------------------------------------------

function save(): void {
  vscode.setState(state);
}

function setView(view: TopologyView): void {
  if (view === state.view && graph?.view === view) return;
  state = { ...state, view, selected: undefined };
  save();
  updateToolbar();
  status.textContent = 'Loading…';
  vscode.postMessage({ type: 'setView', view });
}

function updateToolbar(): void {
  for (const [v, b] of viewButtons) {
    b.classList.toggle('bp-active', v === state.view);
    b.setAttribute('aria-pressed', String(v === state.view));
  }
  nsList.replaceChildren();
  const namespaces = graph?.namespaces ?? [];
  nsMenu.style.display = namespaces.length ? '' : 'none';
  for (const ns of namespaces) {
    const label = el('label');
    const box = el('input', { type: 'checkbox' });
    box.checked = !hiddenNow().includes(ns);
    box.addEventListener('change', () => {
      const hidden = box.checked ? hiddenNow().filter((h) => h !== ns) : [...hiddenNow(), ns];
      state = { ...state, hidden: { ...state.hidden, [state.view]: hidden } };
      save();
      void draw();
    });
    label.append(box, document.createTextNode(` ${ns}`));
    nsList.appendChild(label);
  }
  const hidden = hiddenNow().filter((h) => namespaces.includes(h)).length;
  (nsMenu.firstChild as HTMLElement).textContent = hidden ? `Namespaces (${hidden} hidden)` : 'Namespaces';
}

// ---- drawing -----------------------------------------------------------------------------

let transform = { x: 0, y: 0, k: 1 };

function applyTransform(): void {
  const vp = canvas.querySelector('#bp-viewport');
  vp?.setAttribute('transform', `translate(${transform.x.toFixed(1)},${transform.y.toFixed(1)}) scale(${transform.k.toFixed(4)})`);
  state.transforms[state.view] = { ...transform };
}

/** Below this scale node names are too small to read: a first view starts here and the user pans (Fit shows everything). */
const READABLE_SCALE = 0.7;

/** Show the whole diagram (the Fit button), or with `readable` not smaller than READABLE_SCALE, from its start (a first drawing). */
function fit(readable = false): void {
  if (!laid) return;
  if (laid.empty) {
    transform = { k: 1, x: 8, y: 8 };
    applyTransform();
    return;
  }
  const w = canvas.clientWidth || 800;
  const h = canvas.clientHeight || 600;
  const whole = Math.min(w / (laid.width + 20), h / (laid.height + 20));
  const k = Math.min(readable ? 1 : 1.5, Math.max(readable ? READABLE_SCALE : 0.1, whole));
  transform = { k, x: Math.max(0, (w - laid.width * k) / 2), y: Math.max(0, (h - laid.height * k) / 2) };
  applyTransform();
  save();
}

/** The flow's direction for the canvas: a panel beside the editor is taller than wide, so the request flow runs down. */
function directionFor(view: TopologyView): 'RIGHT' | 'DOWN' {
  if (view === 'gitops') return defaultDirection(view);
  return canvas.clientWidth < canvas.clientHeight * 1.2 ? 'DOWN' : 'RIGHT';
}

async function draw(): Promise<void> {
  if (!graph) return;
  const ticket = ++drawing;
  const shown = filterGraph(graph, new Set(hiddenNow()));
  const result = await layoutGraph(shown, elk, { direction: directionFor(shown.view) });
  if (ticket !== drawing) return; // a newer graph arrived meanwhile
  const previous = laid?.view === result.view && !laid.empty ? laid : undefined;
  laid = result;
  const svg = renderSvg(result, { viewport: true, selected: state.selected });
  // The svg fills the canvas; the viewport group inside it pans and zooms.
  canvas.innerHTML = svg.replace(/<svg ([^>]*?) width="[^"]*" height="[^"]*" viewBox="[^"]*"/, '<svg $1 width="100%" height="100%"');
  // Keep the user's zoom across redraws of the same diagram; a different diagram (another folder, a first graph) is fitted.
  const known = state.transforms[state.view];
  const ids = new Set(result.nodes.map((n) => n.node.id));
  const sameDiagram = [...(lastIds.get(state.view) ?? [])].some((id) => ids.has(id)) || (!lastIds.has(state.view) && ids.size > 0);
  lastIds.set(state.view, ids);
  if (known && sameDiagram) {
    // The same zoom, and the node the user looks at stays where it was while the layout around it changes.
    transform = { ...known, ...anchored(previous, result, known) };
    applyTransform();
    save(); // a reload restores this very picture
  } else fit(true);
  if (state.selected && !graph.nodes.some((n) => n.id === state.selected)) state.selected = undefined;
  highlight();
  const counts = `${shown.nodes.length} nodes, ${shown.edges.length} edges`;
  status.textContent = graph.nodes.length === 0 ? '' : shown.nodes.length < graph.nodes.length ? `${counts} (${graph.nodes.length - shown.nodes.length} hidden)` : counts;
  document.body.dataset.drawn = String(ticket);
}

/**
 * The translation that keeps one node at its place on screen across a new layout:
 * the selected node, else the node nearest the canvas centre (undefined: keep `t`).
 */
function anchored(before: LaidOutGraph | undefined, after: LaidOutGraph, t: { x: number; y: number; k: number }): { x: number; y: number } | undefined {
  if (!before) return undefined;
  const now = new Map(after.nodes.map((n) => [n.node.id, n]));
  const centre = (n: LaidOutNode) => ({ x: t.x + (n.x + n.width / 2) * t.k, y: t.y + (n.y + n.height / 2) * t.k });
  const cx = canvas.clientWidth / 2;
  const cy = canvas.clientHeight / 2;
  const distance = (n: LaidOutNode) => Math.hypot(centre(n).x - cx, centre(n).y - cy);
  const kept = before.nodes.filter((n) => now.has(n.node.id));
  const pick = kept.find((n) => n.node.id === state.selected) ?? kept.sort((a, b) => distance(a) - distance(b))[0];
  if (!pick) return undefined;
  const screen = centre(pick);
  const target = now.get(pick.node.id)!;
  return { x: screen.x - (target.x + target.width / 2) * t.k, y: screen.y - (target.y + target.height / 2) * t.k };
}

/** Selection: the selected node and its neighbours stay bright, the rest is dimmed. */
function highlight(): void {
  const sel = state.selected;
  const near = new Set<string>();
  if (sel && graph) {
    near.add(sel);
    for (const e of graph.edges) {
      if (e.from === sel) near.add(e.to);
      if (e.to === sel) near.add(e.from);
    }
  }
  canvas.querySelectorAll<SVGGElement>('.bp-node').forEach((n) => {
    const id = n.getAttribute('data-id') ?? '';
    n.classList.toggle('bp-selected', id === sel);
    n.classList.toggle('bp-dim', !!sel && !near.has(id));
  });
  canvas.querySelectorAll<SVGGElement>('.bp-edge').forEach((e) => {
    e.classList.toggle('bp-dim', !!sel && e.getAttribute('data-from') !== sel && e.getAttribute('data-to') !== sel);
  });
}

// ---- interaction -------------------------------------------------------------------------

function nodeOf(target: EventTarget | null): SVGGElement | undefined {
  return (target as Element | null)?.closest?.('.bp-node') as SVGGElement | undefined;
}

canvas.addEventListener('click', (ev) => {
  const g = nodeOf(ev.target);
  if (!g) {
    if (!moved && state.selected) {
      state.selected = undefined;
      highlight();
      save();
    }
    return;
  }
  const id = g.getAttribute('data-id') ?? '';
  state.selected = id;
  highlight();
  save();
  const node = graph?.nodes.find((n) => n.id === id);
  if (node?.file) vscode.postMessage({ type: 'reveal', file: node.file, line: node.line, span: node.span });
});

canvas.addEventListener('keydown', (ev) => {
  if (ev.key !== 'Enter' && ev.key !== ' ') return;
  const g = nodeOf(ev.target);
  if (g) {
    ev.preventDefault();
    g.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  }
});

canvas.addEventListener('mousemove', (ev) => {
  const g = nodeOf(ev.target);
  const edgeEl = (ev.target as Element | null)?.closest?.('.bp-edge');
  let text: string | undefined;
  if (g && graph) {
    const node = graph.nodes.find((n) => n.id === g.getAttribute('data-id'));
    if (node) text = nodeTitle(node, node.file ? files[node.file] : undefined) + (node.worst ? '' : '\nNo findings.');
  } else if (edgeEl && graph) {
    const e = graph.edges[Number(edgeEl.getAttribute('data-index'))];
    if (e) text = edgeTitle(e, new Map(graph.nodes.map((n) => [n.id, n])));
  }
  if (!text) {
    tooltip.style.display = 'none';
    return;
  }
  tooltip.textContent = text; // text, never markup
  tooltip.style.display = 'block';
  tooltip.style.left = `${Math.min(ev.clientX + 14, window.innerWidth - 300)}px`;
  tooltip.style.top = `${ev.clientY + 14}px`;
});
canvas.addEventListener('mouseleave', () => (tooltip.style.display = 'none'));

// Native <title> tooltips would double the hover: drop them once drawn (the SVG export keeps them).
new MutationObserver(() => canvas.querySelectorAll('.bp-node > title, .bp-edge > title').forEach((t) => t.remove())).observe(canvas, { childList: true });

let panning: { x: number; y: number } | undefined;
let moved = false;
canvas.addEventListener('mousedown', (ev) => {
  if (ev.button !== 0) return;
  panning = { x: ev.clientX, y: ev.clientY };
  moved = false;
});
window.addEventListener('mousemove', (ev) => {
  if (!panning) return;
  const dx = ev.clientX - panning.x;
  const dy = ev.clientY - panning.y;
  if (!moved && Math.abs(dx) + Math.abs(dy) < 3) return;
  moved = true;
  canvas.classList.add('bp-panning');
  transform.x += dx;
  transform.y += dy;
  panning = { x: ev.clientX, y: ev.clientY };
  applyTransform();
});
window.addEventListener('mouseup', () => {
  if (panning && moved) save();
  panning = undefined;
  canvas.classList.remove('bp-panning');
  setTimeout(() => (moved = false), 0);
});

function zoomAt(factor: number, cx: number, cy: number): void {
  const k = Math.min(4, Math.max(0.05, transform.k * factor));
  transform.x = cx - ((cx - transform.x) * k) / transform.k;
  transform.y = cy - ((cy - transform.y) * k) / transform.k;
  transform.k = k;
  applyTransform();
  save();
}
canvas.addEventListener(
  'wheel',
  (ev) => {
    ev.preventDefault();
    const r = canvas.getBoundingClientRect();
    zoomAt(Math.exp(-ev.deltaY * 0.0015), ev.clientX - r.left, ev.clientY - r.top);
  },
  { passive: false },
);
zoomIn.addEventListener('click', () => zoomAt(1.25, canvas.clientWidth / 2, canvas.clientHeight / 2));
zoomOut.addEventListener('click', () => zoomAt(0.8, canvas.clientWidth / 2, canvas.clientHeight / 2));
fitButton.addEventListener('click', () => fit());

exportButton.addEventListener('click', () => {
  if (!laid) return;
  // The file gets the current theme's colors, so it looks like the panel outside VS Code too.
  const computed = getComputedStyle(document.documentElement);
  const vars = THEME_VARIABLES.map((v) => [v, computed.getPropertyValue(v).trim()] as const).filter(([, value]) => value && !/[<>{};]/.test(value));
  const extraCss = vars.length ? `.bp-topology { ${vars.map(([k, v]) => `${k}: ${v};`).join(' ')} }` : '';
  vscode.postMessage({ type: 'exportSvg', svg: renderSvg(laid, { standalone: true, extraCss }), view: state.view });
});

// ---- messages ----------------------------------------------------------------------------

window.addEventListener('message', (ev: MessageEvent<ToWebview>) => {
  const msg = ev.data;
  if (!msg || typeof msg !== 'object') return;
  switch (msg.type) {
    case 'graph':
      // A graph of another view than the one shown now is stale (the user switched meanwhile).
      if (msg.graph.view !== state.view) return;
      graph = msg.graph;
      files = msg.files ?? {};
      updateToolbar();
      void draw();
      break;
    case 'loading':
      status.textContent = 'Loading…';
      break;
    case 'error':
      status.textContent = msg.message;
      break;
  }
});

updateToolbar();
vscode.postMessage({ type: 'ready', state });
