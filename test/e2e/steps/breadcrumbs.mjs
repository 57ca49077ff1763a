// A UI step (registered in ui.test.mjs's UI_STEPS, last): on a 2 MB issue log, do the breadcrumbs follow the
// cursor to a far entry right after an edit? Users once saw them stay on the edited entry for 18 s (issue 14),
// when the server still gave document symbols too; now only VS Code's Markdown outline does.
//
// A figure, not a timing test: each move is timed in the page (the Enter of Go to Line, Ctrl+G → the breadcrumbs
// bar showing the entry's heading, a MutationObserver) and reported; the only assertion is a generous bound.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateWorkspace, RESULTS_DIR, waitFor } from '../codeServer.mjs';
import { activeTabTitle, dismiss, gotoLine, SELECTORS, typeInEditor } from '../workbench.mjs';
import { assert, revertActiveEditor, waitForCursorLine } from '../uiHelpers.mjs';

/** One phase of 3,000 entries: a 2 MB phase log (63,000 lines) and its master, next to the example's logs. */
const FOLDER = '90-Large';
const ISSUES = 3_000;
const LOG = `${FOLDER}/00-Foundation/issues-and-solutions.md`;
/**
 * A move that takes longer than this fails the step (the breadcrumbs never followed); the figure itself is
 * never judged. Not 15 s: after an edit VS Code's Markdown outline alone takes 16-20 s here (see
 * docs/benchmarks-notes.md, 2026-12-02), and its debounce may grow to 122.5 s.
 */
const BOUND_MS = 60_000;
/** Entries edited, then the entry far away the cursor goes to; first a move with no edit, for comparison. */
const MOVES = [
  { edit: null, to: 1200 },
  { edit: 10, to: 2400 },
  { edit: 2400, to: 300 },
];
export const BREADCRUMBS_FILE = path.join(RESULTS_DIR, 'breadcrumbs-latency.json');

const BREADCRUMB_ITEMS = '.part.editor .editor-group-container.active .breadcrumbs-control .monaco-breadcrumb-item';


/**
 * Opens LOG with Quick Open (several files are named issues-and-solutions.md): the focused row must be in
 * FOLDER, and so must the breadcrumbs (they show its folders as separate items, which openExactFile cannot match).
 */
async function openLog(page, timeout) {
  await dismiss(page);
  await page.keyboard.press('Control+P');
  const input = page.locator(SELECTORS.quickInputBox);
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(LOG);
  await waitFor(async () => (await page.locator(`${SELECTORS.quickInputRows}.focused`).first().innerText({ timeout: 1_000 })).includes(FOLDER), {
    timeout,
    message: `Quick Open to focus ${LOG}`,
  });
  await page.keyboard.press('Enter');
  await waitFor(async () => (await activeTabTitle(page)) === path.posix.basename(LOG) && (await breadcrumbItems(page)).includes(FOLDER), {
    timeout,
    message: `the editor of ${LOG}`,
  });
}

/** The breadcrumbs bar's items, last (innermost symbol) last. */
function breadcrumbItems(page) {
  return page.$$eval(BREADCRUMB_ITEMS, (els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));
}

/** The innermost item names `## Issue N` (the Markdown outline names a heading by its text, maybe with its #s). */
const namesIssue = (item, n) => new RegExp(`(^|\\s)Issue ${n}$`).test(item ?? '');

/** Records, on the page's clock, each Enter and each change of the innermost breadcrumb. */
function installProbe(page) {
  return page.evaluate((selector) => {
    const probe = { enters: [], changes: [] };
    window.__issueLogBreadcrumbs = probe;
    const last = () => [...document.querySelectorAll(selector)].map((e) => e.textContent.replace(/\s+/g, ' ').trim()).at(-1) ?? '';
    let seen = last();
    window.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') probe.enters.push(performance.now());
    }, true);
    new MutationObserver(() => {
      const now = last();
      if (now !== seen) probe.changes.push({ t: performance.now(), item: now });
      seen = now;
    }).observe(document.querySelector('.part.editor'), { subtree: true, childList: true, characterData: true });
  }, BREADCRUMB_ITEMS);
}

