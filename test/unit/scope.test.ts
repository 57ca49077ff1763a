/**
 * A log's scope (contract v2, "Scope of a log", "One issue, one count"): `references` by default,
 * `linked` from the settings; a broken `#issue-N` Reference to the one Issue N; quotations.
 */
import { strict as assert } from 'node:assert';
import { readDocument } from '../../server/src/core/document';
import { resolveOptions } from '../../server/src/core/config';
import { joinLines, uriOf, workspace } from './helpers';

const phase = joinLines(
  '# Backend',
  '',
  '## Issue 1',
  '- **Title**: Pool',
  '- **Severity**: Critical',
  '- **Status**: Resolved',
  '- **Time to Resolution**: 3 hours',
  '',
  '## Issue 2',
  '- **Title**: Leak',
  '- **Severity**: High',
  '- **Status**: In Progress',
  '',
  '## Issue 3',
  '- **Title**: Not referenced',
  '- **Severity**: Low',
  '- **Status**: Open',
);

const master = (...extra: string[]) =>
  joinLines(
    '# Master',
    '',
    '### CRIT-001: Pool',
    '- **Status**: Resolved',
    '- **Reference**: [x](./phase.md#issue-1)',
    '',
    '### HIGH-001: Leak',
    '- **Status**: In Progress',
    '- **Reference**: [x](./phase.md#issue-2)',
    '',
    '### LOW-001: Master only',
    '- **Status**: Open',
    '',
    'All of [the phase](./phase.md).',
    ...extra,
  );

const keysOf = (ws: ReturnType<typeof workspace>, rel: string) => ws.index.scope(uriOf(rel)).map((i) => i.entries.map((e) => `${e.uri.slice(uriOf('').length)}:${e.entry.id}`).join('+'));

