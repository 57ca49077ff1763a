/**
 * `issueLog/indexingProgress` as a client sees it, in process: how far an indexing run is (files done of
 * total), for the status-bar item and the Open Issues view, from the run's begin to its end. The
 * notification is throttled to ~200 ms in use; here `progressNotifyMs: 0` sends every step, so the test
 * sees the steps without depending on how fast the machine is.
 */
import * as assert from 'node:assert/strict';
import { DidChangeConfigurationNotification } from 'vscode-languageserver-protocol/node';
import type { IndexingProgressParams } from '../../server/src/protocol';
import { joinLines } from '../unit/helpers';
import { InMemoryWorkspace } from './inMemoryWorkspace';
import { startInProcess, type InProcessClient } from './inProcess';
import { seedFiles } from './seed';

/** The seed workspace and `extra` small logs: a run with many steps. */
function largeWorkspace(extra: number): InMemoryWorkspace {
  const files = seedFiles();
  for (let i = 0; i < extra; i++) {
    files[`09-Generated/part-${String(i).padStart(3, '0')}/ISSUE-LOG.md`] = joinLines(`# Issue Log ${i}`, '', `### HIGH-${String(i + 1).padStart(3, '0')}: Generated issue ${i}`, '', '- **Status**: Open', '- **Severity**: High', '');
  }
  return new InMemoryWorkspace(files);
}

const runsOf = (all: IndexingProgressParams[]) => [...new Set(all.map((p) => p.run))];

describe('LSP indexing progress (in process)', function () {
  this.timeout(60_000);
  let client: InProcessClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('tells the client how many files of the total are done, increasing, and when the first full index ends', async () => {
    const ws = largeWorkspace(120);
    const total = Object.keys(seedFiles()).filter((p) => p.endsWith('.md')).length + 120;
    client = await startInProcess(ws, { progressNotifyMs: 0 });
    const progress = client.indexingProgress;
    assert.equal(runsOf(progress).length, 1, 'one run');
    assert.ok(progress.length >= 3, `a begin, steps and an end (got ${JSON.stringify(progress)})`);
    assert.deepEqual(progress[0], { run: progress[0].run, done: 0, total, ended: false, first: true });
    const steps = progress.slice(0, -1);
    for (const p of steps) assert.deepEqual([p.total, p.ended, p.first], [total, false, true]);
    for (let i = 1; i < steps.length; i++) assert.ok(steps[i].done > steps[i - 1].done, `done increases: ${steps[i - 1].done} then ${steps[i].done}`);
    assert.ok(steps.some((p) => p.done > 0 && p.done < total), 'a step between the begin and the end');
    // The end: everything read; the index is complete once, so `first` is over.
    assert.deepEqual(progress.at(-1), { run: progress[0].run, done: total, total, ended: true, first: false });
  });

  it('sends few notifications with the default throttle, and a re-index is a new run that is not the first', async () => {
    const ws = largeWorkspace(120);
    client = await startInProcess(ws);
    const first = client.indexingProgress.length;
    // Begin and end at least; a fast in-memory run has at most a handful of steps between them.
    assert.ok(first >= 2 && first < 20, `notifications of the first run: ${first}`);
    assert.equal(client.indexingProgress.at(-1)!.ended, true);

    const before = client.indexChanged.length;
    client.settings = { exclude: ['**/nothing-here/**'] };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.waitFor(() => client!.indexChanged.length > before && client!.indexingProgress.at(-1)?.ended === true && runsOf(client!.indexingProgress).length === 2, 'the re-index');
    const second = client.indexingProgress.filter((p) => p.run === runsOf(client!.indexingProgress)[1]);
    assert.ok(second.every((p) => !p.first), 'a re-index after a full index is not the first');
    assert.ok(second[0].run > client.indexingProgress[0].run);
  });
});
