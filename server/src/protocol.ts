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
  /** The Phase field, or the phase folder's name (`03-Frontend-Optimization`). */
  phase?: string;
  /** The Assigned field. */
  assignee?: string;
  /** The Target Resolution field. */
  target?: string;
  /** The Status field as written (or `Open` when open by prefix or section). */
  status?: string;
  /** Other fields, by their name as written, for the tooltip. */
  fields: { name: string; value: string }[];
  /** Where the entry's heading is. */
  uri: string;
  range: Range;
  /** Where the entry's Reference link points (the phase file's section), when it resolves. */
  reference?: { uri: string; range: Range };
}

export interface OpenIssuesParams {
  /** Restrict to the issues of these workspace folders (URIs); all when omitted. */
  folders?: string[];
}

export interface OpenIssuesResult {
  issues: OpenIssue[];
  /** How many issue logs the workspace has; 0 drives the tree's empty state. */
  logCount: number;
  /** True while the server is still indexing the workspace. */
  indexing: boolean;
}

/** Client → server: the open issues of the workspace. */
export const OpenIssuesRequest = new RequestType<OpenIssuesParams, OpenIssuesResult, void>('issueLog/openIssues');

export interface IndexChangedParams {
  /** Number of open issues after the change (for the badge). */
  openCount: number;
  logCount: number;
}

/** Server → client: the workspace index changed (a file was edited, created, deleted or indexed). */
export const IndexChangedNotification = new NotificationType<IndexChangedParams>('issueLog/indexChanged');

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
  /** The edit that inserts the entry under the matching register; the client applies it. */
  edit: import('vscode-languageserver-protocol').WorkspaceEdit;
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
}

/** Client → server: the open count and problem count of one log, for the status bar. */
export const LogSummaryRequest = new RequestType<LogSummaryParams, LogSummaryResult, void>('issueLog/logSummary');
