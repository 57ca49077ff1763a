/**
 * The Open Issues tree: the workspace's open issues from the server (`OpenIssuesRequest`), grouped by
 * severity, phase or assignee, with a badge on the activity bar and an empty state. The grouping and the
 * texts come from `openIssuesModel.ts`; this file only turns them into tree items.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { OpenIssuesChangesRequest, OpenIssuesRequest, type IndexChangedParams, type IssueSeverityName, type OpenIssue, type OpenIssuesResult } from '../../server/src/protocol';
import type { OpenIssuesGroupSnapshot } from './api';
import {
  applyOpenIssuesAnswer,
  groupOpenIssues,
  isGroupBy,
  issueDescription,
  issueLabel,
  issueTooltipMarkdown,
  issueWhere,
  isOverdue,
  openIssuesText,
  type GroupBy,
  type IssueGroup,
} from './openIssuesModel';

export const OPEN_ISSUES_VIEW_ID = 'issueLog.openIssues';
/** Context key with the grouping (`severity`, `phase`, `assignee`) for the view's title menu. */
export const GROUP_BY_CONTEXT_KEY = 'issueLog.openIssues.groupBy';
/** Context key with the tree's state, for the welcome (empty-state) messages; see `TreeState`. */
export const STATE_CONTEXT_KEY = 'issueLog.openIssues.state';
const GROUP_BY_STATE_KEY = 'issueLog.openIssues.groupBy';

/**
 * `starting`: the server is not running yet; `stopped`: it stopped or failed to start; `disabled`: `issueLog.enable` is off; `indexing`: it is indexing and has no issues yet;
 * `noLogs`: the workspace holds no issue log; `noOpenIssues`: logs, but nothing open;
 * `ready`: issues to show; `error`: the request failed (the output channel has the reason).
 */
export type TreeState = 'starting' | 'stopped' | 'disabled' | 'indexing' | 'noLogs' | 'noOpenIssues' | 'ready' | 'error';

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

function severityIcon(severity: IssueSeverityName): vscode.ThemeIcon {
  return SEVERITY_ICONS[severity] ?? SEVERITY_ICONS.Unknown;
}

/** Today as `YYYY-MM-DD` in local time, for overdue Target Resolution dates. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function iconIds(icon: vscode.TreeItem['iconPath']): { icon?: string; color?: string } {
  // `ThemeColor.id` is there at run time; the typings we build against do not declare it.
  return icon instanceof vscode.ThemeIcon ? { icon: icon.id, color: (icon.color as { id?: string } | undefined)?.id } : {};
}

/** How long the view must ask nothing more before its read of a new tree counts as done. */
const SETTLE_MS = 300;

