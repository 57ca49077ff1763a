/** Durations (`4 hours`, `1.5 days`, `< 1 week`) and dates (`2025-08-01`) as issue logs write them. */
import type { Duration } from './model';

const UNIT_MINUTES = { minutes: 1, hours: 60, days: 24 * 60, weeks: 7 * 24 * 60 } as const;

const DURATION = /(\d+(?:\.\d+)?)\s*(minutes?|mins?|m|hours?|hrs?|hr|h|days?|d|weeks?|wks?|w)(?![A-Za-z])/i;

function unitOf(word: string): Duration['unit'] {
  const w = word.toLowerCase();
  if (w.startsWith('m')) return 'minutes';
  if (w.startsWith('h')) return 'hours';
  if (w.startsWith('d')) return 'days';
  return 'weeks';
}

/** Reads the first duration in `text`; `index` is where its number starts. */
export function parseDuration(text: string): (Duration & { index: number; length: number }) | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const amount = Number(m[1]);
  if (!Number.isFinite(amount)) return undefined;
  const unit = unitOf(m[2]);
  const dot = m[1].indexOf('.');
  return {
    amount,
    unit,
    decimals: dot < 0 ? 0 : m[1].length - dot - 1,
    minutes: amount * UNIT_MINUTES[unit],
    index: m.index,
    length: m[1].length,
  };
}

/** Reads a Target SLA such as `< 4 hours` (the `<` is optional). */
export function parseSla(text: string): Duration | undefined {
  const t = text.trim();
  if (!/^(?:[<≤]=?|under|within|up to)?\s*\d/i.test(t)) return undefined;
  return parseDuration(t);
}

/** `minutes` expressed in `unit`, rounded to `decimals`. */
export function inUnit(minutes: number, unit: Duration['unit'], decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((minutes / UNIT_MINUTES[unit]) * f + 1e-9) / f;
}

export function formatAmount(amount: number, decimals: number): string {
  return amount.toFixed(decimals);
}

/**
 * `minutes` in the largest unit that states it exactly with at most two decimals (`4.5 hours`,
 * `250 minutes`, `2 weeks`), so that a message says the mean itself, not a rounding of it (contract v2).
 * A value no unit states exactly is given in minutes, to two decimals.
 */
export function exactDuration(minutes: number): string {
  /** The fewest decimals (0 to 2) that state `v` exactly, or undefined when two are not enough. */
  const decimalsOf = (v: number) => [0, 1, 2].find((d) => Math.abs(v * 10 ** d - Math.round(v * 10 ** d)) < 1e-6);
  for (const unit of ['weeks', 'days', 'hours'] as const) {
    const v = minutes / UNIT_MINUTES[unit];
    const d = decimalsOf(v);
    if (v >= 1 && d !== undefined) return formatDuration(v, unit, d);
  }
  return formatDuration(minutes, 'minutes', decimalsOf(minutes) ?? 2);
}

export function formatDuration(amount: number, unit: Duration['unit'], decimals: number): string {
  const n = formatAmount(amount, decimals);
  const singular = n === '1' || n === '1.0' ? unit.slice(0, -1) : unit;
  return `${n} ${singular}`;
}

/** A YYYY-MM-DD date as a UTC day number, or undefined when it is not a real date. */
export function parseIsoDate(text: string): { day: number; date: Date } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (date.getUTCMonth() !== Number(m[2]) - 1 || date.getUTCDate() !== Number(m[3])) return undefined;
  return { day: Math.floor(date.getTime() / 86400000), date };
}

export function formatIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Today's date in the local time zone, as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export type Cadence = 'daily' | 'weekly' | 'biweekly' | 'monthly' | 'quarterly' | 'yearly';

export function parseCadence(text: string): Cadence | undefined {
  const t = text.toLowerCase();
  if (/\b(bi-?weekly|fortnightly|every (two|2) weeks)\b/.test(t)) return 'biweekly';
  if (/\b(daily|every day)\b/.test(t)) return 'daily';
  if (/\b(weekly|every week)\b/.test(t)) return 'weekly';
  if (/\b(monthly|every month)\b/.test(t)) return 'monthly';
  if (/\b(quarterly|every quarter)\b/.test(t)) return 'quarterly';
  if (/\b(yearly|annually|every year)\b/.test(t)) return 'yearly';
  return undefined;
}

/**
 * The date by which the next review is due, for a log last updated on `last`. Months are counted on
 * the calendar and clamped to the month's end (01-31 + 1 month is 02-28, or 02-29 in a leap year;
 * 11-30 + 3 months is 02-28/29; 02-29 + 1 year is 02-28), never overflowing into the month after,
 * as Date.setUTCMonth would (01-31 + 1 month = 03-03).
 */
export function reviewDue(last: Date, cadence: Cadence): Date {
  const days = (n: number) => new Date(last.getTime() + n * 86400000);
  switch (cadence) {
    case 'daily':
      return days(1);
    case 'weekly':
      return days(7);
    case 'biweekly':
      return days(14);
    case 'monthly':
      return addMonths(last, 1);
    case 'quarterly':
      return addMonths(last, 3);
    case 'yearly':
      return addMonths(last, 12);
  }
}

/** `date` + `months` calendar months (UTC), the day clamped to the last day of the month reached. */
export function addMonths(date: Date, months: number): Date {
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  // Day 0 of the next month is the last day of this one (setUTCFullYear: Date.UTC reads 0-99 as 19xx).
  const probe = new Date(0);
  probe.setUTCFullYear(year, month + 1, 0);
  const lastDay = probe.getUTCDate();
  const out = new Date(date.getTime());
  out.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return out;
}
