/**
 * A document version's facts: its blocks' facts (block-relative, shared between versions) read into
 * headings with anchors, issue entries, the statistics block, resolution tables and the footer. A
 * new DocumentFacts is made for every version and never changes; `startOf`/`rangeIn` turn a fact's
 * block-relative offsets into this version's document offsets. Keeps no syntax tree.
 */
import type { Range } from 'vscode-languageserver-protocol';
import { parseBlockwise } from './blockwise';
import type { IssueLogOptions, IssueSeverity } from './config';
import { idForm, isEntryField, isLogSection, listItemForm, numberedForm, type IdForm, type NumberedForm } from './entryForms';
import type { StatusClass } from './status';
import { readSeverity, sectionReading, statLabel, type SectionReading, type StatusLegend } from './vocabulary';
import { readLegend, sameLegend } from './statusLegend';
import { parseDuration, parseSla } from './durations';
import { Memo, TextMemo } from './memo';
import type { BlockKey, Footer, FooterLineFact, HeadingFact, HtmlIdFact, IssueEntry, LinkFact, MentionFact, ParseProblem, ReferenceUse, ResolutionRow, ResolutionTable, Span, StatItem, StatisticsBlock, SuppressionFact, TableFact } from './model';
import { lineStarts, rangeOf } from './positions';
import { registerRows, type RowHead } from './registerRows';
import { sectionEnd } from './sections';
import { dedupeSlugs } from './slugs';

/** A heading of a document version: its slug is unique in the document. */
export type SluggedHeading = HeadingFact;

export interface DocumentFacts {
  readonly uri: string;
  /** Length of the text the facts were read from. */
  readonly length: number;
  /** Offsets at which lines start (for offset ↔ line/character). */
  readonly lineStarts: readonly number[];
  /** Where this version's blocks start (every block but WHOLE, which starts at 0). */
  readonly blockStarts: ReadonlyMap<BlockKey, number>;
  readonly headings: readonly SluggedHeading[];
  /** Heading slugs and HTML ids, as written (anchorMatch.ts compares fragments with them). */
  readonly anchors: ReadonlySet<string>;
  readonly links: readonly LinkFact[];
  readonly definitions: ReadonlyMap<string, LinkFact>;
  readonly referenceUses: readonly ReferenceUse[];
  readonly htmlIds: readonly HtmlIdFact[];
  readonly mentions: readonly MentionFact[];
  readonly entries: readonly IssueEntry[];
  readonly statistics: readonly StatisticsBlock[];
  readonly resolutionTables: readonly ResolutionTable[];
  readonly footer: Footer;
  /** Inline suppression comments (suppressions.ts), in document order. */
  readonly suppressions: readonly SuppressionFact[];
  /** Parse failures, at document offsets (the only facts that are not block-relative: there are few). */
  readonly problems: readonly ParseProblem[];
  /** Holds at least one issue entry or a statistics block. */
  readonly isLog: boolean;
  /** The log's own Status Legend, when it has one (its words apply to this document's entries). */
  readonly legend?: StatusLegend;
}

/** The facts lists a document version is built from (block-relative facts, in document order). */
export type PlacedFacts = Pick<DocumentFacts, 'links' | 'referenceUses' | 'htmlIds' | 'mentions' | 'suppressions' | 'problems'> & {
  readonly headings: readonly HeadingFact[];
  readonly boldEntries: readonly HeadingFact[];
  readonly tables: readonly TableFact[];
  readonly footer: readonly FooterLineFact[];
};

const NO_BLOCKS: ReadonlyMap<BlockKey, number> = new Map();

/** Where block `at` starts in this version of the document. */
export function blockStart(doc: Pick<DocumentFacts, 'blockStarts'>, at: BlockKey): number {
  return at.block === 0 ? 0 : doc.blockStarts.get(at)!;
}

/** A fact's (or any of its block-relative offsets') document offset in this version. */
export function startOf(doc: Pick<DocumentFacts, 'blockStarts'>, fact: Span, relative = fact.start): number {
  return blockStart(doc, fact.at) + relative;
}

export function endOf(doc: Pick<DocumentFacts, 'blockStarts'>, fact: Span): number {
  return blockStart(doc, fact.at) + fact.end;
}

/** The LSP range of a fact (or of block-relative offsets of the fact's block) in this version. */
export function rangeIn(doc: Pick<DocumentFacts, 'blockStarts' | 'lineStarts'>, fact: { readonly at: BlockKey; readonly start: number; readonly end: number }, start = fact.start, end = fact.end): Range {
  const base = blockStart(doc, fact.at);
  return rangeOf(doc.lineStarts, base + start, base + end);
}

/** Line starts for every line ending (positions.ts: LF, CRLF, lone CR). */
export const computeLineStarts = lineStarts;

