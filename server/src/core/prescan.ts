/**
 * A cheap look at a file's text, before parsing, for whether it can matter to the checks: whether the
 * engine could read from it a candidate issue entry (an ID heading of any prefix, a bold ID paragraph,
 * a register row, an `Issue N`/`Bug #N`/`Incident N` heading, a `N. Title` heading), a statistics block, a resolution table, a mention of an issue ID, or a link to an entry's
 * heading (an ID in any case: rename rewrites such links). Other Markdown files
 * (READMEs, docs) need no parse until a log links to them or they are opened.
 *
 * It must never say no to a file that the parse reads as a log (a strict superset; the unit test
 * prescan.test.ts checks it on random and generated documents). So it does not find headings: it
 * looks anywhere in the text, unanchored, for the words that such a heading's text must hold, in two
 * views of the text that undo what inline Markdown can put between the characters of a heading text:
 *  - `loose`: character references decoded, and the inline markup characters (emphasis, code,
 *    brackets, escapes, angle brackets) removed;
 *  - `stripped`: as loose, after removing what the parse drops entirely: raw HTML (tags, comments),
 *    link destinations and titles, images (their alt text too), reference labels, footnote calls,
 *    and the space a code span trims.
 * A heading text is the text of its inline nodes, so each character of it is a character of the
 * source, or comes from a character reference; what stands between two of them in the source is
 * markup that one of the views removes.
 */
import type { IssueLogOptions } from './config';

/** Named character references that decode to a character a heading pattern needs (WHATWG's table). */
const NAMED: Record<string, string> = {
  colon: ':',
  num: '#',
  fjlig: 'fj',
  Tab: '\t',
  NewLine: '\n',
  nbsp: ' ',
  NonBreakingSpace: ' ',
  ensp: ' ',
  emsp: ' ',
  emsp13: ' ',
  emsp14: ' ',
  numsp: ' ',
  puncsp: ' ',
  thinsp: ' ',
  ThinSpace: ' ',
  hairsp: ' ',
  VeryThinSpace: ' ',
  MediumSpace: ' ',
  ThickSpace: ' ',
};

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (all, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name] ?? all;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
  });
}

/** Inline markup characters: none of them is part of an ID, an `Issue N` or a label. */
const MARKUP = /[*_~`\\[\]<>!()^|]/g;

/** What the parse drops from inline text (CommonMark's raw HTML, link and image syntax). */
const DROPPED = new RegExp(
  [
    '<!--[\\s\\S]*?-->',
    '<\\?[\\s\\S]*?\\?>',
    '<![A-Za-z][^>]*>',
    '<!\\[CDATA\\[[\\s\\S]*?\\]\\]>',
    // Open and closing tags, with attributes (quoted values may hold `>`).
    '<\\/?[A-Za-z][A-Za-z0-9-]*(?:\\s+[A-Za-z_:][\\w.:-]*(?:\\s*=\\s*(?:"[^"]*"|\'[^\']*\'|[^\\s"\'=<>`]+))?)*\\s*\\/?>',
    // Images, alt text included.
    '!\\[[^\\]]*\\](?:\\([^)]*\\)|\\[[^\\]]*\\])?',
    // A link's destination and title, and a full reference's label.
    '\\]\\(\\s*(?:<[^<>\\n]*>|(?:[^\\s()]|\\([^\\s()]*\\))*)(?:\\s+(?:"[^"]*"|\'[^\']*\'|\\([^()]*\\)))?\\s*\\)',
    '\\]\\[[^\\]]*\\]',
    // Footnote calls.
    '\\[\\^[^\\]]*\\]',
    // A code span's delimiters, with the space it may trim on each side.
    ' ?`+ ?',
  ].join('|'),
  'g',
);

/**
 * What a log's headings hold (unanchored, case-insensitive): a numbered entry (`Issue 12`, `Bug #3`,
 * `Incident 2`), a statistics heading (`Statistics`, `Stats`, `Summary`), a resolution table's
 * Severity column. ID entries, bold entries and register rows hold an ID, which ID finds.
 */
const HEADING = /(?:issue|bug|incident)\s*#?\s*\d|statistics|stats|summary|severity/i;
/**
 * A `N. Title` entry: a heading that starts with a number, inside a log section or with an entry's
 * fields: the text then holds one of the words such a section or field is named with.
 */
const LIST_ENTRY = /\d[.)]/;
const LIST_CONTEXT = /issues|bugs|incidents|problems|defects|findings|\blog\b|tracker|register|phase|date|status|priority|impact|resolution|reference|assign|owner|closed|resolved|fixed/i;
/**
 * An ID in any case, with any prefix (parsing is prefix-independent; the workspace learns which are
 * known): a mention, or a link to an entry's heading (`#crit-001-pool`), which a rename rewrites.
 * Every ID holds its last prefix part, `-` and a digit.
 */
const ID = /[A-Za-z][A-Za-z0-9]*-\d/;

const PERCENT = /%[0-9A-Fa-f]{2}/g;

/**
 * Can the parse read anything from `text` that the checks use (an entry, a statistics block, a
 * resolution table, a mention of an ID)? False means: parsing it would give a document that is not
 * an issue log and mentions no ID.
 */
export function mayBeIssueLog(text: string, _options?: IssueLogOptions): boolean {
  // A mention is an ID in the source of a text node, so it is in the text as written; a link's
  // fragment may be percent-encoded.
  if (ID.test(text)) return true;
  if (text.includes('%') && ID.test(text.replace(PERCENT, (m) => String.fromCharCode(parseInt(m.slice(1), 16))))) return true;
  const decoded = decodeReferences(text);
  const loose = decoded.replace(MARKUP, '');
  if (looks(loose)) return true;
  return looks(decoded.replace(DROPPED, '').replace(MARKUP, ''));
}

/** A view of the text holds what a heading (or bold paragraph) that is an entry or a statistics heading holds. */
function looks(view: string): boolean {
  // (A heading's ID may be spelt with references or markup that the views undo.)
  return ID.test(view) || HEADING.test(view) || (LIST_ENTRY.test(view) && LIST_CONTEXT.test(view));
}
