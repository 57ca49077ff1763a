/**
 * The status bar's numbers (issueLog/logSummary): a log with statistics counts its scope, as the
 * statistics do; a phase file its own issues (issue 14).
 */
import { strict as assert } from 'node:assert';
import { logSummary } from '../../server/src/core/features/logSummary';
import { logSummaryTooltip } from '../../client/src/openIssuesModel';
import { joinLines, uriOf, workspace } from './helpers';

const PHASE = joinLines(
  '# Phase 2 issues',
  '### BUG-001: Crash on save',
  '- **Status**: Resolved',
  '',
  '### BUG-002: Slow export',
  '- **Status**: Resolved',
  '- **Reference**: [see](notes.md#bug-003-export-queue)',
);
const NOTES = joinLines('# Notes', '### BUG-003: Export queue', '- **Status**: Open');
const MASTER = joinLines('# Master', '## Issue Summary Statistics', '- **Total Issues**: 2', '- **Open**: 1', '', '### BUG-004: Login loop', '- **Status**: Open', '- **Reference**: [see](notes.md#bug-003-export-queue)');

describe('the status bar summary', () => {
  // `linked`: a log's scope also holds the entries of the documents it links to (the corpus's setting).
  const ws = workspace({ 'phase.md': PHASE, 'notes.md': NOTES, 'master.md': MASTER }, { scope: 'linked' });

  it('a phase file counts its own open issues, not those of its scope', () => {
    assert.equal(ws.index.scopeStats(uriOf('phase.md')).counts.open, 1);
    assert.deepEqual(logSummary(ws.index, uriOf('phase.md'), 0), { isLog: true, openCount: 0, problemCount: 0, counted: 'file' });
    assert.deepEqual(logSummary(ws.index, uriOf('notes.md'), 0), { isLog: true, openCount: 1, problemCount: 0, counted: 'file' });
  });

  it('a log with statistics counts its scope, as its statistics do', () => {
    assert.deepEqual(logSummary(ws.index, uriOf('master.md'), 3), { isLog: true, openCount: 2, problemCount: 3, counted: 'scope' });
  });

  it('the tooltip says which count it is', () => {
    assert.notEqual(logSummaryTooltip('p.md', 1, 0, 'file'), logSummaryTooltip('p.md', 1, 0, 'scope'));
  });
});
