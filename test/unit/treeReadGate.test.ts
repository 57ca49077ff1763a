/**
 * One root change of the Open Issues tree at a time (client/src/treeReadGate.ts): a change that comes
 * while the view still reads the last tree waits until it has read it, which is what kept VS Code from
 * logging "No tree item with id … found" on regrouping. Timers are Node's mock timers: no waiting.
 */
import * as assert from 'node:assert/strict';
import { mock } from 'node:test';
import { TreeReadGate } from '../../client/src/treeReadGate';

describe('TreeReadGate: one root change at a time', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('fires the first change at once and holds a second one until the view has read the first', () => {
    let fired = 0;
    const gate = new TreeReadGate(() => fired++, 300);
    gate.changed();
    assert.equal(fired, 1);
    // Regrouping again while the view reads (getChildren of the roots, then of the groups).
    gate.read();
    gate.changed();
    gate.changed();
    assert.equal(fired, 1, 'a change fired while the view still reads the last tree');
    gate.read();
    mock.timers.tick(299);
    assert.equal(fired, 1);
    assert.equal(gate.settled, false);
    // The view asked nothing more for a while: the held changes go out as one.
    mock.timers.tick(1);
    assert.equal(fired, 2);
    gate.read();
    mock.timers.tick(300);
    assert.equal(gate.settled, true);
    gate.changed();
    assert.equal(fired, 3);
  });

  it('keeps a change for a hidden view (it reads when shown) and tells waiters when it has read', async () => {
    let fired = 0;
    const gate = new TreeReadGate(() => fired++, 300);
    gate.changed();
    const read = gate.whenSettled(5_000);
    const hidden = new TreeReadGate(() => undefined, 300);
    hidden.changed();
    const never = hidden.whenSettled(1_000);
    gate.read();
    mock.timers.tick(300);
    assert.equal(await read, true);
    mock.timers.tick(1_000);
    assert.equal(await never, false);
    assert.equal(await new TreeReadGate(() => undefined).whenSettled(), true, 'nothing to read: settled at once');
  });
});
