/**
 * The CLI's progress line (cli/progress.ts) as functions: its text, when it is drawn (a terminal
 * only, after a second, at most every 100 ms, always the last count), and what it writes on a fake
 * stream with a fake clock (redrawn in place, wiped before a message and at the end). The process
 * test that piped output carries none of it is in cliInput.test.ts.
 */
import { strict as assert } from 'node:assert';
import { PROGRESS_DELAY_MS, ProgressLine, progressText, shouldDraw } from '../../server/src/cli/progress';

describe('CLI progress line', () => {
  it('says how many files of how many are parsed, with thousands separated', () => {
    assert.equal(progressText(1234, 5678), 'Parsing 1,234 of 5,678 files…');
    assert.equal(progressText(0, 3), 'Parsing 0 of 3 files…');
  });

  it('is drawn on a terminal only, after about a second, at most every 100 ms, and always for the last file', () => {
    const at = (o: Partial<Parameters<typeof shouldDraw>[0]>) => shouldDraw({ isTTY: true, elapsedMs: 5000, sinceDrawnMs: undefined, last: false, ...o });
    assert.equal(at({ isTTY: false }), false, 'piped or redirected: never');
    assert.equal(at({ isTTY: false, last: true }), false);
    assert.equal(at({ elapsedMs: PROGRESS_DELAY_MS - 1 }), false, 'a short run shows nothing');
    assert.equal(at({ elapsedMs: PROGRESS_DELAY_MS - 1, last: true }), false);
    assert.equal(at({ elapsedMs: PROGRESS_DELAY_MS }), true);
    assert.equal(at({ sinceDrawnMs: 40 }), false, 'not redrawn within 100 ms');
    assert.equal(at({ sinceDrawnMs: 100 }), true);
    assert.equal(at({ sinceDrawnMs: 40, last: true }), true);
  });

  it('redraws in place, and wipes itself before a message and at the end', () => {
    let t = 0;
    const written: string[] = [];
    const line = new ProgressLine({ isTTY: true, write: (s: string) => written.push(s) }, () => t);
    line.update(1, 20);
    assert.deepEqual(written, [], 'nothing in the first second');
    t = 1500;
    line.update(2, 20);
    t = 1550;
    line.update(3, 20);
    t = 1700;
    line.update(10, 20);
    line.write('issue-log: x.md: skipped\n');
    line.update(11, 20);
    t = 1710;
    line.update(20, 20);
    line.clear();
    line.clear();
    const text = 'Parsing 2 of 20 files…';
    assert.deepEqual(written, [
      '\r' + text,
      '\r' + 'Parsing 10 of 20 files…'.padEnd(text.length),
      '\r' + ' '.repeat(23) + '\r',
      'issue-log: x.md: skipped\n',
      '\rParsing 11 of 20 files…',
      '\rParsing 20 of 20 files…',
      '\r' + ' '.repeat(23) + '\r',
    ]);
  });

  it('writes nothing at all when the stream is not a terminal', () => {
    let t = 0;
    const written: string[] = [];
    const line = new ProgressLine({ isTTY: false, write: (s: string) => written.push(s) }, () => t);
    t = 10_000;
    line.update(5, 5);
    line.clear();
    line.write('issue-log: x.md: skipped\n');
    assert.deepEqual(written, ['issue-log: x.md: skipped\n']);
  });
});
