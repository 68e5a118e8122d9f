// The topology preview panel: one webview beside the editor, restored after a
// reload (WebviewPanelSerializer), scripts only from dist/webview with a nonce.
// It asks the server for the graph of the view the webview shows
// (`blueprint/topology`), redraws when the server says a lint pass finished
// (debounced), reveals a node's source on click (only files of the workspace)
// and saves exported SVG where the user chooses.
import * as vscode from 'vscode';
import { NotificationType0, RequestType } from 'vscode-languageclient/node';
import { TOPOLOGY_CHANGED_NOTIFICATION, TOPOLOGY_REQUEST, TopologyParams, TopologyResponse } from '../../../server/src/protocol';
import type { BlueprintServer } from '../server';
import { makeNonce, panelHtml } from './html';
import { validateReveal } from './reveal';
import type { FromWebview, ToWebview, TopologyView, TopologyWebviewState } from './messages';

export const TOPOLOGY_VIEW_TYPE = 'blueprint.topology';
const topologyRequest = new RequestType<TopologyParams, TopologyResponse, void>(TOPOLOGY_REQUEST);
const topologyChanged = new NotificationType0(TOPOLOGY_CHANGED_NOTIFICATION);
const VIEWS: readonly TopologyView[] = ['network', 'gitops', 'infrastructure'];
/** Redraw at most this often while the user types (the server already debounces its lint). */
const REFRESH_DEBOUNCE_MS = 120;

