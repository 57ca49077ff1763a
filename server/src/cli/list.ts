/**
 * `issue-log list [PATH]`: every issue under PATH, one per issue (merged as the index merges them:
 * "one issue, one count"), as text, JSON or CSV (RFC 4180, one column per field name, so a team can
 * open its log in a spreadsheet). And the message of list, open and stats for a PATH without entries.
 */
import { URI } from 'vscode-uri';
import { describeIssue } from '../core/openIssues';
import type { WorkspaceIndex } from '../core/workspace';
import type { Args } from './args';
import { csv, textTable } from './output';
import { displayPath, isReported, loadIndex, optionsOf, resolveTargets, type Target } from './workspace';

/** One issue as `list` prints it (the contract's shape). */
export interface ListedIssue {
  id: string;
  title: string;
  file: string;
  line: number;
  /** The Status field as written; null when there is none. */
  status: string | null;
  statusClass: 'open' | 'resolved' | 'unknown';
  /** Critical, High, Medium or Low; null when it cannot be read. */
  severity: string | null;
  /** Every field of the issue's entries, by name as written (the first value of a name). */
  fields: Record<string, string>;
}

/** Does the index hold an issue entry in a reported file? */
export function hasEntries(index: WorkspaceIndex, target: Target): boolean {
  return index.allIssues().some((i) => i.entries.some((e) => isReported(target, e.uri)));
}

/** Says on stderr that PATH holds no issue entries (nothing to list is not a failure). */
export function noEntries(shown: string): number {
  process.stderr.write(`issue-log: no issue entries found under ${shown}\n`);
  return 0;
}

export function listIssues(index: WorkspaceIndex, target: Target): ListedIssue[] {
  const out: ListedIssue[] = [];
  for (const issue of index.allIssues()) {
    if (!isReported(target, issue.entries[0].uri)) continue;
    const d = describeIssue(index, issue);
    if (!d) continue;
    const fields: Record<string, string> = {};
    for (const f of d.fields) fields[f.name] = f.value;
    out.push({
      id: d.id,
      title: d.title,
      file: displayPath(URI.parse(d.uri).fsPath, target),
      line: d.range.start.line + 1,
      status: issue.statusField?.field.value ?? null,
      statusClass: issue.status,
      severity: issue.severity ?? null,
      fields,
    });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

const COLUMNS = ['id', 'title', 'file', 'line', 'status', 'statusClass', 'severity'] as const;

/** The CSV: the contract's columns, then one column per field name (in the order first seen). */
export function listCsv(issues: readonly ListedIssue[]): string {
  const names: string[] = [];
  for (const i of issues) for (const n of Object.keys(i.fields)) if (!names.includes(n)) names.push(n);
  const rows = issues.map((i) => [...COLUMNS.map((c) => String(i[c] ?? '')), ...names.map((n) => i.fields[n] ?? '')]);
  return csv([[...COLUMNS, ...names], ...rows]);
}

export async function list(args: Args): Promise<number> {
  const target = resolveTargets(args.paths);
  const index = await loadIndex(args, target, optionsOf(args.settings, target));
  const issues = listIssues(index, target);
  if (issues.length === 0) {
    noEntries(args.paths.join(' ') || '.');
    // Machine formats stay parseable.
    if (args.format === 'json') process.stdout.write('[]\n');
    if (args.format === 'csv') process.stdout.write(listCsv([]));
    return 0;
  }
  if (args.format === 'json') process.stdout.write(JSON.stringify(issues, null, 2) + '\n');
  else if (args.format === 'csv') process.stdout.write(listCsv(issues));
  else {
    const rows = issues.map((i) => [i.id, i.status ?? i.statusClass, i.severity ?? 'Unknown', i.title, `${i.file}:${i.line}`]);
    process.stdout.write([...textTable(['ID', 'Status', 'Severity', 'Title', 'Where'], rows), `${issues.length} issue${issues.length === 1 ? '' : 's'}`].join('\n') + '\n');
  }
  return 0;
}
