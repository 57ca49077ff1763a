/**
 * Keeps every parse small: a block (blocks.ts) larger than MAX_PARSE_CHARS, which has no heading to
 * split it at, is cut into pieces of about PIECE_CHARS at lines where cutting changes no fact, so that no one parse
 * holds remark's tree and micromark's events for a megabyte of text (about 650 MB of memory for a
 * 1 MB list here, and time quadratic in the number of lists). What still cannot be cut (one list,
 * table or paragraph longer than the limit) is read up to the limit; the rest is refused and
 * reported as not checked.
 *
 * A line L is a safe cut when, in CommonMark, nothing before it can reach past it and nothing after
 * it depends on what came before:
 * - L starts at column 0 and follows a blank line: it cannot be a lazy continuation, and it ends
 *   every list item, block quote and indented code block (a blank line ends paragraphs, tables and
 *   HTML blocks of types 6-7);
 * - L is not a list item (it would continue the list before the blank line), nor `---` (the start of
 *   a piece would read it as front matter), nor a heading (blocks.ts cuts there already);
 * - no fenced code block, nor HTML block of types 1-5 (comment, `<?`, `<!X`, CDATA, pre/script/
 *   style/textarea) is open before it (tracked conservatively: an opener at any indentation, in a
 *   quote or a list item, even inside a fence, counts until its closer);
 * - the block before the blank line is no heading nor bold paragraph (their fields are the block
 *   right after them, which L may start): its first line does not start with `#`, `*`, `_` or `<`,
 *   and its last line is not a setext underline.
 * Link reference definitions in one piece are used in another as across blocks (blockwise.ts).
 */
import type { Block } from './blocks';

/** No text larger than this is parsed in one go (real sections stay far below it). */
export const MAX_PARSE_CHARS = 256 * 1024;
/** A large block is cut into pieces of about this size (as blocks are grouped into chunks, blocks.ts). */
export const PIECE_CHARS = 16 * 1024;

export interface Piece extends Block {
  /** Not parsed: it lies past MAX_PARSE_CHARS of a part that has no safe cut. */
  refused?: boolean;
}

const FENCE = /^[ \t]*(?:(?:>[ \t]?|[-+*][ \t]+|\d{1,9}[.)][ \t]+)[ \t]*)*(`{3,}|~{3,})(.*)$/;
const PLAIN_FENCE = /^ {0,3}(?:`{3,}|~{3,})/;
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*$/;
const HEADER_LIKE = /^ {0,3}[#*_<]/;

function htmlEnd(line: string): RegExp | undefined {
  const rest = line.replace(/^[ \t>]*/, '');
  if (/^<(?:pre|script|style|textarea)(?:[\s>]|$)/i.test(rest)) return /<\/(?:pre|script|style|textarea)>/i;
  if (rest.startsWith('<!--')) return /-->/;
  if (rest.startsWith('<?')) return /\?>/;
  if (rest.startsWith('<![CDATA[')) return /\]\]>/;
  if (/^<![A-Za-z]/.test(rest)) return />/;
  return undefined;
}

