/**
 * Large open documents (issue 11): one over `maxFileSize` is not checked (one `not-checked`
 * information diagnostic, a log line, nothing in the index); a large one is read in the background
 * (in slices on the server's thread here: the in-memory environment has no worker; or by the Node
 * reader on a worker thread, given as `openTexts`), while requests on other documents are answered and
 * requests on it get the "not yet" answer (null); a read over the time limit is reported as not
 * checked; once read, its diagnostics are those of a fresh analysis, and edits stay incremental.
 * In process (inProcess.ts): it is about what the server computes and when, not the transport.
 */
import * as assert from 'node:assert/strict';
import { DidChangeConfigurationNotification, HoverRequest, type Diagnostic, type Hover } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { resolveOptions } from '../../server/src/core/config';
import { localToday } from '../../server/src/core/durations';
import { PoolTextReader } from '../../server/src/node/openTextReader';
import { diagnosticsOf, indexOf, joinLines } from '../unit/helpers';
import { bigLog } from './bigLog';
import { InMemoryWorkspace } from './inMemoryWorkspace';
import { startInProcess, type InProcessClient } from './inProcess';

const SMALL = joinLines('# Log', '', '### HOT-001: Hot Path', '- **Status**: Open');
/** Where the hover on SMALL's entry is, and the range it answers with. */
const SMALL_HOVER = { line: 2, character: 5 };
const SMALL_HOVER_RANGE = { start: { line: 2, character: 4 }, end: { line: 2, character: 11 } };

const plain = (d: Diagnostic[]) => JSON.parse(JSON.stringify(d)) as Diagnostic[];
const codes = (d: Diagnostic[]) => d.map((x) => x.code);

