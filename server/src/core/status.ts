/**
 * Status values: the classes and contract v2's built-in words (vocabulary.ts reads values with them),
 * and placeholders.
 */

export type StatusClass = 'open' | 'resolved' | 'unknown';

/** Contract v2's open-like words (completion offers these and the resolved-like ones). */
export const OPEN_STATUSES = ['Open', 'In Progress', 'Investigating', 'Blocked', 'Monitoring', 'Reopened', 'New', 'Active', 'Planned', 'Proposed', 'Identified', 'Triaged', 'Deferred', 'Unfixed'] as const;
/** Contract v2's resolved-like words. */
export const RESOLVED_STATUSES = ['Resolved', 'Closed', 'Fixed', 'Done', 'Complete', 'Completed', 'Verified', 'Mitigated', "Won't Fix", 'Duplicate', 'Not a Bug'] as const;
/** Other spellings of the same words, read like them (not offered by completion). */
export const STATUS_SPELLINGS: Readonly<Record<'open' | 'resolved', readonly string[]>> = {
  open: ['InProgress'],
  resolved: ['Wont Fix', 'WontFix', 'NotABug'],
};

const PLACEHOLDER = /^(?:\[\s*tbd\s*\]|tbd|todo|\?|yyyy-mm-dd)$/i;
/** A date with `XX` for a part not known yet (`2026-XX-XX`, `2026-03-XX`): contract v2's placeholder dates. */
const XX_DATE = /^(?:\d{4}|xxxx)-(?:\d{2}|xx)-(?:\d{2}|xx)$/i;

/** `[TBD]`, `TBD`, `TODO`, `?`, `YYYY-MM-DD` or a date with `XX` parts, ignoring case and surrounding space. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return PLACEHOLDER.test(v) || (XX_DATE.test(v) && /x/i.test(v));
}
