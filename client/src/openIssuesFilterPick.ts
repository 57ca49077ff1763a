/**
 * The Open Issues view's filter box: one quick pick where the typed text is the words to find and the
 * ticked items the severities and statuses to keep. The commands `issueLog.openIssues.filter` (also with
 * an `IssueFilter` argument, for keybindings and tests) and `issueLog.openIssues.clearFilter`.
 */
import * as vscode from 'vscode';
import type { IssueSeverityName, OpenIssue } from '../../server/src/protocol';
import { NO_FILTER, statusesOf, type IssueFilter } from './openIssuesFilter';
import type { OpenIssuesTreeProvider } from './openIssuesTree';

const SEVERITIES: IssueSeverityName[] = ['Critical', 'High', 'Medium', 'Low', 'Unknown'];

interface FilterItem extends vscode.QuickPickItem {
  severity?: IssueSeverityName;
  status?: string;
}

const CLEAR: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('clear-all'), tooltip: 'Clear the filter' };

/** Asks for a filter, starting from `current`; undefined when dismissed. */
export function pickFilter(current: IssueFilter, issues: readonly OpenIssue[]): Promise<IssueFilter | undefined> {
  const severityItems: FilterItem[] = SEVERITIES.filter((s) => s !== 'Unknown' || issues.some((i) => i.severity === 'Unknown')).map((severity) => ({
    label: severity,
    severity,
    alwaysShow: true,
  }));
  const statuses = [...new Set([...statusesOf(issues), ...current.statuses])];
  const statusItems: FilterItem[] = statuses.map((status) => ({ label: status, status, description: 'status', alwaysShow: true }));
  const items: FilterItem[] = [
    { label: 'Severity', kind: vscode.QuickPickItemKind.Separator },
    ...severityItems,
    ...(statusItems.length > 0 ? [{ label: 'Status', kind: vscode.QuickPickItemKind.Separator }, ...statusItems] : []),
  ];
  const qp = vscode.window.createQuickPick<FilterItem>();
  qp.title = 'Filter Issues';
  qp.placeholder = 'Words to find (ID, title, assignee, phase, any field); tick severities and statuses to keep';
  qp.canSelectMany = true;
  // The typed words filter the issues, not this list.
  qp.matchOnDescription = false;
  qp.items = items;
  qp.selectedItems = items.filter(
    (i) => (i.severity && current.severities.includes(i.severity)) || (i.status && current.statuses.some((s) => s.toLowerCase() === i.status!.toLowerCase())),
  );
  qp.value = current.text;
  qp.buttons = [CLEAR];
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: IssueFilter | undefined) => {
      if (done) return;
      done = true;
      resolve(value);
      qp.dispose();
    };
    qp.onDidTriggerButton(() => finish(NO_FILTER));
    qp.onDidAccept(() =>
      finish({
        text: qp.value.trim(),
        severities: qp.selectedItems.flatMap((i) => (i.severity ? [i.severity] : [])),
        statuses: qp.selectedItems.flatMap((i) => (i.status ? [i.status] : [])),
      }),
    );
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}

function isFilter(value: unknown): value is IssueFilter {
  const v = value as IssueFilter | undefined;
  return typeof v === 'object' && v !== null && typeof v.text === 'string' && Array.isArray(v.severities) && Array.isArray(v.statuses);
}

export function registerFilterCommands(tree: OpenIssuesTreeProvider): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('issueLog.openIssues.filter', async (arg?: unknown) => {
      const filter = isFilter(arg) ? arg : await pickFilter(tree.filter, tree.lastResult?.issues ?? []);
      if (filter) await tree.setFilter(filter);
    }),
    vscode.commands.registerCommand('issueLog.openIssues.clearFilter', () => tree.setFilter(NO_FILTER)),
  ];
}
