/**
 * The language client: starts `dist/server.js` over IPC, and tells the user (not only the log) when
 * the server fails to initialize or keeps crashing (restarts: restartPolicy.ts).
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  ResponseError,
  RevealOutputChannelOn,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type Message,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { IssueLogInitializationOptions } from '../../server/src/protocol';
import { linkMovesMiddleware } from './linkMoves';
import { RestartPolicy } from './restartPolicy';

/** The client's id: the library reads the `issueLog.trace.server` setting by it. */
export const CLIENT_ID = 'issueLog';
/** The bundled server, relative to the extension's folder. */
export const SERVER_MODULE = 'dist/server.js';
const CLIENT_NAME = 'Issue Log';

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}

async function offerOutput(message: string, log: vscode.LogOutputChannel, canRestart: boolean): Promise<void> {
  const actions = canRestart ? ['Show Output', 'Restart Server'] : ['Show Output'];
  const choice = await vscode.window.showErrorMessage(message, ...actions);
  if (choice === 'Show Output') log.show(true);
  else if (choice === 'Restart Server') await vscode.commands.executeCommand('issueLog.restartServer');
}

/** A write to a server process that is gone (its pipe or IPC channel closed). */
function channelGone(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EPIPE' || code === 'ERR_IPC_CHANNEL_CLOSED' || /channel closed/i.test(error.message);
}

/**
 * Errors on the connection are logged; a server that stops is restarted a few times, with a note in the
 * status bar, then reported with "Restart Server" and "Show Output" (restartPolicy.ts decides).
 */
class IssueLogErrorHandler implements ErrorHandler {
  readonly policy = new RestartPolicy();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  error(error: Error, message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    this.log.error(`Connection error${message ? ` (message ${JSON.stringify(message).slice(0, 200)})` : ''}:`, error);
    if (this.policy.error(count, channelGone(error)) === 'continue') return { action: ErrorAction.Continue, handled: true };
    void offerOutput(`Issue Log: the connection to the language server keeps failing (${error.message}); it was shut down.`, this.log, true);
    return { action: ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const decision = this.policy.closed(Date.now());
    if (decision.restart) {
      this.log.warn(`The language server stopped; restarting it (${decision.attempt} of ${decision.of}).`);
      vscode.window.setStatusBarMessage(`$(warning) Issue Log: the language server stopped; restarting it (${decision.attempt} of ${decision.of})`, 10_000);
      return { action: CloseAction.Restart, handled: true };
    }
    const minutes = Math.round(decision.windowMs / 60_000);
    this.log.error(`The language server stopped ${decision.stops} times in ${minutes} minutes; it is not restarted again.`);
    void offerOutput(`Issue Log: the language server stopped ${decision.stops} times in the last ${minutes} minutes and will not be restarted. The output has the details.`, this.log, true);
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}

/** The user restarts the server (the Restart action or command): earlier crashes no longer count. */
export function forgetCrashes(client: LanguageClient): void {
  const handler = client.clientOptions.errorHandler;
  if (handler instanceof IssueLogErrorHandler) handler.policy.reset();
}

export function createLanguageClient(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  trace: vscode.LogOutputChannel,
): LanguageClient {
  const serverModule = context.asAbsolutePath(SERVER_MODULE);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };

  const markdownWatcher = vscode.workspace.createFileSystemWatcher('**/*.md');
  context.subscriptions.push(markdownWatcher);

  // The server keeps the facts of the files it parsed in the extension's storage folder, keyed by
  // content, so that a restart parses only what changed (`initializationOptions.cacheDir`).
  const storage = context.storageUri ?? context.globalStorageUri;
  const cacheDir = storage?.scheme === 'file' ? vscode.Uri.joinPath(storage, 'facts-cache').fsPath : undefined;

  const initializationOptions: IssueLogInitializationOptions = {
    ...(cacheDir ? { cacheDir } : {}),
    // VS Code's built-in Markdown support gives the outline, the breadcrumbs and the document links
    // already; a second symbol tree and link set from this server would double them and cost a large
    // answer after every edit (1.6 MB and 1.4 MB on the large workspace's master log).
    documentSymbols: false,
    documentLinks: false,
  };

  const clientOptions: LanguageClientOptions = {
    initializationOptions,
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: {
      // The server pulls `workspace/configuration` when told that settings changed.
      configurationSection: 'issueLog',
      fileEvents: markdownWatcher,
    },
    outputChannel: log,
    traceOutputChannel: trace,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationFailedHandler: (error) => {
      log.error('The language server failed to initialize:', error instanceof Error ? error : describe(error));
      // A server that answered `initialize` with an error says why: tell the user. A server that died
      // before answering is reported by the library ("couldn't create connection to server") and, when
      // restarting does not help, by the error handler's `closed()`.
      if (error instanceof ResponseError) void offerOutput(`Issue Log: the language server failed to start: ${describe(error)}`, log, true);
      return false;
    },
    errorHandler: new IssueLogErrorHandler(log),
    // Links follow moves as issueLog.updateLinksOnMove says (linkMoves.ts).
    middleware: { workspace: linkMovesMiddleware() },
  };

  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
