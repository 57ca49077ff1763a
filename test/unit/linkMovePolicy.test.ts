/** `issueLog.updateLinksOnMove`'s decisions (client/src/linkMovePolicy.ts), without VS Code. */
import * as assert from 'node:assert/strict';
import { ANSWERS, onAnswer, question, readMode } from '../../client/src/linkMovePolicy';

describe('issueLog.updateLinksOnMove', () => {
  it('reads prompt (the default, and any value it does not know), always and never', () => {
    assert.deepEqual([undefined, 'prompt', 'always', 'never', 'ALWAYS', 3].map(readMode), ['prompt', 'prompt', 'always', 'never', 'prompt', 'prompt']);
  });
  it('asks with the counts, offering Yes, No, Always and Never', () => {
    assert.equal(question(3, 2), 'Update 3 links in 2 files?');
    assert.equal(question(1, 1), 'Update 1 link in 1 file?');
    assert.deepEqual([...ANSWERS], ['Yes', 'No', 'Always', 'Never']);
  });
  it('Yes applies; No and a dismissed question do not; Always and Never also set the mode', () => {
    assert.deepEqual(['Yes', 'No', undefined, 'Always', 'Never'].map(onAnswer), [
      { apply: true },
      { apply: false },
      { apply: false },
      { apply: true, remember: 'always' },
      { apply: false, remember: 'never' },
    ]);
  });
});
