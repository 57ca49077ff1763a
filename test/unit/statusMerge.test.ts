/** How an issue's status and severity are decided from its entries (contract v2's order), legends and configured words. */
import { strict as assert } from 'node:assert';
import { resolveOptions } from '../../server/src/core/config';
import { OpenDocument } from '../../server/src/core/document';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { diagnosticsOf, joinLines, uriOf, workspace } from './helpers';

const master = (...body: string[]) => joinLines('# Master Issue Log', '', ...body);

/** status/statusSource/severity of every issue of `rel`'s scope, by first entry ID. */
function issues(ws: ReturnType<typeof workspace>, rel = 'M.md') {
  return Object.fromEntries(ws.index.scope(uriOf(rel)).map((i) => [i.entries[0].entry.id, [i.status, i.statusSource ?? '-', i.severity ?? '-']]));
}

describe('merging an issue: status and severity (contract v2)', () => {
  it('status: the Status field, else a title marker, else the section, else a closing date, else the OPEN prefix, else unknown', () => {
    const ws = workspace({
      'M.md': master(
        '## Resolved Issues',
        '',
        '### LOW-001: Field wins — FIXED',
        '- **Status**: Open',
        '',
        '### LOW-002: Title wins (In Progress)',
        '',
        '### LOW-003: Section wins',
        '- **Closed**: 2026-01-04',
        '',
        '## Notes',
        '',
        '### LOW-004: Date wins',
        '- **Resolved Date**: 2026-01-04',
        '',
        '### OPEN-001: Prefix',
        '- **Severity**: High',
        '',
        '### LOW-005: Nothing',
        '- **Closed**: TBD',
        '',
        '### LOW-006: A placeholder Status says nothing',
        '- **Status**: TBD',
        '- **Fixed**: 4 Jan 2026',
      ),
    });
    assert.deepEqual(issues(ws), {
      'LOW-001': ['open', 'field', 'Low'],
      'LOW-002': ['open', 'title', 'Low'],
      'LOW-003': ['resolved', 'section', 'Low'],
      'LOW-004': ['resolved', 'date', 'Low'],
      'OPEN-001': ['open', 'prefix', 'High'],
      'LOW-005': ['unknown', '-', 'Low'],
      'LOW-006': ['resolved', 'date', 'Low'],
    });
  });

  it('a Fixed or Closed section is resolved, an Active one open; the nearest section that names a status decides', () => {
    const ws = workspace({
      'M.md': master('## Fixed Bugs', '', '### Critical', '', '#### BUG-001: A', '- **Severity**: P0', '', '## Active Bugs', '', '#### BUG-002: B', '- **Severity**: P2'),
    }, { prefixes: { BUG: '' } });
    assert.deepEqual(issues(ws), { 'BUG-001': ['resolved', 'section', 'Critical'], 'BUG-002': ['open', 'section', 'Medium'] });
  });

  it('severity: the Severity field, also Priority, else the prefix, else the severity section', () => {
    const ws = workspace({
      'M.md': master(
        '## P1 — Major',
        '',
        '### BUG-001: Field',
        '- **Severity**: 🔴 Critical',
        '- **Status**: Open',
        '',
        '### BUG-002: Priority',
        '- **Priority**: S3',
        '- **Status**: Open',
        '',
        '### BUG-003: Section',
        '- **Status**: Open',
        '',
        '### LOW-001: Prefix',
        '- **Status**: Open',
        '',
        '### BUG-004: Unreadable field, then the section',
        '- **Severity**: Medium-High',
        '- **Status**: Open',
      ),
    }, { prefixes: { BUG: '', LOW: 'Low' } });
    assert.deepEqual(issues(ws), {
      'BUG-001': ['open', 'field', 'Critical'],
      'BUG-002': ['open', 'field', 'Medium'],
      'BUG-003': ['open', 'field', 'High'],
      'LOW-001': ['open', 'field', 'Low'],
      'BUG-004': ['open', 'field', 'High'],
    });
    assert.deepEqual(
      ws.index.scope(uriOf('M.md')).map((i) => i.severitySource),
      ['field', 'field', 'section', 'prefix', 'section'],
    );
  });

  it('a Current Status is not a Status: free text there gives no unknown-status and does not decide', () => {
    const ws = workspace({ 'M.md': master('## Open Issues', '', '### LOW-001: X', '- **Current Status**: waiting on the vendor') });
    assert.deepEqual(ws.codes('M.md'), []);
    assert.deepEqual(issues(ws), { 'LOW-001': ['open', 'section', 'Low'] });
  });
});

