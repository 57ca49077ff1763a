// UI step of completion that does not get in the way (issue 14): typing a field line char by char in the
// real editor (the `*` and `-` trigger characters on the way) and Enter after its value ends the line; no
// entry template is inserted and no suggestion list is left open. The edit is reverted.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { editorText, gotoLine, SELECTORS } from '../workbench.mjs';
import { assert, openExactFile, revertActiveEditor } from '../uiHelpers.mjs';

const MASTER = '06-Master/MASTER-ISSUE-LOG.md';

export const TYPING_STEP = {
  name: 'typing',
  title: 'typing "- **Severity**: Low" and Enter at the end of an entry ends the line: no entry template, no list left open',
  async run({ page, workspace, shot }) {
    const lines = readFileSync(path.join(workspace, MASTER), 'utf8').split('\n');
    const heading = lines.findIndex((l) => l.startsWith('### OPEN-'));
    assert(heading >= 0, `no OPEN entry in ${MASTER}`);
    // The entry's last field line: type a new field after it, as a user completing the entry does.
    let last = heading + 1;
    while (lines[last + 1]?.startsWith('- **')) last++;
    await openExactFile(page, MASTER);
    await gotoLine(page, last + 1, lines[last].length + 1);
    // At a typing pace, so that each trigger character's completion request is answered on the way.
    await page.keyboard.press('Enter');
    await page.keyboard.type('- **Severity**: Low', { delay: 60 });
    const openBeforeEnter = await page.locator(SELECTORS.suggestWidget).count();
    await page.keyboard.press('Enter');
    await page.keyboard.type('next', { delay: 30 });
    const text = await editorText(page);
    await shot();
    await revertActiveEditor(page);
    assert(openBeforeEnter === 0, 'a suggestion list was open after the value was typed');
    assert(text.includes('- **Severity**: Low\nnext'), `Enter did not end the line: ${JSON.stringify(text.slice(text.indexOf('- **Severity**: Low') - 40, text.indexOf('- **Severity**: Low') + 80))}`);
    assert(!/\*\*Severity\*\*: #+ |### LOW-\d+: Title/.test(text), 'an entry template was inserted');
    return `"- **Severity**: Low" + Enter + "next": the line ended; no list open before Enter`;
  },
};
