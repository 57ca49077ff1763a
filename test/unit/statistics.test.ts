/**
 * Statistics under contract v2: the interval rule (a count is stale only outside [k, k + u]), what
 * stale-stat's data carries, and the hover on a statistics item (its data: the issues named).
 */
import { strict as assert } from 'node:assert';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { provideHover } from '../../server/src/core/features/hover';
import { explainStatItem } from '../../server/src/core/features/statHover';
import { joinLines, uriOf, workspace } from './helpers';

/** Resolved: 2 known, 2 unread (Escalated, On Hold); Open: 1; severities: Critical 2 (by prefix), 3 without. */
const entries = [
  '### CRIT-001: A',
  '- **Status**: Resolved',
  '',
  '### CRIT-002: B',
  '- **Status**: Fixed',
  '',
  '### OPEN-001: C',
  '- **Status**: Escalated',
  '',
  '### OPEN-002: D',
  '- **Status**: On Hold',
  '',
  '### OPEN-003: E',
  '- **Status**: Open',
];
const log = (items: string[]) => joinLines('# Log', '', '## Issue Summary Statistics', ...items, '', ...entries);
type StatData = { written: number; computed: number; unread: number; scope: string; fix: { newText: string } };
const stale = (items: string[], settings = {}) =>
  workspace({ 'M.md': log(items) }, settings)
    .diagnostics('M.md')
    .filter((d) => d.code === 'stale-stat')
    .map((d): [number, StatData] => [d.range.start.line + 1, d.data as StatData]);

describe('statistics (contract v2)', () => {
  describe('the interval rule', () => {
    it('Resolved: stale below k and above k + u, not judged inside', () => {
      // k = 2, u = 2.
      assert.deepEqual(stale(['- **Resolved**: 2', '- **Resolved**: 3', '- **Resolved**: 4']), []);
      const d = stale(['- **Resolved**: 1', '- **Resolved**: 5']);
      assert.deepEqual(
        d.map(([line, x]) => [line, x.written, x.computed, x.unread, x.scope, x.fix.newText]),
        [
          [4, 1, 2, 2, 'references', '2'],
          // Above k + u the fix writes k too: what is known, not a guess about the unread ones.
          [5, 5, 2, 2, 'references', '2'],
        ],
      );
    });
    it('Open and the severities have their own u; Total is judged by equality', () => {
      // Open: k = 1, u = 2. Critical: k = 2, u = 3 (the OPEN entries have no severity). Low: k = 0, u = 3.
      assert.deepEqual(stale(['- **Open**: 3', '- **Critical**: 5', '- **Low**: 3', '- **Total Issues**: 5']), []);
      const d = stale(['- **Open**: 4', '- **Critical**: 1', '- **Low**: 4', '- **Total Issues**: 6', '- **Total Issues**: 4']);
      assert.deepEqual(
        d.map(([line, x]) => [line, x.written, x.computed, x.unread]),
        [
          [4, 4, 1, 2],
          [5, 1, 2, 3],
          [6, 4, 0, 3],
          [7, 6, 5, 0],
          [8, 4, 5, 0],
        ],
      );
    });
    it('judges nothing when the scope holds no issue it could read', () => {
      const ws = workspace({ 'M.md': joinLines('# Log', '', '## Statistics', '- **Total Issues**: 4', '- **Critical**: 2', '', 'No entries this tool can read.') });
      assert.deepEqual(ws.codes('M.md'), []);
    });
    it('names the scope setting in data', () => {
      assert.deepEqual(stale(['- **Total Issues**: 9'], { scope: 'linked' }).map(([, x]) => x.scope), ['linked']);
    });
  });

  describe('the hover on a statistics item', () => {
    const hoverAt = (items: string[], line: number) => {
      const ws = workspace({ 'M.md': log(items) });
      const text = log(items);
      return { ws, hover: provideHover({ index: ws.index, getText: () => text }, uriOf('M.md'), { line, character: 5 }) };
    };
    it('names the issues whose status could not be read, for an item not judged', () => {
      const { ws } = hoverAt(['- **Resolved**: 3'], 3);
      const doc = ws.index.get(uriOf('M.md'))!;
      const e = explainStatItem(ws.index, uriOf('M.md'), doc.statistics[0].items[0]);
      assert.deepEqual([e.judgement.k, e.judgement.u, e.judgement.stale, e.judgement.unjudged], [2, 2, false, true]);
      assert.deepEqual(e.unread, ['OPEN-001', 'OPEN-002']);
      assert.deepEqual([e.counts.total, e.counts.resolved, e.counts.open, e.counts.critical], [5, 2, 1, 2]);
    });
    it('names the issues without a severity for a severity item, and gives a Markdown hover over the item', () => {
      const { ws, hover } = hoverAt(['- **Critical**: 2'], 3);
      const doc = ws.index.get(uriOf('M.md'))!;
      assert.deepEqual(explainStatItem(ws.index, uriOf('M.md'), doc.statistics[0].items[0]).unread, ['OPEN-001', 'OPEN-002', 'OPEN-003']);
      assert.ok(hover);
      assert.deepEqual(hover.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 17 } });
      for (const id of ['OPEN-001', 'OPEN-002', 'OPEN-003']) assert.ok((hover.contents as MarkupContent).value.includes(id), id);
    });
    it('names nothing when every issue can be read; names a few and counts the rest when many cannot', () => {
      const { ws } = hoverAt(['- **Total Issues**: 5'], 3);
      const doc = ws.index.get(uriOf('M.md'))!;
      assert.deepEqual(explainStatItem(ws.index, uriOf('M.md'), doc.statistics[0].items[0]).unread, []);
      const many = Array.from({ length: 8 }, (_, i) => [`### OPEN-0${10 + i}: X`, '- **Status**: Open', '']).flat();
      const text = joinLines('# Log', '', '## Statistics', '- **Medium**: 1', '', ...many);
      const w = workspace({ 'M.md': text });
      const hover = provideHover({ index: w.index, getText: () => text }, uriOf('M.md'), { line: 3, character: 4 });
      const value = (hover!.contents as MarkupContent).value;
      assert.ok(value.includes('OPEN-014') && !value.includes('OPEN-015') && value.includes('3 more'), value);
    });
    it('names a numbered entry by its heading and file', () => {
      const text = joinLines('# Log', '', '## Statistics', '- **Resolved**: 1', '', '## Issue 1', '- **Status**: Escalated');
      const ws = workspace({ 'M.md': text });
      const item = ws.index.get(uriOf('M.md'))!.statistics[0].items[0];
      assert.deepEqual(explainStatItem(ws.index, uriOf('M.md'), item).unread, ['Issue 1 (M.md)']);
    });
    it('gives no statistics hover while the index is partial', () => {
      const text = log(['- **Resolved**: 3']);
      const ws = workspace({ 'M.md': text });
      assert.equal(provideHover({ index: ws.index, getText: () => text, partial: true }, uriOf('M.md'), { line: 3, character: 5 }), null);
    });
  });
});
