/**
 * The Issue Log extension: creates the language client, the Open Issues view, the status-bar item and
 * the commands, and pushes every disposable into `context.subscriptions`. The checking itself happens
 * in the language server (`dist/server.js`).
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { IndexChangedNotification } from '../../server/src/protocol';
import type { IssueLogApi } from './api';
import { registerCheckTask } from './checkTask';
import { createLanguageClient, forgetCrashes, SERVER_MODULE } from './languageClient';
import { IndexingStatus } from './indexingStatus';
import { LogStatusBar } from './logStatusBar';
import { newIssue } from './newIssue';
import { localToday } from '../../server/src/core/durations';
import { TraceChannel } from './traceChannel';
import { issueLogTemplate, type GroupBy } from './openIssuesModel';
import { registerCopyCommands } from './openIssuesCopy';
import { registerFilterCommands } from './openIssuesFilterPick';
import { followCursor } from './openIssuesFollow';
import { OpenIssuesTreeProvider, type IssueNode } from './openIssuesTree';
import { registerReferencesLens } from './referencesLens';
import { disabledAtStart, isEnabled, watchEnable } from './enableSetting';

/** Index changes come in bursts (typing, a branch switch); the tree asks again after a short pause. */
const REFRESH_DELAY_MS = 250;

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): IssueLogApi {
  const log = vscode.window.createOutputChannel('Issue Log', { log: true });
  const trace = new TraceChannel('Issue Log Trace');
  context.subscriptions.push(log, trace);

  try {
    const languageClient = createLanguageClient(context, log, trace);
    client = languageClient;
    const tree = new OpenIssuesTreeProvider(languageClient, context.workspaceState, log);
    const statusBar = new LogStatusBar(languageClient, log);
    // While the server indexes: a status item, and the view's message until the first full index.
    const indexing = new IndexingStatus(languageClient);
    context.subscriptions.push(tree, statusBar, indexing, indexing.onDidChange((message) => tree.setIndexingMessage(message)), followCursor(tree, languageClient, log));

    let refreshTimer: NodeJS.Timeout | undefined;
    let lastCounts: string | undefined;
    const scheduleRefresh = () => {
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        void tree.refresh();
      }, REFRESH_DELAY_MS);
    };
    context.subscriptions.push(
      { dispose: () => refreshTimer && clearTimeout(refreshTimer) },
      languageClient.onNotification(IndexChangedNotification, (params) => {
        tree.indexChanged(params);
        // A hidden tree asks when it is shown; typing with the view closed costs no request.
        if (tree.visible) scheduleRefresh();
        // The open count of a log's scope changes with the open issues: their count, or a new version of them.
        const counts = `${params.openCount}/${params.logCount}`;
        if (counts !== lastCounts) statusBar.update();
        lastCounts = counts;
      }),
      tree.onDidChangeVersion(() => statusBar.update()),
      languageClient.onDidChangeState((e) => {
        if (e.newState === State.Running) scheduleRefresh();
        else if (e.newState === State.Starting) tree.clientStarting();
        else {
          // Stopped (crashed, stopped for a restart, or turned off by issueLog.enable) or StartFailed.
          tree.clientStopped(isEnabled() ? 'stopped' : 'disabled');
          indexing.clientStopped();
          statusBar.update();
        }
      }),
    );

    registerCommands(context, languageClient, tree, statusBar, log);
    context.subscriptions.push(registerCheckTask(context));
    context.subscriptions.push(registerReferencesLens(languageClient));

    const serverModule = context.asAbsolutePath(SERVER_MODULE);
    const start = () => (
      fs.existsSync(serverModule)
        ? languageClient.start()
        : Promise.reject(new Error(`The language server is missing (${serverModule}); the extension was packaged without it.`))
    ).then(
      () => log.info('Issue Log language server started.'),
      (error: unknown) => {
        // The library has shown "couldn't create connection to server" with a button to the output,
        // and the handlers in languageClient.ts add what they know; here it is only logged.
        log.error('Could not start the Issue Log language server:', error instanceof Error ? error : String(error));
        if (!languageClient.isRunning() && languageClient.state !== State.Starting) {
          tree.clientStopped(isEnabled() ? 'stopped' : 'disabled');
          if (!fs.existsSync(serverModule)) void vscode.window.showErrorMessage(`Issue Log: ${error instanceof Error ? error.message : String(error)}`);
        }
        throw error;
      },
    );
    const ready = isEnabled() ? start() : Promise.resolve(disabledAtStart(tree, log));
    context.subscriptions.push(watchEnable(languageClient, tree, log, start));
    // Keep an unobserved rejection from being reported twice; callers of `api.ready` still see it.
    ready.catch(() => undefined);

    const api: IssueLogApi = {
      ready,
      groupBy: () => tree.groupBy,
      openIssuesTree: () => tree.snapshot(),
      lastOpenIssues: () => tree.lastResult,
      openIssuesState: () => tree.treeState,
      openIssuesView: () => tree.viewSnapshot(),
      logStatus: () => statusBar.snapshot,
      traceLinesWritten: () => trace.written,
      indexingStatus: () => ({ ...indexing.snapshot(), treeMessage: tree.message }),
      logUri: context.logUri.toString(),
      openIssuesViewSettled: () => tree.settled,
      openIssuesRootReads: () => tree.rootReads,
      serverState: () => (languageClient.state === State.Running ? 'running' : languageClient.state === State.Starting ? 'starting' : 'stopped'),
    };
    return api;
  } catch (error) {
    log.error('Activation failed:', error instanceof Error ? error : String(error));
    void vscode.window.showErrorMessage(`Issue Log failed to activate: ${error instanceof Error ? error.message : String(error)}`, 'Show Output').then((choice) => {
      if (choice) log.show(true);
    });
    throw error;
  }
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c?.isRunning()) await c.stop();
}

