/**
 * The pure part of the Open Issues tree: grouping, ordering and the texts of groups and items.
 * It does not import `vscode`, so that it runs (and is unit tested) in plain Node.
 */
import type { OpenIssue, OpenIssuesDelta, OpenIssuesResult } from '../../server/src/protocol';
import { SEVERITY_ORDER, severityRank } from '../../server/src/core/severity';
import { slugHeadings } from '../../server/src/core/slugs';

/** How the Open Issues tree groups its issues; remembered per workspace. */
export type GroupBy = 'severity' | 'phase' | 'assignee';

export const GROUP_BY_VALUES: readonly GroupBy[] = ['severity', 'phase', 'assignee'];

/** Severity groups in the order the tree shows them. */

/** Group names for issues that lack the field they are grouped by. */
export const NO_PHASE = 'No Phase';
export const UNASSIGNED = 'Unassigned';

export interface IssueGroup {
  /** Stable key of the group (the severity, phase or assignee as written; '' for the fallback group). */
  key: string;
  /** The group's name without the count (`Critical`, `Frontend Optimization`, `Unassigned`). */
  name: string;
  /** The name with the count, as the tree shows it: `Critical (2)`. */
  label: string;
  issues: OpenIssue[];
}

export function isGroupBy(value: unknown): value is GroupBy {
  return typeof value === 'string' && (GROUP_BY_VALUES as readonly string[]).includes(value);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Issues inside a group: most severe first, then by ID (`CRIT-2` before `CRIT-10`), then by file and line. */
export function compareIssues(a: OpenIssue, b: OpenIssue): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    collator.compare(a.id, b.id) ||
    collator.compare(a.uri, b.uri) ||
    a.range.start.line - b.range.start.line
  );
}

function trimmed(value: string | undefined): string {
  return (value ?? '').trim();
}

/** `Critical (2)`. */
export function groupLabel(name: string, count: number): string {
  return `${name} (${count})`;
}

/**
 * Groups open issues for the tree. By severity the groups come in the fixed order Critical, High,
 * Medium, Low, Unknown; by phase or assignee alphabetically (numbers compared as numbers, so
 * `02-Database` comes before `10-Release`), with the issues lacking the field last. Empty groups are
 * left out. Values that differ only in case or surrounding spaces share one group.
 */
export function groupOpenIssues(issues: readonly OpenIssue[], groupBy: GroupBy): IssueGroup[] {
  const sorted = [...issues].sort(compareIssues);
  if (groupBy === 'severity') {
    const groups: IssueGroup[] = [];
    for (const severity of SEVERITY_ORDER) {
      const members = sorted.filter((issue) => (SEVERITY_ORDER.includes(issue.severity) ? issue.severity : 'Unknown') === severity);
      if (members.length > 0) groups.push({ key: severity, name: severity, label: groupLabel(severity, members.length), issues: members });
    }
    return groups;
  }

  const fallback = groupBy === 'phase' ? NO_PHASE : UNASSIGNED;
  const byKey = new Map<string, { name: string; issues: OpenIssue[] }>();
  for (const issue of sorted) {
    const name = trimmed(groupBy === 'phase' ? issue.phase : issue.assignee);
    const key = name.toLowerCase();
    let group = byKey.get(key);
    if (!group) {
      group = { name: name || fallback, issues: [] };
      byKey.set(key, group);
    }
    group.issues.push(issue);
  }
  return [...byKey.entries()]
    .sort(([ka, a], [kb, b]) => (ka === '' ? 1 : 0) - (kb === '' ? 1 : 0) || collator.compare(a.name, b.name))
    .map(([key, g]) => ({ key, name: g.name, label: groupLabel(g.name, g.issues.length), issues: g.issues }));
}

/**
 * The open issues after an answer of `issueLog/openIssues`: the whole list, or the held one with a delta
 * applied. `held` itself when nothing changed (so the tree need not be rebuilt); undefined when the delta
 * is not from the held version (then the client asks for the whole list).
 */
