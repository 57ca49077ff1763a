/**
 * The Issue Log language server, wired: a Session (lsp/session.ts) owns the state; each handler is an
 * adapter that takes a snapshot of it (the document's, empty when the index does not hold it) and
 * delegates to the core (core/features/*).
 */
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { IssueLogOptions, IssueLogSettings } from './core/config';
import { SEVERITIES } from './core/severity';
import type { FileParser, LoadSource, ParseResult } from './core/loading';
import { OpenIssuesAnswers } from './core/openIssues';
import type { WorkspaceHost } from './core/workspace';
import { CODE_ACTION_KINDS, provideCodeActions } from './core/features/codeActions';
import { provideCodeLenses, resolveCodeLens } from './core/features/codeLens';
import { IndexChangedError } from './core/features/context';
import { COMPLETION_TRIGGER_CHARACTERS, provideCompletion, resolveCompletion } from './core/features/completion';
import { provideDefinition } from './core/features/definition';
import { provideDocumentLinks } from './core/features/documentLinks';
import { DocumentSymbolsMemo } from './core/features/documentSymbols';
import { provideHover } from './core/features/hover';
import { logSummary } from './core/features/logSummary';
import { planNewIssue } from './core/features/newEntry';
import { provideReferences } from './core/features/references';
import { prepareRename, provideRename, RenameError } from './core/features/rename';
import { provideWorkspaceSymbols } from './core/features/workspaceSymbols';
import { FILE_OPERATION_FILTERS, provideFileRenameEdit } from './core/features/fileRename';
import type { OpenTextsEnvironment } from './lsp/backgroundReads';
import { CodeLensRefresh } from './lsp/codeLensRefresh';
import { Session } from './lsp/session';
import type { Snapshot } from './lsp/snapshot';
import { LogSummaryRequest, NewIssueRequest, OpenIssuesChangesRequest, OpenIssuesRequest } from './protocol';

/** What the server needs from the platform (Node: node/main.ts). */
export interface ServerEnvironment extends LoadSource {
  /** Existence checks for the core, with a cache that `invalidate` clears. */
  host: WorkspaceHost & { invalidate(): void };
  /**
   * A parser of closed files for one indexing run, with these options (Node: worker threads and the
   * warm cache of facts in `cacheDir`). Without one, closed files are read and parsed on this thread.
   */
  createParser?(options: IssueLogOptions, init: { cacheDir?: string }): ServerFileParser;
  /** The cache folder the server was started with (`--cache-dir`); else initializationOptions.cacheDir. */
  cacheDir?: string;
  /** How large open documents are read (Node: on a worker thread); without it, in slices on the server's thread. */
  openTexts?: OpenTextsEnvironment;
  /** How often the client hears how far indexing is (lsp/indexingProgress.ts; default ~200 ms). */
  progressNotifyMs?: number;
}

/** A closed file's facts, deferred (no issue log in it), or why it was not read: the pipeline's one type. */
export type ServerParseResult = ParseResult;
/** Parses closed files off the main thread (node/fileParser.ts). */
export type ServerFileParser = FileParser;

/**
 * A workspace-wide feature's answer; RequestCancelled when the client cancelled it meanwhile, and
 * ContentModified when the workspace changed while it paused (the client asks again).
 */
async function cancellable<T>(token: CancellationToken, work: Promise<T>): Promise<T | ResponseError<void>> {
  let result: T;
  try {
    result = await work;
  } catch (err) {
    if (err instanceof IndexChangedError) return new ResponseError(LSPErrorCodes.ContentModified, err.message);
    throw err;
  }
  return token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.') : result;
}

