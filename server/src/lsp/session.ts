/**
 * The one owner of the language server's mutable state: the settings and options, the workspace
 * index, the open documents, the deferred files (read, not parsed: no issue log in them), the file
 * events, the indexing run, and the publishing of diagnostics. Request handlers get an immutable
 * Snapshot (snapshot.ts) of it; every change goes through a method here.
 */
import { URI } from 'vscode-uri';
import type { Connection, FileChangeType } from 'vscode-languageserver';
import { resolveOptions, type IssueLogOptions, type IssueLogSettings } from '../core/config';
import { readDocument, type DocumentFacts } from '../core/document';
import type { FileMove } from '../core/features/fileRename';
import { localToday } from '../core/durations';
import { excludeMatcher } from '../core/exclude';
import { linkCheckedDocuments, loadLinkTargets, loadOne, placeholderFacts, type FileToLoad, type LoadSource, type ParseResult } from '../core/loading';
import { WorkspaceIndex, type WorkspaceHost } from '../core/workspace';
import { IndexChangedNotification } from '../protocol';
import { rereadClosed } from './closedReread';
import { ConfigFiles, isConfigFileUri } from './configFiles';
import { deferredForMoves, typedAnchorTarget } from './deferredReads';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { FileEvents, ignoreFileChanged, markdownUnder, urisUnder } from './fileEvents';
import type { OpenTextsEnvironment } from './backgroundReads';
import { IndexingRun, walkFolders } from './indexingRun';
import { IndexingProgress, indexedSummary } from './indexingProgress';
import { OpenDocuments } from './openDocuments';
import { Publishing, yieldToEventLoop, type PublishSource } from './publishing';
import { ServerLog } from './serverLog';
import { Settings } from './settings';
import { pauseOn, type Snapshot } from './snapshot';

/** Diagnostics after an edit: no debounce (an edit costs the blocks it touched; a newer edit cancels the older run). */
const EDIT_DEBOUNCE_MS = 0;
/** Watched-file events come in bursts (a branch switch). */
const FILE_EVENT_DEBOUNCE_MS = 100;
const SLICE_MS = 8;

/** The platform: the pipeline's source, and existence checks with a cache that `invalidate` clears. */
export interface SessionEnvironment extends LoadSource {
  host: WorkspaceHost & { invalidate(): void };
  /** The workspace folders (URIs), before anything is read: nothing outside them is read (node/boundary.ts). */
  setFolders?(folders: readonly string[]): void;
  /** How large open documents are read (off this thread on Node); without it, in slices on this thread. */
  openTexts?: OpenTextsEnvironment;
  /** Whether the walk honours `.gitignore` files, read afresh from now on; and a path's answer (node/gitignore.ts). */
  readIgnoreFiles?(honoured: boolean): void;
  isIgnored?(path: string, isDir?: boolean): boolean;
  /** How often the client hears how far indexing is (indexingProgress.ts; tests set 0: every step). */
  progressNotifyMs?: number;
}