describe('resolution-table severity cells in other notations', () => {
  it('reads P0, S2 and 🔴 Critical rows (stale-average at the row whose mean differs)', () => {
    const ws = workspace({
      'M.md': master(
        '| Severity | Avg Resolution Time | Target SLA |',
        '|---|---|---|',
        '| P0 | 4 hours | < 6 hours |',
        '| S2 | 9 hours | < 24 hours |',
        '| 🔴 Critical | 5 hours | < 6 hours |',
        '| Medium-High | 1 hour | < 1 week |',
        '',
        '### CRIT-001: A',
        '- **Status**: Resolved',
        '- **Time to Resolution**: 4 hours',
        '',
        '### HIGH-001: B',
        '- **Status**: Resolved',
        '- **Time to Resolution**: 10 hours',
      ),
    });
    assert.deepEqual(ws.codes('M.md'), ['stale-average@6', 'stale-average@7']);
  });
});

describe('unknown-status with configured and legend words', () => {
  const legendLog = (status: string) =>
    master('## Status Legend', '', '| Status | Meaning |', '|---|---|', '| 🔴 Open | Not yet started |', '| ⏸️ Parked | On hold until next quarter |', '| 🚀 Shipped | Fixed and deployed |', '', '### LOW-001: X', `- **Status**: ${status}`);

  it('a word the log\'s legend defines is not reported; its class comes from its meaning', () => {
    const parked = workspace({ 'M.md': legendLog('⏸️ Parked') });
    assert.deepEqual(parked.codes('M.md'), []);
    assert.deepEqual(issues(parked), { 'LOW-001': ['unknown', 'field', 'Low'] });
    const shipped = workspace({ 'M.md': legendLog('Shipped') });
    assert.deepEqual(shipped.codes('M.md'), []);
    assert.deepEqual(issues(shipped), { 'LOW-001': ['resolved', 'field', 'Low'] });
  });

  it('a word the legend does not define is reported, with the word for the quick fix', () => {
    const ws = workspace({ 'M.md': legendLog('⏳ Escalated (to vendor)') });
    const d = ws.diagnostics('M.md');
    assert.deepEqual(d.map((x) => [x.code, x.range.start.line + 1, (x.data as { word?: string }).word]), [['unknown-status', 12, 'Escalated']]);
  });

  it('a legend applies to its own document only', () => {
    const ws = workspace({ 'M.md': legendLog('Open'), 'O.md': master('### LOW-002: Y', '- **Status**: Parked') });
    assert.deepEqual(ws.codes('O.md'), ['unknown-status@4']);
  });

  it('configured words (.issue-log.json status) are read and not reported', () => {
    const settings = { status: { open: ['Escalated'], resolved: ['Shipped'] } };
    const ws = workspace({ 'M.md': master('### LOW-001: X', '- **Status**: Escalated', '', '### LOW-002: Y', '- **Status**: ✅ Shipped', '', '### LOW-003: Z', '- **Status**: On Hold') }, settings);
    assert.deepEqual(ws.codes('M.md'), ['unknown-status@10']);
    assert.deepEqual(issues(ws), { 'LOW-001': ['open', 'field', 'Low'], 'LOW-002': ['resolved', 'field', 'Low'], 'LOW-003': ['unknown', 'field', 'Low'] });
  });

  it('statistics count by the legend\'s and configured words', () => {
    const ws = workspace({
      'M.md': master('## Statistics', '- **Total Bugs**: 2', '- **Fixed**: 1', '- **Active**: 1', '', '| Status | Meaning |', '|---|---|', '| Shipped | Done |', '', '### LOW-001: X', '- **Status**: Shipped', '', '### LOW-002: Y', '- **Status**: New'),
    });
    assert.deepEqual(ws.codes('M.md'), []);
  });
});

describe('a Status Legend edited in an open document', () => {
  const text = (meaning: string, extra = '') =>
    joinLines('# Log', '', '| Status | Meaning |', '|---|---|', `| Parked | ${meaning} |`, '', '## Statistics', '- **Resolved**: 1', '', '### LOW-001: X', '- **Status**: Parked', '', '## Notes', '', 'Other.', '', '## More', '', `Notes.${extra}`);

  it('re-reads the entries (their status and unknown-status follow the legend); an edit elsewhere keeps the entry objects', () => {
    const options = resolveOptions();
    const uri = uriOf('L.md');
    const index = new WorkspaceIndex(options, [uriOf('')], { stat: () => 'file' });
    const open = new OpenDocument(uri, options);
    const check = (t: string) => {
      index.set(open.update(t));
      return [index.scope(uri)[0].status, diagnosticsOf(index, uri, '2025-08-02').map((d) => d.code)];
    };
    assert.deepEqual(check(text('Fixed and shipped')), ['resolved', []]);
    const before = index.get(uri)!.entries[0];
    assert.deepEqual(check(text('Fixed and shipped', ' More.')), ['resolved', []]);
    assert.equal(index.get(uri)!.entries[0], before);
    assert.deepEqual(check(text('Still being worked on')), ['open', ['stale-stat']]);
    // (Whether Resolved: 1 is judged with one issue of unread status is the statistics rule's business.)
    const [status, codes] = check(text('Fixed and shipped').replace('| Parked |', '| Waiting |'));
    assert.deepEqual([status, (codes as string[]).filter((c) => c !== 'stale-stat')], ['unknown', ['unknown-status']]);
  });
});
