/**
 * The watch on the client's process (server/src/node/parentWatch.ts) with `process.kill` stubbed:
 * EPERM (a process of another user) and unknown errors mean alive, ESRCH means gone, and going exits
 * with the reason logged. (We run as root here, so a real EPERM cannot be made; the binary test in
 * test/lsp/protocol.test.ts covers a dead process for real.)
 */
import { strict as assert } from 'node:assert';
import { clientProcessIdArgument, ParentWatch, probe } from '../../server/src/node/parentWatch';

const errno = (code: string) => Object.assign(new Error(code), { code });
const killWith = (code?: string) => () => {
  if (code) throw errno(code);
  return true;
};

function watch(kill: (pid: number, signal: 0) => unknown, argv: string[] = []) {
  const exits: number[] = [];
  const logs: string[] = [];
  const timers: number[] = [];
  const w = new ParentWatch({ kill, exit: (c) => exits.push(c), log: (l) => logs.push(l), argv, every: (ms) => timers.push(ms) });
  return { w, exits, logs, timers };
}

const init = (processId: number | null) => ({ processId, rootUri: null, capabilities: {} });

describe('parent process watch', () => {
  it('probe: no error and EPERM are alive, ESRCH is gone, anything else counts as alive', () => {
    assert.deepEqual(probe(42, killWith()), { alive: true });
    assert.deepEqual(probe(42, killWith('EPERM')), { alive: true, code: 'EPERM' });
    assert.deepEqual(probe(42, killWith('ESRCH')), { alive: false, code: 'ESRCH' });
    assert.equal(probe(42, killWith('EINVAL')).alive, true);
  });

  it("a client of another user (EPERM) is never taken for dead", () => {
    const t = watch(killWith('EPERM'));
    t.w.initialize(init(4242));
    for (let i = 0; i < 5; i++) t.w.check();
    assert.deepEqual(t.exits, []);
    assert.equal(t.logs.length, 1, 'said once');
    assert.match(t.logs[0], /4242.*EPERM/);
    assert.deepEqual(t.w.pids, [4242]);
    assert.equal(t.timers.length, 1);
  });

  it('a client that is gone (ESRCH): exit 1 with the pid and the reason logged; 0 after shutdown', () => {
    const t = watch(killWith('ESRCH'));
    t.w.initialize(init(4242));
    t.w.check();
    assert.deepEqual(t.exits, [1]);
    assert.equal(t.logs.length, 1);
    assert.match(t.logs[0], /4242/);
    assert.match(t.logs[0], /ESRCH/);
    t.w.check();
    assert.deepEqual(t.exits, [1], 'exits once');

    const after = watch(killWith('ESRCH'));
    after.w.initialize(init(4242));
    after.w.shutdownReceived = true;
    after.w.check();
    assert.deepEqual(after.exits, [0]);
  });

  it('watches --clientProcessId too; no id, 0, negative or its own pid start no watch', () => {
    assert.equal(clientProcessIdArgument(['--stdio', '--clientProcessId=77']), 77);
    assert.equal(clientProcessIdArgument(['--clientProcessId', '78', '--node-ipc']), 78);
    assert.equal(clientProcessIdArgument(['--clientProcessId=x']), undefined);
    const t = watch(killWith('ESRCH'), ['--node-ipc', '--clientProcessId=77']);
    assert.deepEqual(t.w.pids, [77]);
    t.w.initialize(init(77));
    assert.deepEqual(t.w.pids, [77]);
    const none = watch(killWith('ESRCH'));
    for (const pid of [null, 0, -1, process.pid]) none.w.initialize(init(pid));
    none.w.check();
    assert.deepEqual(none.w.pids, []);
    assert.deepEqual(none.timers, []);
    assert.deepEqual(none.exits, []);
  });
});