export class Session implements PublishSource {
  folders: string[] = [];
  options: IssueLogOptions = resolveOptions({});
  index: WorkspaceIndex;
  cacheDir: string | undefined;
  definitionLinks = false;
  /** The client takes CreateFile operations in workspace edits (documentChanges with resource operations). */
  createFiles = false;
  indexing = true;
  /** An indexing run has read the whole workspace once (the client says "Indexing…" until then). */
  private indexedOnce = false;
  /** The open documents of the current indexing run are in the index: provisional diagnostics may go out. */
  openDocumentsIndexed = false;
  readonly documents = new OpenDocuments();
  readonly settings: Settings;
  readonly publisher: DiagnosticsPublisher;
  readonly publishing: Publishing;
  /** The `.issue-log.json` of each folder, its problems published in it. */
  readonly configFiles: ConfigFiles;
  private readonly fileEvents = new FileEvents();
  /** Files read but not parsed (no issue log in them, no log links to them): URI → path. */
  private readonly deferred = new Map<string, string>();
  private run: IndexingRun | undefined;
  private readonly log: ServerLog;
  private excluded?: { globs: string[]; matches: (relativePath: string) => boolean };
  private notifiedVersion = -1;
  /** Told each time the complete index changed (after issueLog/indexChanged): the code lens refresh. */
  onIndexComplete: ((index: WorkspaceIndex) => void) | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly env: SessionEnvironment,
  ) {
    this.index = new WorkspaceIndex(this.options, [], env.host);
    this.log = new ServerLog(connection.console, () => this.index.folders);
    this.settings = new Settings(connection);
    this.publisher = new DiagnosticsPublisher((p) => void connection.sendDiagnostics(p));
    this.publishing = new Publishing(this);
    this.configFiles = new ConfigFiles({ read: (path, max) => env.read(path, max), isFile: (uri) => env.host.stat(uri) === 'file' }, (p) => void connection.sendDiagnostics(p));
  }

  /** The date that review-overdue judges by moves on at midnight: everything is re-checked then. */
  startClock(): void {
    setInterval(() => {
      if (localToday() !== this.publishing.lastToday) this.publishing.schedule(0);
    }, 60_000).unref();
  }

  setFolders(folders: string[]): void {
    this.folders = folders.map((f) => f.replace(/\/$/, ''));
    this.index = new WorkspaceIndex(this.options, this.folders, this.env.host);
    this.env.setFolders?.(this.folders);
  }

  // ---- Snapshots -------------------------------------------------------------------------------

  /** The state as of now, for a request (pending file events applied, open documents read). */
  snapshot(): Snapshot {
    this.prepare();
    const index = this.index;
    const publisher = this.publisher;
    return Object.freeze({
      index,
      partial: this.indexing,
      today: localToday(),
      definitionLinks: this.definitionLinks,
      createFiles: this.createFiles,
      getText: (uri: string) => this.textOf(uri),
      pause: pauseOn(index, yieldToEventLoop),
      publishedCount: (uri: string) => publisher.count(uri),
    });
  }

  /** A snapshot for a request about `uri`; undefined when the index does not hold it (a deferred file is read now) or `uri` is being read. */
  snapshotFor(uri: string): Snapshot | undefined {
    const snapshot = this.snapshot();
    if (this.documents.isReading(uri)) return undefined;
    const path = this.deferred.get(uri);
    if (path !== undefined) {
      this.deferred.delete(uri);
      this.loadFromDisk(uri, path, true);
    }
    return this.index.has(uri) ? snapshot : undefined;
  }

  /** Completion after `](path#`: a deferred file typed there is parsed first (deferredReads.ts). */
  loadAnchorTarget(uri: string, position: { line: number; character: number }): void {
    if (this.deferred.size === 0) return;
    const doc = this.documents.get(uri);
    if (!doc) return;
    const target = typedAnchorTarget(this.index, this.deferred, uri, doc.getText({ start: { line: position.line, character: 0 }, end: position }));
    const path = target && this.deferred.get(target);
    if (!target || path === undefined) return;
    this.deferred.delete(target);
    this.loadFromDisk(target, path, true);
  }

  /** Before `workspace/willRenameFiles`: the deferred files that may link to the moved paths are parsed. Returns how many were read. */
  loadForMoves(moves: readonly FileMove[]): number {
    if (this.deferred.size === 0) return 0;
    const found = deferredForMoves(this.deferred, moves, (path) => {
      const file = this.env.read(path, this.options.maxFileSize);
      return file.ok ? file : undefined;
    });
    for (const { uri, path, file } of found.files) this.take(uri, path, { ok: true, facts: readDocument(uri, file.text, this.options), warning: file.warning, cached: false });
    return found.read;
  }

  private textOf(uri: string): string | undefined {
    const open = this.documents.get(uri);
    if (open) return open.getText();
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return undefined;
    const read = this.env.read(parsed.fsPath, this.options.maxFileSize);
    return read.ok ? read.text : undefined;
  }

  // ---- Events ----------------------------------------------------------------------------------

  onDocumentChanged(uri: string): void {
    this.publishing.markChanged(uri);
    this.publishing.schedule(EDIT_DEBOUNCE_MS);
  }

  onDocumentClosed(uri: string): void {
    const held = this.documents.closed(uri);
    const onDisk = URI.parse(uri).scheme === 'file' && this.index.folderOf(uri) !== undefined && !this.isExcluded(uri) && this.env.host.stat(uri) === 'file';
    // What was open is read whole again from disk (it may be linked to; it is one file), unless the
    // index holds that very text; a large file in the background (closedReread.ts).
    const path = URI.parse(uri).fsPath;
    const changed = () => (this.publishing.markChanged(uri), this.publishing.schedule(EDIT_DEBOUNCE_MS));
    if (onDisk) rereadClosed(uri, path, held, { env: this.env, options: () => this.options, documents: this.documents, take: (r) => this.take(uri, path, r), changed });
    else this.index.delete(uri);
    changed();
  }

  onWatchedFiles(changes: { uri: string; type: FileChangeType }[]): void {
    // A folder's .issue-log.json changed: read again, re-checked (or re-indexed) as a settings change.
    if (changes.some((c) => isConfigFileUri(c.uri) && this.folders.some((f) => ConfigFiles.uriOf(f) === URI.parse(c.uri).toString()))) void this.onConfigurationChanged();
    // A .gitignore changed what the workspace is: indexed anew (rare; the warm cache keeps it short).
    if (this.options.useGitignore && this.env.isIgnored && ignoreFileChanged(changes, this.folders, (dir) => this.index.folderOf(dir) !== undefined && !this.isExcluded(dir, true))) return void this.reindex('a .gitignore file changed');
    this.fileEvents.add(changes, this.indexing);
    this.publishing.schedule(FILE_EVENT_DEBOUNCE_MS);
  }

  /**
   * New settings: when they change what is indexed or how it is parsed (REINDEX_SETTINGS), the
   * workspace is indexed anew; otherwise the index takes the new options and every log is re-checked.
   */
  async onConfigurationChanged(): Promise<void> {
    const run = this.run;
    const settings = await this.settings.pull(this.folders[0]);
    if (run !== this.run) return;
    this.env.host.invalidate();
    this.configFiles.reload(this.folders);
    const { options, problems } = this.settings.resolve(settings, this.configFiles.settings(this.folders));
    if (this.settings.needsReindex(this.options, options)) return void this.reindex('the settings changed', settings);
    this.settings.report(problems);
    this.options = options;
    this.index.options = options;
    this.index.touch();
    this.publishing.markAllPublished();
    this.publishing.schedule(0);
  }

  async shutdown(): Promise<void> {
    this.publishing.dispose();
    this.documents.stopReads();
    await this.run?.cancel();
  }

  // ---- Indexing --------------------------------------------------------------------------------

  /**
   * Builds the index anew: settings, then the closed files through the loading pipeline (worker
   * threads, the warm cache) while the open documents are read on this thread, then provisional
   * diagnostics for them; the index takes the closed files in the walk's order. A newer call
   * cancels an older one.
   */
  async reindex(reason?: string, pulled?: IssueLogSettings): Promise<void> {
    void this.run?.cancel();
    const run = new IndexingRun(this.env, (m) => this.connection.console.error(m));
    this.run = run;
    this.indexing = true;
    this.openDocumentsIndexed = false;
    const settings = pulled ?? (await this.settings.pull(this.folders[0]));
    if (run.cancelled) return;
    this.env.setFolders?.(this.folders);
    this.env.host.invalidate();
    this.configFiles.reload(this.folders);
    const { options, problems } = this.settings.resolve(settings, this.configFiles.settings(this.folders));
    this.options = options;
    this.env.readIgnoreFiles?.(options.useGitignore);
    this.settings.report(problems);
    this.index = new WorkspaceIndex(this.options, this.folders, this.env.host);
    this.documents.reset();
    this.log.reset();
    this.deferred.clear();
    this.fileEvents.clearIndexingEvents();
    if (reason) this.connection.console.info(`Re-indexing because ${reason}.`);

    const progress = await IndexingProgress.create(this.connection, SLICE_MS, { notifyMs: this.env.progressNotifyMs, first: !this.indexedOnce });
    if (run.cancelled) return progress.done();
    const open = this.documents.all().filter((d) => !this.isExcluded(d.uri));
    const openUris = new Set(open.map((d) => d.uri));
    const walked = walkFolders(this.env, this.folders, this.options.exclude, (path, message) => this.log.skipped(URI.file(path).toString(), message));
    const files = walked.filter((f) => !openUris.has(f.uri));
    progress.begin(open.length + files.length);
    const report = (done: number) => progress.report(done);

    const outcome = await run.load(this.options, this.cacheDir, {
      files,
      openCount: open.length,
      indexOpenDocuments: async () => {
        let slice = Date.now();
        for (const [i, doc] of open.entries()) {
          if (run.cancelled) return false;
          this.indexOpenDocument(doc);
          if (Date.now() - slice >= SLICE_MS) {
            report(i + 1);
            await yieldToEventLoop();
            slice = Date.now();
          }
        }
        if (run.cancelled) return false;
        this.openDocumentsIndexed = true;
        // What the open documents say that the rest of the workspace cannot change, at once.
        if (open.length > 0) this.publishing.now();
        return true;
      },
      accept: (file, result) => this.acceptLoaded(file, result),
      onProgress: (done) => report(open.length + done),
    });
    const complete = !!outcome && !run.cancelled;
    if (complete) this.indexedOnce = true;
    progress.done(complete);
    if (!complete) return;
    this.loadLinkTargets(this.linkingDocuments());
    for (const uri of this.deferred.keys()) this.index.set(placeholderFacts(uri, this.options));
    this.indexing = false;
    this.fileEvents.clearIndexingEvents();
    this.connection.console.info(indexedSummary(this.index.size, this.index.logs().length, Date.now() - run.started, outcome));
    // Everything is republished: the options may have changed what every log reports.
    this.publishing.markAllPublished();
    this.notifiedVersion = -1;
    this.publishing.schedule(0);
  }

  /** Takes what the pipeline made of a closed file (in the walk's order). */
  private acceptLoaded(file: FileToLoad, result: ParseResult): void {
    // Opened meanwhile: the editor's text counts (syncOpenDocuments). Changed on disk since it was
    // read: the file events read it again.
    if (this.documents.get(file.uri) || this.fileEvents.changedWhileIndexing(file.uri)) return;
    this.take(file.uri, file.path, result);
  }

  /** Puts a loaded file in the index (or among the deferred files), logging what was wrong with it. */
  private take(uri: string, path: string, result: ParseResult): boolean {
    this.log.warning(uri, result.warning);
    if (!result.ok) {
      this.log.skipped(uri, result.reason);
      this.index.delete(uri);
      return false;
    }
    if (!result.facts) {
      this.deferred.set(uri, path);
      // While indexing, a file not in the index yet has its anchors left unchecked (partial): its
      // placeholder comes at the end of the run, once the links to it are known.
      if (this.indexing) this.index.delete(uri);
      else this.index.set(placeholderFacts(uri, this.options));
      return true;
    }
    this.deferred.delete(uri);
    this.log.parseProblems(uri, result.facts);
    this.index.set(result.facts);
    return true;
  }

  /** Reads a closed file into the index (`force`: parsed whatever the pre-scan says). */
  private loadFromDisk(uri: string, path: string, force = false): DocumentFacts | undefined {
    const result = loadOne(this.env, { path, uri, force }, this.options);
    this.take(uri, path, result);
    return result.ok ? result.facts : undefined;
  }

  /** The deferred files that these logs link to are parsed (their anchors are checked). */
  private loadLinkTargets(docs: Iterable<DocumentFacts>): void {
    loadLinkTargets(this.index, this.deferred, docs, (uri, path) => {
      const r = loadOne(this.env, { path, uri, force: true }, this.options);
      this.log.warning(uri, r.warning);
      if (r.ok && r.facts) this.log.parseProblems(uri, r.facts);
      return r.ok ? r.facts : undefined;
    });
  }

  // ---- Documents and files ---------------------------------------------------------------------

  /** Applies pending file events and brings the index up to every open document's version. */
  prepare(): void {
    this.applyFileEvents();
    this.syncOpenDocuments();
  }

  syncOpenDocuments(): void {
    for (const doc of this.documents.all()) {
      // A document being read in the background is left as the index holds it. A read that finished
      // gives the version it read: the edits made since are read next (a second turn).
      for (let turn = 0; turn < 2 && this.documents.isStale(doc) && !this.documents.isReading(doc.uri) && !this.isExcluded(doc.uri); turn++) this.indexOpenDocument(doc);
    }
  }

  private indexOpenDocument(doc: Parameters<OpenDocuments['read']>[0]): void {
    // A background read's end starts a publishing run (as an edit would), which takes its result.
    const read = this.documents.read(doc, this.options, this.env.openTexts, (uri) => this.onDocumentChanged(uri));
    this.deferred.delete(doc.uri);
    if (read.kind === 'reading') return;
    if (read.kind === 'notChecked') {
      if (read.fresh) this.log.skipped(doc.uri, read.reason);
      this.index.delete(doc.uri);
      return;
    }
    const facts = read.facts;
    this.log.parseProblems(doc.uri, facts);
    const wasLog = this.index.get(doc.uri)?.isLog === true;
    this.index.set(facts);
    if (this.deferred.size === 0) return;
    // A document that became a log brings the documents that link to it into its family: what they link to is read too.
    const docs = [facts];
    if (!wasLog && this.index.get(doc.uri)?.isLog) for (const from of this.index.backlinks().get(doc.uri) ?? []) docs.push(this.index.get(from)!);
    this.loadLinkTargets(docs);
  }

  /** Applies the pending file events, each checked against the disk (fileEvents.ts). */
  applyFileEvents(): void {
    const applied = this.fileEvents.apply({
      indexedUnder: (uri) => urisUnder(uri, [...[...this.index.documents].map((d) => d.uri), ...this.deferred.keys()]),
      isOpen: (uri) => !!this.documents.get(uri),
      isWatched: (uri) => this.index.folderOf(uri) !== undefined && !this.isExcluded(uri),
      kindOf: (uri) => this.env.host.stat(uri),
      filesUnder: (uri) => (this.index.folderOf(uri) === undefined ? [] : markdownUnder(this.env, uri, this.options.exclude)),
      remove: (uri) => {
        this.index.delete(uri);
        this.deferred.delete(uri);
        this.publishing.markChanged(uri);
      },
      reload: (uri) => {
        this.loadFromDisk(uri, URI.parse(uri).fsPath);
        this.publishing.markChanged(uri);
      },
      invalidateExistence: () => {
        this.env.host.invalidate();
        this.env.readIgnoreFiles?.(this.options.useGitignore);
      },
    });
    if (!applied) return;
    // Existence answers may have changed for links to any file.
    this.index.touch();
    this.loadLinkTargets(this.linkingDocuments());
  }

  /** The documents whose links' targets must be parsed: the logs and their family (their anchors are checked) and the open documents. */
  private linkingDocuments(): DocumentFacts[] {
    const docs = linkCheckedDocuments(this.index);
    for (const doc of this.documents.all()) {
      const facts = this.index.get(doc.uri);
      if (facts && !docs.includes(facts)) docs.push(facts);
    }
    return docs;
  }

  /** Left out of the workspace: exclude globs, node_modules and .git, `.gitignore` files (`isDir`: a folder's URI). */
  private isExcluded(uri: string, isDir = false): boolean {
    const rel = this.index.relativeToFolder(uri);
    if (rel === undefined) return false;
    if (this.excluded?.globs !== this.options.exclude) this.excluded = { globs: this.options.exclude, matches: excludeMatcher(this.options.exclude) };
    return this.excluded.matches(rel) || (this.options.useGitignore && this.env.isIgnored?.(URI.parse(uri).fsPath, isDir) === true);
  }

  onError(err: unknown): void {
    this.connection.console.error(`Publishing diagnostics failed: ${(err as Error)?.stack ?? err}`);
  }

  /** Tells the client once the complete index changed (its open-issues view would be partial before). */
  indexComplete(index: WorkspaceIndex): void {
    if (index.version === this.notifiedVersion) return;
    this.notifiedVersion = index.version;
    void this.connection.sendNotification(IndexChangedNotification, { openCount: index.allStats().counts.open, logCount: index.logs().length });
    this.onIndexComplete?.(index);
  }
}

