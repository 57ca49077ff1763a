/**
 * The safe fixes (contract v2, `issue-log fix`): the edits that the diagnostics of stale-stat,
 * stale-average and review-overdue carry in `data.fix` (the same edit as their quick fix,
 * features/codeActions.ts), collected and applied to a text. One source of the edits: the rules.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './rules';
import { lineStarts, offsetAt } from './positions';

/** The codes whose fix is safe to apply without asking: a number or a date the workspace decides. */
export const SAFE_FIX_CODES: readonly string[] = ['stale-stat', 'stale-average', 'review-overdue'];

export interface SafeFix {
  code: string;
  range: Range;
  newText: string;
  /** What the range should hold now (the number or date the rule read), when the rule says. */
  expected?: string;
}

/** The safe fixes among `diagnostics`, in document order. */
export function safeFixesOf(diagnostics: readonly Diagnostic[]): SafeFix[] {
  const out: SafeFix[] = [];
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || !SAFE_FIX_CODES.includes(String(d.code))) continue;
    const data = d.data as DiagnosticData | undefined;
    if (!data?.fix) continue;
    // stale-average's `written` is the duration as written ("4.5 hours"); its range covers the number.
    const written = data.written === undefined ? undefined : String(data.written);
    const expected = written === undefined ? undefined : d.code === 'stale-average' ? written.split(' ')[0] : written;
    out.push({ code: String(d.code), range: data.fix.range, newText: data.fix.newText, expected });
  }
  return out;
}

/**
 * Does `text` hold, at each fix's range, what the rule read there? False when the text is not the
 * one the diagnostics were computed on (a file changed since it was parsed).
 */
export function fixesMatch(text: string, fixes: readonly SafeFix[], starts: readonly number[] = lineStarts(text)): boolean {
  return fixes.every((f) => {
    const start = offsetAt(starts, f.range.start, text.length);
    const end = offsetAt(starts, f.range.end, text.length);
    return end >= start && (f.expected === undefined || text.slice(start, end) === f.expected);
  });
}

/**
 * `text` with the fixes applied: in document order, a fix that overlaps one before it left for the
 * next round, a fix that changes nothing not counted. `applied` is how many changed the text.
 */
export function applyFixes(text: string, fixes: readonly SafeFix[]): { text: string; applied: number } {
  const starts = lineStarts(text);
  const spans = fixes
    .map((f) => ({ start: offsetAt(starts, f.range.start, text.length), end: offsetAt(starts, f.range.end, text.length), newText: f.newText }))
    .filter((s) => s.end >= s.start && text.slice(s.start, s.end) !== s.newText)
    .sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  let applied = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    parts.push(text.slice(at, s.start), s.newText);
    at = s.end;
    applied++;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), applied };
}
