/**
 * core/safeFixes.ts on inline texts and the seed's diagnostics (core, no harness): which fixes are
 * safe, how they apply (document order, overlaps left for the next round, no-ops not counted), and
 * that a text other than the one judged is told apart.
 */
import { strict as assert } from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { DIAGNOSTIC_SOURCE } from '../../server/src/core/rules';
import { applyFixes, fixesMatch, safeFixesOf, type SafeFix } from '../../server/src/core/safeFixes';

const at = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
const diag = (code: string, range: ReturnType<typeof at>, newText: string, written?: string | number): Diagnostic => ({
  range,
  code,
  source: DIAGNOSTIC_SOURCE,
  message: '',
  data: { written, fix: { range, newText, title: '' } },
});

describe('safe fixes', () => {
  it('takes the data.fix of stale-stat, stale-average and review-overdue only', () => {
    const ds = [
      diag('stale-stat', at(0, 3, 5), '20', 19),
      diag('broken-anchor', at(1, 0, 1), 'x'),
      diag('stale-average', at(2, 0, 3), '4.7', '4.5 hours'),
      diag('review-overdue', at(3, 15, 25), '2026-12-02', '2026-11-23'),
      { ...diag('stale-stat', at(4, 0, 1), '1'), source: 'other' },
      { ...diag('stale-stat', at(5, 0, 1), '1'), data: {} },
    ];
    assert.deepEqual(
      safeFixesOf(ds).map((f) => [f.code, f.newText, f.expected]),
      [
        ['stale-stat', '20', '19'],
        ['stale-average', '4.7', '4.5'],
        ['review-overdue', '2026-12-02', '2026-11-23'],
      ],
    );
  });

  it('applies in document order, CRLF kept; an overlapping fix waits for the next round; a no-op is not counted', () => {
    const text = 'N: 19\r\nM: 4.5\r\nK: 7\r\n';
    const fixes: SafeFix[] = [
      { code: 'stale-average', range: at(1, 3, 6), newText: '4.7' },
      { code: 'stale-stat', range: at(0, 3, 5), newText: '20' },
      { code: 'stale-stat', range: at(1, 3, 4), newText: '9' },
      { code: 'stale-stat', range: at(2, 3, 4), newText: '7' },
    ];
    assert.deepEqual(applyFixes(text, fixes), { text: 'N: 20\r\nM: 4.7\r\nK: 7\r\n', applied: 2 });
    assert.deepEqual(applyFixes(text, []), { text, applied: 0 });
  });

  it('tells a text other than the one judged (the expected number or date is not there)', () => {
    const fixes: SafeFix[] = [{ code: 'stale-stat', range: at(0, 3, 5), newText: '20', expected: '19' }];
    assert.equal(fixesMatch('N: 19\n', fixes), true);
    assert.equal(fixesMatch('N: 18\n', fixes), false);
    assert.equal(fixesMatch('\nN: 19\n', fixes), false);
  });
});
