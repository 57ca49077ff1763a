/**
 * Register tables (contract v2): a GFM table whose first column holds IDs is a summary of entries.
 * Each row whose first cell is an ID is read as a candidate entry head: the ID, a title from a
 * title-like column, and its other cells as fields named by the header. The workspace decides what
 * a row is (workspaceIndex.ts, knownPrefixes.ts): a mention of the entry that a heading defines, or,
 * where no heading defines its ID, the entry itself.
 *
 * Which tables: the first header cell names an ID column (`ID`, `Ref`, `Key`, `#`, `Issue`, `Bug`,
 * `Ticket`, with or without `ID`/`#`/`No.`), or every non-empty first cell of the body is an ID.
 */
import { PREFIX_SOURCE } from './config';
import { Memo } from './memo';
import type { FieldFact, HeadingFact, TableFact, TableRowFact } from './model';

/** A register row read as an entry's head (the row's span, depth 0, no anchor). */
export interface RowHead {
  readonly row: TableRowFact;
  /** Heading-like: the row's span, the ID's offsets as its text (for references and definition). */
  readonly heading: HeadingFact;
  readonly id: string;
  readonly prefix: string;
  readonly number: number;
  readonly title: string;
}

const ID_CELL = new RegExp(`^(${PREFIX_SOURCE})-(\\d+)$`);
const ID_COLUMN = /^(?:id|ref|key|#|no\.?|issue|bug|ticket|defect|incident|item)(?:\s*(?:id|#|no\.?|number|ref))?$/i;
const TITLE_COLUMN = /^(?:title|issue|summary|description|name|problem|finding|bug)$/i;

const rowsOf = new Memo<TableFact, readonly RowHead[]>();
const NONE: readonly RowHead[] = [];

/** The register rows of a table (`text`: the document's text; `base`: where the table's block starts). */
export function registerRows(table: TableFact, text: string, base: number): readonly RowHead[] {
  return rowsOf.get(table, 0, () => read(table, text, base));
}

function read(table: TableFact, text: string, base: number): readonly RowHead[] {
  if (table.header.length < 2 || table.rows.length === 0) return NONE;
  const first = table.rows.map((r) => r.cells[0]?.text ?? '');
  const byHeader = ID_COLUMN.test(table.header[0].text.trim());
  if (!byHeader && !first.every((c) => c === '' || ID_CELL.test(c))) return NONE;
  const titleCol = table.header.findIndex((c, i) => i > 0 && TITLE_COLUMN.test(c.text.trim()));
  const out: RowHead[] = [];
  for (const row of table.rows) {
    const cell = row.cells[0];
    const m = cell && ID_CELL.exec(cell.text);
    if (!m) continue;
    const id = m[0];
    // The ID's offsets in the source of the cell (it may be a link's text or emphasised).
    const at = text.slice(base + cell.start, base + cell.end).indexOf(id);
    const textStart = at >= 0 ? cell.start + at : cell.start;
    const fields: FieldFact[] = [];
    table.header.forEach((h, i) => {
      const c = row.cells[i];
      const name = h.text.trim();
      if (i === 0 || !c || !name) return;
      fields.push({ start: c.start, end: c.end, at: c.at, name, value: c.text, valueStart: c.start, valueEnd: c.end, links: [] });
    });
    const heading: HeadingFact = { start: row.start, end: row.end, at: row.at, depth: 0, text: cell.text, slug: '', textStart, textEnd: textStart + id.length, fields };
    out.push({ row, heading, id, prefix: m[1], number: Number(m[2]), title: titleCol >= 0 ? (row.cells[titleCol]?.text ?? '') : '' });
  }
  return out.length > 0 ? out : NONE;
}
