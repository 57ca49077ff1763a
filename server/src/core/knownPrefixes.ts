/**
 * Which ID prefixes the workspace knows (contract v2): the configured ones, and those it learns: a
 * prefix that heads an ID entry with at least one field the contract names, or two ID entries (two
 * distinct IDs: `## UTF-8: notes` in two READMEs teaches nothing). The
 * parse is prefix-independent, so a document's facts hold every *candidate* entry and mention; this
 * keeps per-prefix counts up to date by difference (a tally per document version) and hands out a
 * *view* of a document that holds only what a known prefix makes: its ID entries, its mentions, and
 * its register rows that are entries (a row whose ID has no heading entry anywhere). A document that
 * needs no filtering is handed out as itself; a view is remembered per document version and
 * known-set version, so identities stay stable between edits (scopes and ID tables compare by
 * identity).
 */
import { prefixOfId, type IssueSeverity } from './config';
import { entryChanges, type DocumentFacts } from './documentFacts';
import { isEntryField } from './entryForms';
import { Memo } from './memo';
import type { IssueEntry } from './model';

/** What one document version contributes. */
interface Tally {
  /** Per prefix: entries (rows too) with a field the contract names. */
  readonly prefixes: Map<string, { withFields: number }>;
  /** IDs that a heading or bold entry defines (a register row with one of them is a mention of it). */
  readonly headingIds: Map<string, number>;
  /** IDs of register rows. */
  readonly rowIds: Map<string, number>;
}

const tallies = new Memo<DocumentFacts['entries'], Tally>();

function tallyOf(doc: DocumentFacts): Tally {
  return tallies.get(doc.entries, 0, () => tally(doc.entries));
}

function tally(entries: readonly IssueEntry[]): Tally {
  const t: Tally = { prefixes: new Map(), headingIds: new Map(), rowIds: new Map() };
  for (const e of entries) {
    if (e.kind === 'numbered' || e.prefix === undefined) continue;
    let c = t.prefixes.get(e.prefix);
    if (!c) t.prefixes.set(e.prefix, (c = { withFields: 0 }));
    if (e.kind === 'id') {
      t.headingIds.set(e.id, (t.headingIds.get(e.id) ?? 0) + 1);
    } else t.rowIds.set(e.id, (t.rowIds.get(e.id) ?? 0) + 1);
    if (e.fields.some((f) => isEntryField(f.name) && f.value !== '')) c.withFields++;
  }
  return t;
}

function add<K>(into: Map<K, number>, from: ReadonlyMap<K, number>, sign: number, flipped?: (k: K) => void): void {
  for (const [k, n] of from) {
    const was = into.get(k) ?? 0;
    const now = was + sign * n;
    if (now === 0) into.delete(k);
    else into.set(k, now);
    if ((was === 0) !== (now === 0)) flipped?.(k);
  }
}

export class KnownPrefixes {
  /** Per prefix: distinct IDs that heading or bold entries define, and entries with a field. */
  private readonly counts = new Map<string, { entries: number; withFields: number }>();
  private readonly headingIds = new Map<string, number>();
  private readonly rowIds = new Map<string, number>();
  private known: Map<string, IssueSeverity | undefined>;
  /** Changes when the known set does. */
  version = 0;
  /** Changes when an ID that a register row holds gains or loses its heading entry. */
  private rowsVersion = 0;
  private readonly views = new Memo<DocumentFacts, { rows: number; view: DocumentFacts }>();

  constructor(private configured: ReadonlyMap<string, IssueSeverity | undefined>) {
    this.known = new Map(configured);
  }

  /** The known prefixes, with the severity each implies (learnt ones: undefined, from the entry). */
  get map(): ReadonlyMap<string, IssueSeverity | undefined> {
    return this.known;
  }

  has(prefix: string): boolean {
    return this.known.has(prefix);
  }

