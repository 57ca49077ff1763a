/**
 * The language server's entry point on Node (bundled to dist/server.js). The transport comes from the
 * command line: `--stdio` (`issue-log lsp --stdio`), `--node-ipc` (the VS Code extension) or `--socket`.
 * The console goes to the client's output, and an error that escapes a handler is logged, not fatal.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';
import { NodeWorkspaceHost, readMarkdownFile, walkMarkdown } from './nodeHost';

const connection = createConnection(ProposedFeatures.all);

// With --stdio, stdout is the protocol stream: nothing else may write to it.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

const describe = (err: unknown) => (err instanceof Error ? (err.stack ?? err.message) : String(err));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${describe(reason)}`));
process.on('uncaughtException', (err) => connection.console.error(`Uncaught exception: ${describe(err)}`));

startServer(connection, {
  host: new NodeWorkspaceHost(),
  walk: (folder, exclude, onProblem) => walkMarkdown(folder, { exclude, onProblem: (p) => onProblem(p.path, p.message) }),
  read: (path, maxSize) => readMarkdownFile(path, maxSize),
});
