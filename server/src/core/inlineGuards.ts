/**
 * Cheap checks, before remark sees a text, for the inputs that make micromark's time grow faster than
 * linearly with the size of one paragraph (measured: scripts/measure-pathological.mjs). Text is read
 * in runs of non-blank lines: inline constructs never cross a blank line, so no paragraph is larger
 * than its run, and counting per run is conservative. One linear pass; the limits are far above what
 * real documents reach (test/unit/pathological.test.ts holds the seed, the dialects, a generated
 * corpus and docs/*.md to that).
 *
 * What is measured (each one was quadratic when unbounded):
 * - emphasis and strike-through delimiter runs (`*`, `_`, `~`): micromark looks back over every
 *   unmatched opener for each closer (a 28 KB line of `*_` took 6-12 s);
 * - `[`: each `]` looks back over the open brackets;
 * - inline HTML that does not close soon (`<!--`, `<?`, `<!X`, `<![CDATA[`): each opener scans ahead
 *   for its end, so the cost is the sum of those distances (64 KB of `x <!--` took 7 s);
 * - lazy continuation lines (a line without the indentation or `>` of the list item or quote whose
 *   paragraph it continues): each costs as much as all the lines before it in the paragraph.
 */

/** More emphasis or strike-through delimiter runs than this in one paragraph are not parsed. */
export const MAX_DELIMITERS = 1000;
/** More `[` than this in one paragraph are not parsed. */
export const MAX_BRACKETS = 1000;
/** More characters than this scanned ahead by unclosed inline HTML openers in one paragraph are not parsed. */
export const MAX_HTML_SCAN = 1_000_000;
/** More lazy continuation lines than this in one paragraph are not parsed. */
export const MAX_LAZY_LINES = 1000;

export interface Pathological {
  /** The run of lines found: from the start of its first line to the end of its last (before the line ending). */
  start: number;
  end: number;
  what: string;
  /**
   * The run can be blanked (replaced by spaces) and the text around it parsed as before: it holds no
   * line that could open or close a fenced code block, an HTML block or a block quote, so blanking it
   * changes what no other line is.
   */
  blankable: boolean;
}

/** Per-run counts. */
interface Run {
  start: number;
  lines: number;
  delimiters: number;
  brackets: number;
  htmlScan: number;
  /** Inline HTML openers of the run and where their closers are (-1: none): counted when the run ends. */
  openers: number[];
  lazy: number;
  /** A line so far opened a list item or a quote, or was indented (a paragraph inside an item). */
  container: boolean;
  blankable: boolean;
}

