/**
 * A document version's facts: its blocks' facts (block-relative, shared between versions) read into
 * headings with anchors, issue entries, the statistics block, resolution tables and the footer. A
 * new DocumentFacts is made for every version and never changes; `startOf`/`rangeIn` turn a fact's
 * block-relative offsets into this version's document offsets. Keeps no syntax tree.
 */
import type { Range } from 'vscode-languageserver-protocol';
import { parseBlockwise } from './blockwise';
import { severityFromWord, type IssueLogOptions, type IssueSeverity } from './config';
import type { StatusClass } from './status';
import { sectionReading, statLabel, type SectionReading } from './vocabulary';
import { parseDuration, parseSla } from './durations';
import { Memo, TextMemo } from './memo';
import type { BlockKey, Footer, FooterLineFact, HeadingFact, HtmlIdFact, IssueEntry, LinkFact, MentionFact, ParseProblem, ReferenceUse, ResolutionRow, ResolutionTable, Span, StatItem, StatisticsBlock, TableFact } from './model';
import { rangeOf } from './positions';
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
  /** Heading slugs and HTML ids, as written and lower-cased. */
  readonly anchors: ReadonlySet<string>;
  readonly anchorsLower: ReadonlySet<string>;
  readonly links: readonly LinkFact[];
  readonly definitions: ReadonlyMap<string, LinkFact>;
  readonly referenceUses: readonly ReferenceUse[];
  readonly htmlIds: readonly HtmlIdFact[];
  readonly mentions: readonly MentionFact[];
  readonly entries: readonly IssueEntry[];
  readonly statistics: readonly StatisticsBlock[];
  readonly resolutionTables: readonly ResolutionTable[];
  readonly footer: Footer;
  /** Parse failures, at document offsets (the only facts that are not block-relative: there are few). */
  readonly problems: readonly ParseProblem[];
  /** Holds at least one issue entry or a statistics block. */
  readonly isLog: boolean;
}

