/**
 * The server's life as a client sees it, run in process over an in-memory workspace (inProcess.ts):
 * indexChanged after edits, a client without workspace folders or progress support. (Cancellation
 * over the wire is in binary.test.ts.)
 */
import * as assert from 'node:assert/strict';
import { DefinitionRequest } from 'vscode-languageserver-protocol/node';
import { OpenIssuesRequest } from '../../server/src/protocol';
import { joinLines } from '../unit/helpers';
import { InMemoryWorkspace } from './inMemoryWorkspace';
import { seedInMemory, startInProcess, type InProcessClient } from './inProcess';
import { MASTER } from './seed';

describe('LSP lifecycle (in process)', function () {
  let client: InProcessClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('sends issueLog/indexChanged when an edit changes the index', async () => {
    const ws = seedInMemory();
    client = await startInProcess(ws);
    assert.deepEqual(client.indexChanged[client.indexChanged.length - 1], { openCount: 2, logCount: 3 });
    const master = ws.uri(MASTER);
    const text = ws.read(MASTER);
    await client.open(master, text);
    await client.change(master, text.replace('### HIGH-002: N+1 Query Problem\n- **Phase**: Database Optimization\n- **Date**: [TBD]\n- **Status**: Resolved', '### HIGH-002: N+1 Query Problem\n- **Phase**: Database Optimization\n- **Date**: [TBD]\n- **Status**: Reopened'));
    await client.waitFor(() => client!.indexChanged.some((p) => p.openCount === 3), 'indexChanged with 3 open issues');
    const open = await client.connection.sendRequest(OpenIssuesRequest, {});
    assert.ok(open.issues.some((i) => i.id === 'HIGH-002' && i.status === 'Reopened'));
  });

  it('works without workspace folders or progress support: open documents only', async () => {
    // A file of a folder the server was not given: it knows only what the editor sends.
    const elsewhere = new InMemoryWorkspace();
    client = await startInProcess(undefined, { progress: false, definitionLinks: false });
    assert.deepEqual(client.indexChanged[0], { openCount: 0, logCount: 0 });
    assert.equal(client.progress.length, 0);
    const uri = elsewhere.uri('lonely.md');
    await client.open(uri, joinLines('# Log', '', '## Issue Summary Statistics', '- **Total Issues**: 2', '', '### OPEN-001: Flaky Test', '- **Severity**: Low', '', 'See OPEN-009.'));
    const d = await client.waitForDiagnostics(uri, (x) => x.length > 0, 'diagnostics of an open file outside any folder');
    assert.deepEqual(d.map((x) => [x.code, x.range.start.line, x.data && (x.data as { written?: number; id?: string }).id]), [['stale-stat', 3, undefined], ['undefined-issue', 8, 'OPEN-009']]);
    // This client declared no LocationLink support: definitions come as plain locations.
    const def = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 8, character: 6 } });
    assert.deepEqual(def, []);
    const self = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 5, character: 6 } });
    assert.deepEqual(self, [{ uri, range: { start: { line: 5, character: 4 }, end: { line: 5, character: 24 } } }]);
    await client.close(uri);
    await client.waitForDiagnostics(uri, (x) => x.length === 0, 'cleared on close');
  });
});