  /** New configured prefixes; says whether the known set changed. */
  configure(configured: ReadonlyMap<string, IssueSeverity | undefined>): boolean {
    this.configured = configured;
    return this.recompute();
  }

  /** A document's version `was` (undefined: it is new) became `now` (undefined: removed); says whether the known set changed. */
  change(was: DocumentFacts | undefined, now: DocumentFacts | undefined): boolean {
    if (was && now && was.entries === now.entries) return false;
    // An edit of one document moves only the entries it touched (a keystroke in a large master
    // must not tally its thousands of entries again); a new or removed document is tallied whole.
    const diff = was && now ? entryChanges(was, now) : undefined;
    const a = diff ? tally(diff.removed) : was && tallyOf(was);
    const b = diff ? tally(diff.added) : now && tallyOf(now);
    let touched = false;
    for (const [t, sign] of [[a, -1], [b, 1]] as const) {
      if (!t) continue;
      for (const [p, c] of t.prefixes) {
        let mine = this.counts.get(p);
        if (!mine) this.counts.set(p, (mine = { entries: 0, withFields: 0 }));
        mine.withFields += sign * c.withFields;
        touched = true;
      }
      add(this.rowIds, t.rowIds, sign);
      add(this.headingIds, t.headingIds, sign, (id) => {
        if (this.rowIds.has(id)) this.rowsVersion++;
        const p = prefixOfId(id);
        let mine = this.counts.get(p);
        if (!mine) this.counts.set(p, (mine = { entries: 0, withFields: 0 }));
        mine.entries += this.headingIds.has(id) ? 1 : -1;
      });
    }
    for (const [p, c] of this.counts) if (c.entries === 0 && c.withFields === 0) this.counts.delete(p);
    // A row that came with this version (or went) is in this document's own view; only the heading
    // IDs that other documents' rows hold move the others'.
    return touched && this.recompute();
  }

  private recompute(): boolean {
    const next = new Map(this.configured);
    for (const [p, c] of this.counts) if (!next.has(p) && (c.withFields > 0 || c.entries >= 2)) next.set(p, undefined);
    if (next.size === this.known.size && [...next].every(([p, s]) => this.known.has(p) && this.known.get(p) === s)) return false;
    this.known = next;
    this.version++;
    return true;
  }

  /** Does a heading or bold entry anywhere define `id`? */
  hasHeadingEntry(id: string): boolean {
    return this.headingIds.has(id);
  }

  /** What the workspace reads of `doc`: only what known prefixes make (itself when that is everything). */
  view(doc: DocumentFacts): DocumentFacts {
    // A document without rows does not depend on which IDs have heading entries (rows: -1).
    return this.views.get(doc, this.version, () => ({ rows: hasRows(doc) ? this.rowsVersion : -1, view: this.makeView(doc) }), (v) => v.rows === -1 || v.rows === this.rowsVersion).view;
  }

  /** Is `entry` (a candidate of some document) an entry of the workspace? */
  isEntry(entry: IssueEntry): boolean {
    if (entry.kind === 'numbered') return true;
    if (!this.known.has(entry.prefix!)) return false;
    return entry.kind !== 'row' || !this.headingIds.has(entry.id);
  }

  private makeView(doc: DocumentFacts): DocumentFacts {
    let entries: readonly IssueEntry[] = doc.entries;
    if (entries.some((e) => !this.isEntry(e))) entries = entries.filter((e) => this.isEntry(e));
    let mentions = doc.mentions;
    if (mentions.some((m) => !this.known.has(prefixOfId(m.id)))) mentions = mentions.filter((m) => this.known.has(prefixOfId(m.id)));
    if (entries === doc.entries && mentions === doc.mentions) return doc;
    return { ...doc, entries, mentions, isLog: entries.length > 0 || doc.statistics.length > 0 };
  }
}

function hasRows(doc: DocumentFacts): boolean {
  return doc.entries.some((e) => e.kind === 'row');
}
