/**
 * Which documents get the link rules (contract v2, "Documents and the workspace"; core/linkFamily.ts):
 * issue logs, and the documents that link to a log or that a log links to; with `checkLinks: all`,
 * every workspace document. Only the link rules run on a member that is not a log. Core, inline fixtures.
 */
import * as assert from 'node:assert/strict';
import { readDocument } from '../../server/src/core/document';
import { familyMembers } from '../../server/src/core/linkFamily';
import { FAMILY_EXPECTED, ALL_EXPECTED, FAMILY_FILES } from '../fixtures/familyWorkspace';
import { diagnosticsOf, joinLines, uriOf, workspace } from './helpers';

const LOG = joinLines('# Log', '', '### LOW-001: First', '- **Status**: Open', '', 'See [notes](notes.md).');
const everyCode = (ws: ReturnType<typeof workspace>, files: Record<string, string>, logs: string[] = []) =>
  Object.keys(files)
    .filter((f) => !logs.includes(f))
    .flatMap((f) => ws.codes(f).map((c) => `${f}: ${c}`))
    .sort();

describe('link family', () => {
  it('checks the links of a document that links to a log, and of one a log links to', () => {
    const files = {
      'log.md': LOG,
      'notes.md': joinLines('# Notes', '', '[gone](gone.md) and [bad](log.md#no-such-heading).'),
      'index.md': joinLines('# Index', '', '[the log](log.md#low-001-first), [moved](old/log.md), [anchor](log.md#nope)'),
    };
    const ws = workspace(files);
    assert.deepEqual(ws.codes('notes.md'), ['broken-link@3', 'broken-anchor@3']);
    assert.deepEqual(ws.codes('index.md'), ['broken-link@3', 'broken-anchor@3']);
    assert.deepEqual([...familyMembers(ws.index)].sort(), [uriOf('index.md'), uriOf('notes.md')]);
  });

  it('leaves alone a document with no link to or from a log, and one linked only from a non-log', () => {
    const files = {
      'log.md': joinLines('# Log', '', '### LOW-001: First', '- **Status**: Open'),
      'readme.md': joinLines('# Readme', '', '[gone](gone.md) and [other](other.md#nope).'),
      'other.md': joinLines('# Other', '', '[gone](gone.md)'),
    };
    const ws = workspace(files);
    assert.deepEqual(ws.codes('readme.md'), []);
    assert.deepEqual(ws.codes('other.md'), []);
    assert.deepEqual([...familyMembers(ws.index)], []);
  });

  it('runs only the link rules on a member that is not a log (no undefined-issue on its mentions)', () => {
    const ws = workspace({ 'log.md': LOG, 'notes.md': joinLines('# Notes', '', 'About HIGH-404 and [gone](gone.md).') });
    assert.deepEqual(ws.codes('notes.md'), ['broken-link@3']);
  });

  it('with checkLinks all, checks the links of every workspace document', () => {
    const files = { 'log.md': joinLines('# Log', '', '### LOW-001: First', '- **Status**: Open'), 'readme.md': joinLines('# Readme', '', 'About HIGH-404, [gone](gone.md).') };
    assert.deepEqual(workspace(files).codes('readme.md'), []);
    assert.deepEqual(workspace(files, { checkLinks: 'all' }).codes('readme.md'), ['broken-link@3']);
  });

  it('leaves a document outside every workspace folder as before: checked only when it is a log, and makes nothing a member', () => {
    const ws = workspace({ 'log.md': LOG, 'notes.md': '# Notes\n', 'other.md': joinLines('# Other', '', '[gone](gone.md)') });
    const opts = ws.index.options;
    const draft = 'file:///elsewhere/draft.md';
    ws.index.set(readDocument(draft, joinLines('# Draft', '', '[log](../ws/log.md) [gone](gone.md)'), opts));
    assert.deepEqual(diagnosticsOf(ws.index, draft, '2025-08-02'), []);
    // An outside log that links to other.md: other.md stays out (check never reads the outside log).
    const outsideLog = 'file:///elsewhere/log.md';
    ws.index.set(readDocument(outsideLog, joinLines('# Log', '', '### LOW-009: Draft', '- **Status**: Open', '', '[other](../ws/other.md)'), opts));
    assert.deepEqual(ws.codes('other.md'), []);
    // The same draft inside the workspace links to a log: it is checked.
    ws.index.set(readDocument(uriOf('draft.md'), joinLines('# Draft', '', '[log](log.md) [gone](gone.md)'), opts));
    assert.deepEqual(ws.codes('draft.md'), ['broken-link@3']);
  });

  it('follows membership as links and logs change (the memo of the diagnostics included)', () => {
    const files: Record<string, string> = { 'log.md': joinLines('# Log', '', 'Prose.'), 'toc.md': joinLines('# Contents', '', '[log](log.md#nope) [gone](gone.md)') };
    const ws = workspace(files);
    const opts = ws.index.options;
    assert.deepEqual(ws.codes('toc.md'), [], 'log.md is not a log yet');
    // log.md becomes a log: toc.md joins the family.
    ws.index.set(readDocument(uriOf('log.md'), joinLines('# Log', '', '### LOW-001: First', '- **Status**: Open'), opts));
    assert.deepEqual(ws.codes('toc.md'), ['broken-anchor@3', 'broken-link@3']);
    // toc.md drops its link to the log: it leaves.
    ws.index.set(readDocument(uriOf('toc.md'), joinLines('# Contents', '', '[gone](gone.md)'), opts));
    assert.deepEqual(ws.codes('toc.md'), []);
    // The log links to it: it is in again.
    ws.index.set(readDocument(uriOf('log.md'), joinLines('# Log', '', '### LOW-001: First', '- **Status**: Open', '', '[toc](toc.md)'), opts));
    assert.deepEqual(ws.codes('toc.md'), ['broken-link@3']);
  });

  it('reports the broken links of the family workspace in the index and the TOC, none in the README; all: the README too', () => {
    const logs = ['incidents/incident-1.md', 'incidents/incident-2.md', 'archive/incident-3.md', '06-Master/MASTER-ISSUE-LOG.md'];
    const ws = workspace(FAMILY_FILES);
    for (const log of logs) assert.ok(ws.index.get(uriOf(log))?.isLog, log);
    assert.ok(!ws.index.get(uriOf('incidents/INDEX.md'))?.isLog);
    assert.deepEqual(everyCode(ws, FAMILY_FILES, logs), FAMILY_EXPECTED);
    assert.deepEqual(everyCode(workspace(FAMILY_FILES, { checkLinks: 'all' }), FAMILY_FILES, logs), ALL_EXPECTED);
  });
});
