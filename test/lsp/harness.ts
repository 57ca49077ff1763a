/**
 * Drives the real language server (`node dist/cli.js lsp --stdio`) over JSON-RPC, as an editor would,
 * and records what it sends: diagnostics by document, indexChanged notifications, log messages.
 * Waiting is event-driven (a predicate re-checked on every message, with a timeout), never a sleep.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
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
  type Range,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { IndexChangedNotification, type IndexChangedParams } from '../../server/src/protocol';

export const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const SERVER = path.join(REPO, 'dist', 'server.js');

/** Newest modification time of the files under `dir` (recursive). */
function newest(dir: string): number {
  let max = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return max;
}

/** Builds dist/ when it is missing or older than the server's sources (`npm test` builds first anyway). */
export function ensureBuilt(): void {
  const stale = !fs.existsSync(CLI) || !fs.existsSync(SERVER) || Math.min(fs.statSync(CLI).mtimeMs, fs.statSync(SERVER).mtimeMs) < newest(path.join(REPO, 'server', 'src'));
  if (stale) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
}

export const joinLines = (...lines: string[]) => lines.join('\n') + '\n';

/** A temporary folder with `files` (relative path → text); removed by `dispose`. */
export class TempWorkspace {
  readonly root: string;
  constructor(files: Record<string, string> = {}, copyFrom?: string) {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-lsp-')));
    if (copyFrom) fs.cpSync(copyFrom, this.root, { recursive: true });
    for (const [rel, text] of Object.entries(files)) this.write(rel, text);
  }
  path(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }
  uri(rel: string): string {
    return URI.file(this.path(rel)).toString();
  }
  get folderUri(): string {
    return URI.file(this.root).toString();
  }
  read(rel: string): string {
    return fs.readFileSync(this.path(rel), 'utf8');
  }
  write(rel: string, text: string): void {
    fs.mkdirSync(path.dirname(this.path(rel)), { recursive: true });
    fs.writeFileSync(this.path(rel), text);
  }
  remove(rel: string): void {
    fs.rmSync(this.path(rel), { recursive: true, force: true });
  }
  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

type Waiter = { check: () => boolean; resolve: () => void };

export interface StartOptions {
  /** What `workspace/configuration` answers for `issueLog`. */
  settings?: Record<string, unknown>;
  /** Advertise window.workDoneProgress (default true). */
  progress?: boolean;
  /** Advertise textDocument.definition.linkSupport (default true). */
  definitionLinks?: boolean;
  /** How long indexing may take (default 10 s). */
  readyTimeoutMs?: number;
  /** More command-line arguments after `lsp --stdio` (`--cache-dir DIR`). */
  args?: string[];
  /** Sent as `initializationOptions`. */
  initializationOptions?: unknown;
  /** Runs right after `initialized`, before indexing reads the open documents (to open some). */
  afterInitialized?: (client: LspClient) => Promise<void>;
}

export class LspClient {
  readonly connection: ProtocolConnection;
  /** Every publishDiagnostics, in order of arrival. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly indexChanged: IndexChangedParams[] = [];
  /** For each progress end (indexing done), how many publishDiagnostics had arrived before it. */
  readonly publishedBeforeProgressEnd: number[] = [];
  readonly logs: string[] = [];
  readonly progress: (WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd)[] = [];
  readonly stderr: string[] = [];
  settings: Record<string, unknown>;
  private waiters: Waiter[] = [];
  private versions = new Map<string, number>();
  private exited = false;

  private constructor(
    readonly child: ChildProcess,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    child.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    child.on('exit', () => {
      this.exited = true;
      this.poke();
    });
    const c = this.connection;
    c.onNotification(PublishDiagnosticsNotification.type, (p) => this.record(() => this.published.push(p)));
    c.onNotification(IndexChangedNotification, (p) => this.record(() => this.indexChanged.push(p)));
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
    c.listen();
  }

  /** Spawns the server on `folderUri`, initializes it and waits until the workspace is indexed. */
  static async start(folderUri: string | undefined, options: StartOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [CLI, 'lsp', '--stdio', ...(options.args ?? [])], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new LspClient(child, options.settings ?? {});
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folderUri ?? null,
      initializationOptions: options.initializationOptions,
      workspaceFolders: folderUri ? [{ uri: folderUri, name: path.basename(URI.parse(folderUri).fsPath) }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        window: { workDoneProgress: options.progress ?? true },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          rename: { prepareSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          definition: { linkSupport: options.definitionLinks ?? true },
        },
      },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
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
        reject(new Error(`Timed out waiting for ${what}; stderr: ${this.stderr.join('').slice(-2000)}`));
      }, timeoutMs);
      const waiter: Waiter = {
        check: () => this.exited || check(),
        resolve: () => {
          clearTimeout(timer);
          if (this.exited && !check()) reject(new Error(`The server exited while waiting for ${what}; stderr: ${this.stderr.join('')}`));
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

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  }

  /** Replaces the whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Sends range changes (applied in order, as an editor does); returns the new version. */
  async edit(uri: string, contentChanges: { range: Range; text: string }[]): Promise<number> {
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

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => (this.exited ? resolve() : this.child.once('exit', () => resolve())));
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      this.child.kill();
    }
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

export { FileChangeType };

/** The seed log as `06-Master/MASTER-ISSUE-LOG.md`, plus small phase files for some of its references. */
export function seedWorkspace(): TempWorkspace {
  const seed = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md'), 'utf8');
  return new TempWorkspace({
    '06-Master/MASTER-ISSUE-LOG.md': seed,
    '04-Backend-Optimization/issues-and-solutions.md': joinLines(
      '# Backend Optimization: Issues and Solutions',
      '',
      '## Issue 1',
      '- **Title**: Connection Pool Exhaustion',
      '- **Severity**: Critical',
      '- **Status**: Resolved',
      '- **Time to Resolution**: 4 hours',
      '',
      'PgBouncer in transaction mode fixed it.',
      '',
      '## Issue 2',
      '- **Title**: Memory Leak in Production',
      '- **Severity**: Critical',
      '- **Status**: Resolved',
      '- **Time to Resolution**: 8 hours',
    ),
    '05-Infrastructure-Scaling/issues-and-solutions.md': joinLines(
      '# Infrastructure Scaling: Issues and Solutions',
      '',
      '## Issue 1',
      '- **Title**: Session Persistence Breaking',
      '- **Severity**: Critical',
      '- **Status**: Resolved',
      '- **Time to Resolution**: 2 hours',
    ),
  });
}
