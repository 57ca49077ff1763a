/** The open issues of the workspace, as the Open Issues tree and `issue-log open` show them. */
import { URI, Utils } from 'vscode-uri';
import type { OpenIssue, OpenIssuesDelta, OpenIssuesResult } from '../protocol';
import type { DocumentFacts } from './document';
import { rangeIn } from './documentFacts';
import { fieldNamed, referenceLink, statusLabel, type Issue } from './issues';
import { severityRank } from './severity';
import type { WorkspaceIndex } from './workspaceIndex';

/** The first non-empty value of the first of `names` that an entry of the issue has. */
function firstField(issue: Issue, ...names: string[]): string | undefined {
  for (const name of names) {
    for (const e of issue.entries) {
      const f = fieldNamed(e.entry, name);
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
  const fields: OpenIssue['fields'] = [];
  const seen = new Set<string>();
  for (const x of issue.entries) {
    for (const f of x.entry.fields) {
      const k = f.name.toLowerCase();
      if (seen.has(k)) continue;
      seen.add(k);
      fields.push({ name: f.name, value: f.value, uri: x.uri });
    }
  }
  const out: OpenIssue = {
    id: e.id,
    title: e.title || firstField(issue, 'title') || '',
    severity: issue.severity ?? 'Unknown',
    phase: firstField(issue, 'phase'),
    assignee: firstField(issue, 'assigned', 'assignee', 'owner'),
    target: firstField(issue, 'target resolution', 'target'),
    status: statusLabel(issue),
    statusClass: issue.status,
    fields,
    uri: primary.uri,
    range: rangeIn(doc, e.heading),
    // The entry's own text, for "reveal the entry under the cursor" (`end` is relative to the heading's block).
    extent: rangeIn(doc, e.heading, e.heading.start, e.end),
  };
  const link = e.kind === 'id' ? referenceLink(e) : undefined;
  if (link) {
    const r = index.resolve(primary.uri, link);
    // The phase is where the Reference points, even when that file is missing (a broken link says so).
    if (r.kind === 'internal') out.phase ??= phaseFolder(r.target);
    if (r.kind === 'internal' && r.exists === 'file') {
      const target = index.get(r.target);
      const heading = target && r.fragment ? index.headingBySlug(target, r.fragment) : undefined;
      out.reference = {
        uri: r.target,
        range: target && heading ? rangeIn(target, heading) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      };
    }
  }
  // No Phase field and no Reference into a phase folder: a merged entry's folder, then its own.
  out.phase ??= issue.entries.map((x) => phaseFolder(x.uri)).find((p, i) => i > 0 && p !== undefined) ?? phaseFolder(primary.uri);
  return out;
}

/** The name of the folder holding `uri` when it reads as a phase (`04-Backend-Optimization`). */
function phaseFolder(uri: string): string | undefined {
  const name = Utils.basename(Utils.dirname(URI.parse(uri)));
  return /^\d+[-_ ]/.test(name) ? name : undefined;
}

export function openIssues(index: WorkspaceIndex): OpenIssue[] {
  const out: OpenIssue[] = [];
  for (const issue of index.allIssues()) {
    if (issue.status !== 'open') continue;
    const d = describeIssue(index, issue);
    if (d) out.push(d);
  }
  out.sort(compareOpenIssues);
  return out;
}

/** How many lines an edit above moved an issue that is otherwise the same; undefined when it changed. */
function lineShift(was: Described, now: Described): number | undefined {
  const a = was.range;
  const b = now.range;
  const delta = b.start.line - a.start.line;
  if (delta === 0 || b.end.line - a.end.line !== delta || a.start.character !== b.start.character || a.end.character !== b.end.character) return undefined;
  const e = now.issue.extent;
  const extent = e && { start: { ...e.start, line: e.start.line - delta }, end: { ...e.end, line: e.end.line - delta } };
  return JSON.stringify({ ...now.issue, range: was.issue.range, ...(extent && { extent }) }) === was.json ? delta : undefined;
}

/**
 * The moved issues as runs: each run is a stretch of the held issues of one file, consecutive by line
 * (no other held issue of the file between), all moved by the same number of lines.
 */
function shiftsOf(held: Map<string, Described>, moved: Map<string, number>): NonNullable<OpenIssuesDelta['shifted']> {
  if (moved.size === 0) return [];
  const byUri = new Map<string, { key: string; line: number }[]>();
  for (const [key, d] of held) {
    let list = byUri.get(d.issue.uri);
    if (!list) byUri.set(d.issue.uri, (list = []));
    list.push({ key, line: d.range.start.line });
  }
  const out: NonNullable<OpenIssuesDelta['shifted']> = [];
  for (const [uri, list] of byUri) {
    list.sort((a, b) => a.line - b.line);
    for (let i = 0; i < list.length; ) {
      const delta = moved.get(list[i].key);
      if (delta === undefined) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < list.length && moved.get(list[j + 1].key) === delta) j++;
      out.push({ uri, fromLine: list[i].line, toLine: list[j].line, delta });
      i = j + 1;
    }
  }
  return out;
}

// One collator each (as `localeCompare` with these arguments, without making one per comparison).
const byId = new Intl.Collator('en', { numeric: true });
const byUri = new Intl.Collator();

/** Most severe first, then by ID (numbers as numbers), then by file. */
function compareOpenIssues(a: OpenIssue, b: OpenIssue): number {
  return severityRank(a.severity) - severityRank(b.severity) || byId.compare(a.id, b.id) || byUri.compare(a.uri, b.uri);
}

export interface OpenIssuesQuery {
  /** Workspace folder URIs to restrict to; all when empty or omitted. */
  folders?: string[];
  /** The version of the answer the client holds. */
  knownVersion?: number;
  /** The server is still indexing. */
  indexing: boolean;
  /** `all`: every issue, whatever its status; else the open ones. */
  include?: 'open' | 'all';
}

/** An issue as last described, with what the description read besides the issue itself. */
interface Described {
  issue: OpenIssue;
  json: string;
  /** The heading's range (an edit above moves it without changing the issue). */
  range: OpenIssue['range'];
  /** The document the Reference resolved into, and the index structure it was resolved in. */
  referenceDoc?: DocumentFacts;
  structure: number;
}

interface Answer {
  version: number;
  /** The index version and query it was computed for. */
  indexVersion: number;
  folders: string;
  indexing: boolean;
  include: 'open' | 'all';
  issues: OpenIssue[];
  /** What each issue's answer was made from, by key, to find what changed. */
  byKey: Map<string, Described>;
  logCount: number;
}

function inFolders(uri: string, folders: string[]): boolean {
  return folders.length === 0 || folders.some((f) => uri.startsWith(f + '/'));
}

const sameRange = (a: OpenIssue['range'], b: OpenIssue['range']) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/**
 * Answers `issueLog/openIssues` so that a client asking after every edit gets only what changed: the
 * answer is computed once per index version, keeps its version number while nothing in it changes, and
 * a client that holds the current or the previous version gets a delta instead of the whole list. An
 * issue object the index kept (its entries did not change) is described again only when its heading
 * moved or its Reference's document changed. (The open counts of the logs' scopes are not part of the
 * version: computing every log's scope on each edit cost seconds on the large workspace.)
 */
export class OpenIssuesAnswers {
  private current: Answer | undefined;
  /** The delta from the previous answer to `current`, for a client that holds the previous one. */
  private lastDelta: OpenIssuesDelta | undefined;
  private nextVersion = 1;
  private described = new WeakMap<Issue, Described>();

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

  private describe(index: WorkspaceIndex, issue: Issue): Described | undefined {
    const primary = issue.entries[0];
    const doc = index.get(primary.uri);
    if (!doc) return undefined;
    const last = this.described.get(issue);
    if (last && last.structure === index.structureVersion && sameRange(last.range, rangeIn(doc, primary.entry.heading))) {
      if (!last.issue.reference || index.get(last.issue.reference.uri) === last.referenceDoc) return last;
    }
    const d = describeIssue(index, issue);
    if (!d) return undefined;
    const described: Described = { issue: d, json: JSON.stringify(d), range: d.range, referenceDoc: d.reference && index.get(d.reference.uri), structure: index.structureVersion };
    this.described.set(issue, described);
    return described;
  }

  private update(index: WorkspaceIndex, query: Omit<OpenIssuesQuery, 'knownVersion'>): Answer {
    const folderList = (query.folders ?? []).map((f) => f.replace(/\/$/, ''));
    const folders = JSON.stringify([...folderList].sort());
    const include = query.include ?? 'open';
    const prev = this.current;
    if (prev && prev.indexVersion === index.version && prev.folders === folders && prev.include === include && prev.indexing === query.indexing) return prev;
    const described: Described[] = [];
    for (const issue of index.allIssues()) {
      if (include === 'open' && issue.status !== 'open') continue;
      const d = this.describe(index, issue);
      if (d && inFolders(d.issue.uri, folderList)) described.push(d);
    }
    described.sort((a, b) => compareOpenIssues(a.issue, b.issue));
    // Keys: file, ID and which definition of that ID in the file it is, in document order.
    const byPosition = [...described].sort((a, b) => a.range.start.line - b.range.start.line);
    const seen = new Map<string, number>();
    const keyOf = new Map<Described, string>();
    for (const d of byPosition) {
      const base = `${d.issue.uri}\n${d.issue.id}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      keyOf.set(d, `${base}\n${n}`);
    }
    const byKey = new Map<string, Described>();
    const issues = described.map((d) => {
      const key = keyOf.get(d)!;
      byKey.set(key, d);
      return { ...d.issue, key };
    });
    const logCount = index.logs().filter((d) => inFolders(d.uri, folderList)).length;
    const next: Answer = { version: 0, indexVersion: index.version, folders, include, indexing: query.indexing, issues, byKey, logCount };
    // Another question (folders, open or all): a new answer, not a delta of the other one.
    if (!prev || prev.folders !== folders || prev.include !== include) {
      next.version = this.nextVersion++;
      this.lastDelta = undefined;
    } else {
      const moved = new Map<string, number>();
      const changed = issues.filter((i) => {
        const was = prev.byKey.get(i.key);
        const now = byKey.get(i.key)!;
        if (!was) return true;
        if (was === now || was.json === now.json) return false;
        const delta = lineShift(was, now);
        if (delta === undefined) return true;
        moved.set(i.key, delta);
        return false;
      });
      const removed = [...prev.byKey.keys()].filter((k) => !byKey.has(k));
      const shifted = shiftsOf(prev.byKey, moved);
      if (changed.length === 0 && removed.length === 0 && shifted.length === 0 && prev.logCount === logCount && prev.indexing === next.indexing) {
        next.version = prev.version;
      } else {
        next.version = this.nextVersion++;
        this.lastDelta = { kind: 'delta', base: prev.version, version: next.version, changed, removed, logCount, indexing: next.indexing };
        if (shifted.length > 0) this.lastDelta.shifted = shifted;
      }
    }
    this.current = next;
    return next;
  }
}
