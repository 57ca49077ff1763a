/**
 * The command of the server's "N references" code lens (server/src/core/features/codeLens.ts,
 * SHOW_REFERENCES_COMMAND): its arguments are LSP JSON (`[uri, position, locations]`), turned into
 * vscode types for VS Code's own peek (`editor.action.showReferences`).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Location, Position } from 'vscode-languageserver-protocol';

/** The same name as the server's SHOW_REFERENCES_COMMAND (the client bundle does not import the core's features). */
export const SHOW_REFERENCES_COMMAND = 'issueLog.showReferences';

export function registerReferencesLens(client: LanguageClient): vscode.Disposable {
  return vscode.commands.registerCommand(SHOW_REFERENCES_COMMAND, async (uri?: unknown, position?: unknown, locations?: unknown) => {
    if (typeof uri !== 'string' || !position || !Array.isArray(locations)) return;
    const c = client.protocol2CodeConverter;
    await vscode.commands.executeCommand('editor.action.showReferences', c.asUri(uri), c.asPosition(position as Position), (locations as Location[]).map((l) => c.asLocation(l)));
  });
}
