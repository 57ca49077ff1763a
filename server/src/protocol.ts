/**
 * The custom messages between the Issue Log client and server: one file, imported by both sides.
 * Standard LSP messages are not repeated here.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Range } from 'vscode-languageserver-protocol';

/** Severity of an issue as the tree groups it. */
export type IssueSeverityName = 'Critical' | 'High' | 'Medium' | 'Low' | 'Unknown';

/** One open issue of the workspace, as the Open Issues tree shows it. */
export interface OpenIssue {
  /** `CRIT-001`, or `Issue 3` for a numbered entry of a phase file. */
  id: string;
  title: string;
  severity: IssueSeverityName;
  /**
   * The Phase field; else the phase folder (`03-Frontend-Optimization`) of the Reference's target, of
   * a merged entry in another file, or of the entry itself, in that order.
   */
  phase?: string;
  /** The Assigned field. */
  assignee?: string;
  /** The Target Resolution field. */
  target?: string;
  /** The Status field as written (or `Open` when open by prefix or section). */
  status?: string;
  /** Other fields, by their name as written, for the tooltip; `uri`: the document of the entry that gave it. */
  fields: { name: string; value: string; uri: string }[];
  /** Where the entry's heading is. */
  uri: string;
  range: Range;
  /** The whole entry: from its heading to the end of its section (the next heading of its level or higher), or its register row. */
  extent?: Range;
  /** How the status reads (contract v2): `open`, `resolved` or `unknown`; only `open` ones unless `include: 'all'` was asked. */
  statusClass?: 'open' | 'resolved' | 'unknown';
  /** Where the entry's Reference link points (the phase file's section), when it resolves. */
  reference?: { uri: string; range: Range };
  /**
   * Set in `issueLog/openIssues` answers: the same issue has the same key in every answer (its file, its
   * ID and which definition of that ID in the file it is; not its line, so an edit above it keeps it).
   */
  key?: string;
}

export interface OpenIssuesParams {
  /** Restrict to the issues of these workspace folders (URIs); all when omitted. */
  folders?: string[];
  /** `open` (the default): the open issues; `all`: every issue, whatever its status (the tree's "All Issues"). */
  include?: 'open' | 'all';
}

export interface OpenIssuesChangesParams extends OpenIssuesParams {
  /**
   * The `version` of the answer the client holds. The server answers with what changed since (an
   * `OpenIssuesDelta`, empty when nothing did) when it still knows that version, else with the whole list.
   */
  knownVersion: number;
}

export interface OpenIssuesResult {
  /** Set in `issueLog/openIssuesChanges` answers, which may also be an `OpenIssuesDelta`. */
  kind?: 'full';
  /** Changes whenever the answer (or the open count of a log's scope, which the status bar shows) changes. */
  version?: number;
  issues: OpenIssue[];
  /** How many issue logs the workspace has; 0 drives the tree's empty state. */
  logCount: number;
  /** True while the server is still indexing the workspace. */
  indexing: boolean;
}

/** What changed between the answer of version `base` and that of `version` (nothing when they are equal). */
export interface OpenIssuesDelta {
  kind: 'delta';
  base: number;
  version: number;
  /** Issues new or changed since `base`; each replaces the held issue with the same `key`. */
  changed: OpenIssue[];
  /** The `key`s of the issues no longer in the answer (no longer open, unless `include: 'all'`). */
  removed: string[];
  /**
   * Issues moved by an edit above them and otherwise unchanged, as runs: every held issue of `uri`
   * whose heading starts on a line from `fromLine` to `toLine` (the held lines) moves by `delta` lines.
   * Applied before `changed`. Keeps the answer to a new line above 2,000 issues small.
   */
  shifted?: { uri: string; fromLine: number; toLine: number; delta: number }[];
  logCount: number;
  indexing: boolean;
}

/** Client → server: the open issues of the workspace, the whole list (the tree's first answer). */
export const OpenIssuesRequest = new RequestType<OpenIssuesParams, OpenIssuesResult, void>('issueLog/openIssues');

/**
 * Client → server: a version check of the open issues, asked after `issueLog/indexChanged`: what changed
 * since the version the client holds (usually nothing), or the whole list when that version is unknown.
 */
