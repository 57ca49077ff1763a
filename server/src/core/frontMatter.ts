/**
 * YAML front matter at the very start of a document (`---` lines around `key: value` lines), which
 * contract v2 reads as the fields of a file whose only entry is its H1. remark-parse (without a
 * front-matter plugin) would read it as a thematic break and a setext heading: parse.ts parses the
 * text with it blanked, and blocks.ts never splits inside it.
 *
 * Only what a field needs is read: top-level `key: value` lines with a scalar value (quotes taken off,
 * a ` #` comment dropped). Not read: nested maps and lists (a key with nothing after its colon),
 * block scalars (`|`, `>`), flow collections (`[a, b]`, `{a: b}`), anchors, tags, escapes in quotes,
 * and multi-document streams. A text whose lines between the fences are not all of the shapes YAML
 * front matter has (keys, comments, indented or `- ` lines, blank lines) is not front matter.
 */
import type { FieldFact } from './model';
import { fieldFact } from './fields';
import { lineEndAt } from './positions';

// Lines are read without their endings (LF, CRLF or a lone CR: lineEndAt).
const OPEN = /^---[ \t]*(?:\r\n?|\n)/;
const CLOSE = /^---[ \t]*$/;
const KEY = /^(?:"[^"]*"|'[^']*'|[A-Za-z0-9_$][^:#]*?)[ \t]*:(?=[ \t]|$)/;
const OTHER = /^(?:[ \t]|#|-(?:[ \t]|$)|$)/;

/**
 * Where the front matter that opens `text` (from `from`) ends: the offset just past its closing
 * fence (before the line ending), or -1 when the text does not open with front matter.
 */
export function frontMatterEnd(text: string, from = 0): number {
  if (text.charCodeAt(from) !== 45 || !OPEN.test(text.slice(from, from + 8))) return -1;
  let pos = lineEndAt(text, from).next;
  let keys = 0;
  while (pos < text.length) {
    const { eol, next } = lineEndAt(text, pos);
    const line = text.slice(pos, eol);
    if (CLOSE.test(line)) return keys > 0 ? eol : -1;
    if (KEY.test(line)) keys++;
    else if (!OTHER.test(line)) return -1;
    pos = next;
  }
  return -1;
}

/** `text` with its characters in [from, end) turned to spaces (line endings kept): offsets stay exact. */
export function blanked(text: string, from: number, end: number): string {
  return text.slice(0, from) + text.slice(from, end).replace(/[^\r\n]/g, ' ') + text.slice(end);
}

/** The `key: value` fields of the front matter in [from, end) (frontMatterEnd). */
export function frontMatterFields(text: string, from: number, end: number): FieldFact[] {
  const fields: FieldFact[] = [];
  let pos = lineEndAt(text, from).next;
  while (pos < end) {
    const { eol, next } = lineEndAt(text, pos);
    const line = text.slice(pos, Math.min(eol, end));
    const field = KEY.exec(line) && lineField(line, pos);
    if (field) fields.push(field);
    pos = next;
  }
  return fields;
}

function lineField(line: string, at: number): FieldFact | undefined {
  const m = KEY.exec(line)!;
  const name = m[0].replace(/[ \t]*:$/, '').replace(/^(["'])(.*)\1$/, '$2').trim();
  let valueStart = m[0].length;
  while (line.charAt(valueStart) === ' ' || line.charAt(valueStart) === '\t') valueStart++;
  let valueEnd = line.length;
  const quote = line.charAt(valueStart);
  if (quote === '"' || quote === "'") {
    const close = line.indexOf(quote, valueStart + 1);
    if (close < 0) return undefined;
    valueStart++;
    valueEnd = close;
  } else {
    if (valueStart >= valueEnd || /^[|>[{&*!]/.test(line.charAt(valueStart))) return undefined;
    const comment = line.slice(valueStart).search(/[ \t]#/);
    if (comment >= 0) valueEnd = valueStart + comment;
    while (valueEnd > valueStart && /\s/.test(line.charAt(valueEnd - 1))) valueEnd--;
  }
  if (!name) return undefined;
  const value = line.slice(valueStart, valueEnd).trim();
  return fieldFact(at, at + line.trimEnd().length, name, value, at + valueStart, at + valueEnd, [], 'frontmatter');
}
