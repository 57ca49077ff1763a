/**
 * The facts the core keeps about a document. Offsets are UTF-16 offsets into the document's text;
 * no syntax tree is kept (see parse.ts): facts are small, trees are not.
 */
import type { IssueSeverity } from './config';

export interface Span {
  start: number;
  end: number;
}

export interface HeadingFact extends Span {
  depth: number;
  /** Plain text of the heading, as GitHub derives the slug from it. */
  text: string;
  /** Offsets of the heading's text content (after the `#`s). */
  textStart: number;
  textEnd: number;
  /** The field list right under the heading, when there is one. */
  fields?: FieldFact[];
}

export interface FieldFact extends Span {
  /** The name as written, without `**` and the colon. */
  name: string;
  /** The value as plain text, trimmed. */
  value: string;
  valueStart: number;
  valueEnd: number;
  /** Links inside the value (for Reference). */
  links: LinkFact[];
}

export type LinkKind = 'link' | 'image' | 'definition' | 'autolink';

export interface LinkFact extends Span {
  kind: LinkKind;
  url: string;
  /** Offsets of the destination as written (for rename and quick fixes), when known. */
  urlStart?: number;
  urlEnd?: number;
  /** For definitions: the normalized label. */
  label?: string;
}

export interface ReferenceUse extends Span {
  /** Normalized label (case-folded, whitespace collapsed). */
  label: string;
}

export interface HtmlIdFact extends Span {
  id: string;
}

export interface MentionFact extends Span {
  id: string;
}

export interface TableCellFact extends Span {
  text: string;
}

export interface TableRowFact extends Span {
  cells: TableCellFact[];
}

export interface TableFact extends Span {
  header: TableCellFact[];
  rows: TableRowFact[];
}

export interface FooterLineFact extends Span {
  key: 'lastUpdated' | 'nextReview';
  value: string;
  valueStart: number;
}

/** What one parse of a block (or a whole document) yields. */
export interface ParsedFacts {
  headings: HeadingFact[];
  links: LinkFact[];
  referenceUses: ReferenceUse[];
  htmlIds: HtmlIdFact[];
  mentions: MentionFact[];
  tables: TableFact[];
  footer: FooterLineFact[];
  /** Parse failures (for example a stack overflow on absurd nesting), with where they happened. */
  problems: { offset: number; message: string }[];
}

export type EntryKind = 'id' | 'numbered';

export interface IssueEntry {
  kind: EntryKind;
  /** `CRIT-001` for ID entries; `Issue 3` for numbered entries. */
  id: string;
  prefix?: string;
  number: number;
  title: string;
  heading: HeadingFact;
  slug: string;
  fields: FieldFact[];
  /** Severity named by the nearest enclosing section heading. */
  sectionSeverity?: IssueSeverity;
  /** An enclosing section heading says Open. */
  sectionOpen: boolean;
  /** Offset where the entry's section ends (the next heading of the same or a higher level). */
  end: number;
}

export interface StatItem {
  key: 'total' | 'resolved' | 'open' | 'critical' | 'high' | 'medium' | 'low';
  field: FieldFact;
  written: number;
  /** Offsets of the number inside the value. */
  numberStart: number;
  numberEnd: number;
}

export interface StatisticsBlock {
  heading: HeadingFact;
  items: StatItem[];
}

export interface Duration {
  minutes: number;
  /** The number as written. */
  amount: number;
  unit: 'minutes' | 'hours' | 'days' | 'weeks';
  decimals: number;
}

export interface ResolutionRow {
  row: TableRowFact;
  severity: IssueSeverity;
  average?: { cell: TableCellFact; duration: Duration; numberStart: number; numberEnd: number };
  sla?: { cell: TableCellFact; duration: Duration };
}

export interface ResolutionTable {
  table: TableFact;
  rows: ResolutionRow[];
}

export interface Footer {
  lastUpdated?: FooterLineFact;
  nextReview?: FooterLineFact;
}
