/**
 * Suggestions for broken links and anchors (core/suggest.ts, core/fileSuggest.ts, linkRules.ts's
 * findLinkProblem) and the quick fixes that apply them (features/linkFix.ts, codeActions.ts), with
 * inline fixtures.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { provideCodeActions } from '../../server/src/core/features/codeActions';
import { replaceLinkPath } from '../../server/src/core/features/linkFix';
import { readDocument } from '../../server/src/core/document';
import type { DiagnosticData } from '../../server/src/core/rules';
import { joinLines, uriOf, workspace } from './helpers';

const PHASE = joinLines('# Phase', '', '## Issues', '', '### Issue #1: Pool Exhaustion', '- **Status**: Resolved', '', '### Issue #3: Slow Queries', '- **Status**: Open');
const master = (...lines: string[]) => joinLines('# Master Issue Log', '', '### CRIT-001: Pool', '- **Status**: Resolved', '', ...lines);

function linkFindings(files: Record<string, string>, rel = 'log/MASTER.md', settings = {}) {
  const ws = workspace(files, settings);
  return { ws, found: ws.diagnostics(rel).filter((d) => d.code === 'broken-link' || d.code === 'broken-anchor') };
}
const suggestionOf = (d: Diagnostic) => (d.data as DiagnosticData | undefined)?.suggestion;

describe('suggestions for broken links', () => {
  it('suggests the file of the same name moved into archive/, before a same-named file of another folder', () => {
    const { found } = linkFindings({
      'log/MASTER.md': master('See [db](../02-Database/issues.md#issue-1).'),
      'archive/02-Database/issues.md': PHASE,
      '03-Frontend/issues.md': PHASE,
    });
    assert.deepEqual(found.map((d) => [d.code, suggestionOf(d)]), [['broken-link', '../archive/02-Database/issues.md']]);
  });

  it('takes the closer of two same-named files when the link’s folder is still there', () => {
    const { found } = linkFindings({
      'log/MASTER.md': master('See [runbook](./notes/runbook.md).'),
      'log/notes/other.md': '# Other\n',
      'log/notes/old/runbook.md': '# Runbook\n',
      'archive/2024/runbook.md': '# Runbook\n',
    });
    assert.deepEqual(found.map(suggestionOf), ['./notes/old/runbook.md']);
  });

  it('suggests nothing when nothing is near: only the name in common and the folder gone, or two as near', () => {
    const gone = linkFindings({ 'log/MASTER.md': master('[obs](../07-Observability/issues.md)'), '02-Database/issues.md': PHASE, '03-Frontend/issues.md': PHASE });
    assert.deepEqual(gone.found.map((d) => [d.code, suggestionOf(d)]), [['broken-link', undefined]]);
    const single = linkFindings({ 'log/MASTER.md': master('[obs](../07-Observability/issues.md)'), '02-Database/issues.md': PHASE });
    assert.deepEqual(single.found.map(suggestionOf), [undefined]);
    const tie = linkFindings({ 'log/MASTER.md': master('[n](../notes/runbook.md)'), 'notes/x.md': '# X\n', 'a/runbook.md': '# R\n', 'b/runbook.md': '# R\n' });
    assert.deepEqual(tie.found.map(suggestionOf), [undefined]);
  });

  it('else a file of a similar name in the same folder, keeping its numbers', () => {
    const { found } = linkFindings({
      'log/MASTER.md': master('[a](../phase/isues.md) [b](../phase/postmortem-3.md)'),
      'phase/issues.md': PHASE,
      'phase/postmortem-2.md': '# Postmortem\n',
    });
    assert.deepEqual(found.map(suggestionOf), ['../phase/issues.md', undefined]);
  });

  it('never suggests an excluded file or one outside the workspace folders', () => {
    const files = { 'log/MASTER.md': master('See [db](../02-Database/issues.md).'), 'archive/02-Database/issues.md': PHASE };
    assert.deepEqual(linkFindings(files, 'log/MASTER.md', { exclude: ['archive/**'] }).found.map(suggestionOf), [undefined]);
    const ws = workspace({ 'log/MASTER.md': master('See [db](../02-Database/issues.md).') });
    ws.index.set(readDocument('file:///elsewhere/02-Database/issues.md', PHASE, ws.index.options));
    assert.deepEqual(ws.diagnostics('log/MASTER.md').map(suggestionOf), [undefined]);
  });

  it('writes a link from the workspace root from the root', () => {
    const { found } = linkFindings({ 'log/MASTER.md': master('See [db](/02-Database/issues.md).'), 'archive/02-Database/issues.md': PHASE });
    assert.deepEqual(found.map(suggestionOf), ['/archive/02-Database/issues.md']);
  });
});

describe('suggestions for broken anchors', () => {
  const anchors = (fragment: string) => linkFindings({ 'log/MASTER.md': master(`[x](../phase/issues.md#${fragment})`, '', '## Lessons Learned'), 'phase/issues.md': PHASE }).found.map(suggestionOf);
  it('the heading with the same issue number, whatever title the fragment carried', () => {
    assert.deepEqual(anchors('issue-3'), ['issue-3-slow-queries']);
    assert.deepEqual(anchors('issue-3-old-title'), ['issue-3-slow-queries']);
    assert.deepEqual(anchors('user-content-issue-1'), ['issue-1-pool-exhaustion']);
  });
  it('the heading with the same ID', () => {
    const ids = (fragment: string) => linkFindings({ 'log/MASTER.md': master(`[x](#${fragment})`, '', '### CRIT-002: Memory Leak', '- **Status**: Open') }).found.map(suggestionOf);
    assert.deepEqual(ids('crit-001'), ['crit-001-pool']);
    assert.deepEqual(ids('CRIT-002-old-title'), ['crit-002-memory-leak']);
  });
  it('else the closest id, never one of another number', () => {
    assert.deepEqual(anchors('slow-querys'), [undefined]);
    const own = linkFindings({ 'log/MASTER.md': master('[x](#lessons-learnd) [y](#issue-2)', '', '## Lessons Learned', '', '## Issue 20') }).found;
    assert.deepEqual(own.map(suggestionOf), ['lessons-learned', undefined]);
  });
});

describe('the quick fixes apply the suggestions', () => {
  const apply = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);

  function fixOf(files: Record<string, string>, rel: string) {
    const ws = workspace(files);
    const d = ws.diagnostics(rel).find((x) => x.code === 'broken-link' || x.code === 'broken-anchor')!;
    const ctx = { index: ws.index, getText: (uri: string) => (uri === uriOf(rel) ? files[rel] : undefined) };
    const [action] = provideCodeActions(ctx, uriOf(rel), d.range, { diagnostics: [d] }, '2025-08-02');
    return { action, edits: action?.edit?.changes?.[uriOf(rel)] ?? [], ws };
  }

  it('replaces the path part of a broken link, keeping its fragment, and the link then resolves', () => {
    const text = master('See [db](../02-Database/issues.md#issue-1) here.');
    const files = { 'log/MASTER.md': text, 'archive/02-Database/issues.md': PHASE };
    const { action, edits } = fixOf(files, 'log/MASTER.md');
    assert.equal(action.kind, 'quickfix');
    assert.deepEqual(edits, [{ range: { start: { line: 5, character: 9 }, end: { line: 5, character: 41 } }, newText: '../archive/02-Database/issues.md#issue-1' }]);
    const fixed = apply(text, edits);
    assert.deepEqual(workspace({ ...files, 'log/MASTER.md': fixed }).codes('log/MASTER.md').filter((c) => c.startsWith('broken')), ['broken-anchor@6']);
  });

  it('writes the path encoded as the link was', () => {
    assert.equal(replaceLinkPath('../retro%20notes.md#x', '../archive/retro notes.md', false), '../archive/retro%20notes.md#x');
    assert.equal(replaceLinkPath('../retro notes.md', '../archive/retro notes.md', true), '../archive/retro notes.md');
    assert.equal(replaceLinkPath('./a.md?plain=1#L3', './b c.md', false), './b%20c.md?plain=1#L3');
  });

  it('changes the fragment of a broken anchor to the same entry’s heading', () => {
    const text = master('[x](../phase/issues.md#issue-3)');
    const { edits } = fixOf({ 'log/MASTER.md': text, 'phase/issues.md': PHASE }, 'log/MASTER.md');
    assert.deepEqual(edits, [{ range: { start: { line: 5, character: 4 }, end: { line: 5, character: 30 } }, newText: '../phase/issues.md#issue-3-slow-queries' }]);
  });
});