export function startServer(connection: Connection, env: ServerEnvironment): void {
  const session = new Session(connection, env);
  const caps = { watchedFileRegistration: false, configurationRegistration: false, documentChanges: false };
  let initialized = false;
  const documentSymbols = new DocumentSymbolsMemo();
  const openIssuesAnswers = new OpenIssuesAnswers();
  const lensRefresh = new CodeLensRefresh(() => connection.sendRequest(CodeLensRefreshRequest.type));
  session.onIndexComplete = (index) => lensRefresh.indexChanged(index);

  /** Runs a feature on a snapshot holding `uri`; `empty` when the index does not hold it. */
  const withDocument = <T, E>(uri: string, empty: E, run: (s: Snapshot) => T): T | E => {
    const snapshot = session.snapshotFor(uri);
    return snapshot ? run(snapshot) : empty;
  };
  const withIndex = <T>(run: (s: Snapshot) => T): T => run(session.snapshot());

  connection.onInitialize((params) => {
    const result = initialize(session, env, params);
    caps.watchedFileRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    caps.configurationRegistration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    lensRefresh.supported = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    caps.documentChanges = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    return result;
  });
  connection.onInitialized(() => {
    initialized = true;
    if (caps.watchedFileRegistration) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.md' }, { globPattern: '**/.issue-log.json' }, { globPattern: '**/.gitignore' }, { globPattern: '**/.git/info/exclude' }] });
    if (caps.configurationRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'issueLog' });
    try {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => f.uri.replace(/\/$/, '')));
        session.folders = [...session.folders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri.replace(/\/$/, ''))];
        void session.reindex('the workspace folders changed');
      });
    } catch {
      // The client does not send workspace folder changes.
    }
    session.startClock();
    if (session.cacheDir && env.createParser) connection.console.info(`Caching the facts of parsed files in ${session.cacheDir}.`);
    void session.reindex();
  });
  connection.onDidChangeConfiguration(() => {
    if (initialized) void session.onConfigurationChanged();
  });
  connection.onDidChangeWatchedFiles((params) => session.onWatchedFiles(params.changes));
  // No parse thread outlives the server (they are stopped at once; the answer waits for that at most 2 s).
  connection.onShutdown(() => Promise.race([session.shutdown(), new Promise<void>((resolve) => setTimeout(resolve, 2000).unref())]));
  connection.onExit(() => {
    lensRefresh.dispose();
    void session.shutdown();
  });

  const documents = session.documents.documents;
  documents.onDidOpen((e) => session.onDocumentChanged(e.document.uri));
  documents.onDidChangeContent((e) => session.onDocumentChanged(e.document.uri));
  documents.onDidClose((e) => session.onDocumentClosed(e.document.uri));

  connection.onCompletion((p) =>
    withDocument(p.textDocument.uri, null, (s) => {
      session.loadAnchorTarget(p.textDocument.uri, p.position);
      return provideCompletion(s, p.textDocument.uri, p.position, p.context);
    }),
  );
  connection.onCompletionResolve((item) => withIndex((s) => resolveCompletion(s, item)));
  connection.onHover((p) => withDocument(p.textDocument.uri, null, (s) => provideHover(s, p.textDocument.uri, p.position)));
  connection.onDefinition((p) =>
    withDocument(p.textDocument.uri, [], (s) => {
      const links = provideDefinition(s, p.textDocument.uri, p.position);
      // A client without LocationLink support gets plain locations.
      return s.definitionLinks ? links : links.map((l) => ({ uri: l.targetUri, range: l.targetSelectionRange }));
    }),
  );
  connection.onReferences((p, token) =>
    withDocument(p.textDocument.uri, null, (s) => cancellable(token, provideReferences(s, p.textDocument.uri, p.position, p.context.includeDeclaration, token))),
  );
  connection.onPrepareRename((p) => withDocument(p.textDocument.uri, null, (s) => prepareRename(s, p.textDocument.uri, p.position)));
  connection.onRenameRequest((p, token) => {
    // A heading's anchors may be linked from files not parsed yet (deferred): those naming this file are read first.
    session.loadForMoves([{ oldUri: p.textDocument.uri, newUri: p.textDocument.uri }]);
    return withDocument(p.textDocument.uri, null, (s) =>
      cancellable(token, provideRename(s, p.textDocument.uri, p.position, p.newName, token)).catch((err) => {
        if (err instanceof RenameError) return new ResponseError(LSPErrorCodes.RequestFailed, err.message);
        throw err;
      }),
    );
  });
  // Links follow moves: deferred files that may link to the moved paths are parsed first; open documents' edits carry their version.
  connection.workspace.onWillRenameFiles((p) => {
    session.loadForMoves(p.files);
    return provideFileRenameEdit(session.snapshot(), p.files, { documentChanges: caps.documentChanges, versionOf: (uri) => session.documents.get(uri)?.version ?? null });
  });
  connection.onDocumentSymbol((p) => withDocument(p.textDocument.uri, [], (s) => documentSymbols.provide(s, p.textDocument.uri)));
  connection.onWorkspaceSymbol((p, token) => withIndex((s) => cancellable(token, provideWorkspaceSymbols(s, p.query, token))));
  connection.onDocumentLinks((p) => withDocument(p.textDocument.uri, [], (s) => provideDocumentLinks(s, p.textDocument.uri)));
  connection.onCodeLens((p) => withDocument(p.textDocument.uri, [], (s) => provideCodeLenses(s, p.textDocument.uri)));
  connection.onCodeLensResolve((lens, token) => withIndex((s) => cancellable(token, resolveCodeLens(s, lens, token))));
  connection.onCodeAction((p) => withDocument(p.textDocument.uri, [], (s) => provideCodeActions(s, p.textDocument.uri, p.range, p.context, s.today)));

  connection.onRequest(OpenIssuesRequest, (p) => withIndex((s) => openIssuesAnswers.whole(s.index, { folders: p?.folders, include: p?.include, indexing: s.partial })));
  connection.onRequest(OpenIssuesChangesRequest, (p) =>
    withIndex((s) => openIssuesAnswers.answer(s.index, { folders: p?.folders, knownVersion: p?.knownVersion, include: p?.include, indexing: s.partial })),
  );
  connection.onRequest(NewIssueRequest, (p) =>
    withDocument(p.uri, null, (s) => {
      const text = s.getText(p.uri);
      if (text === undefined) return null;
      const severity = SEVERITIES.find((x) => x === p.severity);
      if (!severity) return new ResponseError(LSPErrorCodes.RequestFailed, `"${p.severity}" is not Critical, High, Medium or Low`);
      return planNewIssue(s.index, p.uri, text, severity, p.title, p.today || s.today) ?? null;
    }),
  );
  connection.onRequest(LogSummaryRequest, (p) => withDocument(p.uri, { isLog: false, openCount: 0, problemCount: 0, counted: 'file' }, (s) => logSummary(s.index, p.uri, s.publishedCount(p.uri))));

  session.documents.listen(connection);
  connection.listen();
}

