/**
 * Overdue issues in the Open Issues view, shown as such: a row whose Target Resolution date has passed
 * gets a resource URI of our own scheme, and this decoration provider colours its label and adds a badge
 * (a tree item's resource URI is how VS Code decorates rows; the severity icon stays).
 */
import * as vscode from 'vscode';

const SCHEME = 'issue-log-overdue';

/** The resource URI of an overdue row (`id`: the tree item's id). */
export function overdueUri(id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path: `/${encodeURIComponent(id)}` });
}

export const OVERDUE_DECORATION: vscode.FileDecoration = new vscode.FileDecoration(
  '!',
  'Overdue: its Target Resolution date has passed',
  new vscode.ThemeColor('issueLog.overdue'),
);

export function registerOverdueDecorations(): vscode.Disposable {
  return vscode.window.registerFileDecorationProvider({
    provideFileDecoration: (uri) => (uri.scheme === SCHEME ? OVERDUE_DECORATION : undefined),
  });
}