const LIST_START = /^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
const TABLE_DELIMITER = /^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const LIST_OR_QUOTE = /^[ \t]*(?:>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/;
const ATX_LINE = /^[ \t>]*#{1,6}(?:[ \t]|$)/;
const CONTAINER_PREFIX = /^[ \t]*(?:(?:>[ \t]?|[-+*](?:[ \t]+|$)|\d{1,9}[.)](?:[ \t]+|$))[ \t]*)*/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HTML_LINE = /^[ \t>]*</;
const BLOCK_END = /-->|\?>|\]\]>|<\/(?:pre|script|style|textarea)\s*>|```|~~~/i;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}

/** The lines of `text` whose inline content would take remark too long, in order. */
export function findPathological(text: string): Pathological[] {
  const found: Pathological[] = [];
  const n = text.length;
  let run: Run | undefined;
  let runEnd = 0;
  // A top-level fenced code block (its text is never read as inline Markdown): its fence character and length.
  let fence: { char: number; length: number } | undefined;
  let inTable = false;
  let afterHeading = false;
  // Where the next closer of each inline HTML kind is, from where it was last looked for (-1: none
  // after it, so none after any later point either): each closer is looked for once per occurrence.
  const closers = new Map<string, number>();
  const scanTo = (from: number, closer: string): number => {
    let at = closers.get(closer);
    if (at === undefined || (at >= 0 && at < from)) {
      at = text.indexOf(closer, from);
      closers.set(closer, at);
    }
    return at;
  };
  const close = () => {
    if (!run) return;
    const r = run;
    for (let k = 0; k < r.openers.length; k += 2) {
      const at = r.openers[k + 1];
      r.htmlScan += (at < 0 || at > runEnd ? runEnd : at) - r.openers[k];
    }
    const what =
      r.delimiters > MAX_DELIMITERS
        ? `has ${r.delimiters} emphasis delimiters ("*", "_", "~") in one paragraph (the limit is ${MAX_DELIMITERS})`
        : r.brackets > MAX_BRACKETS
          ? `has ${r.brackets} "[" in one paragraph (the limit is ${MAX_BRACKETS})`
          : r.htmlScan > MAX_HTML_SCAN
            ? `has inline HTML ("<!--", "<?", "<!") left open over ${r.htmlScan} characters in one paragraph (the limit is ${MAX_HTML_SCAN})`
            : r.lazy > MAX_LAZY_LINES
              ? `has ${r.lazy} lazy continuation lines in one paragraph of a list or quote (the limit is ${MAX_LAZY_LINES})`
              : undefined;
    const lazyOnly = r.delimiters <= MAX_DELIMITERS && r.brackets <= MAX_BRACKETS && r.htmlScan <= MAX_HTML_SCAN && r.lazy > MAX_LAZY_LINES;
    if (what && lazyOnly) {
      // Blank lines in deep containers are slow too (16,000 of them in a 60-level list take seconds):
      // the whole run of lines, containers and all, is blanked, and anything found in it before.
      while (found.length > 0 && found[found.length - 1].start >= lines.start) found.pop();
      found.push({ start: lines.start, end: runEnd, what, blankable: lines.blankable });
    } else if (what) found.push({ start: r.start, end: runEnd, what, blankable: r.blankable });
    run = undefined;
  };
  // The run of non-blank lines the current inline text is in.
  const lines = { start: 0, blankable: true, open: false };

  let pos = 0;
  while (pos < n) {
    // A line ends at LF, CRLF or a lone CR (as in CommonMark).
    let eol = pos;
    while (eol < n) {
      const c = text.charCodeAt(eol);
      if (c === 10 || c === 13) break;
      eol++;
    }
    const next = eol < n && text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10 ? eol + 2 : eol + 1;
    let first = pos;
    while (first < eol && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
    if (first === eol) {
      close();
      lines.open = false;
      inTable = false;
      afterHeading = false;
      pos = next;
      continue;
    }
    const head = text.slice(pos, Math.min(eol, pos + 200));
    const f = FENCE_OPEN.exec(head);
    if (fence) {
      if (f && f[1].charCodeAt(0) === fence.char && f[1].length >= fence.length && f[2].trim() === '') fence = undefined;
      close();
      lines.open = false;
      pos = next;
      continue;
    }
    if (f && !(f[1][0] === '`' && f[2].includes('`'))) {
      fence = { char: f[1].charCodeAt(0), length: f[1].length };
      close();
      lines.open = false;
      pos = next;
      continue;
    }
    // A list item, a heading, the line after a heading and each row of a table start a new inline
    // text (a list of 500 fields is 500 paragraphs, not one).
    const item = LIST_START.test(head);
    const atx = ATX_LINE.test(head);
    if (run && (item || atx || afterHeading || inTable)) close();
    if (!inTable && run && run.lines === 1 && TABLE_DELIMITER.test(head) && head.includes('|')) inTable = true;
    afterHeading = atx;
    if (!lines.open) Object.assign(lines, { start: pos, blankable: true, open: true });
    if (!run) run = { start: pos, lines: 0, delimiters: 0, brackets: 0, htmlScan: 0, openers: [], lazy: 0, container: first - pos >= 2, blankable: true };
    const r = run;
    r.lines++;
    if (LIST_OR_QUOTE.test(head)) r.container = true;
    else if (r.container && first - pos < 2) r.lazy++;
    if (HTML_LINE.test(head)) r.blankable = false;
    if (r.blankable && BLOCK_END.test(text.slice(pos, eol))) r.blankable = false;
    if (!r.blankable) lines.blankable = false;
    for (let i = first; i < eol; i++) {
      const c = text.charCodeAt(i);
      if (c === 42 || c === 95 || c === 126) {
        let j = i + 1;
        while (j < eol && text.charCodeAt(j) === c) j++;
        // An intraword `_` run can neither open nor close emphasis (snake_case costs nothing).
        if (!(c === 95 && i > first && isAlnum(text.charCodeAt(i - 1)) && j < eol && isAlnum(text.charCodeAt(j)))) r.delimiters++;
        i = j - 1;
      } else if (c === 91) r.brackets++;
      else if (c === 60 && i + 1 < eol) {
        const d = text.charCodeAt(i + 1);
        if (d !== 33 && d !== 63) continue;
        const closer = d === 63 ? '?>' : text.startsWith('<!--', i) ? '-->' : text.startsWith('<![CDATA[', i) ? ']]>' : '>';
        r.openers.push(i, scanTo(i + 2, closer));
      }
    }
    runEnd = eol;
    pos = next;
  }
  close();
  return found;
}

/**
 * `text` with each range blanked, no offset moved: every line of it becomes spaces, except short ATX
 * heading lines, which are kept (a heading is a target of links: losing it would report them
 * broken), and the first line's list markers and `>`, followed by one no-break space. That space is
 * a paragraph with no facts, in the same list item or quote, so the list goes on and what follows
 * the range is not taken for the fields of a heading or bold entry before it.
 */
export function blankRanges(text: string, ranges: readonly { start: number; end: number }[]): string {
  if (ranges.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const r of ranges) {
    parts.push(text.slice(at, r.start));
    let marked = false;
    for (const line of text.slice(r.start, r.end).split(/(\r\n|\r|\n)/)) {
      if (line === '\n' || line === '\r' || line === '\r\n' || (line.length < 2000 && ATX_LINE.test(line))) parts.push(line);
      else if (!marked && line.trim() !== '') {
        // The line's list markers and `>` are kept: the paragraph stays in its list item or quote.
        const lead = CONTAINER_PREFIX.exec(line)![0].length;
        parts.push(line.slice(0, lead) + (lead < line.length ? '\u00a0' + ' '.repeat(line.length - lead - 1) : ''));
        marked = true;
      } else parts.push(' '.repeat(line.length));
    }
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
