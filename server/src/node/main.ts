/**
 * The language server's entry point on Node (bundled to dist/server.js). The transport comes from the
 * command line: `--stdio` (`issue-log lsp --stdio`), `--node-ipc` (the VS Code extension), `--socket=N`
 * or `--pipe NAME`. Streams are read by framing.ts (a bad message is answered and reading goes on), and
 * the client's process is watched by parentWatch.ts. The console goes to the client's output, and an
 * error that escapes a handler is logged, not fatal. (vscode-languageserver/node is not imported: its
 * module start-up arms a watch of `--clientProcessId` that takes EPERM for death.)
 */
import * as net from 'node:net';
import * as path from 'node:path';
import { IPCMessageReader, IPCMessageWriter, StreamMessageWriter, type MessageReader, type MessageWriter } from 'vscode-languageserver-protocol/node';
import { startServer } from '../server';
import { createServerConnection } from '../lsp/serverConnection';
import { FramedMessageReader } from './framing';
import { nodeSource } from './loadWorkspace';
import { NodeWorkspaceHost } from './nodeHost';
import { PoolTextReader } from './openTextReader';
import { ParentWatch } from './parentWatch';

/** Lines that must be seen even when the client is gone or not listening (stderr is not the protocol). */
const toStderr = (line: string) => process.stderr.write(`[issue-log] ${line}\n`);

/** The transport the command line names (as vscode-languageserver/node reads it). */
function openTransport(argv: string[]): { reader: MessageReader; writer: MessageWriter; ipc: boolean } {
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = argv[i].includes('=') ? argv[i].split('=', 2) : [argv[i], argv[i + 1]];
    if (flag === '--node-ipc') return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), ipc: true };
    if (flag === '--stdio') return { reader: new FramedMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout), ipc: false };
    if ((flag === '--socket' && Number(value) > 0) || (flag === '--pipe' && value)) {
      const socket = flag === '--socket' ? net.createConnection(Number(value), '127.0.0.1') : net.createConnection(value);
      return { reader: new FramedMessageReader(socket), writer: new StreamMessageWriter(socket), ipc: false };
    }
  }
  throw new Error("The language server needs a transport on its command line: '--stdio', '--node-ipc', '--socket=N' or '--pipe NAME'.");
}

const transport = openTransport(process.argv.slice(2));
const watchDog = new ParentWatch({
  argv: process.argv.slice(2),
  log: (line) => {
    toStderr(line);
    connection.console.error(line);
  },
  exit: (code) => process.exit(code),
});
const connection = createServerConnection(transport.reader, transport.writer, { watchDog, log: toStderr });
// The client closed the stream (or the IPC channel): nothing will come any more.
const clientGone = (what: string) => {
  if (!watchDog.shutdownReceived) toStderr(`The client closed ${what} without shutdown; the language server exits.`);
  watchDog.exit(watchDog.shutdownReceived ? 0 : 1);
};
transport.reader.onClose(() => clientGone('the connection'));
if (transport.ipc) process.on('disconnect', () => clientGone('the IPC channel'));

// With --stdio, stdout is the protocol stream: nothing else may write to it.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

const describe = (err: unknown) => (err instanceof Error ? (err.stack ?? err.message) : String(err));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${describe(reason)}`));
process.on('uncaughtException', (err) => connection.console.error(`Uncaught exception: ${describe(err)}`));

/** `--cache-dir DIR` (or `--cache-dir=DIR`) on the command line (`issue-log lsp --stdio --cache-dir DIR`). */
function cacheDirArgument(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cache-dir' && argv[i + 1]) return path.resolve(argv[i + 1]);
    if (argv[i].startsWith('--cache-dir=') && argv[i].length > '--cache-dir='.length) return path.resolve(argv[i].slice('--cache-dir='.length));
  }
  return undefined;
}

startServer(connection, {
  host: new NodeWorkspaceHost(),
  // The loading pipeline's Node source: closed files are parsed on worker threads (one per core),
  // through the warm cache when there is a folder for it; nothing outside the folders is read.
  ...nodeSource(),
  cacheDir: cacheDirArgument(process.argv.slice(2)),
  // Large open documents are read on a worker thread, with the time limit of closed files.
  openTexts: { reader: new PoolTextReader() },
});
