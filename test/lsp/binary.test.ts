/**
 * The server binary, `node dist/cli.js lsp --stdio`, as a child process (processServer.ts): only what
 * is about the process and the transport. A smoke test that the bundle gives the seed's diagnostics
 * and exits cleanly; cancellation over the wire; the worker-thread parser, its cache folder
 * (initializationOptions and `--cache-dir`) and its threads ending. Everything else runs in process
 * (inProcess.ts), faster.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource, DidChangeConfigurationNotification, HoverRequest, LSPErrorCodes, ReferencesRequest, ResponseError, type Location } from 'vscode-languageserver-protocol/node';
import { OpenIssuesRequest } from '../../server/src/protocol';
import { SEED_FACTS, seedFacts } from '../fixtures/seedExpectations';
import { joinLines } from '../unit/helpers';
import { ensureBuilt, seedOnDisk, startProcessServer, TempWorkspace, type ProcessClient } from './processServer';
import { MASTER } from './seed';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Threads of a process (Linux), or undefined where /proc is not there. */
function threadsOf(pid: number): number | undefined {
  try {
    return Number(/^Threads:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
}

/**
 * Waits until the server has no more threads than `baseline` (its parse threads ended), at most 10 s.
 * Threads ending send no message and no event: this one wait polls the OS, every 50 ms.
 */
async function parseThreadsEnded(client: ProcessClient, baseline: number): Promise<number | undefined> {
  const pid = client.server.child.pid!;
  const deadline = Date.now() + 10_000;
  let n = threadsOf(pid);
  while (n !== undefined && n > baseline && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    n = threadsOf(pid);
  }
  return n;
}

/** A Markdown file that is not a log and takes the parser a while (hundreds of KB). */
function bigNotes(sections: number): string {
  const lines: string[] = ['# Notes', ''];
  for (let i = 0; i < sections; i++) {
    lines.push(`## Note ${i}`, '', `Some *text* about [note ${i}](#note-${i}) and \`code\` with a list:`, '', '- one', '- two **bold**', '- three', '');
  }
  return joinLines(...lines);
}

const undefinedIds = (d: { code?: unknown; data?: unknown }[]) => d.filter((x) => x.code === 'undefined-issue').map((x) => (x.data as { id: string }).id);

describe('LSP over stdio (the server binary)', function () {
  let ws: TempWorkspace;
  let client: ProcessClient | undefined;
  let master: string;
  const dirs: string[] = [];

  before(function () {
    this.timeout(120000);
    ensureBuilt();
  });

  beforeEach(() => {
    ws = seedOnDisk();
    master = ws.uri(MASTER);
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    ws.dispose();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('publishes the seed diagnostics for a log that is not open, and exits with 0 after shutdown and exit', async () => {
    client = await startProcessServer(ws.folderUri);
    const d = await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    assert.deepEqual(seedFacts(d), SEED_FACTS);
    assert.deepEqual(client.indexChanged[0], { openCount: 2, logCount: 3 });
    await client.stop();
    assert.deepEqual(client.server.exit, { code: 0, signal: null });
  });

  it('survives $/cancelRequest on a slow workspace-wide request', async function () {
    this.timeout(60000);
    ws.dispose();
    // Enough files that finding every mention takes many slices of the event loop.
    const files: Record<string, string> = { 'log.md': joinLines('# Log', '', '### CRIT-001: Hot Path', '- **Status**: Open') };
    const mentions = Array.from({ length: 40 }, (_, i) => `- Item ${i} relates to CRIT-001.`);
    for (let i = 0; i < 400; i++) files[`notes/n${String(i).padStart(3, '0')}.md`] = joinLines(`# Note ${i}`, '', ...mentions);
    ws = new TempWorkspace(files);
    client = await startProcessServer(ws.folderUri);
    const uri = ws.uri('log.md');
    const params = { textDocument: { uri }, position: { line: 2, character: 5 }, context: { includeDeclaration: true } };

    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest(ReferencesRequest.type, params, source.token);
    source.cancel();
    // Cancelled, or answered in full when the answer was already on its way.
    try {
      const r = (await pending) as Location[];
      assert.equal(r.length, 400 * 40 + 1);
    } catch (err) {
      assert.ok(err instanceof ResponseError && err.code === LSPErrorCodes.RequestCancelled, String(err));
    }

    // The server still answers, completely.
    const all = (await client.connection.sendRequest(ReferencesRequest.type, params)) as Location[];
    assert.equal(all.length, 400 * 40 + 1);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 5 } });
    assert.deepEqual(hover?.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 12 } });
    const open = await client.connection.sendRequest(OpenIssuesRequest, {});
    assert.deepEqual(open.issues.map((i) => i.id), ['CRIT-001']);
  });

  it('keeps parsed files in the cache folder, and a second server reads them from it', async function () {
    this.timeout(60000);
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-lsp-cache-'));
    dirs.push(cacheDir);
    // The VS Code client passes its storage folder as initializationOptions.cacheDir.
    client = await startProcessServer(ws.folderUri, { initializationOptions: { cacheDir } });
    const first = await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    assert.ok(client.logs.some((l) => l === `Caching the facts of parsed files in ${cacheDir}.`), client.logs.join('\n'));
    assert.ok(client.logs.some((l) => /^Indexed 3 Markdown files \(3 issue logs\) in \d+ ms \(3 parsed on \d+ threads?, 0 from the cache\)\.$/.test(l)), client.logs.join('\n'));
    assert.equal(filesUnder(cacheDir).length, 3);
    await client.stop();

    // `issue-log lsp --stdio --cache-dir DIR` does the same.
    client = await startProcessServer(ws.folderUri, { args: ['--cache-dir', cacheDir] });
    const second = await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    assert.ok(client.logs.some((l) => /^Indexed 3 Markdown files \(3 issue logs\) in \d+ ms \(0 parsed on \d+ threads?, 3 from the cache\)\.$/.test(l)), client.logs.join('\n'));
    assert.deepEqual(second, first);
    assert.equal(filesUnder(cacheDir).length, 3);
  });

  it('keeps no cache when no folder is given', async () => {
    client = await startProcessServer(ws.folderUri);
    await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    assert.ok(!client.logs.some((l) => l.startsWith('Caching')));
    assert.ok(client.logs.some((l) => / \(3 parsed on \d+ threads?, 0 from the cache\)\.$/.test(l)), client.logs.join('\n'));
  });

  it('a re-index in the middle of indexing cancels it: one index, the new settings, no parse thread left', async function () {
    this.timeout(120000);
    const empty = await startProcessServer(undefined);
    const baseline = threadsOf(empty.server.child.pid!);
    await empty.stop();

    ws.write('07-Notes/big.md', bigNotes(2500));
    client = await startProcessServer(ws.folderUri, {
      readyTimeoutMs: 110000,
      afterInitialized: async (c) => {
        // Indexing has begun (the files are being parsed): the prefixes change, LOW is no prefix any more.
        await c.waitFor(() => c.progress.some((p) => p.kind === 'begin'), 'indexing to begin');
        c.settings = { prefixes: { CRIT: 'Critical', HIGH: 'High', MED: 'Medium', OPEN: '' } };
        await c.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      },
    });
    assert.equal(client.progress.filter((p) => p.kind === 'begin').length, 2, 'indexing began again');
    const d = await client.waitForDiagnostics(master, (x) => x.length > 0, 'the diagnostics');
    assert.deepEqual(undefinedIds(d), ['HIGH-003', 'MED-004', 'MED-007']);
    const indexed = client.logs.filter((l) => l.startsWith('Indexed '));
    assert.equal(indexed.length, 1, indexed.join('\n'));
    assert.match(indexed[0], /^Indexed 4 Markdown files \(3 issue logs\)/);
    assert.equal(client.indexChanged.length, 1);
    if (baseline !== undefined) assert.equal(await parseThreadsEnded(client, baseline), baseline, 'the parse threads ended');
  });
});