export const OpenIssuesChangesRequest = new RequestType<OpenIssuesChangesParams, OpenIssuesResult | OpenIssuesDelta, void>('issueLog/openIssuesChanges');

export interface IndexChangedParams {
  /** Number of open issues after the change (for the badge). */
  openCount: number;
  logCount: number;
}

/**
 * Server → client: the workspace index changed (a file was edited, created, deleted or indexed), once per
 * change after the diagnostics went out. The client then asks `issueLog/openIssuesChanges` (a version check).
 */
export const IndexChangedNotification = new NotificationType<IndexChangedParams>('issueLog/indexChanged');

export interface IndexingProgressParams {
  /** Which run (increasing): an older run's end that arrives after a newer run's begin is ignored. */
  run: number;
  /** Files read so far in this indexing run, of `total` (the open documents and the closed files). */
  done: number;
  total: number;
  /** The run ended (finished or cancelled by a newer one, which sends its own progress). */
  ended: boolean;
  /** No indexing run has finished yet in this server: the index is not complete once. */
  first: boolean;
}

/**
 * Server → client: how far an indexing run is, for a status-bar item and the Open Issues view (the
 * client cannot read the window's work-done progress). At its begin, at most every ~200 ms, and at its end.
 */
export const IndexingProgressNotification = new NotificationType<IndexingProgressParams>('issueLog/indexingProgress');

/**
 * `initializationOptions` the server reads (all optional). Other settings may sit beside them (see
 * the server's settings) or under `issueLog`.
 */
export interface IssueLogInitializationOptions {
  /** Where to cache parsed facts. */
  cacheDir?: string;
  /**
   * false: do not offer document symbols. VS Code's own Markdown support already gives the outline and
   * breadcrumbs, so the VS Code client passes false; other editors (`issue-log lsp --stdio`) keep them.
   */
  documentSymbols?: boolean;
  /**
   * false: do not offer document links, for the same reason (VS Code's Markdown support links every
   * relative link and fragment; the master log of the large workspace has 5,800 links, 1.4 MB an answer).
   */
  documentLinks?: boolean;
}

export interface NewIssueParams {
  /** The log to insert into (a document URI). */
  uri: string;
  severity: Exclude<IssueSeverityName, 'Unknown'>;
  title: string;
  /** YYYY-MM-DD, the client's today. */
  today: string;
}

export interface NewIssueResult {
  /** The ID that the new entry gets (`HIGH-004`). */
  id: string;
  /**
   * The edit that inserts the entry under the matching register, `[TBD]` for the values not known yet
   * (its first change of `uri`), and bumps the statistics counts the new issue changes (the others);
   * a client that cannot insert snippets applies it as it is.
   */
  edit: import('vscode-languageserver-protocol').WorkspaceEdit;
  /**
   * The entry's insertion (the first change of `edit`) as snippet text: the same text with tab stops
   * for the `[TBD]` values. A client that can, applies it in place of that change, with the other
   * changes of `edit`, as one edit (VS Code: a `SnippetTextEdit` in the `WorkspaceEdit`).
   */
  snippet?: string;
  /** Where the new entry's heading will be after the edit. */
  position: import('vscode-languageserver-protocol').Position;
}

/** Client → server: compute the edit for a new issue entry (the client applies it). */
export const NewIssueRequest = new RequestType<NewIssueParams, NewIssueResult | null, void>('issueLog/newIssue');

export interface LogSummaryParams {
  uri: string;
}

export interface LogSummaryResult {
  isLog: boolean;
  openCount: number;
  problemCount: number;
  /** What `openCount` counts: the log's scope (a log with statistics: as they count) or its own issues. */
  counted: 'scope' | 'file';
}

/**
 * Client → server: the open count and problem count of one log, for the status bar. The VS Code client
 * asks when the active editor changes and when the open-issues `version` changes (the open count of a
 * scope can have changed); the problem count it keeps from the published diagnostics.
 */
export const LogSummaryRequest = new RequestType<LogSummaryParams, LogSummaryResult, void>('issueLog/logSummary');
