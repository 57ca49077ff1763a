/** The issue lists of `list` and `open`: a text table and RFC 4180 CSV. */
import type { ListedIssue } from '../list';

/** Columns padded to their widest cell (at most 48), the last one as it is. */
export function textTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[c].length))));
  const fmt = (r: string[]) => r.map((cell, c) => (c === r.length - 1 ? cell : (cell.length > widths[c] ? cell.slice(0, widths[c] - 1) + '…' : cell).padEnd(widths[c]))).join('  ');
  return [fmt(header), ...rows.map(fmt)];
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV lines (CRLF-terminated, as RFC 4180 says). */
export function csv(rows: string[][]): string {
  return rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
}

const COLUMNS = ['id', 'title', 'file', 'line', 'status', 'statusClass', 'severity'] as const;

/**
 * The CSV of `list` and `open`: a header row, the contract's columns, then one column per field name in
 * the order first seen (a spreadsheet shows each field as a column; a JSON column would not be readable
 * there). Empty cells for null and for a field an issue does not have.
 */
export function listCsv(issues: readonly ListedIssue[]): string {
  const names: string[] = [];
  for (const i of issues) for (const n of Object.keys(i.fields)) if (!names.includes(n)) names.push(n);
  const rows = issues.map((i) => [...COLUMNS.map((c) => String(i[c] ?? '')), ...names.map((n) => i.fields[n] ?? '')]);
  return csv([[...COLUMNS, ...names], ...rows]);
}

/** A field of a listed issue by any of `names`, ignoring case. */
function fieldOf(issue: ListedIssue, ...names: string[]): string {
  for (const n of names) for (const [k, v] of Object.entries(issue.fields)) if (k.toLowerCase() === n) return v;
  return '';
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The text table of `list` (status and severity) or of `open` (who and by when), and a count line. */
export function listText(issues: readonly ListedIssue[], which: 'list' | 'open'): string {
  if (which === 'open' && issues.length === 0) return 'No open issues.\n';
  const where = (i: ListedIssue) => `${i.file}:${i.line}`;
  const lines =
    which === 'list'
      ? textTable(['ID', 'Status', 'Severity', 'Title', 'Where'], issues.map((i) => [i.id, i.status ?? i.statusClass, i.severity ?? 'unknown', i.title, where(i)]))
      : textTable(['ID', 'Severity', 'Title', 'Assigned', 'Target', 'Where'], issues.map((i) => [i.id, i.severity ?? 'unknown', i.title, fieldOf(i, 'assigned', 'assignee', 'owner'), fieldOf(i, 'target resolution', 'target'), where(i)]));
  return [...lines, plural(issues.length, which === 'list' ? 'issue' : 'open issue')].join('\n') + '\n';
}
