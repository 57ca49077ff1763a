/**
 * The Open Issues tree: the workspace's open issues from the server (`OpenIssuesRequest`), grouped by
 * severity, phase or assignee, with a badge on the activity bar and an empty state. The grouping and the
 * texts come from `openIssuesModel.ts`; this file only turns them into tree items.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { OpenIssuesChangesRequest, OpenIssuesRequest, type IndexChangedParams, type OpenIssue, type OpenIssuesResult } from '../../server/src/protocol';
import type { OpenIssuesGroupSnapshot } from './api';
import { filterDescription, filterMessage, isFiltering, issueAt, matchesFilter, NO_FILTER, type IssueFilter } from './openIssuesFilter';
import { groupItem, iconIds, isOpen, issueItem, issueItemId, labelText, whereOf, type IssueGroupNode, type IssueNode, type OpenIssuesNode } from './openIssuesItems';
import { applyOpenIssuesAnswer, groupOpenIssues, isGroupBy, openIssuesText, type GroupBy, type IssueGroup } from './openIssuesModel';
import { registerOverdueDecorations } from './overdueDecorations';
import { TreeReadGate } from './treeReadGate';

export type { IssueGroupNode, IssueNode, OpenIssuesNode } from './openIssuesItems';

export const OPEN_ISSUES_VIEW_ID = 'issueLog.openIssues';
/** Context key with the grouping (`severity`, `phase`, `assignee`) for the view's title menu. */
export const GROUP_BY_CONTEXT_KEY = 'issueLog.openIssues.groupBy';
/** Context key with the tree's state, for the welcome (empty-state) messages; see `TreeState`. */
export const STATE_CONTEXT_KEY = 'issueLog.openIssues.state';
/** Context keys: `open` or `all` issues shown; a filter is set (for the view's title actions). */
export const INCLUDE_CONTEXT_KEY = 'issueLog.openIssues.include';
export const FILTERED_CONTEXT_KEY = 'issueLog.openIssues.filtered';
const GROUP_BY_STATE_KEY = 'issueLog.openIssues.groupBy';
const INCLUDE_STATE_KEY = 'issueLog.openIssues.include';

/** What the tree shows: the open issues, or every issue whatever its status. */
export type Include = 'open' | 'all';

/**
 * `starting`: the server is not running yet; `stopped`: it stopped or failed to start; `disabled`: `issueLog.enable` is off; `indexing`: it is indexing and has no issues yet;
 * `noLogs`: the workspace holds no issue log; `noOpenIssues`: logs, but nothing open;
 * `ready`: issues to show; `error`: the request failed (the output channel has the reason).
 */