/** What a heading's text says (headings repeat across versions: remembered by text). */
interface HeadingKind {
  /** An ID entry's text (any capital prefix: whether it is known is the workspace's business). */
  readonly idForm?: IdForm;
  /** `Issue N`, `Issue #N: Title`, `Bug #N`, `Incident N`. */
  readonly numbered?: NumberedForm;
  /** `N. Title`: an entry inside a log section, or with entry fields. */
  readonly listItem?: { readonly number: number; readonly title: string };
  /** Names issues, bugs, incidents… (a log section: its `N. Title` headings are entries). */
  readonly logSection: boolean;
  readonly statistics: boolean;
  /** What the heading says as a register section (vocabulary.ts). */
  readonly section: SectionReading;
}
/** Distinct heading texts remembered (as for slugs.ts's base slugs). */
const HEADING_KIND_TEXTS = 200_000;
const headingKinds = new TextMemo<HeadingKind>(HEADING_KIND_TEXTS);
/** A heading whose slug another heading of the document took, with its suffixed slug (made once per heading and slug). */
const sluggedOf = new Memo<HeadingFact, SluggedHeading>();
/** The entry made for a heading: the same object while nothing it holds changed. */
const entryOf = new Memo<SluggedHeading, IssueEntry>();

function headingKind(text: string): HeadingKind {
  return headingKinds.get(text, () => {
    const id = idForm(text);
    const numbered = id ? undefined : numberedForm(text);
    const listItem = id || numbered ? undefined : listItemForm(text);
    return { idForm: id, numbered, listItem, logSection: isLogSection(text), statistics: !(id || numbered || listItem) && /\b(?:statistics|stats|summary)\b/i.test(text), section: sectionReading(text) };
  });
}

/** The entry a heading (or bold paragraph) of this kind heads, given its context; undefined if none. */
function entryForm(kind: HeadingKind, h: HeadingFact, parent: HeadingKind | undefined): { kind: IssueEntry['kind']; id: string; prefix?: string; number: number; title: string } | undefined {
  if (kind.idForm) return { kind: 'id', id: kind.idForm.id, prefix: kind.idForm.prefix, number: kind.idForm.number, title: kind.idForm.title };
  if (kind.numbered) return { kind: 'numbered', ...kind.numbered };
  const item = kind.listItem;
  // `N. Title` inside a log section, or with an entry's fields under it; its ID is its text.
  if (item && ((parent?.logSection && !parent.idForm && !parent.numbered) || h.fields?.some((f) => isEntryField(f.name)))) return { kind: 'numbered', id: h.text, number: item.number, title: item.title };
  return undefined;
}

/**
 * Builds a document version's facts from its blocks' facts. Heading, entry and fact objects of
 * earlier versions are reused where they are the same, so what is remembered per object (links
 * resolved, issue keys, scopes) survives an edit of an open document.
 */
