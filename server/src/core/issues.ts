/**
 * Issues: one issue per ID entry, numbered entry, or ID entry with the numbered entry its Reference
 * names; what its severity, status and time to resolution are; and the counts over a set of them.
 * Pure: the index (workspaceIndex.ts) decides which entries make one issue.
 */
import type { IssueLogOptions, IssueSeverity } from './config';
import { parseDuration } from './durations';
import { Memo } from './memo';
import type { Duration, FieldFact, IssueEntry, LinkFact } from './model';
import { isPlaceholder, type StatusClass } from './status';
import { NO_WORDS, readSeverity, readStatus, titleStatus, type Vocabulary } from './vocabulary';

export type StatusSource = 'field' | 'title' | 'section' | 'date' | 'prefix';

export interface LocatedEntry {
  readonly uri: string;
  readonly entry: IssueEntry;
}

export interface Issue {
  readonly key: string;
  /** ID entries first, then numbered entries. */
  readonly entries: readonly LocatedEntry[];
  readonly severity?: IssueSeverity;
  readonly status: StatusClass;
  /** The Status field that decided `status`, when there is one. */
  readonly statusField?: { readonly uri: string; readonly field: FieldFact };
  /** What decided `status` (contract v2's order): a Status field, a title marker, a status section, a Closed/Resolved/Fixed date, the `OPEN` prefix; none: unknown. */
  readonly statusSource?: StatusSource;
  /** What decided `severity`: a Severity or Priority field, the ID's prefix, a severity section. */
  readonly severitySource?: 'field' | 'prefix' | 'section';
  readonly timeToResolution?: { readonly uri: string; readonly field: FieldFact; readonly duration: Duration };
}

/** An entry's field by name, ignoring case (the first one). */
export function fieldNamed(entry: IssueEntry, name: string): FieldFact | undefined {
  const n = name.toLowerCase();
  return entry.fields.find((f) => f.name.toLowerCase() === n);
}

/** The first of an issue's entries (ID entries first) that has the field, with the field. */
export function issueField(issue: Pick<Issue, 'entries'>, name: string): { uri: string; field: FieldFact } | undefined {
  for (const e of issue.entries) {
    const f = fieldNamed(e.entry, name);
    if (f) return { uri: e.uri, field: f };
  }
  return undefined;
}

/** The link of an entry's Reference field, if it has one. */
export function referenceLink(entry: IssueEntry): LinkFact | undefined {
  return fieldNamed(entry, 'reference')?.links[0];
}

/** What an issue's status is shown as: its Status field as written, `Open` or `Resolved` when something else (its title, section, a date, its prefix) says so. */
export function statusLabel(issue: Issue): string | undefined {
  return issue.statusField?.field.value ?? (issue.status === 'open' ? 'Open' : issue.status === 'resolved' ? 'Resolved' : undefined);
}

/** The entries an Issue was made from, in the order found (to tell whether it can be reused). */
const madeFrom = new Memo<Issue, readonly LocatedEntry[]>();

/** Field names that hold the date an issue was closed (contract v2: such a date means resolved). */
const CLOSED_DATE_FIELDS = new Set(['closed', 'resolved', 'fixed', 'closed date', 'resolved date', 'fixed date', 'date closed', 'date resolved', 'date fixed', 'closed on', 'resolved on', 'fixed on', 'resolution date']);
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** A written date: 2026-01-04, 2026/1/4, 04.01.2026, Jan 4, 2026, 4 January 2026. */
const DATE = new RegExp(`(?:^|[^\\d])(?:\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}|${MONTH} \\d{1,2},? \\d{4}|\\d{1,2} ${MONTH} \\d{4})(?:$|[^\\d])`, 'i');

/** A Status field that says something: not empty, not a placeholder (`TBD`: the next reading decides). */
function statusFieldOf(entry: IssueEntry): FieldFact | undefined {
  const f = fieldNamed(entry, 'status');
  return f && f.value.trim() !== '' && !isPlaceholder(f.value) ? f : undefined;
}

/** The entry has a Closed/Resolved/Fixed field holding a date. */
function hasClosedDate(entry: IssueEntry): boolean {
  return entry.fields.some((f) => CLOSED_DATE_FIELDS.has(f.name.toLowerCase().replace(/\s+/g, ' ').trim()) && !isPlaceholder(f.value) && DATE.test(f.value));
}

type WordsOf = (uri: string) => Vocabulary;

/** Status in contract v2's order: Status field, title marker, status section, a closing date, the `OPEN` prefix. */
function statusOf(entries: readonly LocatedEntry[], wordsOf: WordsOf): Pick<Issue, 'status' | 'statusField' | 'statusSource'> {
  for (const e of entries) {
    const f = statusFieldOf(e.entry);
    if (f) return { status: readStatus(f.value, wordsOf(e.uri)), statusField: { uri: e.uri, field: f }, statusSource: 'field' };
  }
  for (const e of entries) {
    const t = titleStatus(e.entry.title, wordsOf(e.uri));
    if (t) return { status: t, statusSource: 'title' };
  }
  for (const e of entries) {
    const s = e.entry.sectionStatus;
    if (s === 'open' || s === 'resolved') return { status: s, statusSource: 'section' };
  }
  if (entries.some((e) => hasClosedDate(e.entry))) return { status: 'resolved', statusSource: 'date' };
  if (entries.some((e) => e.entry.prefix === 'OPEN')) return { status: 'open', statusSource: 'prefix' };
  return { status: 'unknown' };
}

