/**
 * Large open documents in the server binary (`node dist/cli.js lsp --stdio`, processServer.ts): what
 * is about the process, its worker thread and the transport. A 1 MB log is read on a worker thread
 * while a hover on another document is answered and one on it gets null; then its diagnostics are a
 * fresh analysis's. A 6 MB one (over the default 5 MB maxFileSize) is not checked, and the server
 * goes on. The rest is tested in process (largeDocuments.test.ts).
 */
import * as assert from 'node:assert/strict';
import { HoverRequest, type Diagnostic, type Hover } from 'vscode-languageserver-protocol/node';
import { resolveOptions } from '../../server/src/core/config';
import { localToday } from '../../server/src/core/durations';
import { diagnosticsOf, indexOf, joinLines } from '../unit/helpers';
import { bigLog } from './bigLog';
import { InMemoryWorkspace } from './inMemoryWorkspace';
import { ensureBuilt, startProcessServer, TempWorkspace, type ProcessClient } from './processServer';

const SMALL = joinLines('# Log', '', '### HOT-001: Hot Path', '- **Status**: Open');
const plain = (d: Diagnostic[]) => JSON.parse(JSON.stringify(d)) as Diagnostic[];

describe('LSP large open documents (the server binary)', function () {
  let ws: TempWorkspace;
  let client: ProcessClient | undefined;

  before(function () {
    this.timeout(120000);
    ensureBuilt();
  });

  beforeEach(() => {
    ws = new TempWorkspace({ 'small.md': SMALL });
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    ws.dispose();
  });

  const hover = (c: ProcessClient, uri: string, position: { line: number; character: number }) => c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }) as Promise<Hover | null>;

  it('a 1 MB log is read on a worker thread: hovers are answered meanwhile (null on it), then its diagnostics are a fresh check', async function () {
    this.timeout(240000);
    client = await startProcessServer(ws.folderUri);
    const small = ws.uri('small.md');
    await client.open(small, SMALL);
    await client.waitForVersion(small, 1, 10000);
    const text = bigLog(1024 * 1024);
    const big = ws.uri('big.md');
    await client.open(big, text);
    const [onSmall, onBig] = await Promise.all([hover(client, small, { line: 2, character: 5 }), hover(client, big, { line: 8, character: 6 })]);
    assert.deepEqual(onSmall?.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 11 } });
    assert.equal(onBig, null);
    const published = await client.waitForVersion(big, 1, 220000);
    const fresh = diagnosticsOf(indexOf(new InMemoryWorkspace({ 'small.md': SMALL, 'big.md': text }, ws.root), resolveOptions()), big, localToday());
    assert.deepEqual(plain(published), plain(fresh));
    assert.deepEqual((await hover(client, big, { line: 8, character: 6 }))?.range, { start: { line: 8, character: 4 }, end: { line: 8, character: 14 } });
  });

  it('a 6 MB log (over maxFileSize) is not checked: one not-checked diagnostic, and the server goes on', async function () {
    this.timeout(60000);
    client = await startProcessServer(ws.folderUri);
    const big = ws.uri('big.md');
    await client.open(big, bigLog(6 * 1024 * 1024));
    const d = await client.waitForVersion(big, 1, 30000);
    assert.deepEqual(
      d.map((x) => ({ code: x.code, severity: x.severity })),
      [{ code: 'not-checked', severity: 3 }],
    );
    assert.deepEqual((await hover(client, ws.uri('small.md'), { line: 2, character: 5 }))?.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 11 } });
    assert.ok(!client.server.exited);
  });
});
