/**
 * A cheap look at a file's text, before parsing, for whether it can matter to the checks: whether the
 * engine could read from it an issue entry (an ID heading with a configured prefix, an `Issue N`
 * heading), a statistics block, a resolution table, a mention of an issue ID, or a link to an entry's
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

/** The patterns searched for, per set of prefixes. */
const patternsOf = new WeakMap<IssueLogOptions['prefixes'], { heading: RegExp; id: RegExp }>();

function patterns(options: IssueLogOptions): { heading: RegExp; id: RegExp } {
  let p = patternsOf.get(options.prefixes);
  if (!p) {
    const prefixes = [...options.prefixes.keys()].sort((a, b) => b.length - a.length).join('|');
    p = {
      // An ID entry (`PREFIX-123`, the prefix as configured), a numbered entry (`Issue 12`, `issue #3`),
      // a statistics heading (Statistics, Stats, Summary), a resolution table's Severity column.
      heading: new RegExp(`(?:${prefixes})-\\d{3}|[Ii][Ss][Ss][Uu][Ee]\\s*#?\\s*\\d|[Ss][Tt][Aa][Tt][Ii][Ss][Tt][Ii][Cc][Ss]|[Ss][Tt][Aa][Tt][Ss]|[Ss][Uu][Mm][Mm][Aa][Rr][Yy]|[Ss][Ee][Vv][Ee][Rr][Ii][Tt][Yy]`),
      // An ID in any case: a mention, or a link to an entry's heading (`#crit-001-pool`), which a rename rewrites.
      id: new RegExp(`(?:${prefixes})-\\d{3}`, 'i'),
    };
    patternsOf.set(options.prefixes, p);
  }
  return p;
}

const PERCENT = /%[0-9A-Fa-f]{2}/g;

/**
 * Can the parse read anything from `text` that the checks use (an entry, a statistics block, a
 * resolution table, a mention of an ID)? False means: parsing it would give a document that is not
 * an issue log and mentions no ID.
 */
export function mayBeIssueLog(text: string, options: IssueLogOptions): boolean {
  const { heading: pattern, id } = patterns(options);
  // A mention is an ID in the source of a text node, so it is in the text as written; a link's
  // fragment may be percent-encoded.
  if (id.test(text)) return true;
  if (text.includes('%') && id.test(text.replace(PERCENT, (m) => String.fromCharCode(parseInt(m.slice(1), 16))))) return true;
  const decoded = decodeReferences(text);
  if (pattern.test(decoded.replace(MARKUP, ''))) return true;
  return pattern.test(decoded.replace(DROPPED, '').replace(MARKUP, ''));
}
