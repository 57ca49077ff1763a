/**
 * Documents outside every workspace folder (an untitled buffer, a file opened from elsewhere) are
 * checked but define nothing for the workspace (issue 11): `check` never reads them, so they must not
 * change what the workspace's own files are told.
 */
import { strict as assert } from 'node:assert';
import { readDocument } from '../../server/src/core/document';
import { joinLines, workspace, type IndexedWorkspace } from './helpers';
import { diagnosticsOf } from './helpers';

const TODAY = '2025-08-02';
const UNTITLED = 'untitled:Untitled-1';
const OUTSIDE = 'file:///elsewhere/notes.md';

const log = joinLines('# Issue Log', '', '### CRIT-001: Pool exhaustion', '- **Status**: Open', '- **Severity**: Critical', '', 'See ZED-2 and CRIT-009.');

function withOutside(uri: string, text: string): IndexedWorkspace {
  const ws = workspace({ 'log.md': log });
  ws.index.set(readDocument(uri, text, ws.index.options));
  return ws;
}

const codesOf = (ws: IndexedWorkspace, uri: string) => diagnosticsOf(ws.index, uri, TODAY).map((d) => `${d.code}@${d.range.start.line + 1}`);

describe('documents outside the workspace folders', () => {
  for (const uri of [UNTITLED, OUTSIDE]) {
    describe(uri.split(':')[0] === 'untitled' ? 'an untitled buffer' : 'an open file outside every folder', () => {
      it('is no definition: a file of the workspace gets no duplicate-issue from it, and its IDs stay undefined there', () => {
        const ws = withOutside(uri, joinLines('### CRIT-001: Something else', '- **Status**: Open', '', '### CRIT-009: Only here', '- **Status**: Open'));
        assert.deepEqual(ws.codes('log.md'), ['undefined-issue@7']);
        assert.deepEqual(ws.index.idDefinitions().get('CRIT-009'), undefined);
        assert.equal(ws.index.idDefinitions().get('CRIT-001')?.length, 1);
      });

      it('is checked as a draft of the workspace: its own and the workspace IDs are defined, a taken ID is a duplicate there', () => {
        const ws = withOutside(uri, joinLines('### CRIT-001: Something else', '- **Status**: Open', '', 'Cites CRIT-001, CRIT-002 and CRIT-003.', '', '### CRIT-003: Mine', '- **Status**: Open'));
        assert.deepEqual(codesOf(ws, uri), ['duplicate-issue@1', 'undefined-issue@4']);
        const dup = diagnosticsOf(ws.index, uri, TODAY)[0];
        assert.deepEqual(dup.relatedInformation?.map((r) => r.location.uri), [ws.index.folders[0] + '/log.md']);
      });

      it('its duplicate-issue follows the lines of the other definition when that file changes (found by the session property test)', () => {
        const ws = withOutside(uri, joinLines('### CRIT-001: Something else', '- **Status**: Open'));
        const line = () => diagnosticsOf(ws.index, uri, TODAY)[0].relatedInformation?.map((r) => r.location.range.start.line);
        assert.deepEqual(line(), [2]);
        ws.index.set(readDocument(ws.index.folders[0] + '/log.md', '\n\n' + log, ws.index.options));
        assert.deepEqual(line(), [4]);
      });

      it('teaches the workspace no prefix, and counts in no statistics of the workspace', () => {
        const ws = withOutside(uri, joinLines('### ZED-1: One', '- **Status**: Open', '- **Severity**: High', '', '### ZED-2: Two', '- **Status**: Open'));
        assert.equal(ws.index.knownPrefixes.has('ZED'), false);
        assert.deepEqual(ws.codes('log.md'), ['undefined-issue@7']);
        assert.equal(ws.index.allStats().counts.total, 1);
        assert.deepEqual(
          ws.index.allIssues().map((i) => i.entries[0].uri),
          [ws.index.folders[0] + '/log.md'],
        );
      });
    });
  }

  it('an open file outside every folder that a log links to is existence-checked only (its anchors are not read)', () => {
    const ws = workspace({ 'log.md': joinLines('# Issue Log', '', '### CRIT-001: One', '- **Status**: Open', '', 'See [notes](../elsewhere/notes.md#nothing-here).') }, {}, ['../elsewhere/notes.md']);
    ws.index.set(readDocument(OUTSIDE, joinLines('# Notes'), ws.index.options));
    assert.deepEqual(ws.codes('log.md'), []);
  });
});
