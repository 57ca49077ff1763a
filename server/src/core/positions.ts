/** Offsets ↔ LSP positions (zero-based lines, UTF-16 characters). */
import type { Position, Range } from 'vscode-languageserver-protocol';

export function positionAt(lineStarts: number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo] };
}

export function rangeOf(lineStarts: number[], start: number, end: number): Range {
  return { start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) };
}

export function offsetAt(lineStarts: number[], position: Position, length: number): number {
  if (position.line >= lineStarts.length) return length;
  const start = lineStarts[Math.max(0, position.line)];
  const next = position.line + 1 < lineStarts.length ? lineStarts[position.line + 1] : length;
  return Math.min(start + Math.max(0, position.character), next);
}
