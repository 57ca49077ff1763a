// UI step of the Open Issues view as a place to work (issue 14): the filter box (typed in the real quick
// pick), the toggle to all issues and back, and the row of the entry under the cursor selected as the cursor
// moves in the log. Leaves the master log unmodified and the view unfiltered, showing the open issues.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from '../codeServer.mjs';
import { clickActivityBarItem, gotoLine, runCommand, runCommandWithInput, SELECTORS, treeRows, viewPane } from '../workbench.mjs';
import { assert, hidePanel, openExactFile, updateDocsImage, widenSidebar } from '../uiHelpers.mjs';

const MASTER = '06-Master/MASTER-ISSUE-LOG.md';

/** The rows of the view's issues (not its groups): `ID Title …`. */
const issueRows = (rows) => rows.filter((r) => /^[A-Z][A-Za-z]*[- ]\d+\b/.test(r) && !/\(\d+\)$/.test(r));

export const OPEN_ISSUES_TREE_STEP = {
  name: 'open-issues-filter',
  title: 'the Open Issues view: the filter box keeps the matching issues, Show All Issues adds the resolved ones, the entry under the cursor is selected',
  async run({ page, workspace, expected, shot }) {
    const open = expected.openIssues.filter((i) => i.file === MASTER);
    assert(open.length >= 2, `fewer than two open issues in ${MASTER}`);
    const target = open[open.length - 1];
    const other = open[0];
    // A word of the target's title that the other open issue's entry does not have: what a user would type to find it.
    const lines = readFileSync(path.join(workspace, MASTER), 'utf8').split('\n');
    const end = lines.findIndex((l, i) => i >= other.line && /^#{1,3} /.test(l));
    const otherEntry = lines.slice(other.line - 1, end > 0 ? end : undefined).join('\n').toLowerCase();
    const word = target.title.split(/\W+/).filter((w) => w.length >= 4 && !otherEntry.includes(w.toLowerCase()))[0];
    assert(word, `no word of "${target.title}" that ${other.id}'s entry lacks`);
    await openExactFile(page, MASTER);
    await clickActivityBarItem(page, 'Issue Log');
    await widenSidebar(page, 500);
    await hidePanel(page);

    // The filter box: the real quick pick, typed in; Enter applies it.
    await runCommandWithInput(page, 'Issue Log: Filter Issues…', 'Filter Issues');
    await page.locator(SELECTORS.quickInputBox).fill(word);
    await page.keyboard.press('Enter');
    await page.waitForSelector(SELECTORS.quickInputBox, { state: 'hidden', timeout: 15_000 });
    const filtered = await waitFor(
      async () => {
        const rows = issueRows(await treeRows(page, 'Open Issues', { timeout: 1_000 }).catch(() => []));
        return rows.some((r) => r.startsWith(`${target.id} `)) && !rows.some((r) => r.startsWith(`${other.id} `)) ? rows : null;
      },
      { timeout: 30_000, message: `the view filtered to the issues with "${word}"` },
    );
    const message = (await viewPane(page, 'Open Issues').locator('.pane-body .message').first().innerText().catch(() => '')).trim();
    assert(message !== '', 'the filtered view shows no message saying that a filter is on');
    const file = await shot();
    updateDocsImage(file, 'open-issues-filter.png');
    await runCommand(page, 'Issue Log: Clear Filter');
    await waitFor(async () => issueRows(await treeRows(page, 'Open Issues', { timeout: 1_000 }).catch(() => [])).length === open.length || null, {
      timeout: 30_000,
      message: 'every open issue back after Clear Filter',
    });

    // All issues: the view's title says so and the resolved issues appear; then back to the open ones.
    await runCommand(page, 'Issue Log: Show All Issues');
    const all = await waitFor(async () => {
      const rows = issueRows(await treeRows(page, 'All Issues', { timeout: 1_000 }).catch(() => []));
      return rows.length > open.length ? rows : null;
    }, { timeout: 30_000, message: 'the All Issues view with the resolved issues' });
    await runCommand(page, 'Issue Log: Show Open Issues Only');
    await treeRows(page, 'Open Issues', { min: open.length });

    // The cursor in an entry's body: its row is selected, the editor keeps the focus.
    await openExactFile(page, MASTER);
    await gotoLine(page, target.line + 2, 1);
    const selectedRow = () => viewPane(page, 'Open Issues').locator(`.pane-body ${SELECTORS.listRow}.selected`).first().innerText().catch(() => '');
    await waitFor(async () => ((await selectedRow()).startsWith(`${target.id} `) ? true : null), { timeout: 15_000, message: `${target.id} selected` });
    await gotoLine(page, other.line + 1, 1);
    await waitFor(async () => ((await selectedRow()).startsWith(`${other.id} `) ? true : null), { timeout: 15_000, message: `${other.id} selected` });
    const focusInEditor = await page.evaluate(() => Boolean(document.activeElement?.closest('.monaco-editor')));
    assert(focusInEditor, 'revealing the entry took the focus from the editor');
    const followShot = await shot();
    updateDocsImage(followShot, 'open-issues-follow.png');
    return `"${word}" → ${filtered.join(' | ')} (${message}); all issues: ${all.length} rows; cursor at ${target.id}, then ${other.id}: selected`;
  },
};
