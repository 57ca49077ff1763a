/**
 * status-conflict between an ID entry and the numbered entry its Reference points to (contract v2,
 * Rules): the two are one issue, so they must not say one is open-like and the other resolved-like,
 * nor give two different severities. Statuses compare by class (a "Resolved Issues" section and
 * `Won't Fix` agree); only readings both known are compared ("understood, or left alone").
 *
 * An ID's prefix is not compared (`OPEN-004` whose phase entry says Resolved, `CRIT-002` downgraded
 * to High there): IDs are not renamed when an issue is fixed or re-rated, so the prefix is a default
 * reading, not a statement that can contradict one.
 *
 * Reported at the later of the two: in one document, the one further down; across documents, the ID
 * entry (the one whose Reference makes them one issue: the summary that copies the other).
 */
import type { Range } from 'vscode-languageserver-protocol';
import { rangeIn, startOf, type DocumentFacts } from './documentFacts';
import { entrySeverity, entryStatus, type EntrySeverity, type EntryStatus } from './entryReading';
import { Memo } from './memo';
import type { LocatedEntry } from './issues';
import type { IssueEntry, Span } from './model';
import { displayPath } from './paths';
import { vocabularyOf } from './vocabulary';
import type { WorkspaceIndex } from './workspaceIndex';

export interface StatusConflict {
  /** Where it is reported (a field of the later entry, or its heading), in the document checked. */
  readonly span: Span;
  readonly message: string;
  readonly other: { readonly uri: string; readonly range: Range };
}

/**
 * What the conflicts of `doc` read besides the document: the entries of other documents that its ID
 * entries' References point to (a new entry object whenever such an entry changes).
 */
export function conflictInputs(index: WorkspaceIndex, doc: DocumentFacts): unknown[] {
  const out: unknown[] = [];
  for (const e of doc.entries) {
    if (e.kind !== 'id') continue;
    const ref = index.referencedEntry(doc.uri, e);
    // Its document's version too: the conflict names where the entry is, which an edit above it moves.
    if (ref && ref.uri !== doc.uri) out.push(ref.entry, index.get(ref.uri));
  }
  return out;
}

/** Per entry object, its own readings, while the options stay (entries survive edits: a master's check reads thousands). */
const readings = new Memo<IssueEntry, { status: EntryStatus; severity: EntrySeverity }>();

function readingsOf(index: WorkspaceIndex, entry: IssueEntry): { status: EntryStatus; severity: EntrySeverity } {
  return readings.get(entry, index.options, () => {
    const vocab = vocabularyOf(index.options);
    return { status: entryStatus(entry, vocab), severity: entrySeverity(entry, index.knownPrefixes, vocab) };
  });
}

/**
 * Per ID entry whose Reference points into another document: its conflicts, while that entry, that
 * document's version and the options stay (a keystroke in a master re-checks hundreds of such pairs).
 */
const acrossDocuments = new Memo<IssueEntry, { ref: IssueEntry; refDoc: DocumentFacts; options: unknown; found: readonly StatusConflict[] }>();
const NONE: readonly StatusConflict[] = [];

export function statusConflicts(index: WorkspaceIndex, doc: DocumentFacts): StatusConflict[] {
  const out: StatusConflict[] = [];
  for (const e of doc.entries) {
    if (e.kind !== 'id') continue;
    const ref = index.referencedEntry(doc.uri, e);
    if (!ref) continue;
    const refDoc = index.get(ref.uri);
    if (!refDoc) continue;
    if (ref.uri === doc.uri) {
      conflictsOf(index, doc, e, ref, refDoc, out);
      continue;
    }
    const options = index.options;
    const found = acrossDocuments.get(
      e,
      0,
      () => {
        const list: StatusConflict[] = [];
        conflictsOf(index, doc, e, ref, refDoc, list);
        return { ref: ref.entry, refDoc, options, found: list.length > 0 ? list : NONE };
      },
      (m) => m.ref === ref.entry && m.refDoc === refDoc && m.options === options,
    ).found;
    out.push(...found);
  }
  return out;
}

/** The conflicts of one ID entry with the entry its Reference names, pushed to `out`. */
function conflictsOf(index: WorkspaceIndex, doc: DocumentFacts, e: IssueEntry, ref: LocatedEntry, refDoc: DocumentFacts, out: StatusConflict[]): void {
  const mine: LocatedEntry = { uri: doc.uri, entry: e };
  // The later of the two is reported; the other is named.
  const refLater = ref.uri === doc.uri && startOf(doc, ref.entry.heading) > startOf(doc, e.heading);
  const [later, earlier] = refLater ? [ref, mine] : [mine, ref];
  const earlierDoc = refLater ? doc : refDoc;
  const where = (l: LocatedEntry) => (l.uri === doc.uri ? 'here' : `in ${displayPath(index.folders, l.uri)}`);
  const name = (l: LocatedEntry) => (l.entry.kind === 'id' ? l.entry.id : `${l.entry.id}${l.entry.title ? `: ${l.entry.title}` : ''}`);

  const mineRead = readingsOf(index, later.entry);
  const otherRead = readingsOf(index, earlier.entry);
  const a = mineRead.status;
  const b = otherRead.status;
  const stated = (x: { from?: string }) => x.from !== undefined && x.from !== 'prefix';
  if (stated(a) && stated(b) && a.status !== 'unknown' && b.status !== 'unknown' && a.status !== b.status) {
    out.push({
      span: a.field ?? later.entry.heading,
      message: `${name(later)} is ${a.status}${a.field ? ` (${a.field.name}: ${a.field.value})` : ''}, but ${name(earlier)} ${where(earlier)}, the same issue, is ${b.status}${b.field ? ` (${b.field.name}: ${b.field.value})` : ''}`,
      other: { uri: earlier.uri, range: rangeIn(earlierDoc, b.field ?? earlier.entry.heading) },
    });
  }
  const s = mineRead.severity;
  const t = otherRead.severity;
  if (stated(s) && stated(t) && s.severity && t.severity && s.severity !== t.severity) {
    out.push({
      span: s.field ?? later.entry.heading,
      message: `${name(later)} is ${s.severity}, but ${name(earlier)} ${where(earlier)}, the same issue, is ${t.severity}`,
      other: { uri: earlier.uri, range: rangeIn(earlierDoc, t.field ?? earlier.entry.heading) },
    });
  }
}
