/**
 * The fuzz suite's checks of results, written independently of the code under test: a range is
 * inside its document by LSP's line endings (LF, CRLF and a lone CR each end a line; characters
 * are UTF-16 code units), and a result is the same JSON twice.
 */
import { strict as assert } from 'node:assert';
import type { Position, Range } from 'vscode-languageserver-protocol';

/** The length of each line of `text`, without its line ending (LSP's lines). */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

export function assertPositionIn(lengths: readonly number[], p: Position, what: string): void {
  assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0, `${what}: ${JSON.stringify(p)} is not a position`);
  assert.ok(p.line < lengths.length, `${what}: line ${p.line} of ${lengths.length} lines`);
  assert.ok(p.character <= lengths[p.line], `${what}: character ${p.character} on line ${p.line} of length ${lengths[p.line]}`);
}

export function assertRangeIn(lengths: readonly number[], r: Range, what: string): void {
  assertPositionIn(lengths, r.start, `${what} start`);
  assertPositionIn(lengths, r.end, `${what} end`);
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  assert.ok(ordered, `${what}: ${JSON.stringify(r)} ends before it starts`);
}

/** Every `range`, `selectionRange`, `targetRange`… in a result, with the document it belongs to. */
export function rangesIn(value: unknown, uri: string | undefined, out: { uri: string | undefined; range: Range; key: string }[] = []): { uri: string | undefined; range: Range; key: string }[] {
  if (Array.isArray(value)) {
    for (const v of value) rangesIn(v, uri, out);
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  const o = value as Record<string, unknown>;
  // A Location or LocationLink names the document its ranges are in; a WorkspaceEdit's `changes` are by URI.
  const here = typeof o.targetUri === 'string' ? o.targetUri : typeof o.uri === 'string' ? o.uri : uri;
  for (const [k, v] of Object.entries(o)) {
    if (k === 'changes' && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [u, edits] of Object.entries(v as Record<string, unknown>)) rangesIn(edits, u, out);
    } else if (k === 'documentChanges' && Array.isArray(v)) {
      for (const c of v as { textDocument?: { uri: string }; edits?: unknown }[]) rangesIn(c.edits, c.textDocument?.uri ?? here, out);
    } else if (/range$/i.test(k) && isRange(v)) {
      // originSelectionRange is in the requesting document.
      out.push({ uri: k === 'originSelectionRange' ? uri : here, range: v, key: k });
    } else if (k !== 'data') rangesIn(v, here, out);
  }
  return out;
}

function isRange(v: unknown): v is Range {
  const r = v as Range | undefined;
  return !!r && typeof r === 'object' && typeof r.start === 'object' && typeof r.end === 'object';
}

/** Asserts every range of `result` is inside its document (`texts` by URI; a range in a document not there is skipped). */
export function assertRangesInside(result: unknown, uri: string, texts: ReadonlyMap<string, string>, what: string): void {
  for (const { uri: u, range, key } of rangesIn(result, uri)) {
    const text = u === undefined ? undefined : texts.get(u);
    if (text === undefined) continue;
    assertRangeIn(lineLengths(text), range, `${what}: ${key} in ${u}`);
  }
}
