/**
 * Issue entries as contract v2 reads them ("Issue entries"): ID entries with every separator, the
 * `[ID] Title` and bold-paragraph forms, short IDs and `-PART` prefixes; numbered entries in each
 * form with their anchors; and the traps that must give nothing (a README's `## UTF-8: …`, `HTTP-2`,
 * `SHA-256` in prose, a title that starts with a status word).
 */
import * as assert from 'node:assert/strict';
import { resolveOptions } from '../../server/src/core/config';
import { rangeIn } from '../../server/src/core/document';
import type { IssueEntry } from '../../server/src/core/model';
import { joinLines, uriOf, workspace } from './helpers';

const FIELD = '- **Status**: Open';
const entriesOf = (ws: ReturnType<typeof workspace>, rel: string): IssueEntry[] => [...(ws.index.get(uriOf(rel))?.entries ?? [])];
const brief = (e: IssueEntry) => ({ kind: e.kind, id: e.id, title: e.title, slug: e.slug });

describe('entries (contract v2)', () => {
  it('reads an ID entry heading with each separator, and [ID] Title', () => {
    const ws = workspace({
      'LOG.md': joinLines(
        '# Log',
        '### BUG-001: Colon',
        FIELD,
        '### BUG-002 — Em dash',
        FIELD,
        '### BUG-003 – En dash',
        FIELD,
        '### BUG-004 - Spaced hyphen',
        FIELD,
        '### [BUG-005] Bracketed',
        FIELD,
        '## 🔴 BUG-006: Decorated',
        FIELD,
      ),
    });
    assert.deepEqual(entriesOf(ws, 'LOG.md').map((e) => [e.id, e.prefix, e.number, e.title]), [
      ['BUG-001', 'BUG', 1, 'Colon'],
      ['BUG-002', 'BUG', 2, 'Em dash'],
      ['BUG-003', 'BUG', 3, 'En dash'],
      ['BUG-004', 'BUG', 4, 'Spaced hyphen'],
      ['BUG-005', 'BUG', 5, 'Bracketed'],
      ['BUG-006', 'BUG', 6, 'Decorated'],
    ]);
  });

  it('reads short IDs and prefixes with -PARTs, configured or learnt', () => {
    const ws = workspace(
      { 'LOG.md': joinLines('### C-1: Short', FIELD, '### R-01: Padded', FIELD, '### TD-ARCH-003: Parted', '', 'See TD-ARCH-004 and R-02.') },
      { prefixes: { 'TD-ARCH': 'High' } },
    );
    assert.deepEqual(entriesOf(ws, 'LOG.md').map((e) => [e.id, e.prefix]), [
      ['C-1', 'C'],
      ['R-01', 'R'],
      ['TD-ARCH-003', 'TD-ARCH'],
    ]);
    assert.deepEqual(ws.diagnostics('LOG.md').map((d) => [d.code, (d.data as { id: string }).id]), [
      ['undefined-issue', 'TD-ARCH-004'],
      ['undefined-issue', 'R-02'],
    ]);
  });

  it('accepts configured prefixes with -PARTs and refuses ones that are not capitals', () => {
    const problems: { setting: string; message: string }[] = [];
    const o = resolveOptions({ prefixes: { 'TD-ARCH': 'High', bug: 'Low', 'X-': '' } }, problems);
    assert.deepEqual([...o.prefixes.keys()], ['TD-ARCH']);
    assert.deepEqual(problems.map((p) => p.setting), ['issueLog.prefixes', 'issueLog.prefixes']);
  });

  it('reads each numbered form, with the anchor GitHub gives it', () => {
    const ws = workspace({
      'PHASE.md': joinLines(
        '# Phase',
        '## Issue 1',
        FIELD,
        '## Issue Log',
        '### Issue #2: Pool exhaustion',
        FIELD,
        '### Bug #3: Crash on save',
        '### Incident 4',
        '### Incident 5 — Outage',
        '## Known Issues',
        '### 1. Login loop',
        '### 2) Slow search',
      ),
    });
    assert.deepEqual(entriesOf(ws, 'PHASE.md').map(brief), [
      { kind: 'numbered', id: 'Issue 1', title: '', slug: 'issue-1' },
      { kind: 'numbered', id: 'Issue 2', title: 'Pool exhaustion', slug: 'issue-2-pool-exhaustion' },
      { kind: 'numbered', id: 'Bug 3', title: 'Crash on save', slug: 'bug-3-crash-on-save' },
      { kind: 'numbered', id: 'Incident 4', title: '', slug: 'incident-4' },
      { kind: 'numbered', id: 'Incident 5', title: 'Outage', slug: 'incident-5--outage' },
      { kind: 'numbered', id: '1. Login loop', title: 'Login loop', slug: '1-login-loop' },
      { kind: 'numbered', id: '2) Slow search', title: 'Slow search', slug: '2-slow-search' },
    ]);
    assert.deepEqual(entriesOf(ws, 'PHASE.md').map((e) => e.number), [1, 2, 3, 4, 5, 1, 2]);
    assert.deepEqual(ws.index.allIssues().map((i) => i.key), entriesOf(ws, 'PHASE.md').map((e) => `N:${uriOf('PHASE.md')}#${e.slug}`));
  });

  it('reads N. Title only inside a log section or with an entry field under it', () => {
    const ws = workspace({
      'GUIDE.md': joinLines('# Setup guide', '## Steps', '### 1. Install', '### 2. Configure', '## Change Log', '### 1. Added search'),
      'FIELDS.md': joinLines('# Notes', '### 1. Cache misses', FIELD),
    });
    assert.deepEqual(entriesOf(ws, 'GUIDE.md'), []);
    assert.equal(ws.index.get(uriOf('GUIDE.md'))!.isLog, false);
    assert.deepEqual(entriesOf(ws, 'FIELDS.md').map((e) => e.id), ['1. Cache misses']);
  });

  it('reads a wholly bold paragraph that opens like an ID entry, with the fields under it', () => {
    const ws = workspace({
      'LOG.md': joinLines('# Log', '## Open', '', '**ISSUE-012: Login loop**', '', '- **Status**: Open', '- **Severity**: High', '', '**ISSUE-013 — Slow search**', '- **Status**: Resolved', '', 'Some **ISSUE-014: not alone** prose.'),
    });
    const entries = entriesOf(ws, 'LOG.md');
    assert.deepEqual(entries.map((e) => [e.kind, e.id, e.title, e.slug, e.fields.map((f) => `${f.name}=${f.value}`)]), [
      ['id', 'ISSUE-012', 'Login loop', '', ['Status=Open', 'Severity=High']],
      ['id', 'ISSUE-013', 'Slow search', '', ['Status=Resolved']],
    ]);
    const doc = ws.index.get(uriOf('LOG.md'))!;
    assert.deepEqual(entries.map((e) => ws.textAt('LOG.md', rangeIn(doc, e.heading))), ['**ISSUE-012: Login loop**', '**ISSUE-013 — Slow search**']);
    // ISSUE-014 is only mentioned (not an entry): undefined.
    assert.deepEqual(ws.diagnostics('LOG.md').map((d) => [d.code, d.range.start.line]), [['undefined-issue', 11]]);
  });

  it('leaves alone a README heading `## UTF-8: …`, HTTP-2, SHA-256, ISO-8601, RFC-2616 in prose, and a title starting with a status word', () => {
    const ws = workspace({
      'README.md': joinLines('# Tool', '## UTF-8: encoding notes', 'Speaks HTTP-2 and hashes with SHA-256.', '### Duplicate Event Processing', 'Dates are ISO-8601.'),
      'LOG.md': joinLines('# Log', '### CRIT-001: Pool', FIELD, '', 'See RFC-2616, SHA-256 and ISO-8601; HTTP-2 too.', '### Duplicate Event Processing'),
    });
    assert.deepEqual(entriesOf(ws, 'README.md'), []);
    assert.equal(ws.index.get(uriOf('README.md'))!.isLog, false);
    assert.deepEqual(ws.index.get(uriOf('README.md'))!.mentions, []);
    assert.deepEqual(ws.diagnostics('README.md'), []);
    assert.deepEqual(ws.diagnostics('LOG.md'), []);
    assert.deepEqual(entriesOf(ws, 'LOG.md').map((e) => e.id), ['CRIT-001']);
    assert.deepEqual([...ws.index.knownPrefixes.keys()].sort(), ['CRIT', 'HIGH', 'LOW', 'MED', 'OPEN']);
  });

  describe('register tables', () => {
    const master = (rows: string[]) =>
      joinLines('# Master', '### CRIT-001: Pool', '- **Status**: Resolved', '- **Severity**: Critical', '', '## Register', '', '| ID | Title | Status | Severity |', '|---|---|---|---|', ...rows);

    it('lists the defined IDs numbers as numbers, CRIT-2 and CRIT-002 in one order whichever was read first', () => {
      const a = joinLines('### CRIT-2: Short', '- **Status**: Open');
      const b = joinLines('### CRIT-002: Padded', '- **Status**: Open', '', '### CRIT-10: Ten', '- **Status**: Open');
      const one = workspace({ 'a.md': a, 'b.md': b });
      const other = workspace({ 'b.md': b, 'a.md': a });
      assert.deepEqual(one.index.definedIds(), ['CRIT-002', 'CRIT-2', 'CRIT-10']);
      assert.deepEqual(other.index.definedIds(), one.index.definedIds());
    });

    it('reads a row whose ID has no entry heading as the entry itself', () => {
      const ws = workspace({ 'M.md': master(['| CRIT-001 | Pool | Resolved | Critical |', '| BUG-007 | Login loop | Open | High |', '| BUG-008 | Search | Closed | Low |']) });
      const entries = entriesOf(ws, 'M.md');
      assert.deepEqual(entries.map((e) => [e.kind, e.id, e.title]), [
        ['id', 'CRIT-001', 'Pool'],
        ['row', 'BUG-007', 'Login loop'],
        ['row', 'BUG-008', 'Search'],
      ]);
      assert.deepEqual(entries[1].fields.map((f) => `${f.name}=${f.value}`), ['Title=Login loop', 'Status=Open', 'Severity=High']);
      assert.ok(ws.index.knownPrefixes.has('BUG'));
      assert.deepEqual(ws.index.definedIds(), ['BUG-007', 'BUG-008', 'CRIT-001']);
      assert.deepEqual(ws.index.allIssues().map((i) => [i.key, i.status, i.severity]), [
        ['I:CRIT-001', 'resolved', 'Critical'],
        ['I:BUG-007', 'open', 'High'],
        ['I:BUG-008', 'resolved', 'Low'],
      ]);
      // The row of CRIT-001 agrees with its heading: nothing; no duplicate either.
      assert.deepEqual(ws.diagnostics('M.md'), []);
    });

    it('a row that disagrees with the entry its ID names: status-conflict at the row, naming the other place', () => {
      const ws = workspace({ 'M.md': master(['| CRIT-001 | Pool | Open | Critical |']), 'S.md': joinLines('# Summary', '### HIGH-001: Slow', '- **Status**: Open', '', '| Ref | Severity |', '|---|---|', '| HIGH-001 | Low |', '| CRIT-001 | 🔴 Critical |') });
      const d = ws.diagnostics('M.md');
      assert.deepEqual(d.map((x) => [x.code, x.range.start.line, { id: x.data.id, other: { uri: x.data.other.uri, line: x.data.other.range.start.line } }]), [['status-conflict', 9, { id: 'CRIT-001', other: { uri: uriOf('M.md'), line: 1 } }]]);
      assert.equal(ws.textAt('M.md', d[0].range), '| CRIT-001 | Pool | Open | Critical |');
      assert.deepEqual(ws.diagnostics('S.md').map((x) => [x.code, x.range.start.line, { id: x.data.id, other: { uri: x.data.other.uri, line: x.data.other.range.start.line } }]), [['status-conflict', 6, { id: 'HIGH-001', other: { uri: uriOf('S.md'), line: 1 } }]]);
      // Rows that mention an entry are not entries (one issue each).
      assert.deepEqual(ws.index.allIssues().map((i) => i.key), ['I:CRIT-001', 'I:HIGH-001']);
    });

    it('leaves alone a table whose first column holds no IDs, and IDs of unknown prefixes', () => {
      const ws = workspace({ 'R.md': joinLines('# Readme', '', '| Standard | Title |', '|---|---|', '| RFC-2616 | HTTP/1.1 |', '| RFC-7231 | Semantics |', '', '| Name | Value |', '|---|---|', '| CRIT-001 | x |', '| other | y |') });
      assert.deepEqual(entriesOf(ws, 'R.md'), []);
      assert.deepEqual(ws.diagnostics('R.md'), []);
    });
  });
});