describe('scope', () => {
  it('references (the default): own entries and the entries their References point to, each once', () => {
    const ws = workspace({ 'M.md': master(), 'phase.md': phase });
    assert.equal(ws.index.options.scope, 'references');
    assert.deepEqual(keysOf(ws, 'M.md'), ['M.md:CRIT-001+phase.md:Issue 1', 'M.md:HIGH-001+phase.md:Issue 2', 'M.md:LOW-001']);
    const s = ws.index.scopeStats(uriOf('M.md'));
    assert.deepEqual([s.counts.total, s.counts.resolved, s.counts.open, s.counts.low], [3, 1, 2, 1]);
    assert.equal(ws.index.scopeReach(uriOf('M.md')), 'references');
  });

  it('linked: also every entry of the documents the log links to, one hop', () => {
    const ws = workspace({ 'M.md': master(), 'phase.md': phase }, { scope: 'linked' });
    assert.deepEqual(keysOf(ws, 'M.md'), ['M.md:CRIT-001+phase.md:Issue 1', 'M.md:HIGH-001+phase.md:Issue 2', 'M.md:LOW-001', 'phase.md:Issue 3']);
    assert.equal(ws.index.scopeStats(uriOf('M.md')).counts.total, 4);
    assert.equal(ws.index.scopeReach(uriOf('M.md')), 'linked');
  });

  it('a log without References holds its own entries only', () => {
    const ws = workspace({ 'M.md': joinLines('# M', '', '### LOW-001: A', '- **Status**: Open', '', 'See [phase](./phase.md).'), 'phase.md': phase });
    assert.deepEqual(keysOf(ws, 'M.md'), ['M.md:LOW-001']);
    assert.equal(ws.index.scopeReach(uriOf('M.md')), 'log');
  });

  it('changing the scope setting re-counts', () => {
    const ws = workspace({ 'M.md': master(), 'phase.md': phase });
    assert.equal(ws.index.scopeStats(uriOf('M.md')).counts.total, 3);
    ws.index.options = resolveOptions({ scope: 'linked' });
    assert.equal(ws.index.scopeStats(uriOf('M.md')).counts.total, 4);
    ws.index.options = resolveOptions({});
    assert.equal(ws.index.scopeStats(uriOf('M.md')).counts.total, 3);
  });

  it('follows edits of the referenced document by difference (fields read from the new version)', () => {
    const ws = workspace({ 'M.md': master(), 'phase.md': phase });
    const uri = uriOf('M.md');
    assert.equal(ws.index.scopeStats(uri).resolutionTimes.Critical.micro, 180e6);
    const token = ws.index.scopeToken(uri);
    ws.index.set(readDocument(uriOf('phase.md'), phase.replace('3 hours', '5 hours'), ws.index.options));
    assert.equal(ws.index.scopeStats(uri).resolutionTimes.Critical.micro, 300e6);
    assert.notEqual(ws.index.scopeToken(uri), token);
    // A Reference removed: the numbered entry leaves the scope with it.
    ws.index.set(readDocument(uri, master().replace('- **Reference**: [x](./phase.md#issue-2)\n', ''), ws.index.options));
    assert.deepEqual(keysOf(ws, 'M.md'), ['M.md:CRIT-001+phase.md:Issue 1', 'M.md:HIGH-001', 'M.md:LOW-001']);
    // Two ID entries that name the same numbered entry are one issue; removing one keeps it pulled.
    const twice = master('', '### HIGH-002: Leak again', '- **Status**: In Progress', '- **Reference**: [x](./phase.md#issue-2)');
    ws.index.set(readDocument(uri, twice, ws.index.options));
    assert.deepEqual(keysOf(ws, 'M.md'), ['M.md:CRIT-001+phase.md:Issue 1', 'M.md:HIGH-001+M.md:HIGH-002+phase.md:Issue 2', 'M.md:LOW-001']);
    ws.index.set(readDocument(uri, twice.replace('- **Reference**: [x](./phase.md#issue-2)\n\n### LOW-001', '\n### LOW-001'), ws.index.options));
    assert.deepEqual(keysOf(ws, 'M.md'), ['M.md:CRIT-001+phase.md:Issue 1', 'M.md:HIGH-001', 'M.md:LOW-001', 'M.md:HIGH-002+phase.md:Issue 2']);
  });

  it('drops an entry its document no longer has, also when the document its Reference points into changed in the same update', () => {
    // Found by the random sessions (FUZZ_SEED=12): the target is read first (it comes first among the
    // linked documents), its entries pointing in are ungrouped to be grouped again, and the entry that its
    // own document dropped was grouped again with them.
    const log = joinLines('# Log', '', 'See [b](./b.md) and [a](./a.md).');
    const b = joinLines('# B', '', '## Notes', 'Text.');
    const a = joinLines('# A', '', '### CRIT-002: Leak', '- **Status**: Open', '- **Reference**: [x](./b.md#notes)');
    const ws = workspace({ 'log.md': log, 'b.md': b, 'a.md': a }, { scope: 'linked' });
    assert.deepEqual(keysOf(ws, 'log.md'), ['a.md:CRIT-002']);
    ws.index.set(readDocument(uriOf('b.md'), b.replace('Text.', 'Other text.'), ws.index.options));
    ws.index.set(readDocument(uriOf('a.md'), joinLines('# A', '', 'Nothing left.'), ws.index.options));
    assert.deepEqual(keysOf(ws, 'log.md'), []);
    assert.equal(ws.index.scopeStats(uriOf('log.md')).counts.total, 0);
  });

  describe('one issue, one count', () => {
    const titled = joinLines('# Phase', '', '## Issue Log', '', '### Issue #1: Pool Exhaustion', '- **Severity**: Critical', '- **Status**: Resolved', '', '### Issue #2: Leak', '- **Severity**: High', '- **Status**: Open');
    const log = (anchor: string) => joinLines('# M', '', '## Statistics', '- **Total Issues**: 2', '', '### CRIT-001: Pool Exhaustion', '- **Status**: Resolved', `- **Reference**: [x](./titled.md#${anchor})`);

    it('a broken #issue-1 Reference to a file with exactly one Issue #1 is that issue, and the anchor is still reported', () => {
      const ws = workspace({ 'M.md': log('issue-1'), 'titled.md': titled }, { scope: 'linked' });
      assert.deepEqual(keysOf(ws, 'M.md'), ['M.md:CRIT-001+titled.md:Issue 1', 'titled.md:Issue 2']);
      assert.deepEqual(ws.codes('M.md'), ['broken-anchor@8']);
      // The references scope takes it in too.
      assert.deepEqual(keysOf(workspace({ 'M.md': log('issue-1'), 'titled.md': titled }), 'M.md'), ['M.md:CRIT-001+titled.md:Issue 1']);
    });

    it('not when the target holds two entries with that number, nor when the anchor names another heading', () => {
      const two = titled + joinLines('', '### Issue #1: Another', '- **Severity**: Low', '- **Status**: Open');
      const ws = workspace({ 'M.md': log('issue-1'), 'titled.md': two }, { scope: 'linked' });
      assert.deepEqual(keysOf(ws, 'M.md'), ['M.md:CRIT-001', 'titled.md:Issue 1', 'titled.md:Issue 2', 'titled.md:Issue 1']);
      const other = workspace({ 'M.md': log('issue-log'), 'titled.md': titled });
      assert.deepEqual(keysOf(other, 'M.md'), ['M.md:CRIT-001']);
    });

    it('a Reference to an entry of the same ID in another document takes it into the scope, as one issue', () => {
      const other = joinLines('# Phase', '', '### CRIT-001: Pool', '- **Status**: Resolved', '', '### CRIT-002: Other', '- **Status**: Open');
      const m = (anchor: string) => joinLines('# M', '', '## Statistics', '- **Resolved**: 1', '', '### CRIT-001: Pool', `- **Reference**: [x](./other.md#${anchor})`);
      const ws = workspace({ 'M.md': m('crit-001-pool'), 'other.md': other });
      assert.deepEqual(keysOf(ws, 'M.md'), ['M.md:CRIT-001+other.md:CRIT-001']);
      assert.deepEqual(ws.codes('M.md'), []);
      // An entry of another ID is not the same issue.
      assert.deepEqual(keysOf(workspace({ 'M.md': m('crit-002-other'), 'other.md': other }), 'M.md'), ['M.md:CRIT-001']);
    });

    it('a same-ID, same-title entry in another document is a quotation: counted once, no duplicate-issue', () => {
      const quote = joinLines('# Notes', '', '### CRIT-001:   pool   exhaustion', '- **Status**: Resolved');
      const ws = workspace({ 'M.md': joinLines('# M', '', '### CRIT-001: Pool Exhaustion', '- **Status**: Resolved', '', 'See [notes](./notes.md).'), 'notes.md': quote }, { scope: 'linked' });
      assert.equal(ws.index.scopeStats(uriOf('M.md')).counts.total, 1);
      assert.deepEqual(ws.codes('M.md'), []);
      assert.deepEqual(ws.codes('notes.md'), []);
    });
  });
});
