/** Offsets ↔ LSP positions (zero-based lines, UTF-16 characters). */
import type { Position, Range } from 'vscode-languageserver-protocol';
import { lastAtOrBefore } from './search';

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
