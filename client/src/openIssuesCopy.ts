/**
 * The Open Issues items' "Copy ID" and "Copy Link" commands: the issue's ID, or a Markdown link to its
 * heading (`[CRIT-001](06-Master/MASTER-ISSUE-LOG.md#crit-001-title)`), on the clipboard.
 */
import * as vscode from 'vscode';
import type { OpenIssue } from '../../server/src/protocol';
import { headingAnchor, markdownLinkText } from './openIssuesModel';
import type { IssueNode } from './openIssuesTree';

async function linkTo(issue: OpenIssue): Promise<string> {
  const uri = vscode.Uri.parse(issue.uri);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const target = folder ? vscode.workspace.asRelativePath(uri, false) : uri.toString();
  let anchor: string | undefined;
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    anchor = headingAnchor(document.getText().split(/\r?\n/), issue.range.start.line);
  } catch {
    // Unreadable now: the link to the file alone is still right.
  }
  return markdownLinkText(issue.id, target, anchor);
}

export function registerCopyCommands(selected: () => OpenIssue | undefined): vscode.Disposable[] {
  const issueOf = (node?: IssueNode) => (node?.kind === 'issue' ? node.issue : selected());
  return [
    vscode.commands.registerCommand('issueLog.copyId', async (node?: IssueNode) => {
      const issue = issueOf(node);
      if (issue) await vscode.env.clipboard.writeText(issue.id);
    }),
    vscode.commands.registerCommand('issueLog.copyLink', async (node?: IssueNode) => {
      const issue = issueOf(node);
      if (issue) await vscode.env.clipboard.writeText(await linkTo(issue));
    }),
  ];
}
