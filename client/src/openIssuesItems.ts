/**
 * The tree items of the Open Issues view: a group's and an issue's label, icon, description, tooltip and
 * command. The texts come from `openIssuesModel.ts`; the tree (openIssuesTree.ts) owns the nodes' state.
 */
import * as vscode from 'vscode';
import type { IssueSeverityName, OpenIssue } from '../../server/src/protocol';
import { localToday } from '../../server/src/core/durations';
import { statusOf } from './openIssuesFilter';
import { issueDescription, issueLabel, issueTooltipMarkdown, issueWhere, isOverdue, openIssuesText, type GroupBy, type IssueGroup } from './openIssuesModel';
import { overdueUri } from './overdueDecorations';

export interface IssueGroupNode {
  readonly kind: 'group';
  readonly groupBy: GroupBy;
  readonly group: IssueGroup;
  readonly children: IssueNode[];
}

export interface IssueNode {
  readonly kind: 'issue';
  readonly issue: OpenIssue;
  readonly parent: IssueGroupNode;
}

export type OpenIssuesNode = IssueGroupNode | IssueNode;

/**
 * Severity icons and colours of their own: the problem icons (error, warning, info) would read as
 * diagnostics. The colours are contributed in package.json (`issueLog.severity.*`) so themes can set them.
 */
const SEVERITY_ICONS: Record<IssueSeverityName, vscode.ThemeIcon> = {
  Critical: new vscode.ThemeIcon('flame', new vscode.ThemeColor('issueLog.severity.critical')),
  High: new vscode.ThemeIcon('arrow-up', new vscode.ThemeColor('issueLog.severity.high')),
  Medium: new vscode.ThemeIcon('dash', new vscode.ThemeColor('issueLog.severity.medium')),
  Low: new vscode.ThemeIcon('arrow-down', new vscode.ThemeColor('issueLog.severity.low')),
  Unknown: new vscode.ThemeIcon('question'),
};

/** A resolved issue (the "All Issues" view): a check, whatever its severity (the group or the description says that). */
const RESOLVED_ICON = new vscode.ThemeIcon('pass', new vscode.ThemeColor('issueLog.status.resolved'));

function severityIcon(severity: IssueSeverityName): vscode.ThemeIcon {
  return SEVERITY_ICONS[severity] ?? SEVERITY_ICONS.Unknown;
}

/** The row's place: the phase, or the file relative to its workspace folder (openIssuesModel.ts `issueWhere`). */
export function whereOf(issue: OpenIssue, groupBy: GroupBy): string {
  return issueWhere(issue, vscode.workspace.asRelativePath(vscode.Uri.parse(issue.uri), false), groupBy);
}

/** A stable id per issue: its file, line and ID (the view keeps selection and expansion by it). */
export function issueItemId(issue: OpenIssue): string {
  return `issue/${issue.uri}/${issue.range.start.line}/${issue.id}`;
}

export function groupItem(node: IssueGroupNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `group/${node.groupBy}/${node.group.key}`;
  item.contextValue = 'issueGroup';
  item.iconPath = node.groupBy === 'severity' ? severityIcon(node.group.key as IssueSeverityName) : new vscode.ThemeIcon(node.groupBy === 'phase' ? 'milestone' : 'person');
  const n = node.children.length;
  item.tooltip = node.children.every((c) => isOpen(c.issue)) ? openIssuesText(n) : `${n} issue${n === 1 ? '' : 's'}`;
  return item;
}

export function issueItem(node: IssueNode, asRange: (range: OpenIssue['range']) => vscode.Range): vscode.TreeItem {
  const { issue } = node;
  const item = new vscode.TreeItem(issueLabel(issue), vscode.TreeItemCollapsibleState.None);
  item.id = issueItemId(issue);
  const open = isOpen(issue);
  const overdue = open && isOverdue(issue, localToday());
  // Not open (the "All Issues" view): the status leads the description.
  const description = issueDescription(issue, whereOf(issue, node.parent.groupBy), overdue);
  item.description = open ? description : [statusOf(issue), description].filter(Boolean).join(' · ');
  item.tooltip = new vscode.MarkdownString(issueTooltipMarkdown(issue));
  item.iconPath = open ? severityIcon(issue.severity) : RESOLVED_ICON;
  // The overdue decoration (overdueDecorations.ts) colours the label and adds a badge.
  if (overdue) item.resourceUri = overdueUri(item.id);
  // Menus match `viewItem =~ /\.withReference$/` for "Open Referenced Section".
  item.contextValue = issue.reference ? 'openIssue.withReference' : 'openIssue';
  item.command = { command: 'issueLog.openLocation', title: 'Open Issue Entry', arguments: [vscode.Uri.parse(issue.uri), asRange(issue.range)] };
  item.accessibilityInformation = { label: [issueLabel(issue), issue.severity, overdue ? 'overdue' : '', item.description].filter(Boolean).join(', ') };
  return item;
}

/** Open, or from a server that sends only open issues (no status class). */
export function isOpen(issue: OpenIssue): boolean {
  return issue.statusClass === undefined || issue.statusClass === 'open';
}

export function iconIds(icon: vscode.TreeItem['iconPath']): { icon?: string; color?: string } {
  // `ThemeColor.id` is there at run time; the typings we build against do not declare it.
  return icon instanceof vscode.ThemeIcon ? { icon: icon.id, color: (icon.color as { id?: string } | undefined)?.id } : {};
}

export function labelText(label: string | vscode.TreeItemLabel | undefined): string {
  return typeof label === 'string' ? label : (label?.label ?? '');
}