export function applyOpenIssuesAnswer(held: OpenIssuesResult | undefined, answer: OpenIssuesResult | OpenIssuesDelta): OpenIssuesResult | undefined {
  if (answer.kind !== 'delta') return answer;
  if (!held || held.version !== answer.base) return undefined;
  const { version, logCount, indexing, changed, removed, shifted = [] } = answer;
  if (version === held.version && changed.length === 0 && removed.length === 0 && shifted.length === 0 && logCount === held.logCount && indexing === held.indexing) return held;
  const moved = (issue: OpenIssue): OpenIssue => {
    const line = issue.range.start.line;
    const run = shifted.find((s) => s.uri === issue.uri && s.fromLine <= line && line <= s.toLine);
    if (!run) return issue;
    const by = (r: OpenIssue['range']) => ({ start: { ...r.start, line: r.start.line + run.delta }, end: { ...r.end, line: r.end.line + run.delta } });
    return { ...issue, range: by(issue.range), ...(issue.extent && { extent: by(issue.extent) }) };
  };
  const byKey = new Map(held.issues.map((issue) => [issue.key ?? `${issue.uri}\n${issue.id}`, shifted.length > 0 ? moved(issue) : issue]));
  for (const key of removed) byKey.delete(key);
  for (const issue of changed) byKey.set(issue.key ?? `${issue.uri}\n${issue.id}`, issue);
  return { kind: 'full', version, issues: [...byKey.values()], logCount, indexing };
}

/** The item's label: `CRIT-001 Connection Pool Exhaustion` (`Issue 3 Title` for a numbered entry). */
export function issueLabel(issue: OpenIssue): string {
  const title = trimmed(issue.title);
  return title ? `${issue.id} ${title}` : issue.id;
}

/** A numbered entry of a phase file (`Issue 3`): its ID says nothing of where it is. */
export function isNumberedEntry(issue: OpenIssue): boolean {
  return /^Issue \d+$/i.test(issue.id.trim());
}

/**
 * Where the entry is, for its row: the phase, or the file (`02-Database/issues.md`, relative to the
 * workspace folder) for a numbered entry, for one with no phase, and when the tree is grouped by phase
 * (the group already names the phase).
 */
export function issueWhere(issue: OpenIssue, relativePath: string, groupBy?: GroupBy): string {
  const phase = trimmed(issue.phase);
  return phase && !isNumberedEntry(issue) && groupBy !== 'phase' ? phase : relativePath;
}

/** A Target Resolution that is a `YYYY-MM-DD` date before `today` (also `YYYY-MM-DD`); open issues only reach the tree. */
export function isOverdue(issue: OpenIssue, today: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})\b/.exec(trimmed(issue.target));
  return m !== null && m[1] < today;
}

/**
 * The item's description: `Frontend Team · Week 2 · Frontend Optimization` (assignee, target, where),
 * the parts present; `overdue` after a past target date; undefined when nothing is known.
 */
