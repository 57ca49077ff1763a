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
import { frontMatterEnd } from './frontMatter';
import { lineEndAt, pushLineStarts } from './positions';

export interface Block {
  /** Offset of the block's first character in the document. */
  start: number;
  /** Offset just past the block's last character. */
  end: number;
  /** Zero-based line of the block's first character. */
  line: number;
  text: string;
}

/** U+FEFF, the byte order mark. */
export const BOM = 0xfeff;

const ATX = /^#{1,6}(?:[ \t]|$)/;
const FENCE = /^(?:[ \t]*(?:>[ \t]?|[-+*][ \t]+|\d{1,9}[.)][ \t]+)*)?[ \t]*(`{3,}|~{3,})(.*)$/;
const HTML_START = /^ {0,3}</;
// HTML blocks that end at a blank line (CommonMark types 6 and 7): type 6 by its tag name, type 7
// (any tag, alone on its line) only after a blank line (it cannot interrupt a paragraph).
const HTML_BLOCK_TAG = /^ {0,3}<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t]|\/?>|$)/i;
const MAYBE_TAG = /^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:[ \t/>]|$)/;
const TAG_LINE = /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][\w.:-]*(?:[ \t]*=[ \t]*(?:[^"'=<>`\s]+|'[^']*'|"[^"]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;

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

