/**
 * The Issue Log language server: handlers are adapters that look the document up, make sure the index
 * holds its current text, and delegate to the core (core/features/*). What this file owns is the
 * workspace's life: settings, background indexing, open documents overriding disk, watched files,
 * and publishing diagnostics for every issue log (changes only, never for an older version).
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocumentContentChangeEvent,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { resolveOptions, type IssueLogOptions, type IssueLogSettings, type IssueSeverity, type SettingsProblem } from './core/config';
import { OpenDocument, readDocument } from './core/document';
import { localToday } from './core/durations';
import { excludeMatcher } from './core/exclude';
import { OpenIssuesAnswers } from './core/openIssues';
import { positionAt } from './core/positions';
import { computeDiagnostics } from './core/rules';
import { WorkspaceIndex, type WorkspaceHost } from './core/workspace';
import type { DocumentFacts } from './core/document';
import { CODE_ACTION_KINDS, provideCodeActions } from './core/features/codeActions';
import { COMPLETION_TRIGGER_CHARACTERS, provideCompletion, resolveCompletion } from './core/features/completion';
import type { FeatureContext } from './core/features/context';
import { provideDefinition } from './core/features/definition';
import { provideDocumentLinks } from './core/features/documentLinks';
import { DocumentSymbolsMemo } from './core/features/documentSymbols';
import { provideHover } from './core/features/hover';
import { logSummary } from './core/features/logSummary';
import { planNewIssue } from './core/features/newEntry';
import { provideReferences } from './core/features/references';
import { prepareRename, provideRename, RenameError } from './core/features/rename';
import { provideWorkspaceSymbols } from './core/features/workspaceSymbols';
import { IndexChangedNotification, LogSummaryRequest, NewIssueRequest, OpenIssuesChangesRequest, OpenIssuesRequest } from './protocol';

/** What the server needs from the platform (Node: node/main.ts). */
export interface ServerEnvironment {
  /** Existence checks for the core, with a cache that `invalidate` clears. */
  host: WorkspaceHost & { invalidate(): void };
  /** Every Markdown file (absolute path) under a folder, minus excluded ones. */
  walk(folder: string, exclude: string[], onProblem: (path: string, message: string) => void): string[];
  /** Reads a Markdown file defensively (too large, binary, unreadable). */
  read(path: string, maxSize: number): { ok: true; text: string; warning?: string } | { ok: false; reason: string };
  /**
   * A parser of closed files for one indexing run, with these options (Node: worker threads and the
   * warm cache of facts in `cacheDir`). Without one, closed files are read and parsed on this thread.
   */
  createParser?(options: IssueLogOptions, init: { cacheDir?: string }): ServerFileParser;
  /** The cache folder the server was started with (`--cache-dir`); else initializationOptions.cacheDir. */
  cacheDir?: string;
}

/** A closed file's facts, or why it was not read. */
export type ServerParseResult = { ok: true; facts: DocumentFacts; warning?: string; cached: boolean } | { ok: false; reason: string };

/** Parses closed files off the main thread (node/fileParser.ts). */
export interface ServerFileParser {
  /** Parse threads it uses at most (its default). */
  readonly threads: number;
  /** Uses `n` threads from now on (fewer while the main thread parses the open documents). */
  setThreads(n: number): void;
  /**
   * Reads every file and parses them, calling `onResult(i, …)` for `files[i]` as each comes in, in any
   * order. Resolves once every file is read and queued, with `finished`, once every result is in.
   */
  parseFiles(
    files: readonly { path: string; uri: string }[],
    onResult: (i: number, result: ServerParseResult) => void,
    control: { pause?: () => Promise<void>; cancelled?: () => boolean },
  ): Promise<{ finished: Promise<void> }>;
  /** Stops the threads; files not parsed yet are answered as not read. */
  close(): Promise<void>;
}

/**
 * Diagnostics wait this long after an edit. An edit costs the blocks it touched, so there is no
 * debounce: edits that arrive together are read together, and a newer edit cancels the older run.
 */
const EDIT_DEBOUNCE_MS = 0;
/** Watched-file events come in bursts (a branch switch). */
const FILE_EVENT_DEBOUNCE_MS = 100;
/** Work runs in slices of about this long, yielding to the event loop between them. */
const SLICE_MS = 8;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A result already handed to the index. */
const PARSED: ServerParseResult = { ok: false, reason: 'indexed' };

