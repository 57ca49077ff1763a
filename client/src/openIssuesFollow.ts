/**
 * "Reveal the entry under the cursor": as the cursor moves in a Markdown editor, the Open Issues view
 * selects the row of the entry that holds it (without taking the focus), when the view is shown and
 * `issueLog.openIssues.followCursor` is on. Moves come in bursts, so it waits for a short pause.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { OpenIssuesTreeProvider } from './openIssuesTree';

const FOLLOW_DELAY_MS = 150;
export const FOLLOW_CURSOR_SETTING = 'openIssues.followCursor';

export function followCursor(tree: OpenIssuesTreeProvider, client: LanguageClient, log: vscode.LogOutputChannel): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const enabled = () => vscode.workspace.getConfiguration('issueLog').get<boolean>(FOLLOW_CURSOR_SETTING, true);
  const schedule = (editor: vscode.TextEditor | undefined) => {
    if (!editor || editor.document.languageId !== 'markdown') return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!enabled() || !tree.visible || vscode.window.activeTextEditor !== editor) return;
      const { line, character } = editor.selection.active;
      tree.revealAt(client.code2ProtocolConverter.asUri(editor.document.uri), line, character).catch((error: unknown) => {
        // A row the view no longer has (the tree changed meanwhile): the next move reveals again.
        log.debug(`Reveal in Open Issues skipped: ${error instanceof Error ? error.message : String(error)}`);
      });
    }, FOLLOW_DELAY_MS);
  };
  return vscode.Disposable.from(
    vscode.window.onDidChangeTextEditorSelection((e) => schedule(e.textEditor)),
    vscode.window.onDidChangeActiveTextEditor(schedule),
    tree.onDidChangeVisibility((visible) => visible && schedule(vscode.window.activeTextEditor)),
    { dispose: () => timer && clearTimeout(timer) },
  );
}
