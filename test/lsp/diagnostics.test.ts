/**
 * Diagnostics over JSON-RPC: published for every issue log of the workspace, open or not; kept up to
 * date across files when a file changes on disk or in an editor; versions respected; settings pulled.
 */
import * as assert from 'node:assert/strict';
import { SEED_STALE_STATS, SEED_UNDEFINED_IDS } from '../fixtures/seedExpectations';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DidChangeConfigurationNotification, DidChangeWorkspaceFoldersNotification, WorkspaceSymbolRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { localToday } from '../../server/src/core/durations';
import { ensureBuilt, FileChangeType, joinLines, LspClient, REPO, seedWorkspace, TempWorkspace } from './harness';

const codes = (d: Diagnostic[] | undefined) => (d ?? []).map((x) => x.code);
const brokenAnchorOn = (d: Diagnostic[], fragment: string) => d.some((x) => x.code === 'broken-anchor' && String(x.message).includes(`#${fragment} `));
const brokenLinkTo = (d: Diagnostic[], folder: string) => d.some((x) => x.code === 'broken-link' && String(x.message).includes(`../${folder}/issues-and-solutions.md`));


describe('LSP diagnostics', function () {
  let ws: TempWorkspace;
  let client: LspClient | undefined;
  let master: string;

  before(function () {
    this.timeout(120000);
    ensureBuilt();
  });

  beforeEach(async () => {
    ws = seedWorkspace();
    master = ws.uri('06-Master/MASTER-ISSUE-LOG.md');
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    ws.dispose();
  });

  it('publishes the seed diagnostics for a log that is not open, after indexing with progress', async () => {
    client = await LspClient.start(ws.folderUri);
    const d = await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    const undefinedIds = d.filter((x) => x.code === 'undefined-issue').map((x) => String(x.message).split(' ')[0]);
    assert.deepEqual(undefinedIds, SEED_UNDEFINED_IDS);
    const stale = d.filter((x) => x.code === 'stale-stat').map((x) => String(x.message));
    assert.deepEqual(stale, SEED_STALE_STATS);
    assert.deepEqual(codes(d.filter((x) => x.code === 'stale-average' || x.code === 'sla-breach')), ['sla-breach', 'stale-average']);
    assert.equal(d.filter((x) => x.code === 'placeholder').length, 5);
    // Present phase files resolve; the missing ones do not.
    assert.ok(!brokenLinkTo(d, '04-Backend-Optimization') && !brokenLinkTo(d, '05-Infrastructure-Scaling'));
    assert.ok(brokenLinkTo(d, '03-Frontend-Optimization') && brokenLinkTo(d, '02-Database-Optimization'));
    assert.ok(d.every((x) => x.source === 'issue-log'));
    // Progress: begun with a title, ended.
    assert.ok(client.progress.some((p) => p.kind === 'begin' && p.title === 'Indexing issue logs'));
    assert.equal(client.progress[client.progress.length - 1].kind, 'end');
    assert.deepEqual(client.indexChanged[0], { openCount: 2, logCount: 3 });
  });

  it('reports broken-anchor in the master when a phase heading is renamed on disk, and clears it when restored', async () => {
    client = await LspClient.start(ws.folderUri);
    await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    assert.ok(!brokenAnchorOn(client.diagnostics(master)!, 'issue-1'));
    const rel = '04-Backend-Optimization/issues-and-solutions.md';
    const original = ws.read(rel);
    ws.write(rel, original.replace('## Issue 1\n', '## Issue One\n'));
    await client.fileEvents({ uri: ws.uri(rel), type: FileChangeType.Changed });
    const broken = await client.waitForDiagnostics(master, (x) => brokenAnchorOn(x, 'issue-1'), 'broken-anchor #issue-1');
    assert.equal(broken.filter((x) => x.code === 'broken-anchor').length, 1);
    ws.write(rel, original);
    await client.fileEvents({ uri: ws.uri(rel), type: FileChangeType.Changed });
    await client.waitForDiagnostics(master, (x) => !x.some((y) => y.code === 'broken-anchor'), 'no broken-anchor');
  });

  it('follows a phase file edited in an editor (didOpen/didChange), then its disk text on close', async () => {
    client = await LspClient.start(ws.folderUri);
    await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    const rel = '05-Infrastructure-Scaling/issues-and-solutions.md';
    const uri = ws.uri(rel);
    const original = ws.read(rel);
    await client.open(uri, original);
    await client.change(uri, original.replace('## Issue 1\n', '## Issue 9\n'));
    await client.waitForDiagnostics(master, (x) => brokenAnchorOn(x, 'issue-1'), 'broken-anchor #issue-1 (CRIT-003)');
    await client.change(uri, original);
    await client.waitForDiagnostics(master, (x) => !brokenAnchorOn(x, 'issue-1'), 'no broken-anchor after the edit is undone');
    // Unsaved edit, then close without saving: the disk text counts again.
    await client.change(uri, original.replace('## Issue 1\n', '## Issue 9\n'));
    await client.waitForDiagnostics(master, (x) => brokenAnchorOn(x, 'issue-1'), 'broken-anchor again');
    await client.close(uri);
    await client.waitForDiagnostics(master, (x) => !brokenAnchorOn(x, 'issue-1'), 'no broken-anchor after close');
  });

  it('reports broken-link when a phase file is deleted on disk, and clears it when it comes back', async () => {
    client = await LspClient.start(ws.folderUri);
    await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    const rel = '05-Infrastructure-Scaling/issues-and-solutions.md';
    const original = ws.read(rel);
    ws.remove(rel);
    await client.fileEvents({ uri: ws.uri(rel), type: FileChangeType.Deleted });
    await client.waitForDiagnostics(master, (x) => brokenLinkTo(x, '05-Infrastructure-Scaling'), 'broken-link to the deleted file');
    // A rename arrives as delete + create.
    ws.write(rel, original);
    await client.fileEvents({ uri: ws.uri(rel), type: FileChangeType.Created });
    await client.waitForDiagnostics(master, (x) => !brokenLinkTo(x, '05-Infrastructure-Scaling'), 'no broken-link once it is back');
  });

  it('forgets the files of a folder deleted on disk', async () => {
    client = await LspClient.start(ws.folderUri);
    await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    ws.remove('04-Backend-Optimization');
    await client.fileEvents({ uri: ws.uri('04-Backend-Optimization'), type: FileChangeType.Deleted });
    const d = await client.waitForDiagnostics(master, (x) => brokenLinkTo(x, '04-Backend-Optimization'), 'broken-link to the deleted folder');
    assert.equal(d.filter((x) => brokenLinkTo([x], '04-Backend-Optimization')).length, 3, 'two References and the Quick Reference link');
    const symbols = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'Issue 2' });
    assert.ok(!JSON.stringify(symbols).includes('04-Backend-Optimization'));
  });

  it('leaves excluded files out, and checks them when the exclusion is lifted', async () => {
    ws.write('archive/old-log.md', joinLines('# Old Log', '', '## Issue Summary Statistics', '- **Total Issues**: 5', '', '### LOW-001: Old', '- **Status**: Closed'));
    const old = ws.uri('archive/old-log.md');
    client = await LspClient.start(ws.folderUri, { settings: { exclude: ['archive/**'] } });
    await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    assert.equal(client.diagnostics(old), undefined);
    client.settings = {};
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const d = await client.waitForDiagnostics(old, (x) => x.length > 0, 'the archived log checked');
    assert.deepEqual(codes(d), ['stale-stat']);
  });

  it('indexes a workspace folder added later', async () => {
    client = await LspClient.start(ws.folderUri);
    await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    const other = new TempWorkspace({ 'team-b/log.md': joinLines('# Team B', '', '## Issue Summary Statistics', '- **Total Issues**: 3', '', '### CRIT-001: Clash', '- **Status**: Open') });
    try {
      await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: other.folderUri, name: 'other' }], removed: [] } });
      const d = await client.waitForDiagnostics(other.uri('team-b/log.md'), (x) => x.length > 0, 'the new folder checked');
      assert.deepEqual(codes(d).sort(), ['duplicate-issue', 'stale-stat']);
      await client.waitForDiagnostics(master, (x) => codes(x).includes('duplicate-issue'), 'CRIT-001 now defined twice');
    } finally {
      other.dispose();
    }
  });

  it('updates other logs when an ID is defined in another file (undefined-issue clears)', async () => {
    client = await LspClient.start(ws.folderUri);
    await client.waitForDiagnostics(master, (x) => x.some((y) => String(y.message).startsWith('HIGH-003')), 'HIGH-003 undefined');
    const uri = ws.uri('04-Backend-Optimization/issues-and-solutions.md');
    const text = ws.read('04-Backend-Optimization/issues-and-solutions.md');
    await client.open(uri, text);
    await client.change(uri, text + joinLines('', '### HIGH-003: Connection Storm', '- **Status**: Resolved'));
    await client.waitForDiagnostics(master, (x) => !x.some((y) => String(y.message).startsWith('HIGH-003')), 'HIGH-003 defined');
  });

  it('publishes quick edits in order of version, ending with the last one, never an older one after it', async () => {
    client = await LspClient.start(ws.folderUri);
    await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    const text = ws.read('06-Master/MASTER-ISSUE-LOG.md');
    await client.open(master, text);
    await client.waitFor(() => client!.published.some((p) => p.uri === master && p.version === 1), 'diagnostics of version 1');
    const before = client.published.length;
    const v2 = client.change(master, text.replace('- **Total Issues**: 20', '- **Total Issues**: 21'));
    const v3 = client.change(master, text.replace('- **Total Issues**: 20', '- **Total Issues**: 7'));
    assert.deepEqual(await Promise.all([v2, v3]), [2, 3]);
    const d = await client.waitForDiagnostics(master, () => client!.published.slice(before).some((p) => p.uri === master && p.version === 3), 'diagnostics of version 3');
    assert.ok(!d.some((x) => String(x.message).startsWith('Total Issues')), 'version 3 has the right total');
    // There is no debounce: version 2 may be published if it was read before version 3 arrived,
    // but the versions only go up, and nothing comes after version 3.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const versions = client.published.slice(before).filter((p) => p.uri === master).map((p) => p.version);
    assert.equal(versions[versions.length - 1], 3, `versions published: ${versions.join(', ')}`);
    assert.ok(versions.every((v, i) => i === 0 || v! > versions[i - 1]!), `versions published: ${versions.join(', ')}`);
  });

  it('pulls the settings and re-checks when they change', async () => {
    client = await LspClient.start(ws.folderUri, { settings: { rules: { placeholder: 'off' } } });
    let d = await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    assert.ok(!codes(d).includes('placeholder'));
    client.settings = { rules: { placeholder: 'hint', 'stale-stat': 'off' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    d = await client.waitForDiagnostics(master, (x) => codes(x).includes('placeholder'), 'placeholders reported');
    assert.ok(!codes(d).includes('stale-stat'));
    assert.ok(d.filter((x) => x.code === 'placeholder').every((x) => x.severity === 4));
    // Prefixes change what is parsed: the workspace is indexed anew. Without LOW, LOW-002 is no ID.
    client.settings = { prefixes: { CRIT: 'Critical', HIGH: 'High', MED: 'Medium', OPEN: '' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    d = await client.waitForDiagnostics(master, (x) => codes(x).includes('stale-stat') && !x.some((y) => String(y.message).startsWith('LOW-002')), 'LOW-002 no longer an ID');
    assert.deepEqual(d.filter((x) => x.code === 'undefined-issue').map((x) => String(x.message).split(' ')[0]), ['HIGH-003', 'MED-004', 'MED-007']);
    assert.ok(client.logs.some((l) => l === 'Re-indexing because the settings changed.'));
  });

  it('logs skipped files with a clear line', async () => {
    ws.write('07-Notes/binary.md', 'abc\u0000def');
    client = await LspClient.start(ws.folderUri);
    await client.waitFor(() => client!.logs.some((l) => /Skipped 07-Notes\/binary\.md: looks like a binary file/.test(l)), 'the skipped-file line');
  });

  it('gives the same diagnostics as the CLI on examples/workspace', async () => {
    ws.dispose();
    ws = new TempWorkspace({}, path.join(REPO, 'examples', 'workspace'));
    client = await LspClient.start(ws.folderUri);
    const today = localToday();
    // The CLI exits 1 when it prints an error-severity diagnostic.
    const run = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'check', ws.root, '--format', 'json', '--today', today], { encoding: 'utf8' });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const cli = JSON.parse(run.stdout) as {
      file: string;
      line: number;
      column: number;
      code: string;
    }[];
    assert.ok(cli.length > 0);
    const expected = cli.map((p) => `${p.file}:${p.line}:${p.column} ${p.code}`).sort();
    const files = [...new Set(cli.map((p) => p.file))];
    for (const f of files) await client.waitForDiagnostics(ws.uri(f), (x) => x.length > 0, f);
    const actual: string[] = [];
    const latest = new Map<string, Diagnostic[]>();
    for (const p of client.published) latest.set(p.uri, p.diagnostics);
    for (const [uri, diagnostics] of latest) {
      const rel = path.relative(ws.root, URI.parse(uri).fsPath).split(path.sep).join('/');
      for (const x of diagnostics) actual.push(`${rel}:${x.range.start.line + 1}:${x.range.start.character + 1} ${x.code}`);
    }
    assert.deepEqual(actual.sort(), expected);
  });
});
