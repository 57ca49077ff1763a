/**
 * The client's restart decisions (client/src/restartPolicy.ts), without VS Code: a stopped server is
 * restarted a few times within the window, then not (no restart loop), until the user restarts it;
 * stops older than the window are forgotten; connection errors shut down after a few.
 */
import { strict as assert } from 'node:assert';
import { DEFAULT_RESTART_POLICY, RestartPolicy } from '../../client/src/restartPolicy';

const MINUTE = 60 * 1000;

describe('restart policy (client)', () => {
  it('restarts 4 times within 3 minutes, then gives up, and keeps giving up', () => {
    const p = new RestartPolicy();
    const decisions = [0, 1, 2, 3, 4, 5].map((i) => p.closed(i * 1000));
    assert.deepEqual(
      decisions.map((d) => d.restart),
      [true, true, true, true, false, false],
    );
    assert.deepEqual(decisions[3], { restart: true, attempt: 4, of: 4 });
    assert.deepEqual(decisions[4], { restart: false, stops: 5, windowMs: DEFAULT_RESTART_POLICY.windowMs });
  });

  it('stops older than the window do not count', () => {
    const p = new RestartPolicy();
    for (let i = 0; i < 4; i++) assert.equal(p.closed(i * MINUTE).restart, true);
    // At 4 min the stop at 0 left the 3-minute window: 4 in it (1, 2, 3, 4 min), still a restart;
    // just after, the one at 1 min leaves too; then a fifth within the window gives up.
    assert.deepEqual(p.closed(4 * MINUTE), { restart: true, attempt: 4, of: 4 });
    assert.deepEqual(p.closed(4 * MINUTE + 1), { restart: true, attempt: 4, of: 4 });
    assert.equal(p.closed(4 * MINUTE + 2).restart, false);
  });

  it('after giving up, a restart by the user starts the count again', () => {
    const p = new RestartPolicy({ maxRestarts: 2, windowMs: MINUTE, maxErrors: 3 });
    assert.deepEqual(
      [p.closed(0), p.closed(1), p.closed(2)].map((d) => d.restart),
      [true, true, false],
    );
    p.reset();
    assert.deepEqual(p.closed(3), { restart: true, attempt: 1, of: 2 });
  });

  it('connection errors: carry on for the first three, then shut down', () => {
    const p = new RestartPolicy();
    assert.deepEqual(
      [undefined, 1, 2, 3, 4, 9].map((n) => p.error(n)),
      ['continue', 'continue', 'continue', 'continue', 'shutdown', 'shutdown'],
    );
  });

  it('writes to a server that is gone carry on whatever their count: its close decides (a burst as it dies)', () => {
    const p = new RestartPolicy();
    assert.deepEqual(
      [4, 9].map((n) => p.error(n, true)),
      ['continue', 'continue'],
    );
  });
});
