/**
 * The fields right under a heading (contract v2, Fields), read from the one node that follows it:
 *  - a list: items `**Name**: value` / `**Name:** value`, one field per item (its lines are one value);
 *  - a paragraph whose first line is a field: one field per source line of that shape, with or without
 *    hard breaks (without them GitHub runs the lines together, but each is written as a field); a line
 *    of another shape continues the value of the field before it;
 *  - a two-column table (`| Field | Value |`, any header words): one field per row, the name bold or not.
 * List items and paragraph lines may also have a plain name where the value is a count (`- Total: 15`,
 * `Total Bugs: 15`): statistics items (v2 reads them bold or plain); such a field is marked `plain` and
 * entries do not take it. Front matter is frontMatter.ts's.
 * Each field's offsets are those of its own line (of its row, for a table), so that what is said about
 * a field is said on its line.
 */
import type { List, ListItem, Nodes, Paragraph, Table, TableCell } from 'mdast';
import { WHOLE, type FieldFact, type FieldForm, type LinkFact } from './model';
import { endOf, linkFact, startOf, textOf } from './nodeFacts';
import { lineEndAt, splitLines } from './positions';

/** Makes every field (one object literal: all fields share a hidden class). */
export function fieldFact(
  start: number,
  end: number,
  name: string,
  value: string,
  valueStart: number,
  valueEnd: number,
  links: readonly LinkFact[],
  form: FieldForm,
  plain?: true,
): FieldFact {
  return { start, end, at: WHOLE, name, value, valueStart, valueEnd, links, plain, form };
}

/** The fields `node` (the node right after a heading) holds; undefined when it is not a list, a paragraph or a table. */
export function fieldsUnder(node: Nodes, src: string): FieldFact[] | undefined {
  switch (node.type) {
    case 'list':
      return listFields(node, src);
    case 'paragraph':
      return paragraphFields(node, src);
    case 'table':
      return tableFields(node, src);
    default:
      return undefined;
  }
}

/**
 * The value of a plain name: a count first (`15`, `15 bugs`), so that `Critical: CRIT-001` is no item.
 * documentFacts.ts checks what every statistics item's value must be on the whole value.
 */
const COUNT = /^\d+(?:\s+\D*)?$/;
/**
 * A plain name and its colon at the start of a line: no inline markup in the name (so that its
 * source is its text), a colon followed by white space (not `http://`).
 */
const PLAIN_NAME = /^([^\s:*_`\\[\]<>|&#!~][^:*_`\\[\]<>|&\n]{0,47}?)[ \t]*:(?=[ \t]|$)/;
const LETTER = /\p{L}/u;

type Part = Exclude<Nodes, { type: 'text' }> | string;

/** One source line of a paragraph: its content's offsets (indentation, trailing white space and a hard break left out), and its inline parts. */
interface Line {
  start: number;
  end: number;
  /** The inline nodes that start on the line, text nodes as their text (cut at line endings when they span lines). */
  parts: Part[];
}

function linesOf(para: Paragraph, src: string): Line[] {
  const paraEnd = endOf(para);
  const lines: Line[] = [];
  for (let s = startOf(para); ; ) {
    // A line ends at LF, CRLF or a lone CR (CommonMark).
    const { eol, next } = lineEndAt(src, s);
    const e = Math.min(eol, paraEnd);
    lines.push({ start: s, end: e, parts: [] });
    if (e >= paraEnd) break;
    s = next;
  }
  let li = 0;
  for (const child of para.children) {
    const cs = startOf(child);
    while (li + 1 < lines.length && lines[li + 1].start <= cs) li++;
    if (child.type === 'break') {
      lines[li].end = Math.min(lines[li].end, cs);
      continue;
    }
    if (child.type === 'text') {
      const pieces = splitLines(child.value);
      // Each line ending of the text is one of the source, unless a character reference wrote it
      // (then the text stays whole on the line it starts on).
      let breaks = 0;
      for (let at = lineEndAt(src, cs); at.eol < endOf(child); at = lineEndAt(src, at.next)) breaks++;
      if (breaks === pieces.length - 1 && li + breaks < lines.length) {
        for (let k = 0; k < pieces.length; k++) if (pieces[k]) lines[li + k].parts.push(pieces[k]);
      } else lines[li].parts.push(child.value);
      continue;
    }
    lines[li].parts.push(child);
  }
  for (const l of lines) {
    while (l.start < l.end && (src.charCodeAt(l.start) === 32 || src.charCodeAt(l.start) === 9)) l.start++;
    while (l.end > l.start && /\s/.test(src.charAt(l.end - 1))) l.end--;
  }
  return lines;
}

/** A field being read: its head line, then the lines that continue its value. */
interface Draft {
  name: string;
  plain: boolean;
  start: number;
  end: number;
  valueStart: number;
  /** The value's parts, lines separated by '\n'. */
  rest: Part[];
}

