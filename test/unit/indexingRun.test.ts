/**
 * One indexing run (server/src/lsp/indexingRun.ts) on the loading pipeline with a fake parser: the
 * results are taken in the files' order whatever order they finish in, the open documents first;
 * cancelling stops accepting results and closes the parser.
 */
import * as assert from 'node:assert/strict';
import { resolveOptions } from '../../server/src/core/config';
import { readDocument } from '../../server/src/core/document';
import type { FileParser, FileToLoad, LoadSource, ParseResult } from '../../server/src/core/loading';
import { IndexingRun } from '../../server/src/lsp/indexingRun';

const options = resolveOptions();

/** A parser whose results the test hands out, in any order. */
class FakeParser implements FileParser {
  threads = 2;
  closed = 0;
  threadCounts: number[] = [];
  private onResult?: (i: number, r: ParseResult) => void;
  private done!: () => void;
  setThreads(n: number): void {
    this.threadCounts.push(n);
  }
  async parseFiles(_files: readonly FileToLoad[], onResult: (i: number, r: ParseResult) => void) {
    this.onResult = onResult;
    return { finished: new Promise<void>((resolve) => (this.done = resolve)) };
  }
  answer(i: number, r: ParseResult): void {
    this.onResult!(i, r);
  }
  finish(): void {
    this.done();
  }
  async close(): Promise<void> {
    this.closed++;
  }
}

function source(parser: FakeParser): LoadSource {
  return { walk: () => [], read: () => ({ ok: false, reason: 'unused' }), createParser: () => parser };
}

const files: FileToLoad[] = ['a', 'b', 'c'].map((n) => ({ path: `/ws/${n}.md`, uri: `file:///ws/${n}.md` }));
const facts = (i: number): ParseResult => ({ ok: true, facts: readDocument(files[i].uri, `# ${i}\n`, options), cached: false });
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('indexing run', () => {
  it('takes the results in the order of the files, after the open documents, on one thread fewer meanwhile', async () => {
    const parser = new FakeParser();
    const run = new IndexingRun(source(parser), (m) => assert.fail(m));
    const order: string[] = [];
    let releaseOpen!: () => void;
    const openDone = new Promise<void>((resolve) => (releaseOpen = resolve));
    const loading = run.load(options, undefined, {
      files,
      openCount: 1,
      indexOpenDocuments: async () => {
        await openDone;
        order.push('open');
        return true;
      },
      accept: (file, r) => order.push(`${file.path}:${r.ok && r.facts ? 'facts' : r.ok ? 'deferred' : 'skipped'}`),
    });
    await tick();
    parser.answer(2, facts(2));
    parser.answer(0, { ok: true, deferred: true });
    await tick();
    assert.deepEqual(order, []);
    releaseOpen();
    await tick();
    assert.deepEqual(order, ['open', '/ws/a.md:deferred']);
    parser.answer(1, { ok: false, reason: 'does not exist' });
    parser.finish();
    const outcome = await loading;
    assert.deepEqual(order, ['open', '/ws/a.md:deferred', '/ws/b.md:skipped', '/ws/c.md:facts']);
    assert.deepEqual(outcome, { parsed: 1, cached: 0, deferred: 1, skipped: 1, threads: 2 });
    assert.deepEqual(parser.threadCounts, [1, 2]);
    assert.equal(parser.closed, 1);
  });

  it('cancelled, it takes no more results and closes its parser at once', async () => {
    const parser = new FakeParser();
    const run = new IndexingRun(source(parser), (m) => assert.fail(m));
    const accepted: string[] = [];
    const loading = run.load(options, undefined, { files, openCount: 0, indexOpenDocuments: async () => true, accept: (file) => accepted.push(file.path) });
    await tick();
    parser.answer(0, facts(0));
    await tick();
    assert.deepEqual(accepted, ['/ws/a.md']);
    await run.cancel();
    assert.equal(parser.closed, 1);
    parser.answer(1, facts(1));
    parser.answer(2, facts(2));
    parser.finish();
    assert.equal(await loading, undefined);
    assert.deepEqual(accepted, ['/ws/a.md']);
    assert.ok(run.cancelled);
  });
});