function registerCommands(
  context: vscode.ExtensionContext,
  languageClient: LanguageClient,
  tree: OpenIssuesTreeProvider,
  statusBar: LogStatusBar,
  log: vscode.LogOutputChannel,
): void {
  const groupBy = (value: GroupBy) => () => tree.setGroupBy(value);
  const openLocation = async (uri: vscode.Uri | string, range?: vscode.Range) => {
    const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
    const editor = await vscode.window.showTextDocument(target, { preview: true, selection: range ? new vscode.Range(range.start, range.start) : undefined });
    if (range) editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('issueLog.newIssue', (uri?: unknown) => newIssue({ client: languageClient, tree, log }, uri)),
    vscode.commands.registerCommand('issueLog.refresh', async () => {
      statusBar.update();
      await tree.refresh({ whole: true });
    }),
    vscode.commands.registerCommand('issueLog.showOutput', () => log.show()),
    vscode.commands.registerCommand('issueLog.restartServer', async () => {
      if (!isEnabled()) {
        void vscode.window.showInformationMessage('Issue Log is turned off in this window (the issueLog.enable setting).');
        return;
      }
      log.info('Restarting the language server.');
      forgetCrashes(languageClient);
      try {
        // restart() stops first, which a client whose start failed refuses; such a client is started.
        if (languageClient.isRunning()) await languageClient.restart();
        else await languageClient.start();
      } catch (error) {
        log.error('Restarting the language server failed:', error instanceof Error ? error : String(error));
      }
    }),
    vscode.commands.registerCommand('issueLog.openLocation', openLocation),
    ...registerCopyCommands(() => tree.selectedIssue()),
    ...registerFilterCommands(tree),
    vscode.commands.registerCommand('issueLog.openIssues.showAll', () => tree.setInclude('all')),
    vscode.commands.registerCommand('issueLog.openIssues.showOpen', () => tree.setInclude('open')),
    vscode.commands.registerCommand('issueLog.openReference', async (node?: IssueNode) => {
      const issue = node?.kind === 'issue' ? node.issue : tree.selectedIssue();
      if (!issue) return;
      if (!issue.reference) {
        void vscode.window.showInformationMessage(`${issue.id} has no Reference that resolves to a section.`);
        return;
      }
      await openLocation(vscode.Uri.parse(issue.reference.uri), languageClient.protocol2CodeConverter.asRange(issue.reference.range));
    }),
    vscode.commands.registerCommand('issueLog.groupBySeverity', groupBy('severity')),
    vscode.commands.registerCommand('issueLog.groupByPhase', groupBy('phase')),
    vscode.commands.registerCommand('issueLog.groupByAssignee', groupBy('assignee')),
    vscode.commands.registerCommand('issueLog.createLog', async () => {
      // An untitled document: the user sees the template and decides where (and whether) to save it.
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: issueLogTemplate(localToday()) });
      await vscode.window.showTextDocument(document);
    }),
  );
}
