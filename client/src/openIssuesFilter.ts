/**
 * The pure part of the Open Issues tree's filter and of "reveal the entry under the cursor": which issues
 * a filter keeps, how the view describes it, and which issue's entry holds a position. No `vscode` here,
 * so that it is unit tested in plain Node.
 */
import type { IssueSeverityName, OpenIssue } from '../../server/src/protocol';

/** The tree's filter: words to find (all of them, in any field), and the severities and statuses to keep (none: any). */
export interface IssueFilter {
  readonly text: string;
  readonly severities: readonly IssueSeverityName[];
  /** Status labels as the issues write them, compared without regard to case. */
  readonly statuses: readonly string[];
}

export const NO_FILTER: IssueFilter = { text: '', severities: [], statuses: [] };

export function isFiltering(filter: IssueFilter): boolean {
  return filter.text.trim() !== '' || filter.severities.length > 0 || filter.statuses.length > 0;
}

/** The status an issue is filtered and shown by: its Status as written, else its class (`Open`, `Resolved`). */
export function statusOf(issue: OpenIssue): string {
  const written = (issue.status ?? '').trim();
  if (written) return written;
  return issue.statusClass === 'resolved' ? 'Resolved' : issue.statusClass === 'unknown' ? 'Unknown' : 'Open';
}

/** The texts a filter's words are looked for in: ID, title, status, severity, phase, assignee, target, field values, file. */
function haystack(issue: OpenIssue, where: string): string {
  return [issue.id, issue.title, statusOf(issue), issue.severity, issue.phase, issue.assignee, issue.target, ...issue.fields.map((f) => f.value), where]
    .filter((x): x is string => typeof x === 'string')
    .join('\n')
    .toLowerCase();
}

/**
 * Whether `issue` passes `filter`: every word of the text is in one of its fields (or `where`, the path the
 * row shows), its severity is one of those picked, its status one of those picked.
 */
export function matchesFilter(issue: OpenIssue, filter: IssueFilter, where = ''): boolean {
  if (filter.severities.length > 0 && !filter.severities.includes(issue.severity)) return false;
  if (filter.statuses.length > 0) {
    const status = statusOf(issue).toLowerCase();
    if (!filter.statuses.some((s) => s.toLowerCase() === status)) return false;
  }
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack(issue, where);
  return words.every((w) => text.includes(w));
}

/** The statuses the issues have, each once (the first spelling met), in order of first appearance. */
export function statusesOf(issues: readonly OpenIssue[]): string[] {
  const seen = new Map<string, string>();
  for (const issue of issues) {
    const s = statusOf(issue);
    if (!seen.has(s.toLowerCase())) seen.set(s.toLowerCase(), s);
  }
  return [...seen.values()];
}

/** The view's description of an active filter: `High, Critical · Blocked · "pool"`; undefined when none. */
export function filterDescription(filter: IssueFilter): string | undefined {
  if (!isFiltering(filter)) return undefined;
  const text = filter.text.trim();
  return [filter.severities.join(', '), filter.statuses.join(', '), text && `"${text}"`].filter(Boolean).join(' · ');
}

/** The view's message under a filter: `3 of 12 issues match the filter`. */
export function filterMessage(shown: number, total: number): string {
  return shown === 0 ? `No issue of ${total} matches the filter.` : `${shown} of ${total} issue${total === 1 ? '' : 's'} match the filter.`;
}

/**
 * The issue whose entry holds the position (`line`, 0-based) in `uri`: its extent, from its heading to the
 * start of the next heading of its level or higher (exclusive); the innermost when entries nest. Issues
 * without an extent (an older server) count their heading's line only.
 */
export function issueAt(issues: readonly OpenIssue[], uri: string, line: number, character: number): OpenIssue | undefined {
  let best: OpenIssue | undefined;
  for (const issue of issues) {
    if (issue.uri !== uri) continue;
    const { start, end } = issue.extent ?? issue.range;
    const after = line > start.line || (line === start.line && character >= start.character);
    const before = issue.extent ? line < end.line || (line === end.line && character < end.character) : line === end.line;
    if (!after || !before) continue;
    if (!best || start.line > (best.extent ?? best.range).start.line) best = issue;
  }
  return best;
}
