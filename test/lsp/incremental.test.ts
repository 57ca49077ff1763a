/**
 * The server reads an open document again after each edit from the blocks the edit touched, using
 * the ranges of the editor's changes. Random range edits (one or several changes per notification)
 * must leave it with the diagnostics of a fresh analysis of the final text.
 */
import * as assert from 'node:assert/strict';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { localToday } from '../../server/src/core/durations';
import { resolveOptions } from '../../server/src/core/config';
import { computeDiagnostics, ruleOptions } from '../../server/src/core/rules';
import { loadWorkspace } from '../../server/src/node/loadWorkspace';
import { Gen, prng } from '../unit/randomMarkdown';
import { ensureBuilt, LspClient, seedWorkspace, type TempWorkspace } from './harness';

const SNIPPETS = ['7', '\n', '# ', '\n### CRIT-777: typed entry\n- **Status**: Open\n', '```\n', '- **Status**: Resolved\n', ' HIGH-003 ', '\n## Issue Summary Statistics\n- **Total Issues**: 2\n'];


describe('LSP incremental edits', function () {
  let ws: TempWorkspace;
  let client: LspClient | undefined;

  before(function () {
    this.timeout(120000);
    ensureBuilt();
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    ws.dispose();
  });

  it('range edits, alone and several per notification, give the diagnostics of a fresh analysis', async function () {
    this.timeout(120000);
    ws = seedWorkspace();
    const rel = '06-Master/MASTER-ISSUE-LOG.md';
    const uri = ws.uri(rel);
    client = await LspClient.start(ws.folderUri);
    let doc = TextDocument.create(uri, 'markdown', 1, ws.read(rel));
    await client.open(uri, doc.getText());
    const g = new Gen(prng(7));
    const fresh = (text: string) => {
      ws.write(rel, text);
      const loaded = loadWorkspace([ws.root], resolveOptions());
      return computeDiagnostics(loaded.index, URI.file(ws.path(rel)).toString(), ruleOptions(loaded.index.options, localToday()));
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
      await client.waitFor(() => client!.published.some((p) => p.uri === uri && p.version === version), `diagnostics of version ${version}`);
      const published: Diagnostic[] = client.published.filter((p) => p.uri === uri && p.version === version).pop()!.diagnostics;
      assert.deepEqual(JSON.parse(JSON.stringify(published)), JSON.parse(JSON.stringify(fresh(doc.getText()))), `after notification ${i + 1} (${n} change${n > 1 ? 's' : ''})`);
    }
  });
});