/** Takes the client's folders, settings and capabilities; answers with the server's capabilities. */
function initialize(session: Session, env: ServerEnvironment, params: InitializeParams): InitializeResult {
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : params.rootPath ? [URI.file(params.rootPath).toString()] : []);
  const init = params.initializationOptions as ({ issueLog?: IssueLogSettings; cacheDir?: unknown; documentSymbols?: unknown; documentLinks?: unknown } & IssueLogSettings) | undefined;
  // A client with an outline and links of its own (VS Code's Markdown support) turns ours off.
  let offerDocumentSymbols = true;
  let offerDocumentLinks = true;
  if (init && typeof init === 'object') {
    const { cacheDir, documentSymbols, documentLinks, ...settings } = init;
    offerDocumentSymbols = documentSymbols !== false;
    offerDocumentLinks = documentLinks !== false;
    session.settings.initializationSettings = init.issueLog && typeof init.issueLog === 'object' ? init.issueLog : settings;
    if (typeof cacheDir === 'string' && cacheDir !== '') session.cacheDir = cacheDir;
  }
  // The command line wins over the client's folder.
  if (env.cacheDir) session.cacheDir = env.cacheDir;
  const caps = params.capabilities;
  session.settings.supportsConfiguration = caps.workspace?.configuration === true;
  session.definitionLinks = caps.textDocument?.definition?.linkSupport === true;
  session.createFiles = caps.workspace?.workspaceEdit?.documentChanges === true && (caps.workspace.workspaceEdit.resourceOperations ?? []).includes('create');
  session.setFolders(folders);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: true },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: offerDocumentSymbols,
      workspaceSymbolProvider: true,
      documentLinkProvider: offerDocumentLinks ? { resolveProvider: false } : undefined,
      codeLensProvider: { resolveProvider: true },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, ...CODE_ACTION_KINDS.filter((k) => k !== CodeActionKind.QuickFix)] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true }, fileOperations: { willRename: { filters: FILE_OPERATION_FILTERS } } },
    },
    serverInfo: { name: 'issue-log' },
  };
}
