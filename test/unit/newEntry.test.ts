/** *New Issue…* writes the entry in the style of the log it goes into (inline fixtures, the core alone). */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { entryStyle } from '../../server/src/core/features/entryStyle';
import { planNewIssue } from '../../server/src/core/features/newEntry';
import type { IssueSeverity } from '../../server/src/core/config';
import { joinLines, uriOf, workspace } from './helpers';

/** The log after New Issue, and the new entry's lines (from its heading to the next blank line). */
function added(text: string, severity: IssueSeverity, title: string, settings = {}, others: Record<string, string> = {}) {
  const ws = workspace({ 'log.md': text, ...others }, settings);
  const plan = planNewIssue(ws.index, uriOf('log.md'), text, severity, title, '2026-11-28');
  assert.ok(plan, 'a plan');
  const after = TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), plan.edit.changes![uriOf('log.md')]);
  const lines = after.split('\n');
  const end = lines.indexOf('', plan.position.line);
  return { id: plan.id, lines: lines.slice(plan.position.line, end < 0 ? undefined : end), all: lines, line: plan.position.line };
}

const SEED_LOG = joinLines(
  '# Master Issue Log',
  '',
  '## Critical Issues Register',
  '',
  '### CRIT-001: Pool exhausted',
  '- **Phase**: Backend',
  '- **Date**: 2026-01-02',
  '- **Status**: Resolved',
  '- **Impact**: Outage',
  '',
  '## High Priority Issues',
  '',
  '### HIGH-001: Tree shaking',
  '- **Phase**: Frontend',
  '- **Status**: Resolved',
  '',
  '### HIGH-002: N+1 queries',
  '- **Phase**: Database',
  '- **Status**: Open',
  '',
  '## Lessons',
  '',
  'See HIGH-002.',
);

const BUG_LOG = joinLines(
  '# Bug Tracking',
  '',
  '## Active Bugs',
  '',
  '### BUG-011: Crash on save',
  '- **Severity:** 🔴 Critical',
  '- **Status:** 🔴 Open',
  '- **Owner:** Ann',
  '',
  '### BUG-012: Slow export',
  '- **Severity:** 🟡 Medium',
  '- **Status:** ✅ Fixed',
  '- **Owner:** Bob',
  '- **Fixed:** 2026-02-01',
);

const TICKET_LOG = joinLines(
  '# Issues',
  '',
  '### [ISS-011] Login loop',
  '| Field | Value |',
  '|-------|-------|',
  '| **Priority** | P1 |',
  '| **Status** | OPEN |',
  '| **Reported** | 2026-01-05 |',
  '',
  '### [ISS-012] Cache miss',
  '| Field | Value |',
  '|-------|-------|',
  '| **Priority** | P3 |',
  '| **Status** | RESOLVED |',
  '| **Reported** | 2026-01-07 |',
);

