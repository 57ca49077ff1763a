/**
 * The editor's side of an LSP test, whatever runs the server (inProcess.ts: in this process on
 * in-memory streams; harness.ts: `node dist/cli.js lsp --stdio`). It records what the server sends
 * (diagnostics by document, indexChanged, log lines, progress) and waits on it event-driven: a
 * predicate re-checked on every message, with a timeout, never a sleep.
 */
import * as path from 'node:path';
import {
  CodeLensRefreshRequest,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  WorkDoneProgressCreateRequest,
  WorkDoneProgress,
  FileChangeType,
  type Diagnostic,
  type ServerCapabilities,
  type Range,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { IndexChangedNotification, IndexingProgressNotification, type IndexChangedParams, type IndexingProgressParams } from '../../server/src/protocol';

export { FileChangeType };

/** How the server runs: what the client needs to know about it and how to end it. */
export interface ServerHandle {
  /** Sent as initialize's `processId` (null in process: the server must not watch its parent). */
  readonly processId: number | null;
  /** The server is gone (its process exited). */
  readonly exited: boolean;
  onExit(listener: () => void): void;
  /** What the server wrote outside the protocol (stderr), for failure messages. */
  output(): string;
  /** Ends the server once `shutdown` was answered (or could not be). */
  end(connection: ProtocolConnection): Promise<void>;
}

export interface StartOptions {
  /** What `workspace/configuration` answers for `issueLog`. */
  settings?: Record<string, unknown>;
  /** Advertise window.workDoneProgress (default true). */
  progress?: boolean;
  /** Advertise textDocument.definition.linkSupport (default true). */
  definitionLinks?: boolean;
  /** How long indexing may take (default 10 s). */
  readyTimeoutMs?: number;
  /** Advertise workspace.workspaceEdit.documentChanges (default false: edits come as `changes`). */
  documentChanges?: boolean;
  /** Sent as `initializationOptions`. */
  initializationOptions?: unknown;
  /** Advertise workspace.codeLens.refreshSupport (default false). */
  codeLensRefresh?: boolean;
  /** Runs right after `initialized`, before indexing reads the open documents (to open some). */
  afterInitialized?: (client: LspClient) => Promise<void>;
}

type Waiter = { check: () => boolean; resolve: () => void };

export class LspClient<H extends ServerHandle = ServerHandle> {
  /** Every publishDiagnostics, in order of arrival. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly indexChanged: IndexChangedParams[] = [];
  /** Every issueLog/indexingProgress, in order of arrival. */
  readonly indexingProgress: IndexingProgressParams[] = [];
  /** For each progress end (indexing done), how many publishDiagnostics had arrived before it. */
  readonly publishedBeforeProgressEnd: number[] = [];
  readonly logs: string[] = [];
  /** How many workspace/codeLens/refresh requests the server sent. */
  codeLensRefreshes = 0;
  /** What the server answered to initialize. */
  capabilities: ServerCapabilities = {};
  readonly progress: (WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd)[] = [];
  settings: Record<string, unknown>;
  private waiters: Waiter[] = [];
  private versions = new Map<string, number>();
  private stopped = false;

  private constructor(
    readonly connection: ProtocolConnection,
    readonly server: H,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    server.onExit(() => this.poke());
    const c = connection;
    c.onNotification(PublishDiagnosticsNotification.type, (p) => this.record(() => this.published.push(p)));
    c.onNotification(IndexChangedNotification, (p) => this.record(() => this.indexChanged.push(p)));
    c.onNotification(IndexingProgressNotification, (p) => this.record(() => this.indexingProgress.push(p)));
    c.onNotification(LogMessageNotification.type, (p) => this.record(() => this.logs.push(p.message)));
    c.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'issueLog' ? this.settings : null)));
    c.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      c.onProgress(WorkDoneProgress.type, p.token, (value) =>
        this.record(() => {
          this.progress.push(value);
          if (value.kind === 'end') this.publishedBeforeProgressEnd.push(this.published.length);
        }),
      );
    });
    c.onRequest(RegistrationRequest.type, () => undefined);
    c.onRequest(CodeLensRefreshRequest.type, () => this.record(() => this.codeLensRefreshes++));
    c.listen();
  }

  /** Initializes the server on `folderUri` over `connection` and waits until the workspace is indexed. */
  static async start<H extends ServerHandle>(connection: ProtocolConnection, server: H, folderUri: string | undefined, options: StartOptions = {}): Promise<LspClient<H>> {
    const client = new LspClient(connection, server, options.settings ?? {});
    const initialized = await connection.sendRequest(InitializeRequest.type, {
      processId: server.processId,
      rootUri: folderUri ?? null,
      initializationOptions: options.initializationOptions,
      workspaceFolders: folderUri ? [{ uri: folderUri, name: path.basename(URI.parse(folderUri).fsPath) }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true, codeLens: { refreshSupport: options.codeLensRefresh ?? false }, workspaceEdit: { documentChanges: options.documentChanges ?? false } },
        window: { workDoneProgress: options.progress ?? true },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          rename: { prepareSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          definition: { linkSupport: options.definitionLinks ?? true },
        },
      },
    });
    client.capabilities = initialized.capabilities;
    await connection.sendNotification(InitializedNotification.type, {});
    await options.afterInitialized?.(client);
    await client.waitFor(() => client.indexChanged.length > 0, 'the first issueLog/indexChanged (indexing done)', options.readyTimeoutMs);
    return client;
  }

  private record(f: () => void): void {
    f();
    this.poke();
  }

  private poke(): void {
    for (const w of [...this.waiters]) {
      if (w.check()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  /** Resolves when `check` holds (re-checked on every message from the server); rejects after `timeoutMs`. */
  waitFor(check: () => boolean, what: string, timeoutMs = 10000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`Timed out waiting for ${what}; last log lines: ${this.logs.slice(-10).join(' | ')}; server output: ${this.server.output().slice(-2000)}`));
      }, timeoutMs);
      const waiter: Waiter = {
        check: () => this.server.exited || check(),
        resolve: () => {
          clearTimeout(timer);
          if (this.server.exited && !check()) reject(new Error(`The server exited while waiting for ${what}; server output: ${this.server.output()}`));
          else resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** The last diagnostics published for `uri` (undefined when none were). */
  diagnostics(uri: string): Diagnostic[] | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i].diagnostics;
    return undefined;
  }

  /** Waits until the last diagnostics published for `uri` satisfy `check`; returns them. */
  async waitForDiagnostics(uri: string, check: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
    await this.waitFor(() => {
      const d = this.diagnostics(uri);
      return d !== undefined && check(d);
    }, `diagnostics of ${uri}: ${what}`);
    return this.diagnostics(uri)!;
  }

  /** Waits for the diagnostics of `version` of `uri`; returns them. */
  async waitForVersion(uri: string, version: number, timeoutMs?: number): Promise<Diagnostic[]> {
    const of = () => this.published.filter((p) => p.uri === uri && p.version === version).pop();
    await this.waitFor(() => of() !== undefined, `diagnostics of ${uri} version ${version}`, timeoutMs);
    return of()!.diagnostics;
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  }

  /** Replaces the whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    return this.edit(uri, [{ text }]);
  }

  /** Sends changes (ranges applied in order, as an editor does); returns the new version. */
  async edit(uri: string, contentChanges: ({ range: Range; text: string } | { text: string })[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async fileEvents(...changes: { uri: string; type: FileChangeType }[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Shuts the server down and ends it; safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (!this.server.exited) await this.connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await this.server.end(this.connection);
    this.connection.dispose();
  }
}