/** Severity in contract v2's order: Severity (or Priority) field, the ID's prefix, a severity section. */
function severityOf(prefixes: IssueLogOptions['prefixes'], entries: readonly LocatedEntry[], wordsOf: WordsOf): Pick<Issue, 'severity' | 'severitySource'> {
  for (const e of entries) {
    const f = fieldNamed(e.entry, 'severity') ?? fieldNamed(e.entry, 'priority');
    const s = f ? readSeverity(f.value, wordsOf(e.uri)) : undefined;
    if (s) return { severity: s, severitySource: 'field' };
  }
  for (const e of entries) {
    const s = e.entry.prefix ? prefixes.get(e.entry.prefix) : undefined;
    if (s) return { severity: s, severitySource: 'prefix' };
  }
  const s = entries.find((e) => e.entry.sectionSeverity)?.entry.sectionSeverity;
  return s ? { severity: s, severitySource: 'section' } : {};
}

/**
 * Merges the entries of one issue into its severity, status and time to resolution. `wordsOf` gives
 * the words an entry of a document is read with (vocabulary.ts's documentVocabulary: configured and
 * that log's legend words).
 */
export function mergeIssue(prefixes: IssueLogOptions['prefixes'], key: string, located: readonly LocatedEntry[], wordsOf: WordsOf = () => NO_WORDS): Issue {
  const entries = [...located].sort((a, b) => (a.entry.kind === b.entry.kind ? 0 : a.entry.kind === 'id' ? -1 : 1));
  const { severity, severitySource } = severityOf(prefixes, entries, wordsOf);
  const { status, statusField, statusSource } = statusOf(entries, wordsOf);
  let timeToResolution: Issue['timeToResolution'];
  for (const e of entries) {
    const f = fieldNamed(e.entry, 'time to resolution');
    const d = f ? parseDuration(f.value) : undefined;
    if (f && d) {
      timeToResolution = { uri: e.uri, field: f, duration: d };
      break;
    }
  }
  const issue: Issue = { key, entries, severity, severitySource, status, statusField, statusSource, timeToResolution };
  madeFrom.get(issue, 0, () => located.slice());
  return issue;
}

/** `old`, when it was made from exactly these entries (the same objects in the same order). */
export function reusable(old: Issue | undefined, entries: readonly LocatedEntry[]): old is Issue {
  const a = old ? madeFrom.peek(old) : undefined;
  if (!a || a.length !== entries.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== entries[i]) return false;
  return true;
}

/** One LocatedEntry object per entry object and URI (entries of an open document survive its edits). */
const located = new Memo<IssueEntry, LocatedEntry>();

export function locate(uri: string, entry: IssueEntry): LocatedEntry {
  return located.get(entry, 0, () => ({ uri, entry }), (l) => l.uri === uri);
}

export type StatKey = 'total' | 'resolved' | 'open' | 'critical' | 'high' | 'medium' | 'low';

/** What a scope's statistics block and resolution table are checked against. */
export interface ScopeStats {
  /** Per count, `k`: the issues known to be X (Total: every issue). */
  counts: Record<StatKey, number>;
  /**
   * Per count, `u`: the issues whose X-ness cannot be read (contract v2, the interval rule): no
   * severity for the severity counts, a status neither open- nor resolved-like for Resolved and
   * Open; 0 for Total. Counted by difference, like `counts`; which issues they are, unreadIssues says.
   */
  unread: Record<StatKey, number>;
  /** Per severity, the resolved issues with a Time to Resolution: how many, and their minutes summed in millionths (exact). */
  resolutionTimes: Record<IssueSeverity, { count: number; micro: number }>;
}

/** The mean Time to Resolution (minutes) of a severity's resolved issues that have one. */
export function averageOf(stats: ScopeStats, severity: IssueSeverity): { mean: number; count: number } | undefined {
  const r = stats.resolutionTimes[severity];
  return r.count > 0 ? { mean: r.micro / 1e6 / r.count, count: r.count } : undefined;
}

export function emptyStats(): ScopeStats {
  return {
    counts: { total: 0, resolved: 0, open: 0, critical: 0, high: 0, medium: 0, low: 0 },
    unread: { total: 0, resolved: 0, open: 0, critical: 0, high: 0, medium: 0, low: 0 },
    resolutionTimes: { Critical: { count: 0, micro: 0 }, High: { count: 0, micro: 0 }, Medium: { count: 0, micro: 0 }, Low: { count: 0, micro: 0 } },
  };
}

/** Can this issue's X-ness be read, for the count `key`? (Total: always.) */
export function readableFor(i: Pick<Issue, 'status' | 'severity'>, key: StatKey): boolean {
  if (key === 'total') return true;
  if (key === 'resolved' || key === 'open') return i.status !== 'unknown';
  return i.severity !== undefined;
}

/** The issues of a scope whose X-ness for `key` cannot be read (listed only when a message or hover names them). */
export function unreadIssues(issues: Iterable<Issue>, key: StatKey): Issue[] {
  const out: Issue[] = [];
  for (const i of issues) if (!readableFor(i, key)) out.push(i);
  return out;
}

/** Adds (`sign` 1) or removes (-1) an issue from running totals. */
export function countIssue(stats: ScopeStats, i: Issue, sign: 1 | -1): void {
  const c = stats.counts;
  const u = stats.unread;
  c.total += sign;
  if (i.status === 'resolved') c.resolved += sign;
  else if (i.status === 'open') c.open += sign;
  else {
    u.resolved += sign;
    u.open += sign;
  }
  if (i.severity) {
    c[i.severity.toLowerCase() as 'critical' | 'high' | 'medium' | 'low'] += sign;
    if (i.status === 'resolved' && i.timeToResolution) {
      const r = stats.resolutionTimes[i.severity];
      r.count += sign;
      r.micro += sign * Math.round(i.timeToResolution.duration.minutes * 1e6);
    }
  } else {
    u.critical += sign;
    u.high += sign;
    u.medium += sign;
    u.low += sign;
  }
}
