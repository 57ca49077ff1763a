/**
 * The Open Issues answers (core/openIssues.ts) as the tree asks them: open issues or all of them, each with
 * its whole entry (`extent`, for "reveal the entry under the cursor") moved with its heading by an edit above.
 */
import * as assert from 'node:assert/strict';
import { readDocument } from '../../server/src/core/document';
import { OpenIssuesAnswers } from '../../server/src/core/openIssues';
import type { OpenIssuesDelta, OpenIssuesResult } from '../../server/src/protocol';
import { applyOpenIssuesAnswer } from '../../client/src/openIssuesModel';
import { joinLines, uriOf, workspace } from './helpers';

const LOG = joinLines(
  '# Issue Log',
  '',
  '### CRIT-001: Pool exhaustion',
  '- **Status**: Resolved',
  '',
  '### HIGH-001: Slow search',
  '- **Status**: Open',
  '- **Assigned**: Ana',
  '',
  '## Notes',
  'Free text.',
);

const lines = (r: OpenIssuesResult) => r.issues.map((i) => [i.id, i.statusClass, i.extent?.start.line, i.extent?.end.line, i.extent?.end.character]);

describe('Open Issues answers: open or all, with each entry’s extent', () => {
  it('gives the open issues by default and every issue with include: all, each with its status class', () => {
    const ws = workspace({ 'log.md': LOG });
    const answers = new OpenIssuesAnswers();
    assert.deepEqual(
      answers.whole(ws.index, { indexing: false }).issues.map((i) => [i.id, i.statusClass]),
      [['HIGH-001', 'open']],
    );
    assert.deepEqual(
      answers.whole(ws.index, { indexing: false, include: 'all' }).issues.map((i) => [i.id, i.statusClass]),
      [
        ['CRIT-001', 'resolved'],
        ['HIGH-001', 'open'],
      ],
    );
  });

  it('gives each entry from its heading to the next heading of its level or higher (end exclusive, at that line’s start)', () => {
    const ws = workspace({ 'log.md': LOG });
    const all = new OpenIssuesAnswers().whole(ws.index, { indexing: false, include: 'all' });
    // CRIT-001: lines 2-4, ends where HIGH-001 starts (line 5); HIGH-001 ends where `## Notes` starts (line 9).
    assert.deepEqual(lines(all), [
      ['CRIT-001', 'resolved', 2, 5, 0],
      ['HIGH-001', 'open', 5, 9, 0],
    ]);
  });

  it('answers a switch between open and all with the whole list, not a delta of the other question', () => {
    const ws = workspace({ 'log.md': LOG });
    const answers = new OpenIssuesAnswers();
    const open = answers.whole(ws.index, { indexing: false });
    const all = answers.answer(ws.index, { indexing: false, include: 'all', knownVersion: open.version });
    assert.equal(all.kind, 'full');
    assert.notEqual(all.version, open.version);
    assert.equal((all as OpenIssuesResult).issues.length, 2);
  });

  it('moves the extent with the heading when an edit above shifts an entry', () => {
    const ws = workspace({ 'log.md': LOG });
    const answers = new OpenIssuesAnswers();
    const held = answers.whole(ws.index, { indexing: false, include: 'all' });
    ws.index.set(readDocument(uriOf('log.md'), LOG.replace('# Issue Log\n', '# Issue Log\n\nIntro.\n'), ws.index.options));
    const delta = answers.answer(ws.index, { indexing: false, include: 'all', knownVersion: held.version });
    assert.equal(delta.kind, 'delta');
    assert.deepEqual((delta as OpenIssuesDelta).changed, []);
    const after = applyOpenIssuesAnswer(held, delta);
    assert.ok(after);
    assert.deepEqual(lines(after), [
      ['CRIT-001', 'resolved', 4, 7, 0],
      ['HIGH-001', 'open', 7, 11, 0],
    ]);
  });
});