export class TopologyPreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private view: TopologyView = 'network';
  /** A document of the project shown (the editor the preview was opened from). */
  private anchor: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticket = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private subscribed: vscode.Disposable | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: BlueprintServer,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(TOPOLOGY_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => this.attach(panel, normalizeState(state)),
      }),
    );
  }

  /** "Blueprint: Open Topology Preview": show the panel beside the editor (or bring it forward). */
  open(): void {
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.uri.scheme !== 'output') this.anchor = editor.document.uri.toString();
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      this.scheduleRefresh(0);
      return;
    }
    const panel = vscode.window.createWebviewPanel(TOPOLOGY_VIEW_TYPE, 'Blueprint Topology', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.webviewOptions());
    this.attach(panel, undefined);
  }

  /** The server (re)started: listen to its lint passes. */
  serverRunning(): void {
    this.subscribed?.dispose();
    const client = this.server.runningClient;
    this.subscribed = client?.onNotification(topologyChanged, () => this.scheduleRefresh(REFRESH_DEBOUNCE_MS));
    this.scheduleRefresh(0);
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      enableFindWidget: false,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview')],
    };
  }

  private attach(panel: vscode.WebviewPanel, state: TopologyWebviewState | undefined): void {
    this.panel = panel;
    if (state) this.view = state.view;
    panel.webview.options = this.webviewOptions();
    const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview', 'topology.js'));
    panel.webview.html = panelHtml({ cspSource: panel.webview.cspSource, nonce: makeNonce(), scriptUri: script.toString(), state, title: 'Blueprint Topology' });
    const subs: vscode.Disposable[] = [];
    subs.push(panel.webview.onDidReceiveMessage((m: FromWebview) => void this.onMessage(m)));
    subs.push(panel.onDidChangeViewState((e) => e.webviewPanel.visible && this.scheduleRefresh(0)));
    subs.push(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        // Follow the project of the file being edited (one folder of a multi-root workspace).
        if (e && ['yaml', 'terraform'].includes(e.document.languageId) && e.document.uri.toString() !== this.anchor) {
          this.anchor = e.document.uri.toString();
          this.scheduleRefresh(REFRESH_DEBOUNCE_MS);
        }
      }),
    );
    panel.onDidDispose(() => {
      for (const d of subs) d.dispose();
      if (this.panel === panel) this.panel = undefined;
    });
  }

  private post(message: ToWebview): void {
    void this.panel?.webview.postMessage(message);
  }

  private async onMessage(m: FromWebview): Promise<void> {
    if (!m || typeof m !== 'object') return;
    switch (m.type) {
      case 'ready':
        if (VIEWS.includes(m.state?.view)) this.view = m.state.view;
        this.scheduleRefresh(0);
        return;
      case 'setView':
        if (!VIEWS.includes(m.view)) return;
        this.view = m.view;
        this.scheduleRefresh(0);
        return;
      case 'reveal':
        await this.reveal(m.file, m.span);
        return;
      case 'exportSvg':
        await this.exportSvg(m.svg, m.view);
        return;
    }
  }

  private scheduleRefresh(delay: number): void {
    if (!this.panel) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private async refresh(): Promise<void> {
    this.timer = undefined;
    if (!this.panel?.visible) return;
    const client = this.server.runningClient;
    if (!client) {
      this.post({ type: 'error', message: 'The Blueprint language server is not running.' });
      return;
    }
    const ticket = ++this.ticket;
    const view = this.view;
    try {
      const graph = await client.sendRequest(topologyRequest, { view, ...(this.anchor ? { uri: this.anchor } : {}) });
      if (ticket !== this.ticket) return; // a newer request is on its way
      const files: Record<string, string> = {};
      for (const n of graph.nodes) if (n.file && !files[n.file]) files[n.file] = labelOf(n.file);
      this.post({ type: 'graph', graph, files });
    } catch (e) {
      if (ticket === this.ticket) this.post({ type: 'error', message: `Blueprint could not draw the topology: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  /** Open a node's file at its span, if it is a file of the workspace (the webview's message is not trusted). */
  private async reveal(file: unknown, span: unknown): Promise<void> {
    // Only a file under a workspace folder (no `..`, no encoded tricks) or an open document: see reveal.ts.
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
    if (typeof file !== 'string' || !validateReveal({ type: 'reveal', file, span }, folders, vscode.workspace.textDocuments.map((d) => d.uri.toString()))) return;
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(file, true);
    } catch {
      return;
    }
    const inWorkspace = (uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(uri) !== undefined) || vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    if (!inWorkspace) return;
    const doc = await vscode.workspace.openTextDocument(uri);
    const s = span as { start?: unknown; end?: unknown } | undefined;
    const start = typeof s?.start === 'number' ? doc.positionAt(s.start) : new vscode.Position(0, 0);
    const end = typeof s?.end === 'number' ? doc.positionAt(s.end) : start;
    const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.viewColumn ?? vscode.ViewColumn.One;
    await vscode.window.showTextDocument(doc, { viewColumn: column, selection: new vscode.Range(start, end), preserveFocus: false });
  }

  private async exportSvg(svg: unknown, view: unknown): Promise<void> {
    if (typeof svg !== 'string' || !svg.startsWith('<svg')) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `topology-${VIEWS.includes(view as TopologyView) ? view : 'view'}.svg`;
    const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: { SVG: ['svg'] } });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
    void vscode.window.showInformationMessage(`Saved the topology diagram to ${vscode.workspace.asRelativePath(target)}.`);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscribed?.dispose();
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function labelOf(file: string): string {
  try {
    return vscode.workspace.asRelativePath(vscode.Uri.parse(file, true));
  } catch {
    return file;
  }
}

/** The serializer's state, checked (it comes from the webview). */
function normalizeState(state: unknown): TopologyWebviewState | undefined {
  if (!state || typeof state !== 'object') return undefined;
  const s = state as Partial<TopologyWebviewState>;
  return {
    view: VIEWS.includes(s.view as TopologyView) ? (s.view as TopologyView) : 'network',
    hidden: s.hidden && typeof s.hidden === 'object' && !Array.isArray(s.hidden) ? s.hidden : {},
    transforms: s.transforms && typeof s.transforms === 'object' ? s.transforms : {},
    ...(typeof s.selected === 'string' ? { selected: s.selected } : {}),
  };
}