describe('New Issue in the style of the log', () => {
  it('a seed-style log gets the seed template: the severity prefix, the next free ID, a `- **Name**:` list', () => {
    const r = added(SEED_LOG, 'High', 'Cache stampede');
    assert.equal(r.id, 'HIGH-003');
    assert.deepEqual(r.lines, [
      '### HIGH-003: Cache stampede',
      '- **Phase**: [TBD]',
      '- **Date**: 2026-11-28',
      '- **Status**: Open',
      '- **Impact**: [TBD]',
      '- **Assigned**: [TBD]',
      '- **Resolution**: [TBD]',
      '- **Reference**: [TBD]',
    ]);
    // Under its register, before the next section.
    assert.ok(r.line > r.all.indexOf('## High Priority Issues') && r.line < r.all.indexOf('## Lessons'));
  });

  it('a BUG log with `**Name:**` fields and emoji statuses gets its prefix, ID, field syntax, status word and severity notation', () => {
    const r = added(BUG_LOG, 'High', 'Lost draft', { prefixes: { BUG: '' } });
    assert.equal(r.id, 'BUG-013');
    assert.deepEqual(r.lines, ['### BUG-013: Lost draft', '- **Severity:** 🟠 High', '- **Status:** 🔴 Open', '- **Owner:** [TBD]']);
  });

  it('the prefix comes from the log, not the configuration: an unconfigured BUG log is read the same', () => {
    const r = added(BUG_LOG, 'Low', 'Typo');
    assert.equal(r.id, 'BUG-013');
    assert.equal(r.lines[0], '### BUG-013: Typo');
  });

  it('a table-field ISS log with `[ID]` headings gets `[ISS-013] Title`, a field table, P0–P3 and its status word', () => {
    const r = added(TICKET_LOG, 'Critical', 'Token leak');
    assert.equal(r.id, 'ISS-013');
    assert.deepEqual(r.lines, ['### [ISS-013] Token leak', '| Field | Value |', '|-------|-------|', '| **Priority** | P0 |', '| **Status** | OPEN |', '| **Reported** | 2026-11-28 |']);
  });

  it('pads the number as the log writes its IDs; hard-break paragraph fields and S1–S4 as written', () => {
    const log = joinLines('# Risks', '', '## R-01 — Vendor lock-in', '**Status**: Open  ', '**Severity**: S2  ', '**Owner**: Ops  ');
    const r = added(log, 'Medium', 'Key person');
    assert.equal(r.id, 'R-02');
    assert.deepEqual(r.lines, ['## R-02 — Key person', '**Status**: Open  ', '**Severity**: S3  ', '**Owner**: [TBD]  ']);
  });

  it('takes the number after the highest of the prefix anywhere in the workspace', () => {
    const r = added(BUG_LOG, 'High', 'Lost draft', { prefixes: { BUG: '' } }, { 'notes.md': 'Also seen: BUG-020.\n' });
    assert.equal(r.id, 'BUG-021');
  });

  it('paragraph fields without hard breaks stay without them; severity words as the log writes them', () => {
    const log = joinLines('# Defects', '', '#### [DEF-001] Broken sort', '**Severity**: High', '**Status**: Active', '**Date**: 2026-01-01', '', '#### [DEF-002] Bad colour', '**Severity**: Low', '**Status**: Fixed', '**Date**: 2026-01-02');
    const r = added(log, 'Critical', 'Data loss');
    assert.equal(r.lines[0], '#### [DEF-003] Data loss');
    assert.equal(r.lines[1], '**Severity**: Critical');
    assert.equal(r.lines[3], '**Date**: 2026-11-28');
    // `Active` is open-like under contract v2, and the log's own word for a new issue.
    assert.equal(r.lines[2], '**Status**: Active');
  });

  it('a log of numbered entries gets the next numbered entry in its heading form', () => {
    const log = joinLines('# Phase 1', '', '## Issue Log', '', '### Issue #1: Slow start', '- **Status**: Open', '- **Severity**: High', '', '### Issue #2: Leak', '- **Status**: Resolved', '- **Severity**: Low');
    const r = added(log, 'Medium', 'Retry storm');
    assert.equal(r.id, 'Issue 3');
    assert.deepEqual(r.lines, ['### Issue #3: Retry storm', '- **Status**: Open', '- **Severity**: Medium']);
  });

  it('a log of numbered entries with a Title field and hard-break paragraphs keeps both', () => {
    const log = joinLines('# Phase 2', '', '## Issue 1', '**Title**: Slow start  ', '**Status**: Open  ', '**Severity**: 🟠 High  ', '', '## Issue 2', '**Title**: Leak  ', '**Status**: Resolved  ', '**Severity**: 🟢 Low  ');
    const r = added(log, 'Critical', 'Disk full');
    assert.equal(r.id, 'Issue 3');
    assert.deepEqual(r.lines, ['## Issue 3', '**Title**: Disk full  ', '**Status**: Open  ', '**Severity**: 🔴 Critical  ']);
  });
});

describe('entryStyle', () => {
  it('learns a prefix from a heading with fields, or from two headings, not from one bare heading', () => {
    const style = entryStyle(joinLines('## UTF-8: notes', '', 'Text.', '', '### KI-1: One', '', '### KI-2: Two', '', '### SEC-010 — Leak', '- **Status**: Open'), new Map());
    assert.deepEqual([...style.prefixes], [['KI', 2], ['SEC', 1]]);
    assert.equal(style.highest.get('SEC'), 10);
    assert.equal(style.widths.get('SEC'), 3);
  });
  it('ignores headings inside fenced code', () => {
    const style = entryStyle(joinLines('```md', '### BUG-099: Example', '- **Status**: Open', '```'), new Map());
    assert.equal(style.entryCount, 0);
  });
});
