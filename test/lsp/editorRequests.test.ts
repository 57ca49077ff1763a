/**
 * What a client asks after every edit stays small: the open issues as a version check or a delta
 * (`issueLog/openIssuesChanges`), and no document symbols or links for a client that has its own (VS Code's
 * Markdown support) when it says so in `initializationOptions`.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createProtocolConnection, InitializeRequest, StreamMessageReader, StreamMessageWriter, type InitializeResult } from 'vscode-languageserver-protocol/node';
import { OpenIssuesChangesRequest, OpenIssuesRequest, type IssueLogInitializationOptions, type OpenIssuesDelta } from '../../server/src/protocol';
import { ensureBuilt, LspClient, REPO, seedWorkspace, type TempWorkspace } from './harness';

/** The server's capabilities for the given initializationOptions (only `initialize`, then the process ends). */
async function capabilities(initializationOptions: IssueLogInitializationOptions | undefined): Promise<InitializeResult['capabilities']> {
  const child = spawn(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'lsp', '--stdio'], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  try {
    const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {}, initializationOptions });
    return result.capabilities;
  } finally {
    connection.dispose();
    child.kill();
  }
}

describe('LSP requests after an edit', function () {
  let ws: TempWorkspace | undefined;
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

  it('offers document symbols and links unless the client says it has its own', async () => {
    const none = await capabilities(undefined);
    assert.equal(none.documentSymbolProvider, true);
    assert.deepEqual(none.documentLinkProvider, { resolveProvider: false });
    assert.equal((await capabilities({ cacheDir: '' })).documentSymbolProvider, true);
    const vscode = await capabilities({ documentSymbols: false, documentLinks: false });
    assert.equal(vscode.documentSymbolProvider, false);
    assert.equal(vscode.documentLinkProvider, undefined);
  });

  it('answers the open issues version check with nothing while they are unchanged, then with what changed', async () => {
    ws = seedWorkspace();
    client = await LspClient.start(ws.folderUri);
    const whole = await client.connection.sendRequest(OpenIssuesRequest, {});
    assert.equal(typeof whole.version, 'number');
    const master = ws.uri('06-Master/MASTER-ISSUE-LOG.md');
    const text = ws.read('06-Master/MASTER-ISSUE-LOG.md');
    await client.open(master, text);
    // An edit that changes no open issue: the same version, an empty delta.
    const seen = client.indexChanged.length;
    await client.change(master, text.replace('## Overview', '## Overview (edited)'));
    await client.waitFor(() => client!.indexChanged.length > seen, 'indexChanged after the first edit');
    const same = (await client.connection.sendRequest(OpenIssuesChangesRequest, { knownVersion: whole.version! })) as OpenIssuesDelta;
    assert.deepEqual([same.kind, same.version, same.changed, same.removed], ['delta', whole.version, [], []]);
    // Reopening a resolved issue: one issue in the delta.
    const reopened = text.replace(/(### HIGH-002: [^\n]*\n(?:- [^\n]*\n)*?- \*\*Status\*\*: )Resolved/, '$1Reopened');
    assert.notEqual(reopened, text);
    await client.change(master, reopened);
    await client.waitFor(() => client!.indexChanged.some((p) => p.openCount === 3), 'indexChanged with 3 open issues');
    const delta = await client.connection.sendRequest(OpenIssuesChangesRequest, { knownVersion: whole.version! });
    assert.equal(delta.kind, 'delta');
    assert.deepEqual((delta as OpenIssuesDelta).changed.map((i) => [i.id, i.status]), [['HIGH-002', 'Reopened']]);
    assert.deepEqual((delta as OpenIssuesDelta).removed, []);
    // A version the server no longer knows: the whole list.
    const unknown = await client.connection.sendRequest(OpenIssuesChangesRequest, { knownVersion: -1 });
    assert.equal(unknown.kind, 'full');
  });
});
