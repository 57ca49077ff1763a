/**
 * The real server (`startServer` of server/src/server.ts) in this process, on two in-memory streams,
 * over an in-memory workspace: the fast way to test what the server does. The client side is
 * client.ts, shared with the process harness (processServer.ts).
 */
import { PassThrough } from 'node:stream';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { createServerConnection } from '../../server/src/lsp/serverConnection';
import { startServer, type ServerEnvironment } from '../../server/src/server';
import { LspClient, type ServerHandle, type StartOptions } from './client';
import { InMemoryWorkspace } from './inMemoryWorkspace';
import { joinLines } from '../unit/helpers';
import { BACKEND, INFRA, MASTER, seedFiles } from './seed';

/**
 * The server in this process. It never sees `exit` (its watch dog is inert, so `exit` would end nothing),
 * nor a parent process id to watch.
 * After `shutdown` its connection is left open, not disposed: a publish timer still due would throw on
 * a disposed one, and fail whichever test runs then. Nothing reads it any more (the server's unref'd
 * midnight timer keeps it in memory until mocha ends: a small workspace each).
 */
class InProcessHandle implements ServerHandle {
  readonly processId = null;
  readonly exited = false;
  onExit(): void {}
  /** Nothing goes around the protocol: the server's log lines are in the client's `logs`. */
  output(): string {
    return '';
  }
  async end(): Promise<void> {}
}

export type InProcessClient = LspClient<InProcessHandle>;

export interface InProcessOptions extends StartOptions {
  /** The cache folder the server is started with (as `--cache-dir`); only a parser would use it. */
  cacheDir?: string;
  /** A parser of closed files (fakeParser.ts); without one, the server parses them itself. */
  createParser?: ServerEnvironment['createParser'];
  /** How large open documents are read (a reader on worker threads, thresholds); without it, in slices on this thread. */
  openTexts?: ServerEnvironment['openTexts'];
  /** How often the server sends issueLog/indexingProgress (0: at every step). */
  progressNotifyMs?: number;
}

/** Starts the server on `workspace` (none: no workspace folder), initializes it and waits until it is indexed. */
export function startInProcess(workspace: InMemoryWorkspace | undefined, options: InProcessOptions = {}): Promise<InProcessClient> {
  const env: ServerEnvironment = { ...(workspace ?? new InMemoryWorkspace()).environment(options.cacheDir), createParser: options.createParser, openTexts: options.openTexts, progressNotifyMs: options.progressNotifyMs };
  return startOnEnvironment(env, workspace?.folderUri, options);
}

/** Starts the server in this process on any environment (the Node one of node/main.ts, say) for `folderUri`. */
export function startOnEnvironment(env: ServerEnvironment, folderUri: string | undefined, options: StartOptions = {}): Promise<InProcessClient> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  // As node/main.ts builds it (the message gate included), with no watch on a client process.
  const connection = createServerConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(connection, env);
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  return LspClient.start(client, new InProcessHandle(), folderUri, options);
}

/** The seed workspace in memory. */
export const seedInMemory = () => new InMemoryWorkspace(seedFiles());

/**
 * The seed workspace of the feature tests, with a link to a renamed heading's slug (rename must follow
 * it), a misspelt fragment (quick fix), a README and a file name with a space; served in process,
 * its seed diagnostics published.
 */
export async function startOnFeatureWorkspace(): Promise<{ ws: InMemoryWorkspace; client: InProcessClient }> {
  const ws = seedInMemory();
  ws.write(BACKEND, ws.read(BACKEND) + joinLines('', 'Registered as [CRIT-001](../06-Master/MASTER-ISSUE-LOG.md#crit-001-connection-pool-exhaustion).'));
  ws.write(INFRA, ws.read(INFRA) + joinLines('', 'Counted in [the statistics](../06-Master/MASTER-ISSUE-LOG.md#issue-summary-statistic).'));
  ws.write('README.md', joinLines('# Notes', '', 'Nothing to see here.'));
  ws.write('07-Notes/Runbook Notes.md', joinLines('# Runbook', '', '## Cache warmup'));
  const client = await startInProcess(ws);
  await client.waitForDiagnostics(ws.uri(MASTER), (d) => d.length > 0, 'the seed diagnostics');
  return { ws, client };
}