/** The facts lists a document version is built from (block-relative facts, in document order). */
export type PlacedFacts = Pick<DocumentFacts, 'links' | 'referenceUses' | 'htmlIds' | 'mentions' | 'problems'> & {
  readonly headings: readonly HeadingFact[];
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

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

const NUMBERED = /^issue\s+#?(\d+)(?:\s*:\s*(.*))?$/i;

/** What an entry heading's text says, by heading text and ID pattern (headings repeat across versions). */
interface HeadingKind {
  readonly id?: RegExpExecArray | null;
  readonly num?: RegExpExecArray | null;
  readonly statistics: boolean;
  /** What the heading says as a register section (vocabulary.ts). */
  readonly section: SectionReading;
  /** The entry's ID (`CRIT-001`, `Issue 3`), when the heading is an entry. */
  readonly entryId?: string;
}
/** Distinct heading texts remembered per ID pattern (as for slugs.ts's base slugs). */
const HEADING_KIND_TEXTS = 200_000;
const headingKinds = new Memo<RegExp, TextMemo<HeadingKind>>();
const entryPatterns = new Memo<IssueLogOptions['prefixes'], RegExp>();
/** A heading whose slug another heading of the document took, with its suffixed slug (made once per heading and slug). */
const sluggedOf = new Memo<HeadingFact, SluggedHeading>();
/** The entry made for a heading: the same object while nothing it holds changed. */
const entryOf = new Memo<SluggedHeading, IssueEntry>();

/** The kinds remembered for `idEntry` (looked up once per version, not once per heading). */
function headingKindsFor(idEntry: RegExp): TextMemo<HeadingKind> {
  return headingKinds.get(idEntry, 0, () => new TextMemo(HEADING_KIND_TEXTS));
}

function headingKind(kinds: TextMemo<HeadingKind>, idEntry: RegExp, text: string): HeadingKind {
  return kinds.get(text, () => {
    const id = idEntry.exec(text);
    const num = id ? null : NUMBERED.exec(text);
    const entryId = id ? `${id[1]}-${id[2]}` : num ? `Issue ${Number(num[1])}` : undefined;
    return { id, num, statistics: !entryId && /\b(?:statistics|stats|summary)\b/i.test(text), section: sectionReading(text), entryId };
  });
}

function entryPattern(prefixes: IssueLogOptions['prefixes']): RegExp {
  return entryPatterns.get(prefixes, 0, () => {
    const prefixAlternatives = [...prefixes.keys()].sort((a, b) => b.length - a.length).join('|');
    return new RegExp(`^(${prefixAlternatives})-(\\d{3,})\\s*:\\s*(.*)$`);
  });
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
  options: IssueLogOptions,
  lineStarts: readonly number[] = computeLineStarts(text),
  blockStarts = NO_BLOCKS,
  previous?: DocumentFacts,
): DocumentFacts {
  const placement = { blockStarts };
  const slugs = dedupeSlugs(parsed.headings.map((h) => h.slug));
  const headings = parsed.headings.map((h, i) => (h.slug === slugs[i] ? h : sluggedOf.get(h, 0, () => ({ ...h, slug: slugs[i] }), (s) => s.slug === slugs[i])));
  const { anchors, anchorsLower } = previous && sameAnchors(previous, headings, parsed.htmlIds) ? previous : anchorSets(headings, parsed.htmlIds);

  const definitions = new Map<string, LinkFact>();
  for (const l of parsed.links) {
    if (l.kind === 'definition' && l.label !== undefined && !definitions.has(l.label)) definitions.set(l.label, l);
  }

  const idEntry = entryPattern(options.prefixes);
  const kinds = headingKindsFor(idEntry);
  const entries: IssueEntry[] = [];
  const statistics: StatisticsBlock[] = [];
  // Enclosing sections: the stack of headings above the current one (depths and kinds).
  const stackDepth: number[] = [];
  const stackKind: HeadingKind[] = [];
  headings.forEach((h, i) => {
    while (stackDepth.length > 0 && stackDepth[stackDepth.length - 1] >= h.depth) {
      stackDepth.pop();
      stackKind.pop();
    }
    const kind = headingKind(kinds, idEntry, h.text);
    const idm = kind.id;
    const num = kind.num;
    if (idm || num) {
      const next = sectionEnd(headings, i);
      // (Relative to the heading's block: the next heading is usually in the same block.)
      const end = next && next.at === h.at ? next.start : (next ? startOf(placement, next) : text.length) - blockStart(placement, h.at);
      // The nearest enclosing register section that says each (contract v2).
      let sectionSeverity: IssueSeverity | undefined;
      let sectionStatus: StatusClass | undefined;
      for (let k = stackKind.length - 1; k >= 0; k--) {
        const s = stackKind[k];
        if (s.id || s.num) continue;
        if (!sectionSeverity && s.section.severity) sectionSeverity = s.section.severity;
        if (!sectionStatus && s.section.status) sectionStatus = s.section.status;
      }
      const id = kind.entryId!;
      const fields = h.fields?.some((f) => f.plain) ? h.fields.filter((f) => !f.plain) : (h.fields ?? []);
      entries.push(
        entryOf.get(
          h,
          0,
          () => ({
            kind: idm ? 'id' : 'numbered',
            id,
            prefix: idm ? idm[1] : undefined,
            number: Number(idm ? idm[2] : num![1]),
            title: ((idm ? idm[3] : num![2]) ?? '').trim(),
            heading: h,
            slug: h.slug,
            fields,
            sectionSeverity,
            sectionStatus,
            end,
          }),
          (e) => e.id === id && e.sectionSeverity === sectionSeverity && e.sectionStatus === sectionStatus && e.end === end,
        ),
      );
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

  const resolutionTables: ResolutionTable[] = [];
  for (const table of parsed.tables) {
    const t = readResolutionTable(table, text, blockStart(placement, table.at));
    if (t) resolutionTables.push(t);
  }

  const footer: { lastUpdated?: Footer['lastUpdated']; nextReview?: Footer['nextReview'] } = {};
  for (const line of parsed.footer) footer[line.key] = line;

  return {
    uri,
    length: text.length,
    lineStarts,
    blockStarts,
    headings,
    anchors,
    anchorsLower,
    links: parsed.links,
    definitions,
    referenceUses: parsed.referenceUses,
    htmlIds: parsed.htmlIds,
    mentions: parsed.mentions,
    entries,
    statistics,
    resolutionTables,
    footer,
    problems: parsed.problems,
    isLog: entries.length > 0 || statistics.length > 0,
  };
}

function anchorSets(headings: readonly HeadingFact[], htmlIds: readonly HtmlIdFact[]): Pick<DocumentFacts, 'anchors' | 'anchorsLower'> {
  const anchors = new Set<string>();
  for (const h of headings) anchors.add(h.slug);
  for (const h of htmlIds) anchors.add(h.id);
  const anchorsLower = new Set<string>();
  for (const a of anchors) anchorsLower.add(a.toLowerCase());
  return { anchors, anchorsLower };
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
    const severity = sevCell ? severityFromWord(sevCell.text.replace(/^[^A-Za-z]+/, '')) : undefined;
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