const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const LIST_ITEM = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
const QUOTE_LINE = /^ {0,3}>/;
const STARTS_BLOCK = /^(?:#{1,6}(?:[ \t]|$)|`{3,}|~{3,}|<|>|(?:[-*_][ \t]*){3,}$)/;

/**
 * Where an open fence lives, which decides what can end it:
 * - `plain`: at the top level (indented 0-3 spaces); only a closing fence line ends it.
 * - `container`: in a list item, or indented 4+ (list content, or indented code that merely looks
 *   like a fence); a closing fence ends it, and so does any non-blank line at column 0 (that line
 *   ends the list item or the indented code: code fences have no lazy continuation).
 * - `quote`: in a block quote; a closing fence ends it, and so does any line without `>`.
 */
type FenceKind = 'plain' | 'container' | 'quote';

function leadingWidth(s: string): number {
  let w = 0;
  for (const c of s) {
    if (c === ' ') w++;
    else if (c === '\t') w += 4 - (w % 4);
    else break;
  }
  return w;
}

/**
 * Splits `text` into blocks; the blocks cover the text exactly, in order. With `from` (which must be
 * the start of a block, or 0), splitting starts there (`line` counts from there); with `stopAt`, it
 * ends before the first heading that starts a block at an offset `stopAt` accepts: a block start is
 * a clean state, so the blocks after it are those of the text that follows, whatever came before.
 */
export function splitBlocks(text: string, from = 0, stopAt?: (offset: number) => boolean): Block[] {
  const blocks: Block[] = [];
  // A byte order mark is no part of the Markdown (micromark drops it at the start of its input and
  // counts offsets after it): it is a block of its own, so that the Markdown is parsed from its first
  // character and keeps its offsets in the text (the BOM is the client's character 0 of line 0).
  const bom = text.charCodeAt(0) === BOM ? 1 : 0;
  if (from === 0 && bom) {
    blocks.push({ start: 0, end: 1, line: 0, text: text.slice(0, 1) });
    from = 1;
  }
  let blockStart = from;
  let blockLine = 0;
  // `col`: for a fence in a container, the indentation a line needs to stay in that container.
  let fence: { char: string; length: number; kind: FenceKind; col: number } | undefined;
  let html: HtmlEnd | undefined;
  // Whether the open HTML block surely is one (else a fence in it may be a fence: see below).
  let htmlSure = true;
  // For an HTML block in a list item, the indentation a line needs to stay in it (0: at the top level).
  let htmlCol = 0;
  // Inside a list (as far as a line-by-line look can tell): an indented fence then belongs to an item.
  let inList = false;
  let listContent = 0;
  // The previous line was a list item with nothing after its marker: a blank line next ends that item
  // (CommonMark: an item can begin with at most one blank line), so what follows is not in it.
  let emptyItem = false;
  let previousBlank = true;
  // Whether the previous line was paragraph text, which a line indented less may continue lazily.
  let lazy = false;
  let lineNo = 0;
  let pos = from;
  const n = text.length;
  // Front matter (frontMatter.ts) is one with the first heading after it, which takes its fields:
  // no split inside it (a YAML `# comment` is no heading), nor at that heading.
  let frontMatter = from === bom ? frontMatterEnd(text, from) : -1;
  if (frontMatter >= 0) {
    lineNo = pushLineStarts(text, 0, frontMatter, []).length;
    pos = frontMatter;
  }
  while (pos < n) {
    // Lines end at LF, CRLF or a lone CR, as in CommonMark (remark splits the blocks' text so too).
    const { eol, next } = lineEndAt(text, pos);
    const line = text.slice(pos, eol);
    const blank = line.trim() === '';

    if (fence) {
      const col0 = !blank && line[0] !== ' ' && line[0] !== '\t';
      if ((fence.kind === 'quote' && !QUOTE_LINE.test(line)) || (fence.kind === 'container' && !blank && leadingWidth(line) < fence.col)) {
        // The container that held the fence ended on this line (fenced and indented code have no
        // lazy continuation): read the line as outside it, it may open a fence of its own. A line
        // that ends a fence in a list item, indented less than the list's content, ends the list too.
        if (fence.kind === 'container' && (col0 || leadingWidth(line) < listContent)) inList = false;
        fence = undefined;
      } else {
        const m = fence.kind === 'plain' ? CLOSING_FENCE.exec(line) : FENCE.exec(line);
        const info = fence.kind === 'plain' ? '' : (m?.[2] ?? '');
        if (m && m[1][0] === fence.char && m[1].length >= fence.length && info.trim() === '') fence = undefined;
        pos = next;
        lineNo++;
        previousBlank = blank;
        lazy = false;
        continue;
      }
    }
    // An HTML block in a list item ends with the item (HTML blocks have no lazy lines): the line is read outside it.
    if (html && htmlCol > 0 && !blank && leadingWidth(line) < htmlCol) {
      html = undefined;
      inList = false;
    }
    if (html) {
      lazy = false;
      if (html === 'blank' ? blank : html.test(line)) html = undefined;
      else if (html === 'blank' && !htmlSure) {
        // A line starting with `<` may not open an HTML block at all (`<` alone is a paragraph), and
        // then a fence on the next lines is a fence: assume it is one (not splitting is always safe).
        const m = FENCE.exec(line);
        if (m && !(m[1][0] === '`' && m[2].includes('`'))) fence = { char: m[1][0], length: m[1].length, kind: 'plain', col: 0 };
      }
    } else {
      if (ATX.test(line) && frontMatter >= 0) frontMatter = -1;
      else if (ATX.test(line) && pos > blockStart) {
        blocks.push({ start: blockStart, end: pos, line: blockLine, text: text.slice(blockStart, pos) });
        blockStart = pos;
        blockLine = lineNo;
        if (stopAt?.(pos)) return blocks;
      }
      const item = LIST_ITEM.exec(line);
      if (blank && emptyItem) inList = false;
      emptyItem = item !== null && line.slice(item[0].length).trim() === '';
      if (item) {
        // The item's content starts after the marker and its spaces (at most 4 of them count).
        const col = Math.min(leadingWidth(line.slice(item[0].length)) + item[0].replace(/[ \t]$/, '').length + 1, item[0].replace(/[ \t]$/, '').length + 5);
        // An item at column 0 ends every item before it; a nested one keeps the outer item's column.
        listContent = inList && leadingWidth(line) > 0 ? Math.min(listContent, col) : col;
        inList = true;
      } else if (!blank && (leadingWidth(line) === 0 || leadingWidth(line) < listContent) && (previousBlank || !lazy || STARTS_BLOCK.test(line.trimStart()))) {
        // A line indented less than the list's content that is not a lazy continuation (after a
        // blank line or a line that is no paragraph text, as an empty item; or one that starts a
        // block: heading, fence, HTML, block quote, thematic break) ends the list.
        inList = false;
      }
      const content = item ? line.slice(item[0].length) : line;
      lazy = content.trim() !== '' && !STARTS_BLOCK.test(content.trimStart());
      const m = FENCE.exec(line);
      if (m && !(m[1][0] === '`' && m[2].includes('`'))) {
        const prefix = line.slice(0, line.length - m[1].length - m[2].length);
        const indent = leadingWidth(prefix);
        const marker = /[-+*]|\d[.)]/.test(prefix);
        const inItem = inList && indent > 0 && indent >= listContent;
        const kind: FenceKind = prefix.includes('>') ? 'quote' : marker || indent >= 4 || inItem ? 'container' : 'plain';
        // The indentation that keeps a line in the container: the content column of the item the
        // fence opens in (after its marker), of the list item it is in, or of indented code (4 more).
        const base = inItem ? listContent : 0;
        const col = marker ? leadingWidth(prefix.replace(/[^ \t]/g, ' ')) : indent - base >= 4 ? base + 4 : base;
        fence = { char: m[1][0], length: m[1].length, kind, col };
      } else if (HTML_START.test(line)) {
        const end = htmlBlockEnd(line);
        htmlCol = inList && leadingWidth(line) > 0 && leadingWidth(line) >= listContent ? listContent : 0;
        if (end !== 'blank') {
          // Types 1-5 may close on their opening line.
          if (!end.test(line.slice(line.indexOf('<') + 2))) html = end;
          htmlSure = true;
        } else if (HTML_BLOCK_TAG.test(line) || MAYBE_TAG.test(line)) {
          // Not sure (a tag after a paragraph line, or with text after it): then a fence in it may
          // be a fence, and is assumed one (not splitting is always safe). A `<` that starts no tag
          // (`<` alone, an autolink) opens no HTML block.
          html = end;
          htmlSure = HTML_BLOCK_TAG.test(line) || (previousBlank && TAG_LINE.test(line));
        }
      }
    }
    previousBlank = blank;
    pos = next;
    lineNo++;
  }
  if (blockStart < n || (blocks.length === 0 && from === 0)) {
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
    // A byte order mark's block is a chunk of its own (splitBlocks).
    if ((hash(b.text) & 3) === 0 || current.text.length >= maxChunk || (b.start === 0 && b.text.charCodeAt(0) === BOM)) {
      chunks.push(current);
      current = undefined;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