/** The field a line starts, when it starts one. */
function headOf(line: Line, src: string): Draft | undefined {
  const first = line.parts[0];
  if (first === undefined) return undefined;
  let name: string;
  let colonEnd: number;
  let rest: Part[];
  let plain = false;
  if (typeof first === 'object' && first.type === 'strong') {
    if (startOf(first) !== line.start) return undefined;
    name = textOf(first).trim();
    const strongEnd = endOf(first);
    rest = line.parts.slice(1);
    if (name.endsWith(':')) {
      name = name.slice(0, -1).trim();
      colonEnd = strongEnd;
    } else {
      const after = /^[ \t]*:/.exec(src.slice(strongEnd, strongEnd + 16));
      if (!after || typeof rest[0] !== 'string') return undefined;
      colonEnd = strongEnd + after[0].length;
      // The text after the name starts with the colon (and the spaces before it).
      rest = [rest[0].replace(/^[ \t]*:/, ''), ...rest.slice(1)];
    }
  } else {
    if (typeof first !== 'string') return undefined;
    const text = first;
    const m = PLAIN_NAME.exec(src.slice(line.start, Math.min(line.end, line.start + 64)));
    // The name's source is its text (no markup in it): the text starts with the same characters.
    if (!m || !LETTER.test(m[1]) || !text.startsWith(m[0])) return undefined;
    name = m[1].trim();
    colonEnd = line.start + m[0].length;
    rest = [text.slice(m[0].length), ...line.parts.slice(1)];
    plain = true;
  }
  if (!name) return undefined;
  let valueStart = colonEnd;
  while (valueStart < line.end && (src.charCodeAt(valueStart) === 32 || src.charCodeAt(valueStart) === 9)) valueStart++;
  const draft: Draft = { name, plain, start: line.start, end: line.end, valueStart, rest };
  // A plain name is read only for a count (a statistics item); other `Word: text` lines are prose.
  if (plain && !COUNT.test(valueOf(draft))) return undefined;
  return draft;
}

function valueOf(d: Draft): string {
  let s = '';
  for (const p of d.rest) s += typeof p === 'string' ? p : textOf(p);
  return s.replace(/\s+/g, ' ').trim();
}

function linksIn(parts: readonly (Part | Nodes)[], src: string): LinkFact[] {
  const links: LinkFact[] = [];
  for (const n of parts) {
    if (typeof n === 'string') continue;
    const stack: Nodes[] = [n];
    while (stack.length) {
      const cur = stack.pop()!;
      if (cur.type === 'link') links.push(linkFact(cur, src));
      if ('children' in cur) for (let i = cur.children.length - 1; i >= 0; i--) stack.push(cur.children[i] as Nodes);
    }
  }
  return links;
}

function continueWith(d: Draft, line: Line): void {
  d.rest.push('\n', ...line.parts);
  d.end = line.end;
}

function finish(d: Draft, src: string, form: FieldForm, start = d.start, end = d.end): FieldFact {
  return fieldFact(start, end, d.name, valueOf(d), d.valueStart, Math.max(d.valueStart, d.end), linksIn(d.rest, src), form, d.plain ? true : undefined);
}

/** Items `**Name**: value` (or `**Name:** value`, or a plain name and a count) of the list right under a heading. */
function listFields(list: List, src: string): FieldFact[] {
  const fields: FieldFact[] = [];
  for (const item of list.children as ListItem[]) {
    const para = item.children[0];
    if (!para || para.type !== 'paragraph') continue;
    const [head, ...more] = linesOf(para, src);
    const d = headOf(head, src);
    if (!d) continue;
    for (const line of more) continueWith(d, line);
    fields.push(finish(d, src, 'list', startOf(item), endOf(para)));
  }
  return fields;
}

/** The field lines of a paragraph whose first line is a field (else none: a paragraph of prose). */
function paragraphFields(para: Paragraph, src: string): FieldFact[] | undefined {
  const first = para.children[0];
  // Cheap test first: most paragraphs under a heading are prose.
  if (!first || (first.type !== 'strong' && first.type !== 'text')) return undefined;
  const at = startOf(para);
  if (first.type === 'text' && !PLAIN_NAME.test(src.slice(at, at + 64))) return undefined;
  if (first.type === 'strong' && !/^[ \t]*:/.test(src.slice(endOf(first), endOf(first) + 16)) && !textOf(first).trim().endsWith(':')) return undefined;
  const lines = linesOf(para, src);
  let d = headOf(lines[0], src);
  if (!d) return undefined;
  const fields: FieldFact[] = [];
  for (let i = 1; i < lines.length; i++) {
    const next = headOf(lines[i], src);
    if (next) {
      fields.push(finish(d, src, 'paragraph'));
      d = next;
    } else continueWith(d, lines[i]);
  }
  fields.push(finish(d, src, 'paragraph'));
  return fields;
}

/** The rows of a two-column table as fields: the name in the first cell (bold or not), the value in the second. */
function tableFields(table: Table, src: string): FieldFact[] | undefined {
  const [header, ...rows] = table.children;
  if (!header || header.children.length !== 2) return undefined;
  const fields: FieldFact[] = [];
  for (const row of rows) {
    const [nameCell, valueCell] = row.children;
    if (!nameCell) continue;
    const name = textOf(nameCell).trim().replace(/[ \t]*:$/, '');
    if (!name) continue;
    const [valueStart, valueEnd] = valueCell ? contentOf(valueCell, src) : [endOf(row), endOf(row)];
    const value = valueCell ? textOf(valueCell).replace(/\s+/g, ' ').trim() : '';
    fields.push(fieldFact(startOf(row), endOf(row), name, value, valueStart, valueEnd, valueCell ? linksIn(valueCell.children, src) : [], 'table'));
  }
  return fields.length > 0 ? fields : undefined;
}

/** Offsets of a cell's content (its pipes and padding left out). */
function contentOf(cell: TableCell, src: string): [number, number] {
  if (cell.children.length > 0) return [startOf(cell.children[0]), endOf(cell.children[cell.children.length - 1])];
  let s = startOf(cell);
  if (src.charAt(s) === '|') s++;
  while (s < endOf(cell) && (src.charAt(s) === ' ' || src.charAt(s) === '\t')) s++;
  return [s, s];
}
