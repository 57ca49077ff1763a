// UI step of the new-entry flow (issue 14): *New Issue…* from the palette, High, a title typed into the
// real input box: the entry appears under the High register with the next free HIGH ID, the cursor in its
// first field (a snippet's tab stop, no `[TBD]`), and the statistics counts it changes bumped in the same
// edit, so the log's problem count does not grow (the status item says `N+1 open · same problems`).
// The edit is reverted.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from '../codeServer.mjs';
import { editorText, runCommandWithInput, SELECTORS, statusBarItems, treeRows } from '../workbench.mjs';
import { assert, hidePanel, openExactFile, revertActiveEditor, updateDocsImage } from '../uiHelpers.mjs';

const MASTER = '06-Master/MASTER-ISSUE-LOG.md';
const TITLE = 'Cache Stampede on Deploy';

/** The status item's `N open · M problems`, as numbers. */
async function logStatus(page) {
  for (const item of await statusBarItems(page)) {
    const m = /(\d+) open · (\d+) problems?/.exec(item.text);
    if (m) return { open: Number(m[1]), problems: Number(m[2]) };
  }
  return undefined;
}

export const NEW_ISSUE_STEP = {
  name: 'new-issue',
  title: 'New Issue… (High, a title) inserts the entry with the next free ID and its fields as tab stops, and no problem appears',
  async run({ page, workspace, expected, shot }) {
    const text = readFileSync(path.join(workspace, MASTER), 'utf8');
    const highest = Math.max(...[...text.matchAll(/\bHIGH-(\d+)\b/g)].map((m) => Number(m[1])));
    const problems = expected.diagnostics.filter((d) => d.file === MASTER && d.severity !== 'hint').length;
    const open = expected.openIssues.length;
    await openExactFile(page, MASTER);
    await hidePanel(page);
    const before = await waitFor(async () => {
      const s = await logStatus(page);
      return s && s.open === open && s.problems === problems ? s : null;
    }, { timeout: 30_000, message: `the status item "${open} open · ${problems} problems"` });

    await runCommandWithInput(page, 'Issue Log: New Issue…', 'New Issue (1/2)');
    // The picker shows the ID each severity would get.
    const highRow = page.locator(SELECTORS.quickInputRows, { hasText: 'High' }).first();
    await highRow.waitFor({ timeout: 15_000 });
    const planned = /HIGH-\d+/.exec(await highRow.innerText())?.[0];
    await page.locator(SELECTORS.quickInputBox).fill('High');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'New Issue (2/2)' }).waitFor({ timeout: 15_000 });
    await page.locator(SELECTORS.quickInputBox).fill(TITLE);
    await page.keyboard.press('Enter');
    await page.waitForSelector(SELECTORS.quickInputBox, { state: 'hidden', timeout: 15_000 });

    const id = `HIGH-${String(highest + 1).padStart(3, '0')}`;
    const shown = await waitFor(async () => {
      const t = await editorText(page);
      return t.includes(`### ${id}: ${TITLE}`) ? t : null;
    }, { timeout: 15_000, message: `the new entry "### ${id}: ${TITLE}"` });
    assert(planned === id, `the picker planned ${planned}, the entry is ${id}`);
    const entry = shown.slice(shown.indexOf(`### ${id}:`)).split('\n').slice(0, 10).join('\n');
    assert(!entry.includes('[TBD]'), `a [TBD] in the new entry:\n${entry}`);
    // The cursor is in the first tab stop (Phase): typing replaces its placeholder.
    await page.keyboard.type('Backend Optimization', { delay: 20 });
    await waitFor(async () => (await editorText(page)).includes('- **Phase**: Backend Optimization') || null, {
      timeout: 15_000,
      message: 'the Phase field filled in through its tab stop',
    });
    // One more open issue in the log's scope, and not one problem more: the statistics were bumped with it.
    const after = await waitFor(async () => {
      const s = await logStatus(page);
      return s && s.open === before.open + 1 ? s : null;
    }, { timeout: 30_000, message: `the status item "${before.open + 1} open · …"` });
    assert(after.problems === before.problems, `${after.problems} problems after the insert, ${before.problems} before`);
    // The Open Issues view lists it too (the picture shows both).
    await waitFor(async () => (await treeRows(page, 'Open Issues', { timeout: 1_000 }).catch(() => [])).some((r) => r.startsWith(`${id} `)) || null, {
      timeout: 30_000,
      message: `${id} in the Open Issues view`,
    });
    const file = await shot();
    updateDocsImage(file, 'new-issue-flow.png');
    await page.keyboard.press('Escape');
    await revertActiveEditor(page);
    return `${id} (planned ${planned}) inserted; status ${before.open} open · ${before.problems} problems → ${after.open} open · ${after.problems} problems`;
  },
};
