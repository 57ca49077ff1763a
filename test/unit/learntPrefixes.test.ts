/**
 * Prefixes learnt from the workspace (contract v2): a prefix is known when configured, when it heads
 * an ID entry with a field, or two ID entries; only known prefixes make entries and are judged as
 * mentions. Learning and forgetting follow edits, in the index and in the server.
 */
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { resolveOptions } from '../../server/src/core/config';
import { readDocument } from '../../server/src/core/document';
import { localToday } from '../../server/src/core/durations';
import { InMemoryWorkspace } from '../lsp/inMemoryWorkspace';
import { startInProcess, type InProcessClient } from '../lsp/inProcess';
import { diagnosticsOf, indexOf, joinLines, uriOf, workspace } from './helpers';

const ids = (d: Diagnostic[]) => d.map((x) => `${x.code}:${(x.data as { id?: string } | undefined)?.id ?? ''}@${x.range.start.line + 1}`);

describe('learnt prefixes', () => {
  it('learns a prefix from one entry with a field: its entries count and its mentions are judged', () => {
    const ws = workspace({ 'LOG.md': joinLines('# Bugs', '### BUG-001: Crash', '- **Status**: Open', '', 'Related: BUG-543.'), 'NOTES.md': joinLines('# Notes', 'See BUG-001.') });
    assert.equal(ws.index.knownPrefixes.get('BUG'), undefined);
    assert.ok(ws.index.knownPrefixes.has('BUG'));
    assert.deepEqual(ws.index.get(uriOf('LOG.md'))!.entries.map((e) => e.id), ['BUG-001']);
    assert.deepEqual(ids(ws.diagnostics('LOG.md')), ['undefined-issue:BUG-543@5']);
    assert.deepEqual(ws.index.definedIds(), ['BUG-001']);
  });

  it('learns a prefix from two entries without fields, in two documents', () => {
    const ws = workspace({ 'A.md': joinLines('### ZED-1: One', '', 'See ZED-3.'), 'B.md': joinLines('### ZED-2 — Two') });
    assert.ok(ws.index.knownPrefixes.has('ZED'));
    assert.deepEqual(ids(ws.diagnostics('A.md')), ['undefined-issue:ZED-3@3']);
  });

  it('does not learn a prefix from one entry without fields, from a field it does not know, nor from one ID twice', () => {
    const ws = workspace({
      'A.md': joinLines('### ZED-1: One', '', 'See ZED-3.'),
      'B.md': joinLines('## UTF-8: notes', '- **Note**: one byte or more', '', 'UTF-16 too.'),
      'C.md': joinLines('## UTF-8: more notes', '', 'UTF-16 too.'),
    });
    assert.ok(!ws.index.knownPrefixes.has('ZED'));
    assert.ok(!ws.index.knownPrefixes.has('UTF'));
    assert.deepEqual(ws.index.get(uriOf('A.md'))!.entries, []);
    assert.equal(ws.index.get(uriOf('A.md'))!.isLog, false);
    assert.deepEqual(ws.index.logs(), []);
    assert.deepEqual(ws.diagnostics('A.md'), []);
    assert.deepEqual(ws.diagnostics('B.md'), []);
    assert.deepEqual(ws.diagnostics('C.md'), []);
  });

  it('learns and forgets by edits, and every consumer sees the same', () => {
    const options = resolveOptions();
    const ws = workspace({ 'B.md': joinLines('### CRIT-001: Known', '- **Status**: Open', '', 'See ZED-9.') });
    const index = ws.index;
    const a = uriOf('A.md');
    const without = joinLines('### ZED-1: x', '', 'See ZED-2.');
    const withField = joinLines('### ZED-1: x', '- **Status**: Open', '', 'See ZED-2.');
    index.set(readDocument(a, without, options));
    const structure = index.structureVersion;
    assert.deepEqual(ids(ws.diagnostics('B.md')), []);
    index.set(readDocument(a, withField, options));
    assert.notEqual(index.structureVersion, structure);
    assert.deepEqual(ids(ws.diagnostics('A.md')), ['undefined-issue:ZED-2@4']);
    assert.deepEqual(ids(ws.diagnostics('B.md')), ['undefined-issue:ZED-9@4']);
    assert.deepEqual(index.allIssues().map((i) => i.key).sort(), ['I:CRIT-001', 'I:ZED-1']);
    index.set(readDocument(a, without, options));
    assert.ok(!index.knownPrefixes.has('ZED'));
    assert.deepEqual(ids(ws.diagnostics('A.md')), []);
    assert.deepEqual(ids(ws.diagnostics('B.md')), []);
    assert.deepEqual(index.allIssues().map((i) => i.key), ['I:CRIT-001']);
    index.delete(uriOf('B.md'));
    index.set(readDocument(a, withField, options));
    assert.ok(index.knownPrefixes.has('ZED'));
    index.delete(a);
    assert.ok(!index.knownPrefixes.has('ZED'));
  });

  it('hands out a document whose candidates are all known as itself, and a view that stays the same object', () => {
    const ws = workspace({ 'A.md': joinLines('### CRIT-001: Known', '- **Status**: Open'), 'B.md': joinLines('# Readme', 'HTTP-2 and SHA-256.') });
    const a = ws.index.get(uriOf('A.md'))!;
    assert.equal(a, ws.index.candidates(uriOf('A.md')));
    const b = ws.index.get(uriOf('B.md'))!;
    assert.notEqual(b, ws.index.candidates(uriOf('B.md')));
    assert.equal(ws.index.get(uriOf('B.md')), b);
    assert.deepEqual(b.mentions, []);
    assert.equal(ws.index.candidates(uriOf('B.md'))!.mentions.length, 2);
  });

  it('the server: typing a field under `### ZED-1: x` and deleting it give the diagnostics of a fresh analysis', async function () {
    this.timeout(60000);
    const files = { 'A.md': joinLines('# A', '### ZED-1: x', '', 'See ZED-2.'), 'B.md': joinLines('# B', '### CRIT-001: Known', '- **Status**: Open', '', 'See ZED-9.') };
    const ws = new InMemoryWorkspace(files);
    let client: InProcessClient | undefined;
    try {
      client = await startInProcess(ws);
      const a = ws.uri('A.md');
      const b = ws.uri('B.md');
      const fresh = (text: string, uri: string) => diagnosticsOf(indexOf(new InMemoryWorkspace({ ...files, 'A.md': text }, ws.root), resolveOptions()), uri, localToday());
      const same = (x: Diagnostic[], y: Diagnostic[]) => JSON.stringify(x) === JSON.stringify(y);
      let doc = TextDocument.create(a, 'markdown', 1, files['A.md']);
      await client.open(a, doc.getText());
      const field = '- **Status**: Open\n';
      const at = doc.offsetAt({ line: 2, character: 0 });
      for (const change of [
        { range: { start: doc.positionAt(at), end: doc.positionAt(at) }, text: field },
        { range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, text: '' },
      ]) {
        doc = TextDocument.update(doc, [change], doc.version + 1);
        const version = await client.edit(a, [change]);
        const published = await client.waitForVersion(a, version);
        assert.deepEqual(JSON.parse(JSON.stringify(published)), JSON.parse(JSON.stringify(fresh(doc.getText(), a))));
        const expectB = fresh(doc.getText(), b);
        const gotB = await client.waitForDiagnostics(b, (d) => same(JSON.parse(JSON.stringify(d)), JSON.parse(JSON.stringify(expectB))), 'B.md as a fresh analysis');
        assert.equal(gotB.length, expectB.length);
      }
      // Learnt after the first edit, forgotten after the second: the fresh analyses differ in between.
      assert.deepEqual(ids(fresh(joinLines('# A', '### ZED-1: x', '- **Status**: Open', '', 'See ZED-2.'), b)), ['undefined-issue:ZED-9@5']);
      assert.deepEqual(ids(fresh(files['A.md'], b)), []);
    } finally {
      await client?.stop();
    }
  });
});