export function buildDocument(
  uri: string,
  text: string,
  parsed: PlacedFacts,
  _options: IssueLogOptions,
  lineStarts: readonly number[] = computeLineStarts(text),
  blockStarts = NO_BLOCKS,
  previous?: DocumentFacts,
): DocumentFacts {
  const placement = { blockStarts };
  const slugs = dedupeSlugs(parsed.headings.map((h) => h.slug));
  const headings = parsed.headings.map((h, i) => (h.slug === slugs[i] ? h : sluggedOf.get(h, 0, () => ({ ...h, slug: slugs[i] }), (s) => s.slug === slugs[i])));
  const anchors = previous && sameAnchors(previous, headings, parsed.htmlIds) ? previous.anchors : anchorSet(headings, parsed.htmlIds);

  const definitions = new Map<string, LinkFact>();
  for (const l of parsed.links) {
    if (l.kind === 'definition' && l.label !== undefined && !definitions.has(l.label)) definitions.set(l.label, l);
  }

  const entries: IssueEntry[] = [];
  const statistics: StatisticsBlock[] = [];
  // Enclosing sections: the stack of headings above the current one (depths and kinds).
  const stackDepth: number[] = [];
  const stackKind: HeadingKind[] = [];
  /** The nearest enclosing register section that says each (contract v2). */
  const sectionOf = () => {
    let sectionSeverity: IssueSeverity | undefined;
    let sectionStatus: StatusClass | undefined;
    for (let k = stackKind.length - 1; k >= 0; k--) {
      const s = stackKind[k];
      if (s.idForm || s.numbered) continue;
      if (!sectionSeverity && s.section.severity) sectionSeverity = s.section.severity;
      if (!sectionStatus && s.section.status) sectionStatus = s.section.status;
    }
    return { sectionSeverity, sectionStatus };
  };
  /** A heading's (or bold paragraph's) entry, under the enclosing sections. */
  const pushEntry = (h: SluggedHeading, kind: HeadingKind, nextStart: number | undefined) => {
    const form = entryForm(kind, h, stackKind[stackKind.length - 1]);
    if (!form) return;
    // (Relative to the heading's block.)
    const end = (nextStart ?? text.length) - blockStart(placement, h.at);
    const { sectionSeverity, sectionStatus } = sectionOf();
    // Plain `Label: N` names are statistics items, not an entry's fields.
    const fields = h.fields?.some((f) => f.plain) ? h.fields.filter((f) => !f.plain) : (h.fields ?? []);
    const { id } = form;
    entries.push(
      entryOf.get(
        h,
        0,
        () => ({ kind: form.kind, id, prefix: form.prefix, number: form.number, title: form.title, heading: h, slug: h.slug, fields, sectionSeverity, sectionStatus, end }),
        (e) => e.id === id && e.kind === form.kind && e.sectionSeverity === sectionSeverity && e.sectionStatus === sectionStatus && e.end === end,
      ),
    );
  };
  /** A register row (registerRows.ts): a candidate entry in the section it stands in; it ends with the row. */
  const pushRow = (r: RowHead) => {
    const { sectionSeverity, sectionStatus } = sectionOf();
    const end = r.row.end;
    entries.push(
      entryOf.get(
        r.heading,
        0,
        () => ({ kind: 'row', id: r.id, prefix: r.prefix, number: r.number, title: r.title, heading: r.heading, slug: '', fields: r.heading.fields ?? [], sectionSeverity, sectionStatus, end }),
        (e) => e.sectionSeverity === sectionSeverity && e.sectionStatus === sectionStatus,
      ),
    );
  };
  // Bold-paragraph entries (`**BUG-012: Title**`) and register tables stand between headings: each
  // is placed in the section it is in.
  const bold = parsed.boldEntries;
  const tables = parsed.tables;
  let b = 0;
  let t = 0;
  const boldBefore = (limit: number) => {
    for (;;) {
      const bs = b < bold.length ? startOf(placement, bold[b]) : Infinity;
      const ts = t < tables.length ? startOf(placement, tables[t]) : Infinity;
      if (Math.min(bs, ts) >= limit) return;
      if (ts < bs) {
        for (const r of registerRows(tables[t], text, blockStart(placement, tables[t].at))) pushRow(r);
        t++;
        continue;
      }
      const nextBold = b + 1 < bold.length ? startOf(placement, bold[b + 1]) : Infinity;
      pushEntry(bold[b], headingKind(bold[b].text), Math.min(nextBold, limit, text.length));
      b++;
    }
  };
  headings.forEach((h, i) => {
    boldBefore(startOf(placement, h));
    while (stackDepth.length > 0 && stackDepth[stackDepth.length - 1] >= h.depth) {
      stackDepth.pop();
      stackKind.pop();
    }
    const kind = headingKind(h.text);
    if (kind.idForm || kind.numbered || kind.listItem) {
      const next = sectionEnd(headings, i);
      pushEntry(h, kind, next ? startOf(placement, next) : undefined);
    }
    if (kind.statistics && h.fields) {
      const items: StatItem[] = [];
      for (const f of h.fields) {
        const key = f.form === 'table' || f.form === 'frontmatter' ? undefined : statLabel(f.name);
        if (!key) continue;
        const m = /\d+/.exec(text.slice(startOf(placement, f, f.valueStart), startOf(placement, f, f.valueEnd)));
        if (!m || !/^\D*\d+\D*$/.test(f.value)) continue;
        items.push({ key, field: f, written: Number(m[0]), numberStart: f.valueStart + m.index, numberEnd: f.valueStart + m.index + m[0].length });
      }
      if (items.length > 0) statistics.push({ heading: h, items });
    }
    stackDepth.push(h.depth);
    stackKind.push(kind);
  });
  boldBefore(Infinity);

  const resolutionTables: ResolutionTable[] = [];
  for (const table of parsed.tables) {
    const t = readResolutionTable(table, text, blockStart(placement, table.at));
    if (t) resolutionTables.push(t);
  }

  const footer: { lastUpdated?: Footer['lastUpdated']; nextReview?: Footer['nextReview'] } = {};
  for (const line of parsed.footer) footer[line.key] = line;

  // The legend's words change how this document's entries read: under a legend each entry is a copy
  // made for that legend (the same copy while the legend stays), so a changed legend is changed entries.
  const read = readLegend(parsed.tables);
  const legend = sameLegend(previous?.legend, read) ? previous?.legend : read;

  return {
    uri,
    length: text.length,
    lineStarts,
    blockStarts,
    headings,
    anchors,
    links: parsed.links,
    definitions,
    referenceUses: parsed.referenceUses,
    htmlIds: parsed.htmlIds,
    mentions: parsed.mentions,
    entries: legend ? entries.map((e) => underLegend(e, legend)) : entries,
    statistics,
    resolutionTables,
    footer,
    suppressions: parsed.suppressions,
    problems: parsed.problems,
    isLog: entries.length > 0 || statistics.length > 0,
    legend,
  };
}

