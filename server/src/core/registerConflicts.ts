/**
 * Register rows that mention an entry (contract v2, "Register tables"): a row whose ID a heading or
 * bold entry defines is a mention of that entry, and its Status and Severity (or Priority) cells must
 * agree with it, by status class and by severity (`status-conflict`, reported at the row). Cells
 * that cannot be read are not judged.
 */
import type { IssueSeverity } from './config';
import type { IssueEntry } from './model';
import { fieldNamed, type LocatedEntry, type WorkspaceIndex } from './workspace';

/** A register row that disagrees with the entry its ID names: in status class, else in severity. */
export interface RowConflict {
  readonly row: IssueEntry;
  readonly other: LocatedEntry;
  readonly status?: { readonly row: string; readonly entry: string };
  readonly severity?: { readonly row: IssueSeverity; readonly entry: IssueSeverity };
}

/** The register rows of a document that mention an entry defined by a heading (candidates of known prefixes), with the entries they name. */
export function registerMentions(index: WorkspaceIndex, uri: string): { row: IssueEntry; named: LocatedEntry[] }[] {
  const out: { row: IssueEntry; named: LocatedEntry[] }[] = [];
  const raw = index.candidates(uri);
  if (!raw) return out;
  const defs = index.idDefinitions();
  for (const row of raw.entries) {
    if (row.kind !== 'row' || !index.knownPrefixes.has(row.prefix!) || !index.hasHeadingEntry(row.id)) continue;
    const named = defs.get(row.id)?.filter((l) => l.entry.kind === 'id') ?? [];
    if (named.length === 0) continue;
    const ref = index.referencedEntry(named[0].uri, named[0].entry);
    out.push({ row, named: ref ? [...named, ref] : named });
  }
  return out;
}

export function registerConflicts(index: WorkspaceIndex, uri: string): RowConflict[] {
  const out: RowConflict[] = [];
  for (const { row, named } of registerMentions(index, uri)) {
    const mine = index.issueOf(`row:${row.id}`, [{ uri, entry: row }]);
    const theirs = index.issueOf(`I:${row.id}`, named);
    const other = named[0];
    const hasStatus = !!fieldNamed(row, 'status');
    const hasSeverity = !!(fieldNamed(row, 'severity') ?? fieldNamed(row, 'priority'));
    if (hasStatus && mine.status !== 'unknown' && theirs.status !== 'unknown' && mine.status !== theirs.status) {
      out.push({ row, other, status: { row: mine.status, entry: theirs.status } });
    } else if (hasSeverity && mine.severity && theirs.severity && mine.severity !== theirs.severity) {
      out.push({ row, other, severity: { row: mine.severity, entry: theirs.severity } });
    }
  }
  return out;
}
