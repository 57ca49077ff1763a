/**
 * The server reads an open document again after each edit from the blocks the edit touched, using
 * the ranges of the editor's changes. Random range edits (one or several changes per notification)
 * must leave it with the diagnostics of a fresh analysis of the final text. Run in process over an
 * in-memory workspace (inProcess.ts): it is about what the server computes, not the transport.
 */
import * as assert from 'node:assert/strict';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { resolveOptions } from '../../server/src/core/config';
import { localToday } from '../../server/src/core/durations';
import { diagnosticsOf, indexOf } from '../unit/helpers';
import { Gen, prng } from '../unit/randomMarkdown';
import { seedInMemory, startInProcess, type InProcessClient } from './inProcess';
import { InMemoryWorkspace } from './inMemoryWorkspace';
import { MASTER, seedFiles } from './seed';

const SNIPPETS = ['7', '\n', '# ', '\n### CRIT-777: typed entry\n- **Status**: Open\n', '```\n', '- **Status**: Resolved\n', ' HIGH-003 ', '\n## Issue Summary Statistics\n- **Total Issues**: 2\n'];

describe('LSP incremental edits (in process)', function () {
  let client: InProcessClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('range edits, alone and several per notification, give the diagnostics of a fresh analysis', async function () {
    this.timeout(60000);
    const ws = seedInMemory();
    const uri = ws.uri(MASTER);
    client = await startInProcess(ws);
    let doc = TextDocument.create(uri, 'markdown', 1, ws.read(MASTER));
    await client.open(uri, doc.getText());
    const g = new Gen(prng(7));
    // The same workspace (same folder) with the edited text, analysed from scratch.
    const fresh = (text: string) => {
      const copy = new InMemoryWorkspace({ ...seedFiles(), [MASTER]: text }, ws.root);
      return diagnosticsOf(indexOf(copy, resolveOptions()), uri, localToday());
    };
    for (let i = 0; i < 30; i++) {
      const changes: { range: Range; text: string }[] = [];
      const n = i % 5 === 4 ? 3 : 1;
      for (let j = 0; j < n; j++) {
        const text = doc.getText();
        const at = g.int(text.length + 1);
        const del = g.int(4) === 0 ? Math.min(g.int(60), text.length - at) : 0;
        const change = { range: { start: doc.positionAt(at), end: doc.positionAt(at + del) }, text: g.int(3) === 0 ? '' : g.pick(SNIPPETS) };
        changes.push(change);
        doc = TextDocument.update(doc, [change], doc.version + 1);
      }
      // Each notification is read on its own: the diagnostics of its version are awaited.
      const version = await client.edit(uri, changes);
      const published: Diagnostic[] = await client.waitForVersion(uri, version);
      assert.deepEqual(JSON.parse(JSON.stringify(published)), JSON.parse(JSON.stringify(fresh(doc.getText()))), `after notification ${i + 1} (${n} change${n > 1 ? 's' : ''})`);
    }
  });
});
