/**
 * The facts the core keeps about a document. They are immutable: a new version of a document gets
 * new facts for what changed and shares the rest, so nothing handed out ever moves.
 *
 * Offsets are UTF-16 offsets relative to the start of the block the fact was parsed in (`at`): an
 * edit moves the later blocks without touching their facts. A document version says where each
 * block starts (documentFacts.ts: `startOf`, `rangeIn`); a document read in one go is one block at 0.
 * No syntax tree is kept (see parse.ts): facts are small, trees are not.
 */
import type { IssueSeverity } from './config';
import type { StatusClass } from './status';

/** The identity of one parsed block (nothing else: its start belongs to a document version). */
export interface BlockKey {
  /** 0 for a text read in one go (WHOLE), else a number unique in the process. */
  readonly block: number;
}

/** The block of a text read in one go: its offsets are the text's own. */
export const WHOLE: BlockKey = Object.freeze({ block: 0 });

export interface Span {
  readonly start: number;
  readonly end: number;
  /** The block the offsets are relative to. */
  readonly at: BlockKey;
}

export interface HeadingFact extends Span {
  readonly depth: number;
  /** Plain text of the heading, as GitHub derives the slug from it. */
  readonly text: string;
  /**
   * GitHub's anchor for the heading: github-slugger's slug of the text, made unique within the
   * document (`a`, `a-1`, …). A parse gives the slug of the text alone; a document version
   * (documentFacts.ts) gives a heading whose slug another heading already took a copy with the suffix.
   */
  readonly slug: string;
  /** Offsets of the heading's text content (after the `#`s). */
  readonly textStart: number;
  readonly textEnd: number;
  /**
   * The fields right under the heading (fields.ts: a list, a paragraph of field lines, a two-column
   * table; for the first heading of a document, when an H1, its front matter first), when there are.
   */
  readonly fields?: readonly FieldFact[];
}

export interface FieldFact extends Span {
  /** The name as written, without `**` and the colon. */
  readonly name: string;
  /** The value as plain text, trimmed. */
  readonly value: string;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** Links inside the value (for Reference). */
  readonly links: readonly LinkFact[];
  /**
   * The name is not bold (`- Total: 15`, `Total Bugs: 15`): read only where the value is a count, for
   * statistics items; an entry does not take such a field (contract v2 lists bold names for entries).
   */
  readonly plain?: true;
  /** How the field is written (so that a new entry can be written in the log's own field syntax). */
  readonly form?: FieldForm;
}

/** A list item, a line of a paragraph, a row of a two-column table, a `key: value` line of front matter. */
export type FieldForm = 'list' | 'paragraph' | 'table' | 'frontmatter';

export type LinkKind = 'link' | 'image' | 'definition' | 'autolink';

export interface LinkFact extends Span {
  readonly kind: LinkKind;
  readonly url: string;
  /** Offsets of the destination as written (for rename and quick fixes), when known. */
  readonly urlStart?: number;
  readonly urlEnd?: number;
  /** For definitions: the normalized label. */
  readonly label?: string;
}

export interface ReferenceUse extends Span {
  /** Normalized label (case-folded, whitespace collapsed). */
  readonly label: string;
}

export interface HtmlIdFact extends Span {
  readonly id: string;
}

export interface MentionFact extends Span {
  readonly id: string;
}

/** What an inline suppression comment does (contract v2, "Rules"; suppressions.ts applies them). */
export type SuppressionKind = 'disable-next-line' | 'disable' | 'enable' | 'disable-file';

/** One code named by a suppression comment, lower-cased, with where it is written. */
export interface SuppressionCode extends Span {
  readonly code: string;
}

/**
 * An HTML comment `<!-- issue-log-KIND CODE … -->` (a real comment of the parse: none inside code).
 * No codes: every rule. The span is the comment's.
 */
export interface SuppressionFact extends Span {
  readonly kind: SuppressionKind;
  readonly codes: readonly SuppressionCode[];
}

export interface TableCellFact extends Span {
  readonly text: string;
}

export interface TableRowFact extends Span {
  readonly cells: readonly TableCellFact[];
}

export interface TableFact extends Span {
  readonly header: readonly TableCellFact[];
  readonly rows: readonly TableRowFact[];
}

export interface FooterLineFact extends Span {
  readonly key: 'lastUpdated' | 'nextReview';
  readonly value: string;
  readonly valueStart: number;
}

/** A parse failure (for example a stack overflow on absurd nesting), with where it happened. */
export interface ParseProblem {
  readonly offset: number;
  readonly message: string;
}

/**
 * What one parse of a block (or a whole document) yields: filled while parsing (hence the mutable
 * lists), then handed out and never changed again.
 */
export interface ParsedFacts {
  headings: HeadingFact[];
  /** Paragraphs whose first line is wholly bold and reads as an ID entry (`**BUG-012: Title**`), as heading-like facts of depth 0 and slug ''. */
  boldEntries: HeadingFact[];
  links: LinkFact[];
  referenceUses: ReferenceUse[];
  htmlIds: HtmlIdFact[];
  mentions: MentionFact[];
  tables: TableFact[];
  footer: FooterLineFact[];
  /** Inline suppression comments, in document order. */
  suppressions: SuppressionFact[];
  /** Offsets relative to the parsed text, like the facts'. */
  problems: ParseProblem[];
}

/** An ID entry (heading or bold paragraph), a numbered entry, or a register-table row (contract v2). */
export type EntryKind = 'id' | 'numbered' | 'row';

export interface IssueEntry {
  readonly kind: EntryKind;
  /** `CRIT-001` for ID entries; `Issue 3` for numbered entries. */
  readonly id: string;
  readonly prefix?: string;
  readonly number: number;
  readonly title: string;
  readonly heading: HeadingFact;
  readonly slug: string;
  readonly fields: readonly FieldFact[];
  /** Severity named by the nearest enclosing section heading. */
  readonly sectionSeverity?: IssueSeverity;
  /** The status the nearest enclosing section heading that names one gives (`Open Issues`, `Fixed Bugs`). */
  readonly sectionStatus?: StatusClass;
  /**
   * Where the entry's section ends (the next heading of the same or a higher level), relative to the
   * block of its heading (`heading.at`), like every offset.
   */
  readonly end: number;
}

export interface StatItem {
  readonly key: 'total' | 'resolved' | 'open' | 'critical' | 'high' | 'medium' | 'low';
  readonly field: FieldFact;
  readonly written: number;
  /** Offsets of the number inside the value. */
  readonly numberStart: number;
  readonly numberEnd: number;
}

export interface StatisticsBlock {
  readonly heading: HeadingFact;
  readonly items: readonly StatItem[];
}

export interface Duration {
  readonly minutes: number;
  /** The number as written. */
  readonly amount: number;
  readonly unit: 'minutes' | 'hours' | 'days' | 'weeks';
  readonly decimals: number;
}

export interface ResolutionRow {
  readonly row: TableRowFact;
  readonly severity: IssueSeverity;
  readonly average?: { readonly cell: TableCellFact; readonly duration: Duration; readonly numberStart: number; readonly numberEnd: number };
  readonly sla?: { readonly cell: TableCellFact; readonly duration: Duration };
}

export interface ResolutionTable {
  readonly table: TableFact;
  readonly rows: readonly ResolutionRow[];
}

export interface Footer {
  readonly lastUpdated?: FooterLineFact;
  readonly nextReview?: FooterLineFact;
}