const legendCopies = new Memo<IssueEntry, { legend: StatusLegend; entry: IssueEntry }>();

/** An entry of a document with a Status Legend: a copy per entry and legend object. */
function underLegend(entry: IssueEntry, legend: StatusLegend): IssueEntry {
  return legendCopies.get(entry, 0, () => ({ legend, entry: { ...entry } }), (m) => m.legend === legend).entry;
}

function anchorSet(headings: readonly HeadingFact[], htmlIds: readonly HtmlIdFact[]): ReadonlySet<string> {
  const anchors = new Set<string>();
  for (const h of headings) anchors.add(h.slug);
  for (const h of htmlIds) anchors.add(h.id);
  return anchors;
}

/** The previous version has the same anchors (an edit that changed no heading text and no HTML id): its sets serve. */
function sameAnchors(previous: DocumentFacts, headings: readonly HeadingFact[], htmlIds: readonly HtmlIdFact[]): boolean {
  if (previous.headings.length !== headings.length || previous.htmlIds.length !== htmlIds.length) return false;
  for (let i = 0; i < headings.length; i++) if (previous.headings[i].slug !== headings[i].slug) return false;
  for (let i = 0; i < htmlIds.length; i++) if (previous.htmlIds[i].id !== htmlIds[i].id) return false;
  return true;
}

/** A table with Severity and Average columns read as a resolution table (`base`: where its block starts). */
function readResolutionTable(table: TableFact, text: string, base: number): ResolutionTable | undefined {
  const col = (re: RegExp, not?: RegExp) => table.header.findIndex((c) => re.test(c.text) && !(not && not.test(c.text)));
  const sevCol = col(/severity/i);
  const avgCol = col(/\bavg\b|average/i);
  const slaCol = col(/\bsla\b|target/i, /\bavg\b|average/i);
  if (sevCol < 0 || avgCol < 0) return undefined;
  const rows: ResolutionRow[] = [];
  for (const row of table.rows) {
    const sevCell = row.cells[sevCol];
    const severity = sevCell ? readSeverity(sevCell.text) : undefined;
    if (!severity) continue;
    let average: ResolutionRow['average'];
    let sla: ResolutionRow['sla'];
    const avgCell = row.cells[avgCol];
    if (avgCell) {
      const raw = text.slice(base + avgCell.start, base + avgCell.end);
      const d = parseDuration(avgCell.text);
      const rd = parseDuration(raw);
      if (d && rd) average = { cell: avgCell, duration: d, numberStart: avgCell.start + rd.index, numberEnd: avgCell.start + rd.index + rd.length };
    }
    const slaCell = slaCol >= 0 ? row.cells[slaCol] : undefined;
    if (slaCell) {
      const d = parseSla(slaCell.text);
      if (d) sla = { cell: slaCell, duration: d };
    }
    const out: ResolutionRow = average && sla ? { row, severity, average, sla } : average ? { row, severity, average } : sla ? { row, severity, sla } : { row, severity };
    rows.push(out);
  }
  return { table, rows };
}

/** Reads a document in one go: split into blocks, parse, build the facts (one block, WHOLE). */
export function readDocument(uri: string, text: string, options: IssueLogOptions): DocumentFacts {
  return buildDocument(uri, text, parseBlockwise(text, options), options);
}

/** The entries that went (in `was` only) and came (in `now` only) between two versions of a document. */
export interface EntryChanges {
  readonly removed: readonly IssueEntry[];
  readonly added: readonly IssueEntry[];
}

/** Keyed by the newer version; holds the older one's entries, not the older version itself: a version
 *  held from its successor would keep every version of an edited document alive, one after another. */
const entryChangesOf = new Memo<DocumentFacts, { was: readonly IssueEntry[]; changes: EntryChanges }>();

/**
 * EntryChanges between two versions, worked out once per pair (every scope and the ID table ask):
 * the entries before and after an edit are the same objects in the same order, so only the part
 * between the common start and the common end is compared.
 */
export function entryChanges(was: DocumentFacts, now: DocumentFacts): EntryChanges {
  return entryChangesOf.get(
    now,
    0,
    () => {
      const a = was.entries;
      const b = now.entries;
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      let j = 0;
      while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
      const midA = a.slice(i, a.length - j);
      const midB = b.slice(i, b.length - j);
      const inB = new Set(midB);
      const inA = new Set(midA);
      return { was: a, changes: { removed: midA.filter((e) => !inB.has(e)), added: midB.filter((e) => !inA.has(e)) } };
    },
    (m) => m.was === was.entries,
  ).changes;
}
