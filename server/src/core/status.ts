/** Status values: open-like, resolved-like, or neither. */

export type StatusClass = 'open' | 'resolved' | 'unknown';

export const OPEN_STATUSES = ['Open', 'In Progress', 'Investigating', 'Blocked', 'Monitoring', 'Reopened'] as const;
export const RESOLVED_STATUSES = ['Resolved', 'Closed', 'Fixed', 'Done', "Won't Fix", 'Duplicate'] as const;

function normalize(value: string): string {
  return value
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[-_]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const OPEN = OPEN_STATUSES.map(normalize);
const RESOLVED = RESOLVED_STATUSES.map(normalize);

/**
 * Classifies a Status value. The value may carry decoration after the status word
 * (`Resolved (2025-08-01)`, `In Progress - 50%`, `✅ Fixed`); leading symbols are ignored.
 */
export function classifyStatus(value: string): StatusClass {
  const v = normalize(value).replace(/^[^a-z0-9']+/, '');
  const starts = (s: string) => v === s || (v.startsWith(s) && /^[^a-z0-9']/.test(v.slice(s.length)));
  if (RESOLVED.some(starts)) return 'resolved';
  if (OPEN.some(starts)) return 'open';
  return 'unknown';
}

const PLACEHOLDER = /^(?:\[\s*tbd\s*\]|tbd|todo|\?|yyyy-mm-dd)$/i;
/** A date with `XX` for a part not known yet (`2026-XX-XX`, `2026-03-XX`): contract v2's placeholder dates. */
const XX_DATE = /^(?:\d{4}|xxxx)-(?:\d{2}|xx)-(?:\d{2}|xx)$/i;

/** `[TBD]`, `TBD`, `TODO`, `?`, `YYYY-MM-DD` or a date with `XX` parts, ignoring case and surrounding space. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return PLACEHOLDER.test(v) || (XX_DATE.test(v) && /x/i.test(v));
}
