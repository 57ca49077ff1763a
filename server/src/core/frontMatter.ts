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

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^---[ \t]*\r?$/;
const KEY = /^(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_$][^:#\n]*?)[ \t]*:(?=[ \t]|\r?$)/;
const OTHER = /^(?:[ \t]|#|-(?:[ \t]|\r?$)|\r?$)/;

/**
 * Where the front matter that opens `text` (from `from`) ends: the offset just past its closing
 * fence (before the line ending), or -1 when the text does not open with front matter.
 */
export function frontMatterEnd(text: string, from = 0): number {
  if (text.charCodeAt(from) !== 45 || !OPEN.test(text.slice(from, from + 8))) return -1;
  let pos = text.indexOf('\n', from) + 1;
  let keys = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const line = text.slice(pos, eol);
    if (CLOSE.test(line)) return keys > 0 ? pos + line.replace(/\r$/, '').length : -1;
    if (KEY.test(line)) keys++;
    else if (!OTHER.test(line)) return -1;
    pos = eol + 1;
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
  let pos = text.indexOf('\n', from) + 1;
  while (pos > 0 && pos < end) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0 || eol > end) eol = end;
    const line = text.slice(pos, eol).replace(/\r$/, '');
    const field = KEY.exec(line) && lineField(line, pos);
    if (field) fields.push(field);
    pos = eol + 1;
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
