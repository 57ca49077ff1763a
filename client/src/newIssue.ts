/**
 * The "New Issue…" command: asks for a severity and a title, has the server compute the entry
 * (`NewIssueRequest`) and applies the returned edit with `workspace.applyEdit` in the log's editor: the
 * entry as a snippet (the cursor in its first unknown value, Tab to the next) and the statistics counts
 * it changes, in one edit, so that the user sees it, one undo takes it all back, and the user decides
 * when to save. The extension never writes a file itself.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LogSummaryRequest, NewIssueRequest, type NewIssueParams, type NewIssueResult } from '../../server/src/protocol';
import { localToday } from '../../server/src/core/durations';
import { fileNameOf, validateIssueTitle } from './openIssuesModel';
import type { OpenIssuesTreeProvider } from './openIssuesTree';

type NewIssueSeverity = NewIssueParams['severity'];

const SEVERITY_CHOICES: { severity: NewIssueSeverity; detail: string }[] = [
  { severity: 'Critical', detail: 'Outage, data loss or security breach' },
  { severity: 'High', detail: 'Major feature broken or badly degraded' },
  { severity: 'Medium', detail: 'Partial degradation with a workaround' },
  { severity: 'Low', detail: 'Minor or cosmetic' },
];

/** Most files the log picker looks at; a workspace with more Markdown files offers the first ones. */
const MAX_CANDIDATES = 2000;
const CONCURRENCY = 16;

export interface NewIssueContext {
  client: LanguageClient;
  tree: OpenIssuesTreeProvider;
  log: vscode.LogOutputChannel;
}

/**
 * The ID each severity would get in `target`, as the server plans it in the log's own style (`BUG-013`
 * in a BUG log, `HIGH-004` in the seed's): the same request as the entry, not applied, for the picker.
 */
async function plannedIds(client: LanguageClient, target: vscode.Uri): Promise<Map<NewIssueSeverity, string>> {
  const uri = client.code2ProtocolConverter.asUri(target);
  const out = new Map<NewIssueSeverity, string>();
  await Promise.all(
    SEVERITY_CHOICES.map(async (c) => {
      try {
        const r = await client.sendRequest(NewIssueRequest, { uri, severity: c.severity, title: '', today: localToday() });
        if (r) out.set(c.severity, r.id);
      } catch {
        // The picker then shows no ID for this severity; the entry is still planned when chosen.
      }
    }),
  );
  return out;
}

async function isIssueLog(client: LanguageClient, uri: vscode.Uri): Promise<boolean> {
  try {
    const summary = await client.sendRequest(LogSummaryRequest, { uri: client.code2ProtocolConverter.asUri(uri) });
    return summary?.isLog === true;
  } catch {
    return false;
  }
}

/** The workspace's issue logs: the files that the server reports as logs, by path. */
async function findIssueLogs(ctx: NewIssueContext, token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const byKey = new Map<string, vscode.Uri>();
  for (const issue of ctx.tree.lastResult?.issues ?? []) {
    const uri = vscode.Uri.parse(issue.uri);
    byKey.set(uri.toString(), uri);
  }
  for (const editor of vscode.window.visibleTextEditors) {
    if (editor.document.languageId === 'markdown') byKey.set(editor.document.uri.toString(), editor.document.uri);
  }
  const files = await vscode.workspace.findFiles('**/*.md', '{**/node_modules/**,**/.git/**}', MAX_CANDIDATES, token);
  for (const uri of files) byKey.set(uri.toString(), uri);

  const candidates = [...byKey.values()];
  const logs: vscode.Uri[] = [];
  let next = 0;
  const worker = async () => {
    while (next < candidates.length && !token.isCancellationRequested) {
      const uri = candidates[next++];
      if (await isIssueLog(ctx.client, uri)) logs.push(uri);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return logs.sort((a, b) => vscode.workspace.asRelativePath(a).localeCompare(vscode.workspace.asRelativePath(b), 'en', { numeric: true }));
}

/** The log to add to: the given one, the active editor's when it is a log, else the user's pick. */
async function chooseLog(ctx: NewIssueContext, given: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (given) return given;
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'markdown' && (await isIssueLog(ctx.client, active.uri))) return active.uri;

  const logs = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Issue Log: finding issue logs…', cancellable: false },
    () => {
      const cts = new vscode.CancellationTokenSource();
      return findIssueLogs(ctx, cts.token).finally(() => cts.dispose());
    },
  );
  if (logs.length === 0) {
    const create = 'Create Issue Log';
    const choice = await vscode.window.showInformationMessage('No issue log found in this workspace. Create one first, then add issues to it.', create);
    if (choice === create) await vscode.commands.executeCommand('issueLog.createLog');
    return undefined;
  }
  if (logs.length === 1) return logs[0];
  const picked = await vscode.window.showQuickPick(
    logs.map((uri) => {
      const relative = vscode.workspace.asRelativePath(uri);
      const dir = path.posix.dirname(relative);
      return { label: fileNameOf(uri.toString()), description: dir === '.' ? undefined : dir, uri };
    }),
    { title: 'New Issue: which issue log?', placeHolder: 'The active editor is not an issue log; pick the log to add the issue to', matchOnDescription: true },
  );
  return picked?.uri;
}

