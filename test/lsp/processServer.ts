/**
 * The real language server binary (`node dist/cli.js lsp --stdio`) as a child process, for the tests
 * that are about the process and the transport (lifecycle over the wire, the worker-thread parser and
 * its cache folder, a smoke test of the bundle); and a temporary folder on disk for it to read.
 * The client side is client.ts, shared with the in-process harness.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createProtocolConnection, ExitNotification, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { LspClient, type ServerHandle, type StartOptions } from './client';
import type { TestWorkspace } from './inMemoryWorkspace';
import { REPO, seedFiles } from './seed';

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

/** A temporary folder with `files` (relative path → content); removed by `dispose`. */
export class TempWorkspace implements TestWorkspace {
  readonly root: string;
  constructor(files: Record<string, string | Uint8Array> = {}) {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-lsp-')));
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
  write(rel: string, content: string | Uint8Array): void {
    fs.mkdirSync(path.dirname(this.path(rel)), { recursive: true });
    fs.writeFileSync(this.path(rel), content);
  }
  remove(rel: string): void {
    fs.rmSync(this.path(rel), { recursive: true, force: true });
  }
  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** The seed workspace on disk. */
export const seedOnDisk = () => new TempWorkspace(seedFiles());

/** The server process: its exit, its stderr, and `exit` then a kill if it lingers. */
class ProcessHandle implements ServerHandle {
  readonly processId = process.pid;
  exited = false;
  /** How the process ended: its exit code, or the signal that killed it. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly stderr: string[] = [];
  constructor(readonly child: ChildProcess) {
    child.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    child.on('exit', (code, signal) => {
      this.exited = true;
      this.exit = { code, signal };
    });
  }
  onExit(listener: () => void): void {
    this.child.on('exit', listener);
  }
  output(): string {
    return this.stderr.join('');
  }
  async end(connection: ProtocolConnection): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await connection.sendNotification(ExitNotification.type).catch(() => this.child.kill());
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  }
}

export type ProcessClient = LspClient<ProcessHandle>;

/** Spawns `node dist/cli.js lsp --stdio ...args` on `folderUri`, initializes it and waits until it is indexed. */
export function startProcessServer(folderUri: string | undefined, options: StartOptions & { args?: string[] } = {}): Promise<ProcessClient> {
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio', ...(options.args ?? [])], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  return LspClient.start(connection, new ProcessHandle(child), folderUri, options);
}