export function issueDescription(issue: OpenIssue, where?: string, overdue = false): string | undefined {
  const target = trimmed(issue.target);
  const parts = [trimmed(issue.assignee), target && overdue ? `${target} (overdue)` : target, trimmed(where)].filter((p) => p.length > 0);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/**
 * The "Copy Link" text: `[CRIT-001](06-Master/MASTER-ISSUE-LOG.md#crit-001-title)`; `target` is the path
 * relative to the workspace folder (or the file URI), `slug` the heading's anchor. Spaces and parentheses
 * in the path are percent-encoded so that the link stays one Markdown link.
 */
export function markdownLinkText(id: string, target: string, slug: string | undefined): string {
  const href = target.replace(/\\/g, '/').replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const label = id.replace(/[[\]\\]/g, '\\$&');
  return `[${label}](${href}${slug ? `#${slug}` : ''})`;
}

/** The anchor of the heading on `line`, as GitHub makes it (de-duplicated among the document's headings). */
export function headingAnchor(lines: readonly string[], line: number): string | undefined {
  const texts: string[] = [];
  let index = -1;
  let fence: string | undefined;
  lines.forEach((text, i) => {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(text);
    if (f) {
      if (!fence) fence = f[1][0];
      else if (f[1][0] === fence) fence = undefined;
      return;
    }
    if (fence) return;
    const m = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(text);
    if (!m) return;
    if (i === line) index = texts.length;
    texts.push(m[1] ?? '');
  });
  return index >= 0 ? slugHeadings(texts)[index] : undefined;
}

/** Escapes text so that Markdown shows it literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/**
 * The fields of an issue in the order the tooltip lists them: the well-known ones first, then the
 * others as written, each name once (names compared without regard to case).
 */
export function tooltipFields(issue: OpenIssue): { name: string; value: string }[] {
  const result: { name: string; value: string }[] = [];
  const seen = new Set<string>();
  const add = (name: string, value: string | undefined) => {
    const v = trimmed(value);
    const key = name.trim().toLowerCase();
    if (!v || seen.has(key)) return;
    seen.add(key);
    result.push({ name: name.trim(), value: v });
  };
  add('Severity', issue.severity);
  add('Status', issue.status);
  add('Phase', issue.phase);
  add('Assigned', issue.assignee);
  add('Target Resolution', issue.target);
  for (const field of issue.fields ?? []) add(field.name, field.value);
  return result;
}

/** Last path segment of a URI, decoded: `MASTER-ISSUE-LOG.md`. */
export function fileNameOf(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The item's tooltip, as Markdown text: the heading, then one line per field, then where it is. */
export function issueTooltipMarkdown(issue: OpenIssue): string {
  const lines = [`**${escapeMarkdown(issueLabel(issue))}**`, ''];
  for (const field of tooltipFields(issue)) lines.push(`- **${escapeMarkdown(field.name)}**: ${escapeMarkdown(field.value)}`);
  lines.push('', `${escapeMarkdown(fileNameOf(issue.uri))}, line ${issue.range.start.line + 1}`);
  return lines.join('\n');
}

/** The badge's tooltip: `1 open issue`, `3 open issues`. */
export function openIssuesText(count: number): string {
  return `${count} open issue${count === 1 ? '' : 's'}`;
}

/** The status bar's text for a log: `$(issues) 2 open · 5 problems`. */
export function logSummaryText(openCount: number, problemCount: number): string {
  return `$(issues) ${openCount} open · ${problemCount} problem${problemCount === 1 ? '' : 's'}`;
}

/** The status item's tooltip: says whether the count is the file's own issues or its log's scope. */
export function logSummaryTooltip(path: string, openCount: number, problemCount: number, counted: 'scope' | 'file'): string {
  const issues = `${openCount} open issue${openCount === 1 ? '' : 's'}`;
  const what = counted === 'scope' ? `${issues} in this log's scope, as its statistics count them` : `${issues} in this file`;
  return `${path}: ${what}; ${problemCount} problem${problemCount === 1 ? '' : 's'}. Click to show the Open Issues view.`;
}

/**
 * Validates an issue title typed in the New Issue input box; returns the message to show, or undefined
 * when the title is fine.
 */
export function validateIssueTitle(title: string): string | undefined {
  const t = title.trim();
  if (t.length === 0) return 'Enter a short title, for example "Connection Pool Exhaustion".';
  if (/[\r\n]/.test(title)) return 'The title must be one line.';
  if (t.length > 120) return `Keep the title under 120 characters (it has ${t.length}).`;
  if (/^#/.test(t)) return 'Leave out the "#": the entry\'s heading is written for you.';
  return undefined;
}

/**
 * The content of a new, empty master issue log, as the "Create Issue Log" command offers it in an
 * untitled editor. Its statistics are consistent (all zero), so it starts without diagnostics.
 */
export function issueLogTemplate(today: string): string {
  return [
    '# Master Issue Log',
    '',
    '## Overview',
    'Central record of the issues found in this project: what happened, its impact, how it was resolved and how long it took.',
    '',
    '## Issue Summary Statistics',
    '- **Total Issues**: 0',
    '- **Resolved**: 0',
    '- **Open**: 0',
    '- **Critical**: 0',
    '- **High**: 0',
    '- **Medium**: 0',
    '- **Low**: 0',
    '',
    '## Critical Issues Register',
    '',
    '## High Priority Issues',
    '',
    '## Medium Priority Issues',
    '',
    '## Low Priority Issues',
    '',
    '## Open Issues Tracker',
    '',
    '## Resolution Time Analysis',
    '',
    '| Severity | Avg Resolution Time | Target SLA |',
    '|----------|---------------------|------------|',
    '| Critical | - | < 4 hours |',
    '| High | - | < 24 hours |',
    '| Medium | - | < 1 week |',
    '| Low | - | < 2 weeks |',
    '',
    '---',
    `*Last Updated: ${today}*`,
    '*Next Review: Weekly on Mondays*',
    '',
  ].join('\n');
}
