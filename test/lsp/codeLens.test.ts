/**
 * The code lens and the broken-link quick fix of the real server run in process over an in-memory
 * workspace (inProcess.ts): `textDocument/codeLens` + `codeLens/resolve` give the counts and a
 * command with locations, `workspace/codeLens/refresh` follows a count that changed elsewhere and the
 * setting, and the suggested path of a phase file moved into `archive/` fixes the link.
 */
import * as assert from 'node:assert/strict';
import { CodeActionRequest, CodeLensRequest, CodeLensResolveRequest, DidChangeConfigurationNotification, type CodeAction, type CodeLens, type Diagnostic, type Location } from 'vscode-languageserver-protocol/node';
import { InMemoryWorkspace } from './inMemoryWorkspace';
import { startInProcess, startOnFeatureWorkspace, type InProcessClient } from './inProcess';
import { BACKEND, INFRA, MASTER, seedFiles } from './seed';
import { applyEdits } from './text';

describe('LSP code lens: references of entries (in process, seed workspace)', function () {
  let ws: InMemoryWorkspace;
  let client: InProcessClient;
  afterEach(async () => {
    await client?.stop();
    ws?.dispose();
  });

  const lensesOf = async (uri: string) => {
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    const text = ws.read(uri.slice(ws.folderUri.length + 1));
    return Promise.all(
      lenses.map(async (lens) => {
        assert.equal(lens.command, undefined);
        const resolved: CodeLens = await client.connection.sendRequest(CodeLensResolveRequest.type, lens);
        return { heading: text.split('\n')[lens.range.start.line], command: resolved.command! };
      }),
    );
  };

  it('gives a lens per entry heading, counted on resolve, with a command that carries the locations', async () => {
    ({ ws, client } = await startOnFeatureWorkspace());
    const master = ws.uri(MASTER);
    const lenses = await lensesOf(master);
    assert.deepEqual(
      lenses.map((l) => [l.heading.slice(0, 12), l.command.title]),
      [
        ['### CRIT-001', '2 references'],
        ['### CRIT-002', '1 reference'],
        ['### CRIT-003', '1 reference'],
        ['### HIGH-001', '1 reference'],
        ['### HIGH-002', '1 reference'],
        ['### OPEN-001', '0 references'],
        ['### OPEN-002', '1 reference'],
      ],
    );
    const crit1 = lenses[0].command;
    assert.equal(crit1.command, 'issueLog.showReferences');
    const [uri, , locations] = crit1.arguments as [string, unknown, Location[]];
    assert.equal(uri, master);
    assert.deepEqual(locations.map((l) => `${l.uri === master ? 'master' : l.uri === ws.uri(BACKEND) ? 'backend' : l.uri}:${l.range.start.line}`).sort(), ['backend:16', 'master:153']);
    // The numbered entries of a phase file: each named by a master entry's Reference.
    assert.deepEqual((await lensesOf(ws.uri(BACKEND))).map((l) => [l.heading, l.command.title]), [
      ['## Issue 1', '1 reference'],
      ['## Issue 2', '1 reference'],
    ]);
  });

  it('asks the client to refresh when a count changes in another document, and when the setting turns them off', async () => {
    ws = new InMemoryWorkspace(seedFiles());
    client = await startInProcess(ws, { codeLensRefresh: true });
    await client.waitFor(() => client.codeLensRefreshes >= 1, 'the refresh after indexing');
    const backend = ws.uri(BACKEND);
    await client.open(backend, ws.read(BACKEND));
    const before = client.codeLensRefreshes;
    await client.change(backend, ws.read(BACKEND) + '\nCRIT-002 came back.\n');
    await client.waitFor(() => client.codeLensRefreshes > before, 'a refresh after a new mention');
    assert.equal((await lensesOf(ws.uri(MASTER)))[1].command.title, '2 references');

    const again = client.codeLensRefreshes;
    client.settings = { codeLens: { references: false } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.waitFor(() => client.codeLensRefreshes > again, 'a refresh after the setting changed');
    assert.deepEqual(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: ws.uri(MASTER) } }), []);
  });

  it('fixes a link to a phase file moved into archive/: the edit applied, no broken-link remains there', async () => {
    const files = seedFiles();
    files[`archive/${INFRA}`] = files[INFRA];
    delete files[INFRA];
    ws = new InMemoryWorkspace(files);
    client = await startInProcess(ws);
    const master = ws.uri(MASTER);
    const text = ws.read(MASTER);
    const line = text.split('\n').findIndex((l) => l.startsWith('- **Reference**: [05-Infrastructure-Scaling/'));
    const onLine = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'broken-link' && d.range.start.line === line);
    const [broken] = onLine(await client.waitForDiagnostics(master, (d) => onLine(d).length > 0, 'the broken Reference of CRIT-003'));
    assert.equal((broken.data as { suggestion: string }).suggestion, '../archive/05-Infrastructure-Scaling/issues-and-solutions.md');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: master }, range: broken.range, context: { diagnostics: [broken] } })) as CodeAction[];
    const fix = actions.find((a) => a.kind === 'quickfix')!;
    const fixed = applyEdits(text, fix.edit!.changes![master]);
    assert.equal(fixed.split('\n')[line], '- **Reference**: [05-Infrastructure-Scaling/issues-and-solutions.md#issue-1](../archive/05-Infrastructure-Scaling/issues-and-solutions.md#issue-1)');
    await client.open(master, text);
    const version = await client.change(master, fixed);
    const after = await client.waitForVersion(master, version);
    assert.deepEqual(onLine(after), []);
    assert.ok(!after.some((d) => d.range.start.line === line && String(d.code).startsWith('broken')));
  });
});
