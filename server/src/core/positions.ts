/** Offsets ↔ LSP positions (zero-based lines, UTF-16 characters). */
import type { Position, Range } from 'vscode-languageserver-protocol';
import { lastAtOrBefore } from './search';

/**
 * Pushes onto `out` the offsets in [from, to) at which a line starts after a line ending, for every
 * ending that CommonMark, editors and LSP know: LF, CRLF and a lone CR.
 */
export function pushLineStarts(text: string, from: number, to: number, out: number[]): number[] {
  if (text.indexOf('\r', from) < 0 || text.indexOf('\r', from) >= to) {
    // The common case, no CR at all: the fast search for LF.
    for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) out.push(i + 1);
    return out;
  }
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) out.push(i + 1);
  }
  return out;
}

/** The offsets at which the lines of `text` start (the first at 0). */
export function lineStarts(text: string): number[] {
  return pushLineStarts(text, 0, text.length, [0]);
}

export function positionAt(lineStarts: readonly number[], offset: number): Position {
  const line = lastAtOrBefore(lineStarts, offset);
  return { line, character: offset - lineStarts[line] };
}

export function rangeOf(lineStarts: readonly number[], start: number, end: number): Range {
  return { start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) };
}

export function offsetAt(lineStarts: readonly number[], position: Position, length: number): number {
  if (position.line >= lineStarts.length) return length;
  const start = lineStarts[Math.max(0, position.line)];
  const next = position.line + 1 < lineStarts.length ? lineStarts[position.line + 1] : length;
  return Math.min(start + Math.max(0, position.character), next);
}

const LINE_ENDING = /\r\n?|\n/g;

/**
 * The line ending at or after `pos` (LF, CRLF or a lone CR, as CommonMark and LSP have it): where it
 * starts (`text.length` when the line is the last) and where the next line starts.
 */
export function lineEndAt(text: string, pos: number): { eol: number; next: number } {
  LINE_ENDING.lastIndex = pos;
  const m = LINE_ENDING.exec(text);
  return m ? { eol: m.index, next: m.index + m[0].length } : { eol: text.length, next: text.length };
}

/** The lines of `text`, without their endings (LF, CRLF, lone CR). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n?|\n/);
}