describe('LSP large open documents (in process)', function () {
  let client: InProcessClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  /** The diagnostics of `rel` in a fresh analysis of `files`, in the same folder as `ws`. */
  const fresh = (ws: InMemoryWorkspace, files: Record<string, string>, rel: string) => diagnosticsOf(indexOf(new InMemoryWorkspace(files, ws.root), resolveOptions()), ws.uri(rel), localToday());

  const hover = (c: InProcessClient, uri: string, position: { line: number; character: number }) => c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }) as Promise<Hover | null>;


  it('a 1 MB log being read: a hover on a small document is answered, one on the big log gets null; then its diagnostics are a fresh check', async function () {
    this.timeout(240000);
    const ws = new InMemoryWorkspace({ 'small.md': SMALL });
    client = await startInProcess(ws);
    const small = ws.uri('small.md');
    await client.open(small, SMALL);
    await client.waitForVersion(small, 1, 10000);
    const text = bigLog(1024 * 1024);
    const big = ws.uri('big.md');
    await client.open(big, text);
    const [onSmall, onBig] = await Promise.all([hover(client, small, SMALL_HOVER), hover(client, big, { line: 8, character: 6 })]);
    assert.deepEqual(onSmall?.range, SMALL_HOVER_RANGE);
    // Not read yet: no answer from facts that are not the editor's text.
    assert.equal(onBig, null);

    const published = await client.waitForVersion(big, 1, 200000);
    assert.deepEqual(plain(published), plain(fresh(ws, { 'small.md': SMALL, 'big.md': text }, 'big.md')));
    assert.deepEqual(new Set(codes(published)), new Set(['stale-stat', 'duplicate-issue', 'undefined-issue', 'broken-anchor']));
    const read = await hover(client, big, { line: 8, character: 6 });
    assert.deepEqual(read?.range, { start: { line: 8, character: 4 }, end: { line: 8, character: 14 } });
  });

  it('an open document over maxFileSize gets one not-checked diagnostic, is logged once, answers nothing; under the limit again it is checked', async function () {
    this.timeout(60000);
    const ws = new InMemoryWorkspace({ 'small.md': SMALL });
    // 0.02 MB: about 21 KB.
    client = await startInProcess(ws, { settings: { maxFileSizeMB: 0.02 } });
    const big = ws.uri('big.md');
    const text = bigLog(30 * 1024, 'LARGE');
    await client.open(big, text);
    const first = await client.waitForVersion(big, 1, 10000);
    assert.deepEqual(
      first.map((d) => ({ code: d.code, severity: d.severity, range: d.range })),
      [{ code: 'not-checked', severity: 3, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }],
    );
    assert.equal(await hover(client, big, { line: 8, character: 6 }), null);
    // Still too large after an edit: still not checked, and not logged again.
    const v2 = await client.edit(big, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    assert.deepEqual(codes(await client.waitForVersion(big, v2, 10000)), ['not-checked']);
    assert.equal(client.logs.filter((l) => l.includes('big.md') && /over the .* limit/.test(l)).length, 1);
    // The other documents are checked as usual.
    await client.open(ws.uri('small.md'), SMALL);
    assert.deepEqual((await hover(client, ws.uri('small.md'), SMALL_HOVER))?.range, SMALL_HOVER_RANGE);
    // Cut under the limit: read and checked.
    const shorter = bigLog(10 * 1024, 'LARGE');
    const v3 = await client.change(big, shorter);
    assert.deepEqual(plain(await client.waitForVersion(big, v3, 10000)), plain(fresh(ws, { 'small.md': SMALL, 'big.md': shorter }, 'big.md')));
  });

  it('a read in slices over the time limit: the document is not checked, the server goes on', async function () {
    this.timeout(60000);
    const ws = new InMemoryWorkspace({ 'small.md': SMALL });
    client = await startInProcess(ws, { openTexts: { backgroundChars: 1000, timeLimit: () => 0 } });
    const big = ws.uri('big.md');
    await client.open(big, bigLog(100 * 1024));
    assert.deepEqual(codes(await client.waitForVersion(big, 1, 30000)), ['not-checked']);
    assert.ok(client.logs.some((l) => l.includes('big.md') && l.includes('took longer than 0 s to parse; not checked')), client.logs.join('\n'));
    await client.open(ws.uri('small.md'), SMALL);
    assert.deepEqual((await hover(client, ws.uri('small.md'), SMALL_HOVER))?.range, SMALL_HOVER_RANGE);
  });

  it('a read on a worker thread over the time limit: the document is not checked, the server goes on', async function () {
    this.timeout(60000);
    const ws = new InMemoryWorkspace({ 'small.md': SMALL });
    client = await startInProcess(ws, { openTexts: { backgroundChars: 1000, reader: new PoolTextReader({ timeLimitMs: 1, timeLimitPerMBMs: 0 }) } });
    const big = ws.uri('big.md');
    await client.open(big, bigLog(100 * 1024));
    assert.deepEqual(codes(await client.waitForVersion(big, 1, 30000)), ['not-checked']);
    assert.ok(client.logs.some((l) => l.includes('big.md') && l.includes('took longer than 0 s to parse; not checked')), client.logs.join('\n'));
    await client.open(ws.uri('small.md'), SMALL);
    assert.deepEqual((await hover(client, ws.uri('small.md'), SMALL_HOVER))?.range, SMALL_HOVER_RANGE);
  });

  it('a large document closed: saved, the index keeps what it read; unsaved, its file is read again in the background; both as a fresh check', async function () {
    this.timeout(120000);
    const saved = bigLog(40 * 1024, 'SAVED');
    const onDisk = bigLog(40 * 1024, 'UNSAVED');
    const ws = new InMemoryWorkspace({ 'small.md': SMALL, 'saved.md': saved, 'unsaved.md': onDisk });
    client = await startInProcess(ws, { openTexts: { backgroundChars: 4000 } });
    const files = { 'small.md': SMALL, 'saved.md': saved, 'unsaved.md': onDisk };
    await client.open(ws.uri('saved.md'), saved);
    await client.waitForVersion(ws.uri('saved.md'), 1, 60000);
    await client.close(ws.uri('saved.md'));
    assert.deepEqual((await hover(client, ws.uri('saved.md'), { line: 8, character: 6 }))?.range, { start: { line: 8, character: 4 }, end: { line: 8, character: 15 } });
    assert.deepEqual(plain(client.diagnostics(ws.uri('saved.md'))!), plain(fresh(ws, files, 'saved.md')));

    // Edited, not saved: the statistic is corrected, so the file's diagnostics differ from the editor's.
    const edited = onDisk.replace('**Total Issues**: 0', `**Total Issues**: ${onDisk.split('\n### UNSAVED-').length - 2}`);
    assert.notDeepEqual(plain(fresh(ws, { ...files, 'unsaved.md': edited }, 'unsaved.md')), plain(fresh(ws, files, 'unsaved.md')));
    const uri = ws.uri('unsaved.md');
    await client.open(uri, edited);
    assert.deepEqual(plain(await client.waitForVersion(uri, 1, 60000)), plain(fresh(ws, { ...files, 'unsaved.md': edited }, 'unsaved.md')));
    const before = client.published.length;
    await client.close(uri);
    await client.waitFor(() => client!.published.slice(before).some((p) => p.uri === uri && p.version === undefined), 'the closed file read again', 60000);
    assert.deepEqual(plain(client.diagnostics(uri)!), plain(fresh(ws, files, 'unsaved.md')));
  });

  it('a whole new text that differs by more than backgroundChars is read in the background; so is the document after a re-index', async function () {
    this.timeout(120000);
    const ws = new InMemoryWorkspace({ 'small.md': SMALL });
    client = await startInProcess(ws, { openTexts: { backgroundChars: 4000 } });
    const big = ws.uri('big.md');
    const first = bigLog(40 * 1024);
    await client.open(big, first);
    assert.deepEqual(plain(await client.waitForVersion(big, 1, 60000)), plain(fresh(ws, { 'small.md': SMALL, 'big.md': first }, 'big.md')));
    const other = bigLog(40 * 1024, 'OTHER');
    const v2 = await client.change(big, other);
    assert.equal(await hover(client, big, { line: 8, character: 6 }), null, 'not read yet');
    assert.deepEqual(plain(await client.waitForVersion(big, v2, 60000)), plain(fresh(ws, { 'small.md': SMALL, 'big.md': other }, 'big.md')));
    // A setting that re-indexes: every open document is read again (this one in the background), and
    // an edit made then is read after it.
    const indexed = client.logs.filter((l) => l.startsWith('Indexed')).length;
    client.settings = { maxFileSizeMB: 4 };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.waitFor(() => client!.logs.filter((l) => l.startsWith('Indexed')).length > indexed, 'the re-index', 60000);
    const edited = other.replace('**Total Issues**: 0', '**Total Issues**: 3');
    const v3 = await client.change(big, edited);
    assert.deepEqual(plain(await client.waitForVersion(big, v3, 60000)), plain(fresh(ws, { 'small.md': SMALL, 'big.md': edited }, 'big.md')));
    assert.deepEqual((await hover(client, big, { line: 8, character: 6 }))?.range, { start: { line: 8, character: 4 }, end: { line: 8, character: 15 } });
  });

  for (const where of ['in slices', 'on a worker thread'] as const) {
    it(`read ${where}: edits during the read, small edits after it and a large paste each give a fresh check's diagnostics`, async function () {
      this.timeout(120000);
      const ws = new InMemoryWorkspace({ 'small.md': SMALL });
      // The Node reader, counted: its reads are the ones that came back read.
      const pool = new PoolTextReader();
      let readOnWorker = 0;
      const reader = { read: (...a: Parameters<PoolTextReader['read']>) => pool.read(...a).then((r) => ((readOnWorker += r.ok ? 1 : 0), r)) };
      client = await startInProcess(ws, { openTexts: { backgroundChars: 4000, reader: where === 'on a worker thread' ? reader : undefined } });
      const big = ws.uri('big.md');
      let doc = TextDocument.create(big, 'markdown', 1, bigLog(40 * 1024));
      void client.open(big, doc.getText());
      const expect = async (version: number, what: string) => {
        const published = await client!.waitForVersion(big, version, 60000);
        assert.deepEqual(plain(published), plain(fresh(ws, { 'small.md': SMALL, 'big.md': doc.getText() }, 'big.md')), what);
      };
      const edit = async (at: number, del: number, text: string) => {
        const change = { range: { start: doc.positionAt(at), end: doc.positionAt(at + del) }, text };
        doc = TextDocument.update(doc, [change], doc.version + 1);
        return client!.edit(big, [change]);
      };
      // While it is being read: an entry's status changes, and a statistic is corrected.
      await edit(doc.getText().indexOf('Resolved'), 'Resolved'.length, 'Open');
      const v = await edit(doc.getText().indexOf('**Total Issues**: 0') + '**Total Issues**: '.length, 1, '7');
      assert.equal(await hover(client, big, { line: 8, character: 6 }), null, 'not read yet');
      await expect(v, 'edits made during the read');
      // After it: small edits (the blocks they touch), then a paste larger than backgroundChars.
      await expect(await edit(doc.getText().indexOf('### CRIT-00010'), 0, '### CRIT-77777: Typed\n- **Status**: Open\n\n'), 'a small edit');
      await expect(await edit(doc.getText().length, 0, '\n' + bigLog(8 * 1024, 'PASTE')), 'a large paste');
      await expect(await edit(doc.getText().indexOf('PASTE-00003'), 5, 'CRIT-'), 'a small edit after the paste');
      // The open and the paste were read on the worker; the small edits were not.
      if (where === 'on a worker thread') assert.equal(readOnWorker, 2);
    });
  }
});
