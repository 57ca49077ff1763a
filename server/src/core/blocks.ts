/**
 * Splits a Markdown document into top-level blocks at ATX headings that start a line (no
 * indentation) outside fenced code and HTML blocks. Each block can be parsed on its own: remark's
 * cost grows faster than linearly with the number of lists in one parse, so parsing blocks keeps the
 * whole document linear, and an edit only re-parses the blocks it touches.
 *
 * Why column-0 `#` lines are safe split points (CommonMark): an ATX heading interrupts a paragraph
 * (so it is never a lazy continuation line), and a line without indentation cannot continue a list
 * item or a block quote. The only constructs that can swallow it are a fenced code block and an HTML
 * block that are still open; both are tracked here conservatively (when in doubt, do not split).
 */

export interface Block {
  /** Offset of the block's first character in the document. */
  start: number;
  /** Offset just past the block's last character. */
  end: number;
  /** Zero-based line of the block's first character. */
  line: number;
  text: string;
}

const ATX = /^#{1,6}(?:[ \t]|$)/;
const FENCE = /^(?:[ \t]*(?:>[ \t]?|[-+*][ \t]+|\d{1,9}[.)][ \t]+)*)?[ \t]*(`{3,}|~{3,})(.*)$/;
const HTML_START = /^ {0,3}</;

type HtmlEnd = RegExp | 'blank';

function htmlBlockEnd(line: string): HtmlEnd {
  const rest = line.trimStart();
  if (/^<(?:pre|script|style|textarea)(?:[\s>]|$)/i.test(rest)) return /<\/(?:pre|script|style|textarea)>/i;
  if (rest.startsWith('<!--')) return /-->/;
  if (rest.startsWith('<?')) return /\?>/;
  if (rest.startsWith('<![CDATA[')) return /\]\]>/;
  if (/^<![A-Za-z]/.test(rest)) return />/;
  return 'blank';
}

/** Splits `text` into blocks; the blocks cover the text exactly, in order. */
export function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let blockStart = 0;
  let blockLine = 0;
  let fence: { char: string; length: number } | undefined;
  let html: HtmlEnd | undefined;
  let lineNo = 0;
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = n;
    let line = text.slice(pos, eol);
    if (line.endsWith('\r')) line = line.slice(0, -1);

    if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1][0] === fence.char && m[1].length >= fence.length && m[2].trim() === '') fence = undefined;
    } else if (html) {
      if (html === 'blank' ? line.trim() === '' : html.test(line)) html = undefined;
    } else {
      if (ATX.test(line) && pos > blockStart) {
        blocks.push({ start: blockStart, end: pos, line: blockLine, text: text.slice(blockStart, pos) });
        blockStart = pos;
        blockLine = lineNo;
      }
      const m = FENCE.exec(line);
      if (m && !(m[1][0] === '`' && m[2].includes('`'))) {
        fence = { char: m[1][0], length: m[1].length };
      } else if (HTML_START.test(line)) {
        const end = htmlBlockEnd(line);
        // Types 1-5 may close on their opening line.
        if (end === 'blank' || !end.test(line.slice(line.indexOf('<') + 2))) html = end;
      }
    }
    pos = eol + 1;
    lineNo++;
  }
  if (blockStart < n || blocks.length === 0) {
    blocks.push({ start: blockStart, end: n, line: blockLine, text: text.slice(blockStart) });
  }
  return blocks;
}

/** FNV-1a hash of a string (32 bits). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Groups consecutive blocks into chunks of a few kilobytes: each parse has a fixed cost (about a
 * millisecond here), so one parse per heading would spend more on that than on the text. Chunk ends
 * are chosen by content (a block whose hash ends in two zero bits ends a chunk, as does reaching
 * `maxChunk` characters), so an edit changes the chunking only around the edited block and the
 * other chunks keep their text, and their cached facts.
 */
export function chunkBlocks(blocks: Block[], maxChunk = 12_000): Block[] {
  const chunks: Block[] = [];
  let current: Block | undefined;
  for (const b of blocks) {
    if (!current) current = { ...b };
    else {
      current.end = b.end;
      current.text += b.text;
    }
    if ((hash(b.text) & 3) === 0 || current.text.length >= maxChunk) {
      chunks.push(current);
      current = undefined;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
