/**
 * Diagnostics of the real server, run in process over an in-memory workspace (inProcess.ts): what
 * is tested here is what the server publishes, not how it gets to the editor. Published for every
 * issue log of the workspace, open or not; kept up to date across files when a file changes on disk
 * or in an editor; versions respected; settings pulled. Diagnostics are compared as codes, ranges
 * (of the source text they cover) and `data`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DidChangeConfigurationNotification, DidChangeWorkspaceFoldersNotification, WorkspaceSymbolRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { localToday } from '../../server/src/core/durations';
import { SEED_FACTS, SEED_STALE_STATS, seedFacts } from '../fixtures/seedExpectations';
import { joinLines } from '../unit/helpers';
import { FileChangeType } from './client';
import { InMemoryWorkspace } from './inMemoryWorkspace';
import { seedInMemory, startInProcess, type InProcessClient } from './inProcess';
import { ensureBuilt } from './processServer';
import { BACKEND, filesOf, INFRA, MASTER, REPO } from './seed';
import { textAt } from './text';

const codes = (d: Diagnostic[] | undefined) => (d ?? []).map((x) => x.code);

describe('LSP diagnostics (in process)', function () {
  let ws: InMemoryWorkspace;
  let client: InProcessClient | undefined;
  let master: string;
  let masterText: string;
  /** The diagnostics of `code` whose range covers a link containing `target`. */
  const on = (d: Diagnostic[], code: string, target: string) => d.filter((x) => x.code === code && textAt(masterText, x.range).includes(`(${target}`));
  const brokenLinkTo = (d: Diagnostic[], folder: string) => on(d, 'broken-link', `../${folder}/issues-and-solutions.md`).length > 0;
  const brokenAnchorOn = (d: Diagnostic[], target: string) => on(d, 'broken-anchor', target).length > 0;
  const statOn = (d: Diagnostic[], line: number) => d.some((x) => x.code === 'stale-stat' && x.range.start.line === line);
  const undefinedIds = (d: Diagnostic[]) => d.filter((x) => x.code === 'undefined-issue').map((x) => (x.data as { id: string }).id);

  beforeEach(async () => {
    ws = seedInMemory();
    master = ws.uri(MASTER);
    masterText = ws.read(MASTER);
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    ws.dispose();
  });

  it('publishes the seed diagnostics for a log that is not open, after indexing with progress', async () => {
    client = await startInProcess(ws);
    const d = await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    assert.deepEqual(seedFacts(d), SEED_FACTS);
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
    client = await startInProcess(ws);
    await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    const target = `../${BACKEND}#issue-1)`;
    assert.ok(!brokenAnchorOn(client.diagnostics(master)!, target));
    const original = ws.read(BACKEND);
    ws.write(BACKEND, original.replace('## Issue 1\n', '## Issue One\n'));
    await client.fileEvents({ uri: ws.uri(BACKEND), type: FileChangeType.Changed });
    const broken = await client.waitForDiagnostics(master, (x) => brokenAnchorOn(x, target), 'broken-anchor #issue-1');
    assert.equal(broken.filter((x) => x.code === 'broken-anchor').length, 1);
    ws.write(BACKEND, original);
    await client.fileEvents({ uri: ws.uri(BACKEND), type: FileChangeType.Changed });
    await client.waitForDiagnostics(master, (x) => !x.some((y) => y.code === 'broken-anchor'), 'no broken-anchor');
  });

  it('follows a phase file edited in an editor (didOpen/didChange), then its disk text on close', async () => {
    client = await startInProcess(ws);
    await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    const uri = ws.uri(INFRA);
    const original = ws.read(INFRA);
    const target = `../${INFRA}#issue-1)`;
    await client.open(uri, original);
    await client.change(uri, original.replace('## Issue 1\n', '## Issue 9\n'));
    await client.waitForDiagnostics(master, (x) => brokenAnchorOn(x, target), 'broken-anchor #issue-1 (CRIT-003)');
    await client.change(uri, original);
    await client.waitForDiagnostics(master, (x) => !brokenAnchorOn(x, target), 'no broken-anchor after the edit is undone');
    // Unsaved edit, then close without saving: the disk text counts again.
    await client.change(uri, original.replace('## Issue 1\n', '## Issue 9\n'));
    await client.waitForDiagnostics(master, (x) => brokenAnchorOn(x, target), 'broken-anchor again');
    await client.close(uri);
    await client.waitForDiagnostics(master, (x) => !brokenAnchorOn(x, target), 'no broken-anchor after close');
  });

  it('reports broken-link when a phase file is deleted on disk, and clears it when it comes back', async () => {
    client = await startInProcess(ws);
    await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    const original = ws.read(INFRA);
    ws.remove(INFRA);
    await client.fileEvents({ uri: ws.uri(INFRA), type: FileChangeType.Deleted });
    await client.waitForDiagnostics(master, (x) => brokenLinkTo(x, '05-Infrastructure-Scaling'), 'broken-link to the deleted file');
    // A rename arrives as delete + create.
    ws.write(INFRA, original);
    await client.fileEvents({ uri: ws.uri(INFRA), type: FileChangeType.Created });
    await client.waitForDiagnostics(master, (x) => !brokenLinkTo(x, '05-Infrastructure-Scaling'), 'no broken-link once it is back');
  });

  it('forgets the files of a folder deleted on disk', async () => {
    client = await startInProcess(ws);
    await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    ws.remove('04-Backend-Optimization');
    await client.fileEvents({ uri: ws.uri('04-Backend-Optimization'), type: FileChangeType.Deleted });
    const d = await client.waitForDiagnostics(master, (x) => brokenLinkTo(x, '04-Backend-Optimization'), 'broken-link to the deleted folder');
    assert.equal(on(d, 'broken-link', `../${BACKEND}`).length, 3, 'two References and the Quick Reference link');
    const symbols = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'Issue 2' });
    assert.ok(!JSON.stringify(symbols).includes('04-Backend-Optimization'));
  });

  it('leaves excluded files out, and checks them when the exclusion is lifted', async () => {
    ws.write('archive/old-log.md', joinLines('# Old Log', '', '## Issue Summary Statistics', '- **Total Issues**: 5', '', '### LOW-001: Old', '- **Status**: Closed'));
    const old = ws.uri('archive/old-log.md');
    client = await startInProcess(ws, { settings: { exclude: ['archive/**'] } });
    await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    assert.equal(client.diagnostics(old), undefined);
    client.settings = {};
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const d = await client.waitForDiagnostics(old, (x) => x.length > 0, 'the archived log checked');
    assert.deepEqual(d.map((x) => [x.code, x.range.start.line, x.data && (x.data as { computed: number }).computed]), [['stale-stat', 3, 1]]);
  });

  it('indexes a workspace folder added later', async () => {
    client = await startInProcess(ws);
    await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    const other = ws.sibling({ 'team-b/log.md': joinLines('# Team B', '', '## Issue Summary Statistics', '- **Total Issues**: 3', '', '### CRIT-001: Clash', '- **Status**: Open') });
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: other.folderUri, name: 'other' }], removed: [] } });
    const d = await client.waitForDiagnostics(other.uri('team-b/log.md'), (x) => x.length > 0, 'the new folder checked');
    assert.deepEqual(d.map((x) => [x.code, x.range.start.line]), [['stale-stat', 3], ['duplicate-issue', 5]]);
    const dup = await client.waitForDiagnostics(master, (x) => codes(x).includes('duplicate-issue'), 'CRIT-001 now defined twice');
    assert.deepEqual(dup.filter((x) => x.code === 'duplicate-issue').map((x) => [textAt(masterText, x.range), (x.data as { id: string }).id]), [['### CRIT-001: Connection Pool Exhaustion', 'CRIT-001']]);
  });

  it('updates other logs when an ID is defined in another file (undefined-issue clears)', async () => {
    client = await startInProcess(ws);
    await client.waitForDiagnostics(master, (x) => undefinedIds(x).includes('HIGH-003'), 'HIGH-003 undefined');
    const uri = ws.uri(BACKEND);
    const text = ws.read(BACKEND);
    await client.open(uri, text);
    await client.change(uri, text + joinLines('', '### HIGH-003: Connection Storm', '- **Status**: Resolved'));
    const d = await client.waitForDiagnostics(master, (x) => !undefinedIds(x).includes('HIGH-003'), 'HIGH-003 defined');
    assert.deepEqual(undefinedIds(d), ['MED-004', 'MED-007', 'LOW-002']);
  });

  it('publishes quick edits in order of version, ending with the last one, never an older one after it', async () => {
    client = await startInProcess(ws);
    await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    await client.open(master, masterText);
    await client.waitForVersion(master, 1);
    const before = client.published.length;
    const v2 = client.change(master, masterText.replace('- **Total Issues**: 20', '- **Total Issues**: 21'));
    const v3 = client.change(master, masterText.replace('- **Total Issues**: 20', '- **Total Issues**: 7'));
    assert.deepEqual(await Promise.all([v2, v3]), [2, 3]);
    const d = await client.waitForVersion(master, 3);
    assert.ok(!statOn(d, SEED_STALE_STATS[0].range.start.line), 'version 3 has the right total');
    // There is no debounce: version 2 may be published if it was read before version 3 arrived, but
    // the versions only go up. A fourth edit is the barrier: whatever came for 2 and 3 came before 4.
    await client.change(master, masterText);
    await client.waitForVersion(master, 4);
    const versions = client.published.slice(before).filter((p) => p.uri === master).map((p) => p.version!);
    assert.ok(versions.includes(3), `versions published: ${versions.join(', ')}`);
    assert.ok(versions.every((v, i) => i === 0 || v > versions[i - 1]), `versions published: ${versions.join(', ')}`);
  });

  it('pulls the settings and re-checks when they change', async () => {
    client = await startInProcess(ws, { settings: { rules: { placeholder: 'off' } } });
    let d = await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    assert.ok(!codes(d).includes('placeholder'));
    client.settings = { rules: { placeholder: 'hint', 'stale-stat': 'off' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    d = await client.waitForDiagnostics(master, (x) => codes(x).includes('placeholder'), 'placeholders reported');
    assert.ok(!codes(d).includes('stale-stat'));
    assert.ok(d.filter((x) => x.code === 'placeholder').every((x) => x.severity === 4));
    // Prefixes change what is parsed: the workspace is indexed anew. Without LOW, LOW-002 is no ID.
    const begun = client.progress.filter((p) => p.kind === 'begin').length;
    client.settings = { prefixes: { CRIT: 'Critical', HIGH: 'High', MED: 'Medium', OPEN: '' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    d = await client.waitForDiagnostics(master, (x) => codes(x).includes('stale-stat') && !undefinedIds(x).includes('LOW-002'), 'LOW-002 no longer an ID');
    assert.deepEqual(undefinedIds(d), ['HIGH-003', 'MED-004', 'MED-007']);
    assert.equal(client.progress.filter((p) => p.kind === 'begin').length, begun + 1, 'indexed anew');
  });

  it('logs skipped files, naming them', async () => {
    ws.write('07-Notes/binary.md', 'abc\u0000def');
    client = await startInProcess(ws);
    assert.ok(client.logs.some((l) => l.startsWith('Skipped 07-Notes/binary.md: ')), client.logs.join('\n'));
    assert.equal(client.diagnostics(ws.uri('07-Notes/binary.md')), undefined);
  });

  it('gives the same diagnostics (codes and ranges) as the CLI on examples/workspace', async function () {
    this.timeout(60000);
    ensureBuilt();
    const folder = path.join(REPO, 'examples', 'workspace');
    ws = new InMemoryWorkspace(filesOf(folder));
    client = await startInProcess(ws);
    const today = localToday();
    // The CLI exits 1 when it prints an error-severity diagnostic.
    const run = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'check', folder, '--format', 'json', '--today', today], { encoding: 'utf8', cwd: folder });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const cli = JSON.parse(run.stdout) as { file: string; line: number; column: number; endLine: number; endColumn: number; code: string }[];
    assert.ok(cli.length > 0);
    const expected = cli.map((p) => `${p.file}:${p.line}:${p.column}-${p.endLine}:${p.endColumn} ${p.code}`).sort();
    for (const f of new Set(cli.map((p) => p.file))) await client.waitForDiagnostics(ws.uri(f), (x) => x.length > 0, f);
    const actual: string[] = [];
    const latest = new Map<string, Diagnostic[]>();
    for (const p of client.published) latest.set(p.uri, p.diagnostics);
    for (const [uri, diagnostics] of latest) {
      const rel = path.posix.relative(ws.root, URI.parse(uri).path);
      for (const x of diagnostics) actual.push(`${rel}:${x.range.start.line + 1}:${x.range.start.character + 1}-${x.range.end.line + 1}:${x.range.end.character + 1} ${x.code}`);
    }
    assert.deepEqual(actual.sort(), expected);
  });
});
