/**
 * A request that pauses answers over one version of the workspace: the snapshot's pause rejects once
 * the index changed meanwhile (the server then answers ContentModified, and the client asks again).
 */
import * as assert from 'node:assert/strict';
import { IndexChangedError } from '../../server/src/core/features/context';
import { provideReferences } from '../../server/src/core/features/references';
import { readDocument } from '../../server/src/core/document';
import { pauseOn } from '../../server/src/lsp/snapshot';
import { joinLines, uriOf, workspace } from './helpers';

const LOG = joinLines('# Log', '', '### CRIT-001: Pool', '- **Status**: Open', '', 'See CRIT-001.');

describe('snapshot pause', () => {
  it('lets a request go on while the index stays as it was', async () => {
    const ws = workspace({ 'log.md': LOG });
    const pause = pauseOn(ws.index, () => Promise.resolve());
    await pause();
    await pause();
  });

  it('rejects with IndexChangedError once a document changed while the request paused', async () => {
    const ws = workspace({ 'log.md': LOG });
    const edit = () => ws.index.set(readDocument(uriOf('other.md'), 'CRIT-001 again\n', ws.index.options));
    const pause = pauseOn(ws.index, async () => edit());
    await assert.rejects(pause(), IndexChangedError);
  });

  it('stops a references request that pauses while the workspace changes', async () => {
    // Enough documents that references pauses (every 50 documents) before it is done.
    const files: Record<string, string> = { 'log.md': LOG };
    for (let i = 0; i < 120; i++) files[`notes/n${i}.md`] = `CRIT-001 in note ${i}\n`;
    const ws = workspace(files);
    let edited = false;
    const ctx = {
      index: ws.index,
      getText: () => undefined,
      pause: pauseOn(ws.index, async () => {
        if (!edited) ws.index.set(readDocument(uriOf('notes/n0.md'), 'no mention now\n', ws.index.options));
        edited = true;
      }),
    };
    const line = LOG.split('\n').indexOf('### CRIT-001: Pool');
    await assert.rejects(provideReferences(ctx, uriOf('log.md'), { line, character: 6 }, true), IndexChangedError);
    // Without a change the same request answers, with every mention.
    const quiet = { ...ctx, pause: pauseOn(ws.index, () => Promise.resolve()) };
    const refs = await provideReferences(quiet, uriOf('log.md'), { line, character: 6 }, true);
    assert.ok(refs && refs.length >= 120);
  });
});
