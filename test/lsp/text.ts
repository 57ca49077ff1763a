/** Positions and ranges in a test's Markdown: where a needle is, what a range covers, edits applied. */
import type { Position, Range, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** The position of the `nth` occurrence of `needle` in `text`, `delta` characters into it. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${nth}) not in the text`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The range of the `nth` occurrence of `needle` in `text`. */
export const rangeOf = (text: string, needle: string, nth = 0): Range => ({ start: positionOf(text, needle, 0, nth), end: positionOf(text, needle, needle.length, nth) });

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const doc = TextDocument.create('file:///x.md', 'markdown', 1, text);
  return text.slice(doc.offsetAt(range.start), doc.offsetAt(range.end));
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}