/** A workspace-wide feature's answer, or RequestCancelled when the client cancelled it meanwhile. */
async function cancellable<T>(token: CancellationToken, work: Promise<T>): Promise<T | ResponseError<void>> {
  const result = await work;
  return token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.') : result;
}

export function startServer(connection: Connection, env: ServerEnvironment): void {
  new IssueLogServer(connection, env).listen();
}

class IssueLogServer {
  /**
   * Where each open document changed since the index last read it (offsets in its current text), from
   * the editor's changes: an edit then costs a look at the blocks it touched, not at the whole text.
   */
  private readonly edits = new Map<string, { start: number; end: number } | 'unknown'>();
  private readonly documents = new TextDocuments<TextDocument>({
    create: (uri, languageId, version, content) => {
      this.edits.delete(uri);
      return TextDocument.create(uri, languageId, version, content);
    },
    update: (doc, changes, version) => {
      this.noteChanges(doc, changes);
      return TextDocument.update(doc, changes, version);
    },
  });
  private folders: string[] = [];
  private options: IssueLogOptions = resolveOptions({});
  private index: WorkspaceIndex;
  /** Open documents read block by block: an edit re-parses only the blocks it changed. */
  private caches = new Map<string, OpenDocument>();
  /** The parse problems last logged for each document. */
  private loggedProblems = new Map<string, string>();
  /** The version of each open document that the index holds. */
  private indexedVersions = new Map<string, number>();
  /** Documents changed since the last publish: published first, and always (with their version). */
  private changed = new Set<string>();
  /** Watched-file events not applied yet, by URI (the last event wins). */
  private pendingFileChanges = new Map<string, FileChangeType>();
  /** What was last published for each document. */
  private published = new Map<string, { key: string; count: number; version?: number }>();
  private excluded?: { globs: string[]; matches: (relativePath: string) => boolean };
  private indexing = true;
  /** The open documents of the current indexing run are in the index: provisional diagnostics may go out. */
  private openDocumentsIndexed = false;
  /** The parser of closed files of the current indexing run, until it ends. */
  private parser: ServerFileParser | undefined;
  /** Files with watched-file events since the current indexing run began: what it read of them is stale. */
  private eventsWhileIndexing = new Set<string>();
  /** Where parsed facts are cached (`--cache-dir`, else initializationOptions.cacheDir); none when unset. */
  private cacheDir: string | undefined;
  private indexRun = 0;
  private publishRun = 0;
  private publishTimer: NodeJS.Timeout | undefined;
  private notifiedVersion = -1;
  private lastToday = localToday();
  private supportsConfiguration = false;
  private supportsDefinitionLinks = false;
  private supportsWatchedFileRegistration = false;
  private supportsConfigurationRegistration = false;
  private initialized = false;
  private initializationSettings: IssueLogSettings = {};
  private offerDocumentSymbols = true;
  private offerDocumentLinks = true;
  private readonly documentSymbols = new DocumentSymbolsMemo();
  private readonly openIssuesAnswers = new OpenIssuesAnswers();

  constructor(
    private readonly connection: Connection,
    private readonly env: ServerEnvironment,
  ) {
    this.index = new WorkspaceIndex(this.options, [], env.host);
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.onInitialize(params));
    c.onInitialized(() => void this.onInitialized());
    c.onDidChangeConfiguration(() => {
      if (this.initialized) void this.onConfigurationChanged();
    });
    c.onDidChangeWatchedFiles((params) => this.onWatchedFiles(params.changes));
    // No parse thread outlives the server (they are stopped at once; the answer waits for that at most 2 s).
    c.onShutdown(() => {
      this.indexRun++;
      return Promise.race([this.closeParser(), new Promise<void>((resolve) => setTimeout(resolve, 2000).unref())]);
    });
    c.onExit(() => void this.closeParser());

    this.documents.onDidOpen((e) => this.onDocumentChanged(e.document.uri));
    this.documents.onDidChangeContent((e) => this.onDocumentChanged(e.document.uri));
    this.documents.onDidClose((e) => this.onDocumentClosed(e.document.uri));