export const breadcrumbsStep = {
  name: 'breadcrumbs-large-log',
  title: 'on a 2 MB log the breadcrumbs follow the cursor to a far entry, also right after an edit (a figure)',
  async run({ page, workspace, shot }) {
    const problems = () => page.locator('.part.statusbar #status\\.problems').first().innerText().catch(() => '');
    const problemsBefore = await problems();
    assert(/\d/.test(problemsBefore), `no problem counts in the status bar ("${problemsBefore}")`);
    await generateWorkspace(path.join(workspace, FOLDER), { phases: 1, issuesPerPhase: ISSUES, faults: 5 });
    const lines = readFileSync(path.join(workspace, LOG), 'utf8').split('\n');
    const headingLine = (n) => {
      const i = lines.indexOf(`## Issue ${n}`);
      assert(i >= 0, `no "## Issue ${n}" in ${LOG}`);
      return i + 1;
    };
    // The edit: " x" at the end of the entry's prose line (its fields and headings stay as they are).
    const proseLine = (n) => {
      const start = headingLine(n);
      const i = lines.findIndex((l, j) => j >= start && l.startsWith('**Problem.**'));
      assert(i >= 0, `no prose line in "## Issue ${n}"`);
      return { line: i + 1, column: lines[i].length + 1 };
    };

    const t0 = Date.now();
    await openLog(page, 60_000);
    // Checked: the server has checked the new logs (the status bar's problem counts changed: the generator
    // put faults in them) and VS Code's outline of the log is there (the breadcrumbs name the entry at the cursor).
    await waitFor(async () => (await problems()) !== problemsBefore, { timeout: 120_000, interval: 250, message: 'the problem counts to change' });
    await gotoLine(page, headingLine(1) + 1, 1);
    await waitFor(async () => namesIssue((await breadcrumbItems(page)).at(-1), 1), { timeout: 60_000, interval: 100, message: 'the breadcrumbs to show "Issue 1"' });
    const readyS = ((Date.now() - t0) / 1000).toFixed(1);
    await installProbe(page);

    const samples = [];
    for (const { edit, to } of MOVES) {
      if (edit !== null) {
        const at = proseLine(edit);
        await gotoLine(page, at.line, at.column);
        await waitFor(async () => namesIssue((await breadcrumbItems(page)).at(-1), edit), { timeout: BOUND_MS, interval: 100, message: `the breadcrumbs to show "Issue ${edit}"` });
        await typeInEditor(page, ' x');
      }
      const line = headingLine(to) + 1;
      const enters = await page.evaluate(() => window.__issueLogBreadcrumbs.enters.length);
      await gotoLine(page, line, 1);
      await waitForCursorLine(page, line);
      // The picture of the first move after an edit: the cursor far away, the breadcrumbs (maybe) not yet.
      if (edit !== null && samples.length === 1) await shot();
      // From the Enter of Go to Line to the innermost item naming the entry the cursor is in.
      const ms = await waitFor(
        () =>
          page.evaluate(
            ({ k, n }) => {
              const p = window.__issueLogBreadcrumbs;
              const change = p.changes.find((c) => c.t > p.enters[k] && new RegExp(`(^|\\s)Issue ${n}$`).test(c.item));
              return change && p.enters[k] !== undefined ? change.t - p.enters[k] : null;
            },
            { k: enters, n: to },
          ),
        { timeout: BOUND_MS, interval: 50, message: `the breadcrumbs to show "Issue ${to}" (cursor on line ${line})` },
      ).catch(async (e) => {
        throw new Error(`${e.message}; the breadcrumbs show ${JSON.stringify(await breadcrumbItems(page))}${edit !== null ? ` after an edit in "Issue ${edit}"` : ''}`);
      });
      samples.push({ edit, to, ms: Math.round(ms) });
    }
    await revertActiveEditor(page);

    mkdirSync(RESULTS_DIR, { recursive: true });
    const bytes = readFileSync(path.join(workspace, LOG)).length;
    writeFileSync(
      BREADCRUMBS_FILE,
      JSON.stringify({ what: 'Go to Line (Enter) -> the breadcrumbs showing the entry the cursor is in (page clock, MutationObserver)', log: LOG, bytes, lines: lines.length, samples }, null, 2) + '\n',
    );
    const moves = samples.map((s) => `${s.edit === null ? 'no edit' : `edit in Issue ${s.edit}`} → Issue ${s.to}: ${s.ms} ms`);
    return `FIGURE breadcrumbs on a ${(bytes / 2 ** 20).toFixed(1)} MiB log (${lines.length} lines; ready ${readyS} s after opening): ${moves.join('; ')}`;
  },
};
