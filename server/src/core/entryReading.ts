/**
 * What one entry says by itself about its status and severity (contract v2, "Status", "Severity"),
 * before the entries of an issue are merged: status-conflict compares the entries of one issue, so it
 * reads each on its own. Built on vocabulary.ts's readings, whatever version of mergeIssue is in use.
 */
import type { IssueSeverity } from './config';
import type { FieldFact, IssueEntry } from './model';
import type { StatusClass } from './status';
import { readSeverity, readStatus, titleStatus, type Vocabulary } from './vocabulary';

export interface EntryStatus {
  readonly status: StatusClass;
  /** Where it was read: what the entry says, or only its `OPEN` prefix (a default, not a statement). */
  readonly from?: 'field' | 'title' | 'section' | 'date' | 'prefix';
  /** The field that says it, when a field does (a Status field, or a Closed/Resolved/Fixed date). */
  readonly field?: FieldFact;
}

export interface EntrySeverity {
  readonly severity?: IssueSeverity;
  /** Where it was read (`prefix`: only the ID's prefix says it). */
  readonly from?: 'field' | 'prefix' | 'section';
  /** The Severity (or Priority) field that says it, when one does. */
  readonly field?: FieldFact;
}

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;

function fieldOf(entry: IssueEntry, names: readonly string[]): FieldFact | undefined {
  return entry.fields.find((f) => names.includes(f.name.trim().toLowerCase()));
}

/**
 * The entry's own status: its Status field; else a status marker in its title; else its section's;
 * else a Closed/Resolved/Fixed date (resolved); else open for the `OPEN` prefix; else unknown. A
 * Status field that cannot be read leaves the status unknown (the later sources do not override it).
 */
export function entryStatus(entry: IssueEntry, vocab?: Vocabulary): EntryStatus {
  const status = fieldOf(entry, ['status']);
  if (status) return { status: readStatus(status.value, vocab), field: status, from: 'field' };
  const fromTitle = titleStatus(entry.title, vocab);
  if (fromTitle && fromTitle !== 'unknown') return { status: fromTitle, from: 'title' };
  if (entry.sectionStatus && entry.sectionStatus !== 'unknown') return { status: entry.sectionStatus, from: 'section' };
  const closed = fieldOf(entry, ['closed', 'resolved', 'fixed']);
  if (closed && ISO_DATE.test(closed.value)) return { status: 'resolved', field: closed, from: 'date' };
  if (entry.prefix === 'OPEN') return { status: 'open', from: 'prefix' };
  return { status: 'unknown' };
}

/**
 * The entry's own severity: its Severity (or Priority) field; else its prefix's configured
 * severity; else its section's; else none. A field that cannot be read leaves it unknown.
 */
export function entrySeverity(entry: IssueEntry, prefixes: ReadonlyMap<string, IssueSeverity | undefined>, vocab?: Vocabulary): EntrySeverity {
  const field = fieldOf(entry, ['severity']) ?? fieldOf(entry, ['priority']);
  if (field) return { severity: readSeverity(field.value, vocab), field, from: 'field' };
  const byPrefix = entry.prefix ? prefixes.get(entry.prefix) : undefined;
  if (byPrefix) return { severity: byPrefix, from: 'prefix' };
  return entry.sectionSeverity ? { severity: entry.sectionSeverity, from: 'section' } : {};
}
