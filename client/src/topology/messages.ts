// The messages between the extension (client/src/topology/panel.ts) and the
// topology webview (client/webview/main.ts), both ways. Plain types only: both
// bundles import this file.
import type { TopologyGraph, TopologyView } from '../../../server/src/core/topology/types';

export type { TopologyGraph, TopologyView };

/** What the webview keeps across redraws and reloads (vscode.setState, and the serializer's state). */
export interface TopologyWebviewState {
  view: TopologyView;
  /** Namespaces the user hid, per view. */
  hidden: Partial<Record<TopologyView, string[]>>;
  /** Node id of the selection. */
  selected?: string;
  /** Pan and zoom per view. */
  transforms: Partial<Record<TopologyView, { x: number; y: number; k: number }>>;
}

/** Extension → webview. */
export type ToWebview =
  | { type: 'graph'; graph: TopologyGraph; /** Workspace-relative file names by file key, for the hover. */ files: Record<string, string> }
  | { type: 'error'; message: string }
  | { type: 'loading'; view: TopologyView };

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready'; state: TopologyWebviewState }
  | { type: 'setView'; view: TopologyView }
  | { type: 'reveal'; file: string; line?: number; span?: { start: number; end: number } }
  | { type: 'exportSvg'; svg: string; view: TopologyView };
