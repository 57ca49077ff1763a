/**
 * The language server's entry point on Node (bundled to dist/server.js). The transport comes from the
 * command line: `--stdio` (`issue-log lsp --stdio`), `--node-ipc` (the VS Code extension) or `--socket`.
 * The console goes to the client's output, and an error that escapes a handler is logged, not fatal.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import * as path from 'node:path';
import { startServer } from '../server';
import { nodeSource } from './loadWorkspace';
import { NodeWorkspaceHost } from './nodeHost';
import { PoolTextReader } from './openTextReader';

const connection = createConnection(ProposedFeatures.all);

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
