/**
 * Indexing over JSON-RPC: the open documents first with provisional diagnostics (only what the rest
 * of the workspace cannot change), the other files on worker threads through the warm cache of the
 * storage folder, and a re-index that cancels the one in progress without leaking parse threads.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidChangeConfigurationNotification, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { SEED_STALE_STATS, SEED_UNDEFINED_IDS } from '../fixtures/seedExpectations';
import { ensureBuilt, joinLines, LspClient, seedWorkspace, type TempWorkspace } from './harness';

/** The rules that need the whole workspace: never in provisional diagnostics. */
const WORKSPACE_RULES = ['undefined-issue', 'duplicate-issue', 'stale-stat', 'stale-average', 'sla-breach'];
const codes = (d: Diagnostic[]) => d.map((x) => String(x.code));
const describeDiagnostic = (x: Diagnostic) => `${x.range.start.line}:${x.range.start.character} ${x.code} ${x.message}`;

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

/** Polls until the server has no more threads than `baseline` (its parse threads ended). */
async function parseThreadsEnded(client: LspClient, baseline: number): Promise<number | undefined> {
  let n = threadsOf(client.child.pid!);
  for (let i = 0; i < 200 && n !== undefined && n > baseline; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    n = threadsOf(client.child.pid!);
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

describe('LSP indexing', function () {
  let ws: TempWorkspace;
  let client: LspClient | undefined;
  let master: string;
  const dirs: string[] = [];

  before(function () {
    this.timeout(120000);
    ensureBuilt();
  });

  beforeEach(() => {
    ws = seedWorkspace();
    master = ws.uri('06-Master/MASTER-ISSUE-LOG.md');
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    ws.dispose();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('publishes provisional diagnostics for an open log before indexing ends, with nothing the rest of the workspace could change', async () => {
    const text = ws.read('06-Master/MASTER-ISSUE-LOG.md');
    client = await LspClient.start(ws.folderUri, { afterInitialized: (c) => c.open(master, text) });
    const before = client.published.slice(0, client.publishedBeforeProgressEnd[0]).filter((p) => p.uri === master);
    assert.ok(before.length > 0, 'diagnostics of the open log before the index was complete');
    const provisional = before[0].diagnostics;
    assert.equal(before[0].version, 1);
    assert.deepEqual(codes(provisional).filter((c) => WORKSPACE_RULES.includes(c)), []);
    // What needs only the document and the file system is there already.
    assert.equal(provisional.filter((x) => x.code === 'placeholder').length, 5);
    assert.ok(codes(provisional).includes('broken-link'));

    const final = await client.waitForDiagnostics(master, (x) => codes(x).includes('undefined-issue'), 'the full diagnostics');
    assert.deepEqual(final.filter((x) => x.code === 'undefined-issue').map((x) => String(x.message).split(' ')[0]), SEED_UNDEFINED_IDS);
    assert.deepEqual(final.filter((x) => x.code === 'stale-stat').map((x) => String(x.message)), SEED_STALE_STATS);
    // Nothing provisional was false: every provisional diagnostic is also a final one.
    const finalSet = new Set(final.map(describeDiagnostic));
    for (const x of provisional) assert.ok(finalSet.has(describeDiagnostic(x)), describeDiagnostic(x));
  });

  it('checks an edit made while indexing, provisionally, then fully for the latest version', async () => {
    const text = ws.read('06-Master/MASTER-ISSUE-LOG.md');
    const edited = text.replace('- **Total Issues**: 20', '- **Total Issues**: 7');
    client = await LspClient.start(ws.folderUri, {
      afterInitialized: async (c) => {
        await c.open(master, text);
        await c.change(master, edited);
      },
    });
    for (const p of client.published.slice(0, client.publishedBeforeProgressEnd[0]).filter((x) => x.uri === master)) {
      assert.deepEqual(codes(p.diagnostics).filter((c) => WORKSPACE_RULES.includes(c)), [], `provisional diagnostics of version ${p.version}`);
    }
    const d = await client.waitForDiagnostics(master, (x) => codes(x).includes('stale-stat'), 'the full diagnostics of version 2');
    assert.ok(!d.some((x) => String(x.message).startsWith('Total Issues')), 'the edited total is right');
    const last = client.published.filter((p) => p.uri === master).pop()!;
    assert.equal(last.version, 2);
  });

  it('keeps parsed files in the cache folder, and a second server reads them from it', async function () {
    this.timeout(60000);
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-lsp-cache-'));
    dirs.push(cacheDir);
    // The VS Code client passes its storage folder as initializationOptions.cacheDir.
    client = await LspClient.start(ws.folderUri, { initializationOptions: { cacheDir } });
    const first = await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    assert.ok(client.logs.some((l) => l === `Caching the facts of parsed files in ${cacheDir}.`), client.logs.join('\n'));
    assert.ok(client.logs.some((l) => /^Indexed 3 Markdown files \(3 issue logs\) in \d+ ms \(3 parsed on \d+ threads?, 0 from the cache\)\.$/.test(l)), client.logs.join('\n'));
    assert.equal(filesUnder(cacheDir).length, 3);
    await client.stop();

    // `issue-log lsp --stdio --cache-dir DIR` does the same.
    client = await LspClient.start(ws.folderUri, { args: ['--cache-dir', cacheDir] });
    const second = await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    assert.ok(client.logs.some((l) => /^Indexed 3 Markdown files \(3 issue logs\) in \d+ ms \(0 parsed on \d+ threads?, 3 from the cache\)\.$/.test(l)), client.logs.join('\n'));
    assert.deepEqual(second, first);
    assert.equal(filesUnder(cacheDir).length, 3);
  });

  it('keeps no cache when no folder is given', async () => {
    client = await LspClient.start(ws.folderUri);
    await client.waitForDiagnostics(master, (x) => x.length > 0, 'the seed diagnostics');
    assert.ok(!client.logs.some((l) => l.startsWith('Caching')));
    assert.ok(client.logs.some((l) => / \(3 parsed on \d+ threads?, 0 from the cache\)\.$/.test(l)), client.logs.join('\n'));
  });

  it('a re-index in the middle of indexing cancels it: one index, the new settings, no parse thread left', async function () {
    this.timeout(120000);
    const empty = await LspClient.start(undefined);
    const baseline = threadsOf(empty.child.pid!);
    await empty.stop();

    ws.write('07-Notes/big.md', bigNotes(2500));
    client = await LspClient.start(ws.folderUri, {
      readyTimeoutMs: 110000,
      afterInitialized: async (c) => {
        // Indexing has begun (the files are being parsed): the prefixes change, LOW is no prefix any more.
        await c.waitFor(() => c.progress.some((p) => p.kind === 'begin'), 'indexing to begin');
        c.settings = { prefixes: { CRIT: 'Critical', HIGH: 'High', MED: 'Medium', OPEN: '' } };
        await c.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      },
    });
    await client.waitFor(() => client!.logs.includes('Re-indexing because the settings changed.'), 'the re-index');
    const d = await client.waitForDiagnostics(master, (x) => x.length > 0, 'the diagnostics');
    assert.deepEqual(d.filter((x) => x.code === 'undefined-issue').map((x) => String(x.message).split(' ')[0]), ['HIGH-003', 'MED-004', 'MED-007']);
    const indexed = client.logs.filter((l) => l.startsWith('Indexed '));
    assert.equal(indexed.length, 1, indexed.join('\n'));
    assert.match(indexed[0], /^Indexed 4 Markdown files \(3 issue logs\)/);
    assert.equal(client.indexChanged.length, 1);
    if (baseline !== undefined) assert.equal(await parseThreadsEnded(client, baseline), baseline, 'the parse threads ended');
  });
});