/** The offsets in `text` (0 excluded) where it can be cut into pieces parsed alone. */
export function safeCuts(text: string): number[] {
  const cuts: number[] = [];
  let fence: { char: string; length: number; container: boolean } | undefined;
  let html: RegExp | undefined;
  let previousBlank = false;
  let runFirst = '';
  let runLast = '';
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    let eol = pos;
    while (eol < n && text.charCodeAt(eol) !== 10 && text.charCodeAt(eol) !== 13) eol++;
    const next = eol < n && text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10 ? eol + 2 : eol + 1;
    const line = text.slice(pos, Math.min(eol, pos + 1000));
    const blank = line.trim() === '';
    // The two trackers run on their own (a comment opener inside what looks like a fence still
    // counts): remark does not always agree with a line-by-line reading, and not cutting is safe.
    const c = line.charCodeAt(0);
    // A fence in a container (list item, quote, or indented 4+) ends at the first non-blank line at
    // column 0: that line ends its container (fenced code has no lazy lines).
    if (fence?.container && !blank && c !== 32 && c !== 9) fence = undefined;
    const wasOpen = fence !== undefined || html !== undefined;
    if (fence) {
      const m = CLOSING_FENCE.exec(line);
      if (m && m[1][0] === fence.char && m[1].length >= fence.length) fence = undefined;
    } else {
      const m = FENCE.exec(line);
      if (m && !(m[1][0] === '`' && m[2].includes('`'))) fence = { char: m[1][0], length: m[1].length, container: !PLAIN_FENCE.test(line) };
    }
    if (html) {
      if (html.test(text.slice(pos, eol))) html = undefined;
    } else if (/^[ \t>]*</.test(line)) {
      const end = htmlEnd(line);
      if (end && !end.test(text.slice(pos + line.indexOf('<') + 2, eol))) html = end;
    }
    if (
      !wasOpen &&
      pos > 0 &&
      previousBlank &&
      !blank &&
      c !== 32 &&
      c !== 9 &&
      !LIST_ITEM.test(line) &&
      !line.startsWith('---') &&
      !line.startsWith('#') &&
      !HEADER_LIKE.test(runFirst) &&
      !SETEXT.test(runLast)
    ) {
      cuts.push(pos);
    }
    if (!blank) {
      if (previousBlank || pos === 0) runFirst = line;
      runLast = line;
    }
    previousBlank = blank;
    pos = next;
  }
  return cuts;
}

/** The last line start in `text` after `from` and at or before `limit` (or `limit` when there is none). */
function lineStartBefore(text: string, from: number, limit: number): number {
  for (let i = limit; i > from; i--) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || (c === 13 && text.charCodeAt(i) !== 10)) return i;
  }
  return limit;
}

/**
 * `block` as pieces of about PIECE_CHARS and at most `max` characters (consecutive, covering it
 * exactly), cut at safe lines; a part with no safe cut within `max` is read to a line start before `max` and the rest of
 * it, up to the next safe cut, is a refused piece. With `everyCut` (tests), it is cut at every safe line.
 */
export function splitLarge(block: Block, max = MAX_PARSE_CHARS, everyCut = false): Piece[] {
  const text = block.text;
  if (text.length <= max && !everyCut) return [block];
  const cuts = safeCuts(text);
  cuts.push(text.length);
  const out: Piece[] = [];
  let line = block.line;
  let counted = 0;
  const piece = (from: number, to: number, refused?: boolean) => {
    // Lines before the piece, counted on from the previous piece.
    for (; counted < from; counted++) {
      const c = text.charCodeAt(counted);
      if (c === 10 || (c === 13 && text.charCodeAt(counted + 1) !== 10)) line++;
    }
    const p: Piece = { start: block.start + from, end: block.start + to, line, text: text.slice(from, to) };
    if (refused) p.refused = true;
    out.push(p);
  };
  // Pieces of about PIECE_CHARS: each parse of many lists costs more than linearly.
  const target = everyCut ? 1 : Math.min(PIECE_CHARS, max);
  let start = 0;
  let k = 0;
  while (start < text.length) {
    while (k < cuts.length && cuts[k] < start + target) k++;
    if (k < cuts.length && cuts[k] - start <= max) {
      // The first safe cut past the target, within the limit.
      piece(start, cuts[k]);
      start = cuts[k++];
    } else if (k > 0 && cuts[k - 1] > start) {
      // None past the target within the limit: the last one before it.
      piece(start, cuts[k - 1]);
      start = cuts[k - 1];
    } else {
      // No safe cut within reach: read what fits, refuse the rest up to the next cut.
      const read = lineStartBefore(text, start, start + max);
      if (read > start) piece(start, read);
      piece(read > start ? read : start, cuts[k], true);
      start = cuts[k++];
    }
  }
  return out;
}