    c.onCompletion((p) => this.withDocument(p.textDocument.uri, null, (ctx) => provideCompletion(ctx, p.textDocument.uri, p.position)));
    c.onCompletionResolve((item) => this.withIndex((ctx) => resolveCompletion(ctx, item)));
    c.onHover((p) => this.withDocument(p.textDocument.uri, null, (ctx) => provideHover(ctx, p.textDocument.uri, p.position)));
    c.onDefinition((p) =>
      this.withDocument(p.textDocument.uri, [], (ctx) => {
        const links = provideDefinition(ctx, p.textDocument.uri, p.position);
        // A client without LocationLink support gets plain locations.
        return this.supportsDefinitionLinks ? links : links.map((l) => ({ uri: l.targetUri, range: l.targetSelectionRange }));
      }),
    );
    c.onReferences((p, token) =>
      this.withDocument(p.textDocument.uri, null, (ctx) => cancellable(token, provideReferences(ctx, p.textDocument.uri, p.position, p.context.includeDeclaration, token))),
    );
    c.onPrepareRename((p) => this.withDocument(p.textDocument.uri, null, (ctx) => prepareRename(ctx, p.textDocument.uri, p.position)));
    c.onRenameRequest((p, token) =>
      this.withDocument(p.textDocument.uri, null, (ctx) =>
        cancellable(token, provideRename(ctx, p.textDocument.uri, p.position, p.newName, token)).catch((err) => {
          if (err instanceof RenameError) return new ResponseError(LSPErrorCodes.RequestFailed, err.message);
          throw err;
        }),
      ),
    );
    c.onDocumentSymbol((p) => this.withDocument(p.textDocument.uri, [], (ctx) => this.documentSymbols.provide(ctx, p.textDocument.uri)));
    c.onWorkspaceSymbol((p, token) => this.withIndex((ctx) => cancellable(token, provideWorkspaceSymbols(ctx, p.query, token))));
    c.onDocumentLinks((p) => this.withDocument(p.textDocument.uri, [], (ctx) => provideDocumentLinks(ctx, p.textDocument.uri)));
    c.onCodeAction((p) => this.withDocument(p.textDocument.uri, [], (ctx) => provideCodeActions(ctx, p.textDocument.uri, p.range, p.context, localToday())));

    c.onRequest(OpenIssuesRequest, (p) => this.withIndex((ctx) => this.openIssuesAnswers.whole(ctx.index, { folders: p?.folders, indexing: this.indexing })));
    c.onRequest(OpenIssuesChangesRequest, (p) =>
      this.withIndex((ctx) => this.openIssuesAnswers.answer(ctx.index, { folders: p?.folders, knownVersion: p?.knownVersion, indexing: this.indexing })),
    );
    c.onRequest(NewIssueRequest, (p) =>
      this.withDocument(p.uri, null, (ctx) => {
        const text = ctx.getText(p.uri);
        if (text === undefined) return null;
        const severity = (['Critical', 'High', 'Medium', 'Low'] as const).find((s) => s === p.severity) as IssueSeverity | undefined;
        if (!severity) return new ResponseError(LSPErrorCodes.RequestFailed, `"${p.severity}" is not Critical, High, Medium or Low`);
        return planNewIssue(ctx.index, p.uri, text, severity, p.title, p.today || localToday()) ?? null;
      }),
    );
    c.onRequest(LogSummaryRequest, (p) => this.withDocument(p.uri, { isLog: false, openCount: 0, problemCount: 0 }, (ctx) => logSummary(ctx.index, p.uri, this.published.get(p.uri)?.count ?? 0)));

