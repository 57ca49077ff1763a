/**
 * Review due dates (core/durations.ts `reviewDue`, `addMonths`): calendar months clamped to the
 * month's end, at month ends and in leap years; plain dates on inline values (no harness).
 */
import { strict as assert } from 'node:assert';
import { addMonths, formatIsoDate, parseIsoDate, reviewDue, type Cadence } from '../../server/src/core/durations';

const due = (last: string, cadence: Cadence) => formatIsoDate(reviewDue(parseIsoDate(last)!.date, cadence));

describe('review due dates', () => {
  it('a monthly review clamps to the end of the next month', () => {
    assert.equal(due('2025-01-31', 'monthly'), '2025-02-28');
    assert.equal(due('2024-01-31', 'monthly'), '2024-02-29');
    assert.equal(due('2024-01-29', 'monthly'), '2024-02-29');
    assert.equal(due('2025-01-29', 'monthly'), '2025-02-28');
    assert.equal(due('2025-03-31', 'monthly'), '2025-04-30');
    assert.equal(due('2025-12-31', 'monthly'), '2026-01-31');
    assert.equal(due('2025-02-28', 'monthly'), '2025-03-28');
    assert.equal(due('2025-08-01', 'monthly'), '2025-09-01');
  });

  it('a quarterly review clamps too, across a year end', () => {
    assert.equal(due('2025-11-30', 'quarterly'), '2026-02-28');
    assert.equal(due('2023-11-30', 'quarterly'), '2024-02-29');
    assert.equal(due('2025-08-31', 'quarterly'), '2025-11-30');
    assert.equal(due('2025-12-31', 'quarterly'), '2026-03-31');
    assert.equal(due('2025-05-31', 'quarterly'), '2025-08-31');
  });

  it('a yearly review of 29 February is due on 28 February', () => {
    assert.equal(due('2024-02-29', 'yearly'), '2025-02-28');
    assert.equal(due('2025-02-28', 'yearly'), '2026-02-28');
    assert.equal(due('2023-03-01', 'yearly'), '2024-03-01');
  });

  it('days, weeks and fortnights are plain days (across month ends and 29 February)', () => {
    assert.equal(due('2024-02-28', 'daily'), '2024-02-29');
    assert.equal(due('2025-02-28', 'daily'), '2025-03-01');
    assert.equal(due('2025-12-29', 'weekly'), '2026-01-05');
    assert.equal(due('2024-02-20', 'biweekly'), '2024-03-05');
  });

  it('addMonths counts back as well as forward, and keeps the time of day', () => {
    assert.equal(formatIsoDate(addMonths(parseIsoDate('2025-03-31')!.date, -1)), '2025-02-28');
    assert.equal(formatIsoDate(addMonths(parseIsoDate('2025-01-15')!.date, -13)), '2023-12-15');
    const noon = new Date(Date.UTC(2025, 0, 31, 12, 30));
    assert.equal(addMonths(noon, 1).toISOString(), '2025-02-28T12:30:00.000Z');
  });
});