export class OpenIssuesTreeProvider implements vscode.TreeDataProvider<OpenIssuesNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<OpenIssuesNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  private readonly treeView: vscode.TreeView<OpenIssuesNode>;
  private readonly disposables: vscode.Disposable[] = [];
  private result: OpenIssuesResult | undefined;
  private roots: IssueGroupNode[] = [];
  private groupByValue: GroupBy;
  private state: TreeState | undefined;
  /** "Indexing issue logs… N of M" until the first full index (indexingStatus.ts), else undefined. */
  private indexingMessage: string | undefined;
  private inFlight: Promise<void> | undefined;
  private again = false;
  /** The next request asks for the whole list (the Refresh command), not for what changed. */
  private wantWhole = false;
  /** The index changed since the last answer (the view asks again when it is shown). */
  private stale = false;
  /** A root change the view has not finished reading (see `rootsChanged`), and whether another came meanwhile. */
  private unread = false;
  private changedAgain = false;
  private settle: ReturnType<typeof setTimeout> | undefined;
  private rootReadCount = 0;
  private readonly versionEmitter = new vscode.EventEmitter<void>();
  /** Fires when the answer's version changed: the open issues, or the open count of a log's scope. */
  readonly onDidChangeVersion = this.versionEmitter.event;

  constructor(
    private readonly client: LanguageClient,
    private readonly workspaceState: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const remembered = workspaceState.get<string>(GROUP_BY_STATE_KEY);
    this.groupByValue = isGroupBy(remembered) ? remembered : 'severity';
    this.treeView = vscode.window.createTreeView(OPEN_ISSUES_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.treeView,
      this.changeEmitter,
      this.versionEmitter,
      this.treeView.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) void this.refresh();
      }),
    );
    void vscode.commands.executeCommand('setContext', GROUP_BY_CONTEXT_KEY, this.groupByValue);
    this.setState('starting');
  }

  get groupBy(): GroupBy {
    return this.groupByValue;
  }

  get lastResult(): OpenIssuesResult | undefined {
    return this.result;
  }

  /** What the view shows (its welcome message follows it): see `TreeState`. */
  get treeState(): TreeState | undefined {
    return this.state;
  }

  /** The issue selected in the view, for commands run from the palette or a keybinding. */
  selectedIssue(): OpenIssue | undefined {
    const node = this.treeView.selection[0];
    return node?.kind === 'issue' ? node.issue : undefined;
  }

  /** Switches the grouping, remembers it for this workspace and redraws the tree (no new request). */
  async setGroupBy(groupBy: GroupBy): Promise<void> {
    this.groupByValue = groupBy;
    await this.workspaceState.update(GROUP_BY_STATE_KEY, groupBy);
    await vscode.commands.executeCommand('setContext', GROUP_BY_CONTEXT_KEY, groupBy);
    this.rebuild();
    this.rootsChanged();
  }

  /** How many times the view asked for the roots, for the test API. */
  get rootReads(): number {
    return this.rootReadCount;
  }

  /** The view has read the tree since its last root change (see `rootsChanged`), for the test API. */
  get settled(): boolean {
    return !this.unread && !this.changedAgain;
  }

  /** Whether the view is shown; a hidden view does not ask after every change (see `indexChanged`). */
  get visible(): boolean {
    return this.treeView.visible;
  }

  /**
   * The index changed: the badge follows the notification's count at once; the issues are asked for
   * (by the caller, when the view is visible) or when the view is shown next.
   */
  indexChanged(params: IndexChangedParams): void {
    this.stale = true;
    if (!this.result) return;
    const open = params.openCount;
    this.treeView.badge = open > 0 ? { value: open, tooltip: openIssuesText(open) } : undefined;
  }

  /**
   * Asks the server for the open issues again. Calls while a request is under way are coalesced into
   * one more request after it. Runs whether or not the view is visible (the first answer and the API).
   */
  refresh(options: { whole?: boolean } = {}): Promise<void> {
    if (options.whole) this.wantWhole = true;
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = (async () => {
      do {
        this.again = false;
        await this.fetch();
      } while (this.again);
    })().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** The server is starting (again). */
  clientStarting(): void {
    if (!this.result) this.setState('starting');
  }

  /** The server went away (stopped, crashed or failed to start; `disabled`: turned off by `issueLog.enable`): keep no stale issues. */
  /** How far the first full index is (indexingStatus.ts): the view's message until it is complete. */
  setIndexingMessage(message: string | undefined): void {
    this.indexingMessage = message;
    if (this.state === 'stopped' || this.state === 'disabled' || this.state === 'error') return;
    // Undefined: the first index is complete (the held result may be older and still say indexing).
    this.treeView.message = message;
  }

  /** The view's message as shown now (for the extension's API). */
  get message(): string | undefined {
    return this.treeView.message;
  }

  clientStopped(state: 'stopped' | 'disabled' = 'stopped'): void {
    this.result = undefined;
    this.roots = [];
    this.treeView.badge = undefined;
    this.treeView.message = undefined;
    this.setState(state);
    this.rootsChanged();
  }

  /** The tree as `getChildren` gives it, for the test API. */
  async snapshot(): Promise<OpenIssuesGroupSnapshot[]> {
    await this.refresh();
    // Not through getChildren: these reads are not the view's (see `rootReads`).
    const groups = this.roots;
    return groups.map((g) => ({
      label: labelText(this.getTreeItem(g).label),
      ...iconIds(this.getTreeItem(g).iconPath),
      items: g.children.map((child) => {
        const item = this.getTreeItem(child);
        return {
          label: labelText(item.label),
          description: typeof item.description === 'string' ? item.description : undefined,
          ...iconIds(item.iconPath),
          uri: child.issue.uri,
          line: child.issue.range.start.line,
          hasReference: child.issue.reference !== undefined,
        };
      }),
    }));
  }

  getTreeItem(node: OpenIssuesNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group/${node.groupBy}/${node.group.key}`;
      item.contextValue = 'issueGroup';
      item.iconPath =
        node.groupBy === 'severity'
          ? severityIcon(node.group.key as IssueSeverityName)
          : new vscode.ThemeIcon(node.groupBy === 'phase' ? 'milestone' : 'person');
      item.tooltip = openIssuesText(node.children.length);
      return item;
    }
    const { issue } = node;
    const item = new vscode.TreeItem(issueLabel(issue), vscode.TreeItemCollapsibleState.None);
    item.id = `issue/${issue.uri}/${issue.range.start.line}/${issue.id}`;
    const where = issueWhere(issue, vscode.workspace.asRelativePath(vscode.Uri.parse(issue.uri), false), node.parent.groupBy);
    const overdue = isOverdue(issue, localToday());
    item.description = issueDescription(issue, where, overdue);
    item.tooltip = new vscode.MarkdownString(issueTooltipMarkdown(issue));
    item.iconPath = severityIcon(issue.severity);
    // Menus match `viewItem =~ /\.withReference$/` for "Open Referenced Section".
    item.contextValue = issue.reference ? 'openIssue.withReference' : 'openIssue';
    const range = this.client.protocol2CodeConverter.asRange(issue.range);
    item.command = {
      command: 'issueLog.openLocation',
      title: 'Open Issue Entry',
      arguments: [vscode.Uri.parse(issue.uri), range],
    };
    item.accessibilityInformation = { label: [issueLabel(issue), issue.severity, item.description].filter(Boolean).join(', ') };
    return item;
  }

  async getChildren(node?: OpenIssuesNode): Promise<OpenIssuesNode[]> {
    if (this.unread) this.readSome();
    if (node) return node.kind === 'group' ? node.children : [];
    this.rootReadCount++;
    if (!this.result && this.inFlight) await this.inFlight;
    return this.roots;
  }

  getParent(node: OpenIssuesNode): OpenIssuesNode | undefined {
    return node.kind === 'issue' ? node.parent : undefined;
  }

  dispose(): void {
    if (this.settle) clearTimeout(this.settle);
    for (const d of this.disposables) d.dispose();
  }

  /**
   * The roots changed: one root change at a time. On a root change VS Code drops every handle of the old
   * tree at once, and a second change while the view still reads the first tree (its groups' children)
   * makes it ask for handles already dropped: "No tree item with id '1/group/severity/High' found". So a
   * change that comes while the view reads waits until it has read (no read for `SETTLE_MS`); the view
   * then reads the roots as they are by then. A hidden view reads when shown.
   */
  private rootsChanged(): void {
    if (this.unread) {
      this.changedAgain = true;
      return;
    }
    this.unread = true;
    this.changeEmitter.fire(undefined);
  }

  /** The view read part of the tree since the last root change: wait for it to finish reading. */
  private readSome(): void {
    if (this.settle) clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      this.settle = undefined;
      this.unread = false;
      if (this.changedAgain) {
        this.changedAgain = false;
        this.rootsChanged();
      }
    }, SETTLE_MS);
  }

  private async fetch(): Promise<void> {
    // While the server is not running the state follows the client's (see clientStarting/clientStopped).
    if (!this.client.isRunning()) return;
    const held = this.wantWhole ? undefined : this.result;
    this.wantWhole = false;
    this.stale = false;
    let next: OpenIssuesResult | undefined;
    try {
      // A version check: the server answers with what changed since the version held (usually nothing).
      const answer = held?.version !== undefined ? await this.client.sendRequest(OpenIssuesChangesRequest, { knownVersion: held.version }) : undefined;
      next = (answer && applyOpenIssuesAnswer(held, answer)) ?? (await this.client.sendRequest(OpenIssuesRequest, {}));
    } catch (error) {
      // The client may have stopped meanwhile; that is not worth an error.
      if (!this.client.isRunning()) return;
      this.log.error('Open Issues request failed:', error instanceof Error ? error : String(error));
      this.result = undefined;
      this.roots = [];
      this.treeView.badge = undefined;
      this.treeView.message = undefined;
      this.setState('error');
      this.rootsChanged();
      return;
    }
    if (next === this.result) return;
    const versionChanged = next?.version === undefined || next.version !== this.result?.version;
    this.result = next;
    this.rebuild();
    const { issues, logCount, indexing } = next ?? { issues: [], logCount: 0, indexing: false };
    const open = issues.length;
    this.treeView.badge = open > 0 ? { value: open, tooltip: openIssuesText(open) } : undefined;
    this.treeView.message = this.indexingMessage ?? (indexing && open > 0 ? 'Indexing issue logs…' : undefined);
    if (open > 0) this.setState('ready');
    else if (indexing) this.setState('indexing');
    else this.setState(logCount === 0 ? 'noLogs' : 'noOpenIssues');
    this.rootsChanged();
    if (versionChanged) this.versionEmitter.fire();
  }

  private rebuild(): void {
    const groupBy = this.groupByValue;
    this.roots = groupOpenIssues(this.result?.issues ?? [], groupBy).map((group) => {
      const node: { kind: 'group'; groupBy: GroupBy; group: IssueGroup; children: IssueNode[] } = { kind: 'group', groupBy, group, children: [] };
      node.children = group.issues.map((issue) => ({ kind: 'issue', issue, parent: node }));
      return node;
    });
  }

  private setState(state: TreeState): void {
    if (this.state === state) return;
    this.state = state;
    void vscode.commands.executeCommand('setContext', STATE_CONTEXT_KEY, state);
  }
}

function labelText(label: string | vscode.TreeItemLabel | undefined): string {
  return typeof label === 'string' ? label : (label?.label ?? '');
}