/**
 * What the command was given: a log's URI (the menus), or `{ uri, severity, title }` (a keybinding's
 * or another extension's arguments). What it lacks, or gives wrong, is asked for.
 */
interface NewIssueArgs {
  uri?: vscode.Uri;
  severity?: NewIssueSeverity;
  title?: string;
}

function argsOf(arg: unknown): NewIssueArgs {
  if (arg instanceof vscode.Uri) return { uri: arg };
  if (!arg || typeof arg !== 'object') return {};
  const a = arg as Record<string, unknown>;
  const uri = a.uri instanceof vscode.Uri ? a.uri : typeof a.uri === 'string' ? vscode.Uri.parse(a.uri) : undefined;
  const severity = SEVERITY_CHOICES.find((c) => c.severity === a.severity)?.severity;
  const title = typeof a.title === 'string' && validateIssueTitle(a.title) === undefined ? a.title : undefined;
  return { uri, severity, title };
}

/**
 * The server's plan as one `WorkspaceEdit` of the log open in `editor`: the entry as a snippet edit
 * where the server wrote one (VS Code applies it in the active editor through its snippet session, with
 * the plain statistics edits, as one undo step), else the plain edit as it is.
 */
async function entryEdit(client: LanguageClient, editor: vscode.TextEditor, uri: string, result: NewIssueResult): Promise<vscode.WorkspaceEdit> {
  const changes = result.edit.changes?.[uri];
  const onlyThisLog = !result.edit.documentChanges && Object.keys(result.edit.changes ?? {}).length === 1;
  if (result.snippet === undefined || !changes || changes.length === 0 || !onlyThisLog) return client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  const [entry, ...stats] = await client.protocol2CodeConverter.asTextEdits(changes);
  const edit = new vscode.WorkspaceEdit();
  edit.set(editor.document.uri, [new vscode.SnippetTextEdit(entry.range, new vscode.SnippetString(result.snippet)), ...stats]);
  return edit;
}

export async function newIssue(ctx: NewIssueContext, arg?: unknown): Promise<void> {
  const { client, log } = ctx;
  if (!client.isRunning()) {
    void vscode.window.showWarningMessage('The Issue Log server is not running yet; try again in a moment.');
    return;
  }
  const given = argsOf(arg);
  const target = await chooseLog(ctx, given.uri);
  if (!target) return;

  let severity = given.severity;
  if (!severity) {
    const ids = await plannedIds(client, target);
    const severityPick = await vscode.window.showQuickPick(
      SEVERITY_CHOICES.map((c) => ({ label: c.severity, description: ids.get(c.severity), detail: c.detail, severity: c.severity })),
      { title: `New Issue (1/2) in ${fileNameOf(target.toString())}`, placeHolder: 'Severity of the new issue' },
    );
    if (!severityPick) return;
    severity = severityPick.severity;
  }

  const title =
    given.title ??
    (await vscode.window.showInputBox({
      title: `New Issue (2/2): ${severity}`,
      prompt: 'Title of the issue, as its heading shows it',
      placeHolder: 'Connection Pool Exhaustion',
      ignoreFocusOut: true,
      validateInput: validateIssueTitle,
    }));
  if (title === undefined) return;

  const params: NewIssueParams = {
    uri: client.code2ProtocolConverter.asUri(target),
    severity,
    title: title.trim(),
    today: localToday(),
  };
  let result;
  try {
    result = await client.sendRequest(NewIssueRequest, params);
  } catch (error) {
    log.error('New Issue request failed:', error instanceof Error ? error : String(error));
    void vscode.window.showErrorMessage(`Issue Log: could not add the issue: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (!result) {
    void vscode.window.showWarningMessage(`Issue Log: ${vscode.workspace.asRelativePath(target)} is not an issue log the server can add to.`);
    return;
  }

  // The log's editor first: a snippet edit is a snippet only in the active editor.
  const editor = await vscode.window.showTextDocument(target, { preview: false });
  const applied = await vscode.workspace.applyEdit(await entryEdit(client, editor, params.uri, result));
  if (!applied) {
    void vscode.window.showErrorMessage(`Issue Log: the edit that adds ${result.id} could not be applied (was the file changed meanwhile?).`);
    return;
  }
  const position = client.protocol2CodeConverter.asPosition(result.position);
  const line = editor.document.lineAt(Math.min(position.line, editor.document.lineCount - 1));
  // A snippet leaves the cursor in its first tab stop; the plain entry, at the end of its heading.
  if (result.snippet === undefined) editor.selection = new vscode.Selection(line.range.end, line.range.end);
  editor.revealRange(line.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  vscode.window.setStatusBarMessage(`Issue Log: added ${result.id}; Tab through its fields, then save the file.`, 8000);
}
