/**
 * Links follow moves, the client's part (`middleware.workspace.willRenameFiles` of the language
 * client): `never` does not ask the server; `always` gives VS Code the server's edit; `prompt` asks
 * the server, and when its edit changes anything asks the user first (linkMovePolicy.ts). The edit
 * goes in with the move, so undoing the move undoes it too; nothing is written otherwise.
 */
import * as vscode from 'vscode';
import type { FileOperationsMiddleware } from 'vscode-languageclient/node';
import { ANSWERS, onAnswer, question, readMode, UPDATE_LINKS_ON_MOVE } from './linkMovePolicy';

function counts(edit: vscode.WorkspaceEdit): { links: number; files: number } {
  let links = 0;
  let files = 0;
  for (const [, edits] of edit.entries()) {
    if (edits.length === 0) continue;
    files++;
    links += edits.length;
  }
  return { links, files };
}

export function linkMovesMiddleware(): FileOperationsMiddleware {
  return {
    willRenameFiles: async (event, next) => {
      const scope = event.files[0]?.oldUri;
      const config = () => vscode.workspace.getConfiguration('issueLog', scope);
      const mode = readMode(config().get(UPDATE_LINKS_ON_MOVE));
      if (mode === 'never') return undefined;
      const edit = await next(event);
      if (!edit || mode === 'always') return edit;
      const { links, files } = counts(edit);
      if (links === 0) return edit;
      const moved = event.files.length === 1 ? `"${vscode.workspace.asRelativePath(event.files[0].oldUri)}" moves` : `${event.files.length} files move`;
      const answer = await vscode.window.showInformationMessage(
        question(links, files),
        { modal: true, detail: `${moved}: Issue Log can rewrite the links to it and in it so that they keep working. "Always" and "Never" set issueLog.updateLinksOnMove.` },
        ...ANSWERS,
      );
      const { apply, remember } = onAnswer(answer);
      if (remember) await config().update(UPDATE_LINKS_ON_MOVE, remember, vscode.ConfigurationTarget.Global);
      return apply ? edit : undefined;
    },
  };
}