    this.documents.listen(c);
    c.listen();
  }

  // ---- Lifecycle -------------------------------------------------------------------------------

  private onInitialize(params: InitializeParams): InitializeResult {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : params.rootPath ? [URI.file(params.rootPath).toString()] : []);
    this.folders = folders.map((f) => f.replace(/\/$/, ''));
    const init = params.initializationOptions as ({ issueLog?: IssueLogSettings; cacheDir?: unknown; documentSymbols?: unknown; documentLinks?: unknown } & IssueLogSettings) | undefined;
    if (init && typeof init === 'object') {
      const { cacheDir, documentSymbols, documentLinks, ...settings } = init;
      // IssueLogInitializationOptions: a client with its own outline and links turns ours off.
      this.offerDocumentSymbols = documentSymbols !== false;
      this.offerDocumentLinks = documentLinks !== false;
      this.initializationSettings = init.issueLog && typeof init.issueLog === 'object' ? init.issueLog : settings;
      if (typeof cacheDir === 'string' && cacheDir !== '') this.cacheDir = cacheDir;
    }
    // The command line wins over the client's folder.
    if (this.env.cacheDir) this.cacheDir = this.env.cacheDir;
    const caps = params.capabilities;
    this.supportsConfiguration = caps.workspace?.configuration === true;
    this.supportsDefinitionLinks = caps.textDocument?.definition?.linkSupport === true;
    this.supportsWatchedFileRegistration = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.supportsConfigurationRegistration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    this.index = new WorkspaceIndex(this.options, this.folders, this.env.host);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: this.offerDocumentSymbols,
        workspaceSymbolProvider: true,
        documentLinkProvider: this.offerDocumentLinks ? { resolveProvider: false } : undefined,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, ...CODE_ACTION_KINDS.filter((k) => k !== CodeActionKind.QuickFix)] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'issue-log' },
    };
  }

  private async onInitialized(): Promise<void> {
    this.initialized = true;
    if (this.supportsWatchedFileRegistration) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.md' }] });
    }
    if (this.supportsConfigurationRegistration) {
      void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'issueLog' });
    }
    try {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => f.uri.replace(/\/$/, '')));
        this.folders = [...this.folders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri.replace(/\/$/, ''))];
        void this.reindex('the workspace folders changed');
      });
    } catch {
      // The client does not send workspace folder changes.
    }
    // The date that review-overdue judges by moves on at midnight.
    setInterval(() => {
      if (localToday() !== this.lastToday) this.schedulePublish(0);
    }, 60_000).unref();
    if (this.cacheDir && this.env.createParser) this.connection.console.info(`Caching the facts of parsed files in ${this.cacheDir}.`);
    await this.reindex();
  }

  private async pullSettings(): Promise<IssueLogSettings> {
    // A client that cannot answer workspace/configuration may pass the settings at initialize.
    if (!this.supportsConfiguration) return this.initializationSettings;
    try {
      const [settings] = await this.connection.workspace.getConfiguration([{ section: 'issueLog', scopeUri: this.folders[0] }]);
      return settings && typeof settings === 'object' ? (settings as IssueLogSettings) : {};
    } catch (err) {
      this.connection.console.warn(`Could not read the issueLog settings (${(err as Error).message}); using the defaults.`);
      return {};
    }
  }

  /**
   * New settings: when they change what is indexed or how it is parsed (prefixes, exclude, file size),
   * the workspace is indexed anew; otherwise (rules, anchor case) the index takes the new options and
   * every log is re-checked.
   */
  private async onConfigurationChanged(): Promise<void> {
    const run = this.indexRun;
    const settings = await this.pullSettings();
    const problems: SettingsProblem[] = [];
    const options = resolveOptions(settings, problems);
    if (run !== this.indexRun) return;
    const shape = (o: IssueLogOptions) => JSON.stringify([[...o.prefixes], o.exclude, o.maxFileSize]);
    if (shape(options) !== shape(this.options)) {
      void this.reindex('the settings changed', settings);
      return;
    }
    for (const p of problems) this.connection.console.warn(`${p.setting}: ${p.message}`);
    this.options = options;
    this.index.options = options;
    this.index.touch();
    for (const uri of this.published.keys()) this.changed.add(uri);
    this.publishRun++;
    this.schedulePublish(0);
  }

  /**
   * Builds the index anew: settings, then the open documents (on this thread, each with its block
   * cache), then provisional diagnostics for them, then every other Markdown file of the workspace
   * folders on the environment's parser (worker threads, warm cache) while this thread stays free for
   * requests; the index takes them in the walk's order, whatever order they are parsed in. A newer
   * call cancels an older one (and closes its parser).
   */
  private async reindex(reason?: string, pulled?: IssueLogSettings): Promise<void> {
    const run = ++this.indexRun;
    this.indexing = true;
    this.openDocumentsIndexed = false;
    void this.closeParser();
    const started = Date.now();
    const settings = pulled ?? (await this.pullSettings());
    if (run !== this.indexRun) return;
    const problems: SettingsProblem[] = [];
    this.options = resolveOptions(settings, problems);
    for (const p of problems) this.connection.console.warn(`${p.setting}: ${p.message}`);
    this.env.host.invalidate();
    this.index = new WorkspaceIndex(this.options, this.folders, this.env.host);
    this.caches.clear();
    this.loggedProblems.clear();
    this.indexedVersions.clear();
    this.eventsWhileIndexing.clear();
    if (reason) this.connection.console.info(`Re-indexing because ${reason}.`);

    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    if (run !== this.indexRun) {
      progress?.done();
      return;
    }
    const files: string[] = [];
    for (const folder of this.folders) {
      const uri = URI.parse(folder);
      if (uri.scheme !== 'file') continue;
      files.push(...this.env.walk(uri.fsPath, this.options.exclude, (path, message) => this.connection.console.warn(`Skipped ${this.displayPath(URI.file(path).toString())}: ${message}`)));
    }
    const open = this.documents.all().filter((d) => !this.isExcluded(d.uri));
    const openUris = new Set(open.map((d) => d.uri));
    const rest = files.map((path) => ({ path, uri: URI.file(path).toString() })).filter((f) => !openUris.has(f.uri));
    const total = open.length + rest.length;
    progress?.begin('Indexing issue logs', 0, `0/${total}`, false);

    const current = () => run === this.indexRun;
    let done = 0;
    let skipped = 0;
    let parsed = 0;
    let cached = 0;
    let slice = Date.now();
    const report = () => progress?.report(Math.floor((done / Math.max(1, total)) * 100), `${done}/${total}`);
    const step = async () => {
      done++;
      if (Date.now() - slice >= SLICE_MS) {
        report();
        await yieldToEventLoop();
        slice = Date.now();
      }
      return current();
    };

    // The closed files go to the parser first, so that its threads work while this one parses the
    // open documents (with one thread fewer meanwhile). The index takes them once the open documents
    // are in, in the walk's order, whatever order they come back in.
    const parser = rest.length > 0 ? this.env.createParser?.(this.options, { cacheDir: this.cacheDir }) : undefined;
    this.parser = parser;
    const results: (ServerParseResult | undefined)[] = new Array(rest.length);
    let flushed = 0;
    let openDone = false;
    const flush = () => {
      const before = flushed;
      while (openDone && flushed < rest.length && results[flushed] && current()) {
        if (!this.acceptParsed(rest[flushed].uri, results[flushed]!)) skipped++;
        results[flushed] = PARSED;
        flushed++;
      }
      done += flushed - before;
      if (flushed > before && Date.now() - slice >= SLICE_MS) {
        report();
        slice = Date.now();
      }
    };
    let queued: { finished: Promise<void> } | undefined;
    const onResult = (i: number, result: ServerParseResult) => {
      if (!current()) return;
      if (result.ok && result.cached) cached++;
      else if (result.ok) parsed++;
      results[i] = result;
      flush();
    };
    if (parser) {
      // One core is left to this thread while it parses the open documents. Measured on the large
      // benchmark workspace (2 cores, shared, load 8–10), the master's first diagnostics came after
      // 0.9–1.1× its parse alone this way, 1.2–1.3× with every core parsing, and 0.9–1.0× with the
      // parser started only afterwards, which made the whole indexing 20–25% longer.
      if (open.length > 0) parser.setThreads(Math.max(1, parser.threads - 1));
      queued = await parser.parseFiles(rest, onResult, { pause: yieldToEventLoop, cancelled: () => !current() });
      if (!current()) return progress?.done();
    }

    for (const doc of open) {
      this.indexOpenDocument(doc);
      if (!(await step())) return progress?.done();
    }
    openDone = true;
    this.openDocumentsIndexed = true;
    // What the open documents say that the rest of the workspace cannot change, at once.
    if (open.length > 0) this.publishNow();

    if (parser && queued) {
      parser.setThreads(parser.threads);
      flush();
      await queued.finished;
      if (!current()) return progress?.done();
      flush();
      void this.closeParser(parser);
    } else {
      for (const { path, uri } of rest) {
        // Opened meanwhile: the editor's text is indexed instead (syncOpenDocuments).
        if (!this.documents.get(uri) && !this.changedWhileIndexing(uri)) {
          if (this.indexFromDisk(uri, path)) parsed++;
          else skipped++;
        }
        if (!(await step())) return progress?.done();
      }
    }
    progress?.done();
    this.indexing = false;
    this.eventsWhileIndexing.clear();
    const logs = this.index.logs().length;
    this.connection.console.info(
      `Indexed ${this.index.size} Markdown file${this.index.size === 1 ? '' : 's'} (${logs} issue log${logs === 1 ? '' : 's'}) in ${Date.now() - started} ms` +
        (parser ? ` (${parsed} parsed on ${parser.threads} thread${parser.threads === 1 ? '' : 's'}, ${cached} from the cache)` : '') +
        (skipped > 0 ? `; ${skipped} skipped (see above)` : '') +
        '.',
    );
    // Everything is republished: the options may have changed what every log reports.
    for (const uri of this.published.keys()) this.changed.add(uri);
    this.notifiedVersion = -1;
    // A provisional run still going is stale.
    this.publishRun++;
    this.schedulePublish(0);
  }

  /** Hands the index what the parser made of a closed file; false when the file was skipped. */
  private acceptParsed(uri: string, result: ServerParseResult): boolean {
    // Opened meanwhile: the editor's text counts (syncOpenDocuments). Changed on disk since it was
    // read: applyFileChanges reads it again.
    if (this.documents.get(uri) || this.changedWhileIndexing(uri)) return true;
    if (!result.ok) {
      this.connection.console.warn(`Skipped ${this.displayPath(uri)}: ${result.reason}`);
      this.index.delete(uri);
      return false;
    }
    if (result.warning) this.connection.console.warn(`${this.displayPath(uri)}: ${result.warning}`);
    this.logParseProblems(uri, result.facts.problems, result.facts.lineStarts);
    this.index.set(result.facts);
    return true;
  }

  private changedWhileIndexing(uri: string): boolean {
    if (this.eventsWhileIndexing.size === 0) return false;
    if (this.eventsWhileIndexing.has(uri)) return true;
    for (const e of this.eventsWhileIndexing) if (uri.startsWith(e.replace(/\/$/, '') + '/')) return true;
    return false;
  }

  /** Closes `parser` (default: the current one); the current one is forgotten. */
  private closeParser(parser = this.parser): Promise<void> {
    if (parser === this.parser) this.parser = undefined;
    return parser ? parser.close().catch((err) => this.connection.console.error(`Closing the parser failed: ${(err as Error)?.message ?? err}`)) : Promise.resolve();
  }

  // ---- Documents -------------------------------------------------------------------------------

  private isExcluded(uri: string): boolean {
    const rel = this.index.relativeToFolder(uri);
    if (rel === undefined) return false;
    if (this.excluded?.globs !== this.options.exclude) this.excluded = { globs: this.options.exclude, matches: excludeMatcher(this.options.exclude) };
    return this.excluded.matches(rel);
  }

  /** Widens the changed part of a document by the changes of one didChange (applied to `doc`, in order). */
  private noteChanges(doc: TextDocument, changes: TextDocumentContentChangeEvent[]): void {
    let dirty = this.edits.get(doc.uri);
    if (dirty === 'unknown') return;
    // Offsets of later changes refer to the text after the earlier ones: one change at a time is exact.
    if (changes.length !== 1 || !TextDocumentContentChangeEvent.isIncremental(changes[0])) {
      this.edits.set(doc.uri, 'unknown');
      return;
    }
    const change = changes[0];
    const start = doc.offsetAt(change.range.start);
    const end = doc.offsetAt(change.range.end);
    const added = change.text.length;
    if (!dirty) dirty = { start, end: start + added };
    else {
      // The part already changed, moved by this change, joined with what this change wrote.
      const movedEnd = dirty.end <= start ? dirty.end : dirty.end >= end ? dirty.end + added - (end - start) : start + added;
      dirty = { start: Math.min(dirty.start, start), end: Math.max(movedEnd, start + added) };
    }
    this.edits.set(doc.uri, dirty);
  }

  private indexOpenDocument(doc: TextDocument): void {
    let open = this.caches.get(doc.uri);
    if (!open) this.caches.set(doc.uri, (open = new OpenDocument(doc.uri, this.options)));
    const changed = this.edits.get(doc.uri);
    this.edits.delete(doc.uri);
    const facts = open.update(doc.getText(), changed === 'unknown' ? undefined : changed);
    this.logParseProblems(doc.uri, facts.problems, facts.lineStarts);
    this.index.set(facts);
    this.indexedVersions.set(doc.uri, doc.version);
  }

  /** Reads a closed file into the index; a file that cannot be read leaves it (and is logged). */
  private indexFromDisk(uri: string, path = URI.parse(uri).fsPath): boolean {
    const read = this.env.read(path, this.options.maxFileSize);
    if (!read.ok) {
      this.connection.console.warn(`Skipped ${this.displayPath(uri)}: ${read.reason}`);
      this.index.delete(uri);
      return false;
    }
    if (read.warning) this.connection.console.warn(`${this.displayPath(uri)}: ${read.warning}`);
    const facts = readDocument(uri, read.text, this.options);
    this.logParseProblems(uri, facts.problems, facts.lineStarts);
    this.index.set(facts);
    return true;
  }

  /** Logs a document's parse problems (an open document's once, not at every edit). */
  private logParseProblems(uri: string, problems: { offset: number; message: string }[], lineStarts: number[]): void {
    const lines = problems.map((p) => `${this.displayPath(uri)}:${positionAt(lineStarts, p.offset).line + 1}: ${p.message}`);
    const key = lines.join('\n');
    if (this.loggedProblems.get(uri) === key) return;
    if (key) this.loggedProblems.set(uri, key);
    else this.loggedProblems.delete(uri);
    for (const line of lines) this.connection.console.warn(line);
  }

  private displayPath(uri: string): string {
    return this.index.relativeToFolder(uri) ?? (URI.parse(uri).scheme === 'file' ? URI.parse(uri).fsPath : uri);
  }

  /** Brings the index up to the current version of every open document. */
  private syncOpenDocuments(): void {
    for (const doc of this.documents.all()) {
      if (this.indexedVersions.get(doc.uri) === doc.version) continue;
      if (this.isExcluded(doc.uri)) continue;
      this.indexOpenDocument(doc);
    }
  }

  private onDocumentChanged(uri: string): void {
    this.changed.add(uri);
    // Work computed for the older version is stale.
    this.publishRun++;
    this.schedulePublish(EDIT_DEBOUNCE_MS);
  }

  private onDocumentClosed(uri: string): void {
    this.caches.delete(uri);
    this.edits.delete(uri);
    this.indexedVersions.delete(uri);
    const parsed = URI.parse(uri);
    const onDisk = parsed.scheme === 'file' && this.index.folderOf(uri) !== undefined && !this.isExcluded(uri) && this.env.host.stat(uri) === 'file';
    if (onDisk) this.indexFromDisk(uri);
    else this.index.delete(uri);
    this.changed.add(uri);
    this.publishRun++;
    this.schedulePublish(EDIT_DEBOUNCE_MS);
  }

  /**
   * File events are queued and applied together a moment later (or before the next request): they
   * come in bursts (a branch switch), and twice when both the client and the server watch.
   */
  private onWatchedFiles(changes: { uri: string; type: FileChangeType }[]): void {
    for (const { uri, type } of changes) this.pendingFileChanges.set(uri, type);
    // What the indexing run in progress read of these files may be stale: applyFileChanges reads them.
    if (this.indexing) for (const { uri } of changes) this.eventsWhileIndexing.add(uri);
    this.publishRun++;
    this.schedulePublish(FILE_EVENT_DEBOUNCE_MS);
  }

  private applyFileChanges(): void {
    if (this.pendingFileChanges.size === 0) return;
    const changes = [...this.pendingFileChanges];
    this.pendingFileChanges.clear();
    this.env.host.invalidate();
    for (const [uri, type] of changes) {
      if (type === FileChangeType.Deleted) {
        // A deleted folder takes its files with it; an open document stays as the editor has it.
        const prefix = uri.replace(/\/$/, '') + '/';
        for (const doc of [...this.index.documents]) {
          if ((doc.uri === uri || doc.uri.startsWith(prefix)) && !this.documents.get(doc.uri)) {
            this.index.delete(doc.uri);
            this.changed.add(doc.uri);
          }
        }
        continue;
      }
      if (!/\.md$/i.test(URI.parse(uri).path) || this.documents.get(uri)) continue;
      if (this.index.folderOf(uri) === undefined || this.isExcluded(uri)) continue;
      this.indexFromDisk(uri);
      this.changed.add(uri);
    }
    // Existence answers may have changed for links to any file.
    this.index.touch();
  }

  // ---- Diagnostics -----------------------------------------------------------------------------

  private schedulePublish(delay: number): void {
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = setTimeout(() => {
      this.publishTimer = undefined;
      void this.publishDiagnostics().catch((err) => this.connection.console.error(`Publishing diagnostics failed: ${(err as Error)?.stack ?? err}`));
    }, delay);
  }

  /** Publishes at once (what a pending timer would have published is included). */
  private publishNow(): void {
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    void this.publishDiagnostics().catch((err) => this.connection.console.error(`Publishing diagnostics failed: ${(err as Error)?.stack ?? err}`));
  }

  /**
   * Recomputes the diagnostics of every issue log (any of them may change when one file does: links,
   * IDs and scopes cross files), the changed documents first, and publishes what differs from what
   * was last published. A newer change cancels the run; an open document's diagnostics are published
   * only for the version they were computed from.
   *
   * While the workspace is being indexed (once its open documents are in), only the open documents
   * are checked, and provisionally: with the rules that the files indexed so far decide (partial).
   * The other changed documents wait for the end of indexing, which republishes everything.
   */
  private async publishDiagnostics(): Promise<void> {
    this.applyFileChanges();
    const partial = this.indexing;
    if (partial && !this.openDocumentsIndexed) return;
    const run = ++this.publishRun;
    this.syncOpenDocuments();
    const today = localToday();
    this.lastToday = today;
    const changed = this.changed;
    this.changed = new Set();
    const targets = new Set<string>();
    if (partial) {
      for (const uri of changed) (this.documents.get(uri) ? targets : this.changed).add(uri);
      for (const doc of this.documents.all()) targets.add(doc.uri);
    } else {
      // The changed documents first; then (found once they are out) the logs that link to them, and the rest.
      for (const uri of changed) targets.add(uri);
    }
    const queue = [...targets];
    let restAdded = partial;
    const addTheRest = () => {
      const add = (uri: string) => !targets.has(uri) && (targets.add(uri), queue.push(uri));
      const backlinks = this.index.backlinks();
      for (const uri of changed) for (const from of backlinks.get(uri) ?? []) add(from);
      for (const doc of this.index.logs()) add(doc.uri);
      for (const uri of this.published.keys()) add(uri);
    };

    let slice = Date.now();
    for (let i = 0; i < queue.length || !restAdded; i++) {
      if (i === queue.length) {
        // The changed documents are done: let their diagnostics go out before looking further.
        restAdded = true;
        slice = 0;
      }
      if (Date.now() - slice >= SLICE_MS) {
        await yieldToEventLoop();
        if (run !== this.publishRun) {
          // Cancelled by a newer change: what was not published yet is published by the next run.
          for (const u of changed) this.changed.add(u);
          return;
        }
        this.syncOpenDocuments();
        slice = Date.now();
      }
      if (i === queue.length) {
        addTheRest();
        if (i === queue.length) break;
      }
      const uri = queue[i];
      const open = this.documents.get(uri);
      if (open && this.indexedVersions.has(uri) && this.indexedVersions.get(uri) !== open.version) continue;
      const diagnostics: Diagnostic[] = this.index.has(uri) ? computeDiagnostics(this.index, uri, { today, partial }) : [];
      const key = JSON.stringify(diagnostics);
      const last = this.published.get(uri);
      const version = open ? open.version : undefined;
      if (last && last.key === key && !(changed.has(uri) && open && last.version !== version)) continue;
      if (!last && diagnostics.length === 0 && !changed.has(uri)) continue;
      if (diagnostics.length === 0 && !open && !this.index.has(uri)) this.published.delete(uri);
      else this.published.set(uri, { key, count: diagnostics.length, version });
      void this.connection.sendDiagnostics({ uri, version, diagnostics });
    }
    // Told once the index is complete (the client's open-issues view would be partial before).
    if (!partial && this.index.version !== this.notifiedVersion) {
      this.notifiedVersion = this.index.version;
      const openCount = this.index.allStats().counts.open;
      void this.connection.sendNotification(IndexChangedNotification, { openCount, logCount: this.index.logs().length });
    }
  }

  // ---- Requests --------------------------------------------------------------------------------

  private featureContext(): FeatureContext {
    return {
      index: this.index,
      getText: (uri) => {
        const open = this.documents.get(uri);
        if (open) return open.getText();
        const parsed = URI.parse(uri);
        if (parsed.scheme !== 'file') return undefined;
        const read = this.env.read(parsed.fsPath, this.options.maxFileSize);
        return read.ok ? read.text : undefined;
      },
      pause: yieldToEventLoop,
    };
  }

  /** Runs a feature for a document the index holds (after syncing open documents); `empty` otherwise. */
  private withDocument<T, E>(uri: string, empty: E, run: (ctx: FeatureContext) => T): T | E {
    this.applyFileChanges();
    this.syncOpenDocuments();
    if (!this.index.has(uri)) return empty;
    return run(this.featureContext());
  }

  private withIndex<T>(run: (ctx: FeatureContext) => T): T {
    this.applyFileChanges();
    this.syncOpenDocuments();
    return run(this.featureContext());
  }
}