export type TreeState = 'starting' | 'stopped' | 'disabled' | 'indexing' | 'noLogs' | 'noOpenIssues' | 'ready' | 'error';

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
  private includeValue: Include;
  private filterValue: IssueFilter = NO_FILTER;
  /** Issues in the answer before the filter (the view's message says how many it keeps). */
  private unfilteredCount = 0;
  private state: TreeState | undefined;
  /** "Indexing issue logs… N of M" until the first full index (indexingStatus.ts), else undefined. */
  private indexingMessage: string | undefined;
  /** The last answer said the server is indexing (and no later "first index complete" came). */
  private answerIndexing = false;
  private inFlight: Promise<void> | undefined;
  private again = false;
  /** The next request asks for the whole list (the Refresh command), not for what changed. */
  private wantWhole = false;
  /** The index changed since the last answer (the view asks again when it is shown). */
  private stale = false;
  private readonly gate = new TreeReadGate(() => this.changeEmitter.fire(undefined), SETTLE_MS);
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
    this.includeValue = workspaceState.get<string>(INCLUDE_STATE_KEY) === 'all' ? 'all' : 'open';
    this.treeView = vscode.window.createTreeView(OPEN_ISSUES_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.treeView,
      registerOverdueDecorations(),
      this.changeEmitter,
      this.versionEmitter,
      this.treeView.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) void this.refresh();
      }),
    );
    void vscode.commands.executeCommand('setContext', GROUP_BY_CONTEXT_KEY, this.groupByValue);
    void vscode.commands.executeCommand('setContext', INCLUDE_CONTEXT_KEY, this.includeValue);
    void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT_KEY, false);
    this.showTitle();
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

  get include(): Include {
    return this.includeValue;
  }

  /** Shows the open issues or all of them; remembered for this workspace; asks the server anew. */
  async setInclude(include: Include): Promise<void> {
    if (include === this.includeValue) return;
    this.includeValue = include;
    await this.workspaceState.update(INCLUDE_STATE_KEY, include);
    await vscode.commands.executeCommand('setContext', INCLUDE_CONTEXT_KEY, include);
    this.showTitle();
    await this.refresh({ whole: true });
  }

  get filter(): IssueFilter {
    return this.filterValue;
  }

  /** Keeps only the issues that pass `filter` (NO_FILTER: all); for this window only. */
  async setFilter(filter: IssueFilter): Promise<void> {
    this.filterValue = filter;
    await vscode.commands.executeCommand('setContext', FILTERED_CONTEXT_KEY, isFiltering(filter));
    this.rebuild();
    this.showMessage();
    this.rootsChanged();
  }

  /** The view's title, description and message as shown now (for the extension's API). */
  viewSnapshot(): { title: string | undefined; description: string | undefined; message: string | undefined; selected: string[] } {
    const selected = this.treeView.selection.map((n) => (n.kind === 'issue' ? n.issue.id : n.group.label));
    return { title: this.treeView.title, description: this.treeView.description, message: this.treeView.message, selected };
  }

  /**
   * Selects the row of the entry that holds `position` in `uri` (the editor's cursor), when the tree shows
   * it; nothing when no issue's entry holds it. Does not take the focus from the editor. Returns the issue.
   */
  async revealAt(uri: string, line: number, character: number): Promise<OpenIssue | undefined> {
    // While the view reads a new tree, a reveal would ask for handles it is dropping: wait until it has read.
    if (!(await this.gate.whenSettled())) return undefined;
    const nodes = this.roots.flatMap((g) => g.children);
    const issue = issueAt(nodes.map((n) => n.issue), uri, line, character);
    const node = issue && nodes.find((n) => n.issue === issue);
    if (!node) return undefined;
    const current = this.treeView.selection[0];
    if (current?.kind === 'issue' && issueItemId(current.issue) === issueItemId(issue)) return issue;
    await this.treeView.reveal(node, { select: true, focus: false });
    return issue;
  }

  /** How many times the view asked for the roots, for the test API. */
  get rootReads(): number {
    return this.rootReadCount;
  }

  /** The view has read the tree since its last root change (see `rootsChanged`), for the test API. */
  get settled(): boolean {
    return this.gate.settled;
  }

  /** Fires with the view's visibility when it is shown or hidden. */
  onDidChangeVisibility(listener: (visible: boolean) => void): vscode.Disposable {
    return this.treeView.onDidChangeVisibility((e) => listener(e.visible));
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

  private showTitle(): void {
    this.treeView.title = this.includeValue === 'all' ? 'All Issues' : 'Open Issues';
  }

  /** The view's message: indexing first, then what the filter keeps; its description: the filter. */
  private showMessage(): void {
    this.treeView.description = filterDescription(this.filterValue);
    if (this.state === 'stopped' || this.state === 'disabled' || this.state === 'error') return;
    const shown = this.roots.reduce((n, g) => n + g.children.length, 0);
    const indexing = this.indexingMessage ?? (this.answerIndexing && this.unfilteredCount > 0 ? 'Indexing issue logs…' : undefined);
    this.treeView.message = indexing ?? (isFiltering(this.filterValue) && this.unfilteredCount > 0 ? filterMessage(shown, this.unfilteredCount) : undefined);
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
    // Undefined: the first index is complete (the held result may be older and still say indexing).
    if (message === undefined) this.answerIndexing = false;
    this.showMessage();
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
          overdue: item.resourceUri !== undefined,
          uri: child.issue.uri,
          line: child.issue.range.start.line,
          hasReference: child.issue.reference !== undefined,
        };
      }),
    }));
  }

  getTreeItem(node: OpenIssuesNode): vscode.TreeItem {
    return node.kind === 'group' ? groupItem(node) : issueItem(node, (r) => this.client.protocol2CodeConverter.asRange(r));
  }

  async getChildren(node?: OpenIssuesNode): Promise<OpenIssuesNode[]> {
    this.gate.read();
    if (node) return node.kind === 'group' ? node.children : [];
    this.rootReadCount++;
    if (!this.result && this.inFlight) await this.inFlight;
    return this.roots;
  }

  getParent(node: OpenIssuesNode): OpenIssuesNode | undefined {
    return node.kind === 'issue' ? node.parent : undefined;
  }

  dispose(): void {
    this.gate.dispose();
    for (const d of this.disposables) d.dispose();
  }

  /** The roots changed: one root change at a time (treeReadGate.ts). */
  private rootsChanged(): void {
    this.gate.changed();
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
      const include = this.includeValue;
      const answer = held?.version !== undefined ? await this.client.sendRequest(OpenIssuesChangesRequest, { knownVersion: held.version, include }) : undefined;
      next = (answer && applyOpenIssuesAnswer(held, answer)) ?? (await this.client.sendRequest(OpenIssuesRequest, { include }));
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
    // The badge counts the open issues, also when the view shows all of them.
    const open = issues.filter(isOpen).length;
    this.treeView.badge = open > 0 ? { value: open, tooltip: openIssuesText(open) } : undefined;
    this.answerIndexing = indexing;
    if (issues.length > 0) this.setState('ready');
    else if (indexing) this.setState('indexing');
    else this.setState(logCount === 0 ? 'noLogs' : 'noOpenIssues');
    this.showMessage();
    this.rootsChanged();
    if (versionChanged) this.versionEmitter.fire();
  }

  private rebuild(): void {
    const groupBy = this.groupByValue;
    const all = this.result?.issues ?? [];
    this.unfilteredCount = all.length;
    const kept = isFiltering(this.filterValue) ? all.filter((issue) => matchesFilter(issue, this.filterValue, whereOf(issue, groupBy))) : all;
    this.roots = groupOpenIssues(kept, groupBy).map((group) => {
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
