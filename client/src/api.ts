/**
 * What `activate()` returns: a small API for the extension-host tests (and for other extensions that
 * want to read the Open Issues tree). Types only; nothing here imports `vscode` at run time.
 */
import type { IndexingProgressParams, OpenIssuesResult } from '../../server/src/protocol';
import type { GroupBy } from './openIssuesModel';

/** One group of the Open Issues tree as the tree shows it. */
export interface OpenIssuesGroupSnapshot {
  label: string;
  /** The ThemeIcon's id and its ThemeColor's id, when the item has them. */
  icon?: string;
  color?: string;
  /** `overdue`: the row carries the overdue decoration (overdueDecorations.ts). */
  items: { label: string; description?: string; icon?: string; color?: string; overdue: boolean; uri: string; line: number; hasReference: boolean }[];
}

export interface IssueLogApi {
  /** Resolves when the language client is running (rejects when it failed to start); at once when `issueLog.enable` is off. */
  ready: Promise<void>;
  /** The grouping the tree uses now. */
  groupBy(): GroupBy;
  /** Fetches the open issues anew and returns the tree's groups, as `getChildren` gives them. */
  openIssuesTree(): Promise<OpenIssuesGroupSnapshot[]>;
  /** The last result of the OpenIssues request, as the tree holds it. */
  lastOpenIssues(): OpenIssuesResult | undefined;
  /** The Open Issues tree's state (`issueLog.openIssues.state`: `ready`, `stopped`, `disabled`, `error`, ...). */
  openIssuesState(): string | undefined;
  /** The Open Issues view's title (`Open Issues`, `All Issues`), description (the filter), message, and the selected rows (IDs). */
  openIssuesView(): { title: string | undefined; description: string | undefined; message: string | undefined; selected: string[] };
  /** The status item of the active log (hidden: undefined): the document, its open count and whether that is the file's own or its scope's. */
  logStatus(): { uri: string; openCount: number; counted: 'file' | 'scope' } | undefined;
  /** Lines written to the Issue Log Trace channel so far (its text cannot be read through the API). */
  traceLinesWritten(): number;
  /**
   * Indexing as the user sees it: the status item's text while shown (`Indexing issue logs… N of M`),
   * the Open Issues view's message now, and the server's last issueLog/indexingProgress.
   */
  indexingStatus(): { statusText: string | undefined; treeMessage: string | undefined; last: IndexingProgressParams | undefined };
  /** Whether the Open Issues view has read the tree since its last change (it asks nothing more for a moment). */
  openIssuesViewSettled(): boolean;
  /** How many times the Open Issues view (VS Code, not `openIssuesTree`) asked for the tree's roots. */
  openIssuesRootReads(): number;
  /** The extension's log folder (`context.logUri`); the extension host's own log (`exthost.log`) is next to it, for tests. */
  logUri: string;
  /** The language client's state. */
  serverState(): 'starting' | 'running' | 'stopped';
}
