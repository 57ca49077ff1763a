/**
 * The server's state stays true (issue 11): what the editor has open outside the workspace defines
 * nothing for it; a change with the version already read is read; watched-file events are checked
 * against the disk. In process over an in-memory workspace (inProcess.ts). A run of the server has
 * settled when it sends issueLog/indexChanged (the end of a complete publishing run).
 */
import * as assert from 'node:assert/strict';
import { DidChangeTextDocumentNotification, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { joinLines } from '../unit/helpers';
import { FileChangeType } from './client';
import { startInProcess, type InProcessClient } from './inProcess';
import { InMemoryWorkspace } from './inMemoryWorkspace';

const codes = (d: Diagnostic[] | undefined) => (d ?? []).map((x) => `${x.code}@${x.range.start.line + 1}`);

const LOG = joinLines('# Issue Log', '', '### CRIT-001: Pool exhaustion', '- **Status**: Open', '', 'Fixed as in [the phase](phase/issues.md#crit-002-memory-leak) and CRIT-002.');
const PHASE = joinLines('# Phase', '', '### CRIT-002: Memory leak', '- **Status**: Open');

describe('LSP server state (in process)', function () {
  let client: InProcessClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  /** Runs `step`, then waits until a complete publishing run after it has ended. */
  async function settled(step: () => Promise<unknown>): Promise<void> {
    const c = client!;
    const before = c.indexChanged.length;
    await step();
    await c.waitFor(() => c.indexChanged.length > before, 'a complete publishing run');
  }

  for (const uri of ['untitled:Untitled-1', 'file:///elsewhere/notes.md']) {
    it(`an open document outside the workspace (${uri.split(':')[0]}) is no definition for the files on disk`, async () => {
      const ws = new InMemoryWorkspace({ 'log.md': LOG, 'phase/issues.md': PHASE });
      client = await startInProcess(ws);
      const log = ws.uri('log.md');
      assert.deepEqual(codes(client.diagnostics(log)), []);
      await settled(() => client!.open(uri, joinLines('### CRIT-001: Another title', '- **Status**: Open', '', 'Cites CRIT-002.')));
      // Its own check sees the workspace: the ID taken there is a duplicate here, CRIT-002 is defined.
      assert.deepEqual(codes(client.diagnostics(uri)), ['duplicate-issue@1']);
      assert.deepEqual(codes(client.diagnostics(log)), []);
      await settled(() => client!.close(uri));
      assert.deepEqual(codes(client.diagnostics(log)), []);
    });
  }

  it('a didChange with the version already read is read: its text gets its diagnostics', async function () {
    const ws = new InMemoryWorkspace({ 'log.md': LOG, 'phase/issues.md': PHASE });
    client = await startInProcess(ws);
    const log = ws.uri('log.md');
    await client.open(log, LOG);
    const v2 = await client.change(log, LOG + joinLines('', 'Also CRIT-404.'));
    assert.deepEqual(codes(await client.waitForVersion(log, v2)), ['undefined-issue@8']);
    // The same version again, another text (a client that does not count its versions).
    const before = client.published.length;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: log, version: v2 }, contentChanges: [{ text: LOG + joinLines('', '', 'And CRIT-405.') }] });
    await client.waitFor(() => client!.published.slice(before).some((p) => p.uri === log && p.version === v2), 'diagnostics of the repeated version');
    assert.deepEqual(codes(client.diagnostics(log)), ['undefined-issue@9']);
  });

  it('a Deleted event for a file still on disk is read as a change, and a folder Deleted removes only what is gone', async () => {
    const ws = new InMemoryWorkspace({ 'log.md': LOG, 'phase/issues.md': PHASE, 'phase/more.md': joinLines('### CRIT-003: Other', '- **Status**: Open') });
    client = await startInProcess(ws);
    const log = ws.uri('log.md');
    assert.deepEqual(codes(client.diagnostics(log)), []);
    await settled(() => client!.fileEvents({ uri: ws.uri('phase/issues.md'), type: FileChangeType.Deleted }));
    assert.deepEqual(codes(client.diagnostics(log)), []);
    await settled(() => client!.fileEvents({ uri: ws.folderUri, type: FileChangeType.Deleted }));
    assert.deepEqual(codes(client.diagnostics(log)), []);
    // One file of the folder really gone: that one leaves, the other stays.
    ws.remove('phase/more.md');
    await settled(() => client!.fileEvents({ uri: ws.uri('phase'), type: FileChangeType.Deleted }));
    assert.deepEqual(codes(client.diagnostics(log)), []);
    ws.write('log.md', LOG + joinLines('', 'And CRIT-003.'));
    await settled(() => client!.fileEvents({ uri: log, type: FileChangeType.Deleted }));
    assert.deepEqual(codes(client.diagnostics(log)), ['undefined-issue@8']);
  });

  it('a folder event reads the files that came under it, and a Created for a file that is not there removes it', async () => {
    const ws = new InMemoryWorkspace({ 'log.md': LOG });
    client = await startInProcess(ws);
    const log = ws.uri('log.md');
    await client.waitForDiagnostics(log, (d) => codes(d).includes('undefined-issue@6'), 'CRIT-002 undefined');
    ws.write('phase/issues.md', PHASE);
    await settled(() => client!.fileEvents({ uri: ws.uri('phase'), type: FileChangeType.Created }));
    assert.deepEqual(codes(client.diagnostics(log)), []);
    // A file changed under a folder that the client reports by the folder's URI (found by the session property test).
    ws.write('phase/issues.md', PHASE.replace('CRIT-002', 'CRIT-003'));
    await settled(() => client!.fileEvents({ uri: ws.uri('phase'), type: FileChangeType.Deleted }));
    assert.deepEqual(codes(client.diagnostics(log)), ['broken-anchor@6', 'undefined-issue@6']);
    ws.remove('phase');
    await settled(() => client!.fileEvents({ uri: ws.uri('phase/issues.md'), type: FileChangeType.Created }));
    assert.deepEqual(codes(client.diagnostics(log)), ['broken-link@6', 'undefined-issue@6']);
  });
});
