/**
 * The server's life over JSON-RPC: cancellation of a slow request, indexChanged after edits, a
 * client without workspace folders or progress support.
 */
import * as assert from 'node:assert/strict';
import {
  CancellationTokenSource,
  DefinitionRequest,
  HoverRequest,
  ReferencesRequest,
  ResponseError,
  type Location,
} from 'vscode-languageserver-protocol/node';
import { OpenIssuesRequest } from '../../server/src/protocol';
import { ensureBuilt, joinLines, LspClient, seedWorkspace, TempWorkspace } from './harness';

const REQUEST_CANCELLED = -32800;

describe('LSP lifecycle', function () {
  let ws: TempWorkspace;
  let client: LspClient | undefined;

  before(function () {
    this.timeout(120000);
    ensureBuilt();
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    ws?.dispose();
  });

  it('survives $/cancelRequest on a slow workspace-wide request', async function () {
    this.timeout(60000);
    // Enough files that finding every mention takes many slices of the event loop.
    const files: Record<string, string> = { 'log.md': joinLines('# Log', '', '### CRIT-001: Hot Path', '- **Status**: Open') };
    const mentions = Array.from({ length: 40 }, (_, i) => `- Item ${i} relates to CRIT-001.`);
    for (let i = 0; i < 400; i++) files[`notes/n${String(i).padStart(3, '0')}.md`] = joinLines(`# Note ${i}`, '', ...mentions);
    ws = new TempWorkspace(files);
    client = await LspClient.start(ws.folderUri);
    const uri = ws.uri('log.md');
    const params = { textDocument: { uri }, position: { line: 2, character: 5 }, context: { includeDeclaration: true } };

    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest(ReferencesRequest.type, params, source.token);
    source.cancel();
    let outcome: 'cancelled' | 'answered';
    try {
      const r = await pending;
      assert.ok(r === null || Array.isArray(r));
      outcome = 'answered';
    } catch (err) {
      assert.ok(err instanceof ResponseError && err.code === REQUEST_CANCELLED, String(err));
      outcome = 'cancelled';
    }
    assert.ok(outcome === 'cancelled' || outcome === 'answered');

    // The server still answers, completely.
    const all = (await client.connection.sendRequest(ReferencesRequest.type, params)) as Location[];
    assert.equal(all.length, 400 * 40 + 1);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 5 } });
    assert.ok(hover);
    const open = await client.connection.sendRequest(OpenIssuesRequest, {});
    assert.deepEqual(open.issues.map((i) => i.id), ['CRIT-001']);
  });

  it('sends issueLog/indexChanged when an edit changes the index', async () => {
    ws = seedWorkspace();
    client = await LspClient.start(ws.folderUri);
    assert.deepEqual(client.indexChanged[client.indexChanged.length - 1], { openCount: 2, logCount: 3 });
    const master = ws.uri('06-Master/MASTER-ISSUE-LOG.md');
    const text = ws.read('06-Master/MASTER-ISSUE-LOG.md');
    await client.open(master, text);
    await client.change(master, text.replace('### HIGH-002: N+1 Query Problem\n- **Phase**: Database Optimization\n- **Date**: [TBD]\n- **Status**: Resolved', '### HIGH-002: N+1 Query Problem\n- **Phase**: Database Optimization\n- **Date**: [TBD]\n- **Status**: Reopened'));
    await client.waitFor(() => client!.indexChanged.some((p) => p.openCount === 3), 'indexChanged with 3 open issues');
    const open = await client.connection.sendRequest(OpenIssuesRequest, {});
    assert.ok(open.issues.some((i) => i.id === 'HIGH-002' && i.status === 'Reopened'));
  });

  it('works without workspace folders or progress support: open documents only', async () => {
    ws = new TempWorkspace();
    client = await LspClient.start(undefined, { progress: false, definitionLinks: false });
    assert.deepEqual(client.indexChanged[0], { openCount: 0, logCount: 0 });
    assert.equal(client.progress.length, 0);
    const uri = ws.uri('lonely.md');
    await client.open(uri, joinLines('# Log', '', '## Issue Summary Statistics', '- **Total Issues**: 2', '', '### OPEN-001: Flaky Test', '- **Severity**: Low', '', 'See OPEN-009.'));
    const d = await client.waitForDiagnostics(uri, (x) => x.length > 0, 'diagnostics of an open file outside any folder');
    assert.deepEqual(d.map((x) => x.code).sort(), ['stale-stat', 'undefined-issue']);
    // This client declared no LocationLink support: definitions come as plain locations.
    const def = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 8, character: 6 } });
    assert.deepEqual(def, []);
    const self = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 5, character: 6 } });
    assert.deepEqual(self, [{ uri, range: { start: { line: 5, character: 4 }, end: { line: 5, character: 24 } } }]);
    await client.close(uri);
    await client.waitForDiagnostics(uri, (x) => x.length === 0, 'cleared on close');
  });
});
