/**
 * Indexing as a client sees it, run in process over an in-memory workspace (inProcess.ts; closed
 * files are parsed on the server's thread there): the open documents first, with provisional
 * diagnostics (only what the rest of the workspace cannot change), then the full ones. The worker
 * threads, their cache and a re-index that cancels them are in binary.test.ts; here a parser that
 * answers out of order (fakeParser.ts) stands in for them.
 */
import * as assert from 'node:assert/strict';
import { WorkspaceSymbolRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { OpenIssuesRequest } from '../../server/src/protocol';
import { SEED_FACTS, seedFacts } from '../fixtures/seedExpectations';
import { joinLines } from '../unit/helpers';
import { reverseOrderParser } from './fakeParser';
import { seedInMemory, startInProcess, type InProcessClient, type InProcessOptions } from './inProcess';
import { MASTER } from './seed';

/** The rules that need the whole workspace: never in provisional diagnostics. */
const WORKSPACE_RULES = ['undefined-issue', 'duplicate-issue', 'stale-stat', 'stale-average', 'sla-breach'];
const codes = (d: Diagnostic[]) => d.map((x) => String(x.code));
/** A diagnostic without its message: what it is and where. */
const fact = (x: Diagnostic) => JSON.stringify([x.code, x.range, x.data ?? null]);

describe('LSP indexing (in process)', function () {
  let client: InProcessClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('publishes provisional diagnostics for an open log before indexing ends, with nothing the rest of the workspace could change', async () => {
    const ws = seedInMemory();
    const master = ws.uri(MASTER);
    client = await startInProcess(ws, { afterInitialized: (c) => c.open(master, ws.read(MASTER)) });
    const before = client.published.slice(0, client.publishedBeforeProgressEnd[0]).filter((p) => p.uri === master);
    assert.ok(before.length > 0, 'diagnostics of the open log before the index was complete');
    const provisional = before[0].diagnostics;
    assert.equal(before[0].version, 1);
    assert.deepEqual(codes(provisional).filter((c) => WORKSPACE_RULES.includes(c)), []);
    // What needs only the document and the file system is there already.
    assert.equal(provisional.filter((x) => x.code === 'placeholder').length, 5);
    assert.ok(codes(provisional).includes('broken-link'));

    const final = await client.waitForDiagnostics(master, (x) => codes(x).includes('undefined-issue'), 'the full diagnostics');
    assert.deepEqual(seedFacts(final), SEED_FACTS);
    // Nothing provisional was false: every provisional diagnostic is also a final one.
    const finalSet = new Set(final.map(fact));
    for (const x of provisional) assert.ok(finalSet.has(fact(x)), fact(x));
  });

  it('checks an edit made while indexing, provisionally, then fully for the latest version', async () => {
    const ws = seedInMemory();
    const master = ws.uri(MASTER);
    const text = ws.read(MASTER);
    client = await startInProcess(ws, {
      afterInitialized: async (c) => {
        await c.open(master, text);
        await c.change(master, text.replace('- **Total Issues**: 20', '- **Total Issues**: 7'));
      },
    });
    for (const p of client.published.slice(0, client.publishedBeforeProgressEnd[0]).filter((x) => x.uri === master)) {
      assert.deepEqual(codes(p.diagnostics).filter((c) => WORKSPACE_RULES.includes(c)), [], `provisional diagnostics of version ${p.version}`);
    }
    const d = await client.waitForDiagnostics(master, (x) => codes(x).includes('stale-stat'), 'the full diagnostics of version 2');
    assert.equal(client.published.filter((p) => p.uri === master).pop()!.version, 2);
    // The edited total is right: of the seed's stale statistics, all but Total Issues remain.
    assert.deepEqual(seedFacts(d).stale, SEED_FACTS.stale.slice(1));
  });

  it('indexes what a parser gives back in any order as if it had read the files itself, in the walk\'s order', async () => {
    // The same ID defined in three files with three titles (a duplicate under contract v2; the same
    // title would be a quotation): which comes first depends on the order of the index.
    const files = (ws: ReturnType<typeof seedInMemory>) => {
      for (const name of ['a', 'b', 'c']) ws.write(`07-Notes/${name}.md`, joinLines(`# Notes ${name}`, '', `### CRIT-009: Defined thrice (${name})`, '- **Status**: Open'));
      return ws;
    };
    const answers = async (options: InProcessOptions, ws: ReturnType<typeof seedInMemory>) => {
      const c = await startInProcess(ws, options);
      try {
        await c.waitForDiagnostics(ws.uri(MASTER), (x) => codes(x).includes('undefined-issue'), 'the full diagnostics');
        const latest = new Map(c.published.map((p) => [p.uri.slice(ws.folderUri.length), p.diagnostics]));
        const symbols = await c.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'CRIT-00' });
        const open = await c.connection.sendRequest(OpenIssuesRequest, {});
        return JSON.parse(JSON.stringify({ diagnostics: [...latest].sort(), symbols, open }).split(ws.folderUri).join('<ws>'));
      } finally {
        await c.stop();
      }
    };
    const itself = await answers({}, files(seedInMemory()));
    const ws = files(seedInMemory());
    const parser = reverseOrderParser(ws);
    const master = ws.uri(MASTER);
    const parsed = await answers({ createParser: parser.createParser, afterInitialized: (c) => c.open(master, ws.read(MASTER)) }, ws);
    assert.deepEqual(parsed, itself);
    assert.ok(JSON.stringify(itself).includes('duplicate-issue'));
    // One thread was left to the server while it read the open document, then all were used again; the parser was closed.
    assert.deepEqual(parser.log, { setThreads: [1, 2], created: 1, closed: 1 });
  });
});
