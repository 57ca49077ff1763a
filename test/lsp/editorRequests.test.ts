/**
 * What a client asks after every edit stays small: the open issues as a version check or a delta
 * (`issueLog/openIssuesChanges`), and no document symbols or links for a client that has its own (VS Code's
 * Markdown support) when it says so in `initializationOptions`. In process (test/lsp/inProcess.ts).
 */
import * as assert from 'node:assert/strict';
import { OpenIssuesChangesRequest, OpenIssuesRequest, type IssueLogInitializationOptions, type OpenIssuesDelta } from '../../server/src/protocol';
import { seedInMemory, startInProcess, type InProcessClient } from './inProcess';
import { MASTER } from './seed';

describe('LSP requests after an edit (in process)', function () {
  let client: InProcessClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  /** The server's capabilities for the given initializationOptions. */
  async function capabilities(initializationOptions: IssueLogInitializationOptions | undefined) {
    client = await startInProcess(seedInMemory(), { initializationOptions });
    const caps = client.capabilities;
    await client.stop();
    client = undefined;
    return caps;
  }

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
    const ws = seedInMemory();
    client = await startInProcess(ws);
    const c = client;
    const whole = await c.connection.sendRequest(OpenIssuesRequest, {});
    assert.equal(typeof whole.version, 'number');
    const master = ws.uri(MASTER);
    const text = ws.read(MASTER);
    await c.open(master, text);
    // An edit that changes no open issue: the same version, an empty delta.
    const seen = c.indexChanged.length;
    await c.change(master, text.replace('## Overview', '## Overview (edited)'));
    await c.waitFor(() => c.indexChanged.length > seen, 'indexChanged after the first edit');
    const same = (await c.connection.sendRequest(OpenIssuesChangesRequest, { knownVersion: whole.version! })) as OpenIssuesDelta;
    assert.deepEqual([same.kind, same.version, same.changed, same.removed], ['delta', whole.version, [], []]);
    // Reopening a resolved issue: one issue in the delta.
    const reopened = text.replace(/(### HIGH-002: [^\n]*\n(?:- [^\n]*\n)*?- \*\*Status\*\*: )Resolved/, '$1Reopened');
    assert.notEqual(reopened, text);
    await c.change(master, reopened);
    await c.waitFor(() => c.indexChanged.some((p) => p.openCount === 3), 'indexChanged with 3 open issues');
    const delta = await c.connection.sendRequest(OpenIssuesChangesRequest, { knownVersion: whole.version! });
    assert.equal(delta.kind, 'delta');
    assert.deepEqual((delta as OpenIssuesDelta).changed.map((i) => [i.id, i.status]), [['HIGH-002', 'Reopened']]);
    assert.deepEqual((delta as OpenIssuesDelta).removed, []);
    // A version the server no longer knows: the whole list.
    const unknown = await c.connection.sendRequest(OpenIssuesChangesRequest, { knownVersion: -1 });
    assert.equal(unknown.kind, 'full');
  });
});
