/**
 * A log's own Status Legend (contract v2, "Status"): a table with a Status column and a meaning
 * column adds its words, each read as open or resolved from its meaning. A word whose meaning says
 * neither is still the log's own: unknown-status does not report it, and it is not counted.
 *
 * A legend is a table of two or three columns: Status (or State), a meaning (Meaning, Description,
 * Definition, Means, Explanation), and optionally an Icon/Emoji/Symbol column; its status cells are
 * short (four words at most) and none is an issue ID. So a register table (`| ID | Title | Status |`)
 * is never read as a legend.
 */
import type { TableFact } from './model';
import { exactStatus, fold, statusWordOf, type StatusLegend } from './vocabulary';

const STATUS_COLUMN = /^(?:status|state)(?:es)?$/;
const MEANING_COLUMN = /^(?:meaning|means|description|definition|explanation|what it means)$/;
const OTHER_COLUMN = /^(?:icon|emoji|symbol|badge|colou?r|marker|indicator|)$/;
const ID = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+\b/;

const header = (text: string) => fold(text).replace(/[^\p{L}\p{N}\s]/gu, '').trim();

/** Negated or unfinished resolutions (`not yet fixed`, `being resolved`, `unresolved`): open. */
const UNFINISHED = /\b(?:not(?: yet)?(?: been)?|being|to be|will be|needs? to be|awaiting|waiting (?:for|to be)|un)\s*(?:resolved|fixed|closed|done|completed?|verified)\b/g;
const RESOLVED_MEANING = /\b(?:resolved|fixed|closed|done|completed?|verified|shipped|deployed)\b/;
const OPEN_MEANING = /\b(?:open|in progress|not yet|not started|pending|active|working|being|ongoing|under way|underway|started|investigating|unresolved|unfixed|awaiting)\b/;

/** What a legend row's meaning says: open, resolved, or neither (both, or none). */
export function meaningClass(meaning: string): 'open' | 'resolved' | undefined {
  const m = fold(meaning.replace(/[-_]+/g, ' '));
  const rest = m.replace(UNFINISHED, ' ');
  const open = rest !== m || OPEN_MEANING.test(rest);
  const resolved = RESOLVED_MEANING.test(rest);
  return open && !resolved ? 'open' : resolved && !open ? 'resolved' : undefined;
}

/** The Status Legend of a document's tables (the words of every legend table), or undefined. */
export function readLegend(tables: readonly TableFact[]): StatusLegend | undefined {
  let out: { open: string[]; resolved: string[]; defined: string[] } | undefined;
  for (const t of tables) {
    if (t.header.length < 2 || t.header.length > 3) continue;
    const names = t.header.map((c) => header(c.text));
    const statusCol = names.findIndex((n) => STATUS_COLUMN.test(n));
    const meaningCol = names.findIndex((n) => MEANING_COLUMN.test(n));
    if (statusCol < 0 || meaningCol < 0 || !names.every((n, i) => i === statusCol || i === meaningCol || OTHER_COLUMN.test(n))) continue;
    const rows: [string, 'open' | 'resolved' | 'defined'][] = [];
    let legend = t.rows.length > 0;
    for (const row of t.rows) {
      const cell = row.cells[statusCol]?.text.trim() ?? '';
      if (cell === '') continue;
      if (ID.test(cell) || cell.split(/\s+/).length > 4) {
        legend = false;
        break;
      }
      const word = statusWordOf(cell);
      // The meaning decides; where it says neither, the word's own class (a built-in word), else defined.
      rows.push([word, meaningClass(row.cells[meaningCol]?.text ?? '') ?? exactStatus(word) ?? 'defined']);
    }
    if (!legend) continue;
    out ??= { open: [], resolved: [], defined: [] };
    for (const [word, cls] of rows) out[cls].push(word);
  }
  return out;
}

/** Two legends say the same (a later version of a document keeps the earlier one's object). */
export function sameLegend(a: StatusLegend | undefined, b: StatusLegend | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((w, i) => w === y[i]);
  return same(a.open, b.open) && same(a.resolved, b.resolved) && same(a.defined, b.defined);
}
