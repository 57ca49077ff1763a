/** The open issues of the workspace, as the Open Issues tree and `issue-log open` show them. */
import { URI, Utils } from 'vscode-uri';
import type { IssueSeverityName, OpenIssue, OpenIssuesDelta, OpenIssuesResult } from '../protocol';
import { rangeOf } from './positions';
import { referenceLink, type Issue, type WorkspaceIndex } from './workspace';

export const SEVERITY_ORDER: IssueSeverityName[] = ['Critical', 'High', 'Medium', 'Low', 'Unknown'];

function firstField(issue: Issue, ...names: string[]): string | undefined {
  for (const name of names) {
    for (const e of issue.entries) {
      const f = e.entry.fields.find((x) => x.name.toLowerCase() === name);
      if (f && f.value) return f.value;
    }
  }
  return undefined;
}

/** Describes one issue for the tree (whatever its status). */
export function describeIssue(index: WorkspaceIndex, issue: Issue): OpenIssue | undefined {
  const primary = issue.entries[0];
  const doc = index.get(primary.uri);
  if (!doc) return undefined;
  const e = primary.entry;
  const folderName = Utils.basename(Utils.dirname(URI.parse(primary.uri)));
  const fields: { name: string; value: string }[] = [];
  const seen = new Set<string>();
  for (const x of issue.entries) {
    for (const f of x.entry.fields) {
      const k = f.name.toLowerCase();
      if (seen.has(k)) continue;
      seen.add(k);
      fields.push({ name: f.name, value: f.value });
    }
  }
  const out: OpenIssue = {
    id: e.id,
    title: e.title || firstField(issue, 'title') || '',
    severity: issue.severity ?? 'Unknown',
    phase: firstField(issue, 'phase') ?? (/^\d+[-_ ]/.test(folderName) ? folderName : undefined),
    assignee: firstField(issue, 'assigned', 'assignee', 'owner'),
    target: firstField(issue, 'target resolution', 'target'),
    status: issue.statusField?.field.value ?? (issue.status === 'open' ? 'Open' : undefined),
    fields,
    uri: primary.uri,
    range: rangeOf(doc.lineStarts, e.heading.start, e.heading.end),
  };
  const link = e.kind === 'id' ? referenceLink(e) : undefined;
  if (link) {
    const r = index.resolve(primary.uri, link);
    if (r.kind === 'internal' && r.exists === 'file') {
      const target = index.get(r.target);
      const heading = target && r.fragment ? index.headingBySlug(target, r.fragment) : undefined;
      out.reference = {
        uri: r.target,
        range: target && heading ? rangeOf(target.lineStarts, heading.start, heading.end) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      };
    }
  }
  return out;
}

export function openIssues(index: WorkspaceIndex): OpenIssue[] {
  const out: OpenIssue[] = [];
  for (const issue of index.allIssues()) {
    if (issue.status !== 'open') continue;
    const d = describeIssue(index, issue);
    if (d) out.push(d);
  }
  out.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.id.localeCompare(b.id, 'en', { numeric: true }) || a.uri.localeCompare(b.uri));
  return out;
}

export interface OpenIssuesQuery {
  /** Workspace folder URIs to restrict to; all when empty or omitted. */
  folders?: string[];
  /** The version of the answer the client holds. */
  knownVersion?: number;
  /** The server is still indexing. */
  indexing: boolean;
}

interface Answer {
  version: number;
  /** The index version and query it was computed for. */
  indexVersion: number;
  folders: string;
  indexing: boolean;
  issues: OpenIssue[];
  /** JSON of each issue by key, to find what changed. */
  json: Map<string, string>;
  logCount: number;
  /** The open count of each log's scope (what the status bar shows), as one string. */
  summaries: string;
}

function inFolders(uri: string, folders: string[]): boolean {
  return folders.length === 0 || folders.some((f) => uri.startsWith(f + '/'));
}

/** Gives each issue its `key`: file, ID and which definition of that ID in the file (in document order). */
function withKeys(issues: OpenIssue[]): OpenIssue[] {
  const seen = new Map<string, number>();
  const byPosition = [...issues].sort((a, b) => a.range.start.line - b.range.start.line);
  const keyOf = new Map<OpenIssue, string>();
  for (const issue of byPosition) {
    const base = `${issue.uri}\n${issue.id}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    keyOf.set(issue, `${base}\n${n}`);
  }
  return issues.map((issue) => ({ ...issue, key: keyOf.get(issue)! }));
}

/**
 * Answers `issueLog/openIssues` so that a client asking after every edit gets only what changed: the
 * answer is computed once per index version, keeps its version number while nothing in it (or in the
 * open counts of the logs' scopes) changes, and a client that holds the current or the previous version
 * gets a delta instead of the whole list.
 */
export class OpenIssuesAnswers {
  private current: Answer | undefined;
  /** The delta from the previous answer to `current`, for a client that holds the previous one. */
  private lastDelta: OpenIssuesDelta | undefined;
  private nextVersion = 1;

  /** The whole list (`issueLog/openIssues`). */
  whole(index: WorkspaceIndex, query: Omit<OpenIssuesQuery, 'knownVersion'>): OpenIssuesResult {
    const now = this.update(index, query);
    return { kind: 'full', version: now.version, issues: now.issues, logCount: now.logCount, indexing: now.indexing };
  }

  /** What changed since `query.knownVersion`, or the whole list (`issueLog/openIssuesChanges`). */
  answer(index: WorkspaceIndex, query: OpenIssuesQuery): OpenIssuesResult | OpenIssuesDelta {
    const now = this.update(index, query);
    const base = { logCount: now.logCount, indexing: now.indexing };
    if (query.knownVersion === now.version) return { kind: 'delta', base: now.version, version: now.version, changed: [], removed: [], ...base };
    if (this.lastDelta && query.knownVersion === this.lastDelta.base && this.lastDelta.version === now.version) return this.lastDelta;
    return { kind: 'full', version: now.version, issues: now.issues, ...base };
  }

  private update(index: WorkspaceIndex, query: OpenIssuesQuery): Answer {
    const folderList = (query.folders ?? []).map((f) => f.replace(/\/$/, ''));
    const folders = JSON.stringify([...folderList].sort());
    const prev = this.current;
    if (prev && prev.indexVersion === index.version && prev.folders === folders && prev.indexing === query.indexing) return prev;
    const issues = withKeys(openIssues(index).filter((i) => inFolders(i.uri, folderList)));
    const logs = index.logs().filter((d) => inFolders(d.uri, folderList));
    const json = new Map(issues.map((i) => [i.key!, JSON.stringify(i)]));
    const summaries = logs.map((d) => `${d.uri} ${index.scopeStats(d.uri).counts.open}`).join('\n');
    const next: Answer = { version: 0, indexVersion: index.version, folders, indexing: query.indexing, issues, json, logCount: logs.length, summaries };
    if (!prev || prev.folders !== folders) {
      next.version = this.nextVersion++;
      this.lastDelta = undefined;
    } else {
      const changed = issues.filter((i) => prev.json.get(i.key!) !== json.get(i.key!));
      const removed = [...prev.json.keys()].filter((k) => !json.has(k));
      const same = changed.length === 0 && removed.length === 0 && prev.logCount === next.logCount && prev.indexing === next.indexing && prev.summaries === summaries;
      if (same) {
        next.version = prev.version;
      } else {
        next.version = this.nextVersion++;
        this.lastDelta = { kind: 'delta', base: prev.version, version: next.version, changed, removed, logCount: next.logCount, indexing: next.indexing };
      }
    }
    this.current = next;
    return next;
  }
}
