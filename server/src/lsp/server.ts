// The language server: capabilities, and every LSP handler wired to the session
// (state and linting) or to a feature module (code actions, hover, symbols).
// Each handler is guarded: an exception is logged and answered with an empty
// result, so one bad file or rule never takes the server down.
import {
  ClientCapabilities,
  CodeAction,
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  Hover,
  InitializeResult,
  MarkupContent,
  MarkupKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, LINT_WORKSPACE_REQUEST } from '../protocol';
import { codeActions, isFixAllData, wholeTextEdit } from './code-actions';
import { hover } from './hover';
import { completions, definitions, describe } from './navigation';
import { LintSession } from './session';
import { documentSymbols } from './symbols';
import { notifyTopologyChanges, registerTopology } from './topology';

export interface ServerOptions {
  /** The extension's root folder (holds docs/rules/ for the diagnostics' links). */
  extensionRoot: string;
}

/** Start the server on the connection the command line asks for (--stdio, --node-ipc, --socket). */
export function startServer(options: ServerOptions): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  let session: LintSession | undefined;
  let capabilities: ClientCapabilities = {};

  const logError = (what: string, e: unknown) =>
    connection.console.error(`Blueprint: error while ${what}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);

  function guard<P, R>(what: string, fallback: R, handler: (params: P, session: LintSession) => R | Promise<R>): (params: P) => Promise<R> {
    return async (params: P) => {
      if (!session) return fallback;
      try {
        return await handler(params, session);
      } catch (e) {
        logError(what, e);
        return fallback;
      }
    };
  }

  process.on('uncaughtException', (e) => logError('running (uncaught exception)', e));
  process.on('unhandledRejection', (e) => logError('running (unhandled rejection)', e));

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    session = new LintSession(connection, documents, {
      extensionRoot: options.extensionRoot,
      configurationSupport: !!capabilities.workspace?.configuration,
      progressSupport: !!capabilities.window?.workDoneProgress,
      // The client says so in an untrusted workspace; any other client is trusted.
      trusted: (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted !== false,
    });
    notifyTopologyChanges(connection, session);
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings !== undefined) session.setPushedSettings(init.settings);
    const folders: WorkspaceFolder[] =
      params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: params.rootUri.split('/').pop() ?? params.rootUri }] : []);
    session.setFolders(folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '/', '"', "'"] },
        documentSymbolProvider: { label: 'Blueprint' },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'Blueprint' },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/.blueprint.{yaml,yml}' }, { globPattern: '**/*.{yaml,yml,tf}' }],
        })
        .catch((e) => logError('registering file watchers', e));
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guard('changing workspace folders', undefined, async (event, s) => {
          const removed = new Set(event.removed.map((f) => f.uri));
          s.setFolders([...s.folderList().filter((f) => !removed.has(f.uri)), ...event.added]);
          await s.refresh();
        }),
      );
    }
    void session?.refresh();
  });

  connection.onDidChangeConfiguration(
    guard('applying settings', undefined, async (params, s) => {
      if (!capabilities.workspace?.configuration) {
        const settings = (params.settings as { blueprint?: unknown } | undefined)?.blueprint;
        if (settings !== undefined) s.setPushedSettings(settings);
      }
      await s.refresh();
    }),
  );

  connection.onDidChangeWatchedFiles(guard('reading changed files', undefined, (params, s) => s.watchedFilesChanged(params.changes)));

  documents.onDidOpen(guard('opening a document', undefined, (e, s) => s.documentOpened(e.document)));
  documents.onDidChangeContent(guard('editing a document', undefined, (e, s) => s.documentChanged(e.document)));
  documents.onDidClose(guard('closing a document', undefined, (e, s) => s.documentClosed(e.document)));

  const documentChanges = () => !!capabilities.workspace?.workspaceEdit?.documentChanges;

  connection.onCodeAction(
    guard('computing code actions', [] as CodeAction[], async (params, s) => {
      const current = await s.current(params.textDocument.uri);
      if (!current) return [];
      const ca = capabilities.textDocument?.codeAction;
      return codeActions(params.textDocument.uri, current.result, current.facts, params, {
        documentChanges: documentChanges(),
        createFiles: !!capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create'),
        resolveEdits: !!ca?.dataSupport && !!ca.resolveSupport?.properties.includes('edit'),
        fixAllText: () => s.fixAllText(current.result),
      });
    }),
  );

  connection.onCodeActionResolve(async (action) => {
    if (!session || !isFixAllData(action.data)) return action;
    try {
      const current = await session.current(action.data.uri);
      const fixed = current && session.fixAllText(current.result);
      if (current && fixed !== undefined) {
        action.edit = wholeTextEdit(action.data.uri, current.result.version ?? null, current.result.text, fixed, current.result.lines, documentChanges());
      }
    } catch (e) {
      logError('resolving a code action', e);
    }
    return action;
  });

  connection.onHover(
    guard('computing a hover', null, async (params, s) => {
      const current = await s.current(params.textDocument.uri);
      if (!current) return null;
      // Rule docs of findings under the cursor first, then what the cursor points at.
      const parts = [hover(current.result, params.position, options.extensionRoot), describe(current.result, params.position)].filter((h): h is Hover => !!h);
      if (parts.length <= 1) return parts[0] ?? null;
      const text = parts.map((h) => (MarkupContent.is(h.contents) ? h.contents.value : '')).join('\n\n---\n\n');
      return { contents: { kind: MarkupKind.Markdown, value: text }, range: parts[0].range };
    }),
  );

  connection.onDefinition(
    guard('finding definitions', [], async (params, s) => {
      const current = await s.current(params.textDocument.uri);
      return current ? definitions(current.result, params.position) : [];
    }),
  );

  connection.onCompletion(
    guard('computing completions', [], async (params, s) => {
      const current = await s.current(params.textDocument.uri);
      return current ? completions(current.result, params.position) : [];
    }),
  );

  connection.onDocumentSymbol(
    guard('computing document symbols', [], async (params, s) => {
      const current = await s.current(params.textDocument.uri);
      return current ? documentSymbols(current.facts, current.result.lines) : [];
    }),
  );

  connection.onRequest(
    LINT_WORKSPACE_REQUEST,
    guard('linting the workspace', { files: 0, errors: 0, warnings: 0, infos: 0 }, (_params: unknown, s) => s.refresh()),
  );

  registerTopology(connection, () => session, logError);

  connection.onShutdown(() => session?.dispose());

  documents.listen(connection);
  connection.listen();
}
