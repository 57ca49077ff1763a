// The UI suite: checks Issue Log through VS Code's UI as a user would, in code-server driven by headless
// Chromium, on a COPY of examples/workspace. Run by test/e2e/run.mjs (`npm run test:e2e`), which builds the
// .vsix and passes it here. Every wait polls a condition with a bounded timeout; nothing sleeps for a fixed time.
//
// The expected diagnostics and open issues come from the CLI (`dist/cli.js check|open --format json`) run on
// the same copy with today's date, because the language server judges `review-overdue` by the real date.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { installExtension, launchBrowser, openWorkbench, screenshot, startCodeServer, waitFor } from './codeServer.mjs';
import {
  activityBarItem,
  clickActivityBarItem,
  clickTreeRow,
  dismiss,
  editorText,
  focusEditor,
  gotoLine,
  openProblems,
  saveEditor,
  SELECTORS,
  statusBarItem,
  treeRows,
  triggerSuggest,
  typeInEditor,
  waitForEditorText,
} from './workbench.mjs';

import {
  acceptSuggestion,
  assert,
  expectations,
  fileEntry,
  hidePanel,
  markerLabel,
  openExactFile,
  problemsByFile,
  revertActiveEditor,
  updateDocsImage,
  waitForActiveFile,
  waitForCursorLine,
  widenSidebar,
} from './uiHelpers.mjs';
import { OPEN_ISSUES_TREE_STEP } from './steps/openIssuesTree.mjs';
import { TYPING_STEP } from './steps/typing.mjs';
import { NEW_ISSUE_STEP } from './steps/newIssue.mjs';
import { MOVE_PHASE_FILE_STEP } from './steps/movePhaseFile.mjs';
import { breadcrumbsStep } from './steps/breadcrumbs.mjs';

export const MASTER = '06-Master/MASTER-ISSUE-LOG.md';
const BACKEND = '04-Backend-Optimization/issues-and-solutions.md';
const VIEWPORT = { width: 1280, height: 800 };

// ---- the steps -----------------------------------------------------------------------------------------

/**
 * Each step: { name (screenshot file stem), title, run(ctx) }. They run in order on one workbench; later steps
 * assume earlier ones left the master log unmodified (steps that edit it for a check revert it), except the
 * last three, which save their edits.
 */
export const UI_STEPS = [
  {
    name: 'workbench',
    title: 'the workbench opens the copy of examples/workspace with Issue Log active',
    async run({ page, url, workspace, shot }) {
      await openWorkbench(page, url, workspace, { timeout: 90_000 });
      await openExactFile(page, MASTER);
      // The extension's activity-bar container appears with the open-issue badge once the server has indexed.
      await waitFor(async () => (await activityBarItem(page, 'Issue Log')).badge !== '', {
        timeout: 60_000,
        message: 'the Issue Log badge',
      });
      await shot();
    },
  },
  {
    name: 'problems',
    title: "the Problems panel lists the master log's diagnostics",
    async run({ page, expected, shot }) {
      const want = expected.diagnostics.filter((d) => d.file === MASTER && d.severity !== 'hint');
      assert(want.length > 0, `the CLI reports no diagnostics for ${MASTER}`);
      // The other files' diagnostics are listed too (the server checks the whole workspace, not only open
      // files); they may arrive a moment after the master's, so everything is one polled condition.
      const others = expected.diagnostics.filter((d) => d.file !== MASTER && d.severity !== 'hint');
      await openProblems(page);
      let files;
      let missing = [];
      await waitFor(
        async () => {
          files = await problemsByFile(page);
          const master = fileEntry(files, MASTER);
          missing = [...want, ...others].filter((d) => {
            const entry = fileEntry(files, d.file);
            return !entry || !entry.markers.some((m) => m.ariaLabel.startsWith(markerLabel(d)));
          });
          return master && master.count === want.length && missing.length === 0;
        },
        { timeout: 60_000, message: `${want.length} markers for ${MASTER} and ${others.length} for other files` },
      ).catch((e) => {
        throw new Error(
          `${e.message}\nmissing: ${JSON.stringify(missing.map((d) => `${d.file}: ${markerLabel(d)}`), null, 1)}` +
            `\nProblems panel: ${JSON.stringify(files, null, 1)}`,
        );
      });
      const master = fileEntry(files, MASTER);
      for (const code of ['stale-stat', 'broken-link', 'undefined-issue']) {
        if (want.some((d) => d.code === code)) {
          assert(master.markers.some((m) => m.text.includes(code)), `no ${code} marker in the Problems panel`);
        }
      }
      // The extension's status-bar item for the active log agrees: '2 open · 4 problems'.
      const n = want.length;
      const status = `${expected.openIssues.length} open · ${n} problem${n === 1 ? '' : 's'}`;
      await statusBarItem(page, status, { timeout: 30_000 });
      await focusEditor(page);
      const file = await shot();
      updateDocsImage(file, 'master-log-diagnostics.png');
      return `${master.count} markers for ${MASTER}, e.g. "${master.markers[0].text}"; status bar "${status}"`;
    },
  },
  {
    name: 'completion',
    title: 'typing CRIT- in the master log offers the defined IDs; accepting one inserts it',
    async run({ page, workspace, shot }) {
      const critIds = [...readFileSync(path.join(workspace, MASTER), 'utf8').matchAll(/^### (CRIT-\d+):/gm)].map((m) => m[1]);
      assert(critIds.length > 0, `no CRIT entries in ${MASTER}`);
      await openExactFile(page, MASTER);
      await gotoLine(page, 5, 1);
      await typeInEditor(page, '\nSee CRIT-');
      await triggerSuggest(page);
      const labels = await waitFor(
        async () => {
          const l = await page.$$eval(SELECTORS.suggestRows, (els) => els.map((e) => (e.querySelector('.label-name')?.textContent ?? '').trim()));
          return critIds.every((id) => l.includes(id)) ? l : null;
        },
        { timeout: 15_000, message: `suggestions ${critIds.join(', ')}` },
      );
      const target = critIds[critIds.length - 1];
      await shot();
      await acceptSuggestion(page, (row) => row.label === target, target);
      await waitForEditorText(page, `See ${target}`);
      const text = await editorText(page);
      const line = text.split('\n').find((l) => l.startsWith('See '));
      assert(line === `See ${target}`, `the line reads "${line}", expected "See ${target}"`);
      await revertActiveEditor(page);
      return `offered ${labels.filter((l) => l.startsWith('CRIT-')).join(', ')}; accepted ${target}`;
    },
  },
  TYPING_STEP,
  {
    name: 'go-to-definition',
    title: 'F12 on a Reference link opens the phase file at the section',
    async run({ page, workspace, shot }) {
      const lines = readFileSync(path.join(workspace, MASTER), 'utf8').split('\n');
      const index = lines.findIndex((l) => l.includes(`](../${BACKEND}#issue-1)`));
      assert(index >= 0, `no Reference to ${BACKEND}#issue-1 in ${MASTER}`);
      const column = lines[index].indexOf(`](../${BACKEND}`) + 10;
      const targetLine = readFileSync(path.join(workspace, BACKEND), 'utf8').split('\n').indexOf('## Issue 1') + 1;
      assert(targetLine > 0, `no "## Issue 1" in ${BACKEND}`);
      await openExactFile(page, MASTER);
      await gotoLine(page, index + 1, column);
      await page.keyboard.press('F12');
      await waitForActiveFile(page, BACKEND);
      await waitForCursorLine(page, targetLine);
      await waitForEditorText(page, '## Issue 1');
      await shot();
      return `line ${index + 1} → ${BACKEND}:${targetLine}`;
    },
  },
  {
    name: 'open-issues',
    title: 'the Open Issues view lists the open issues by severity with counts; a click opens the entry',
    async run({ page, expected, shot }) {
      const order = ['Critical', 'High', 'Medium', 'Low'];
      const open = expected.openIssues;
      assert(open.length > 0, 'the CLI lists no open issues');
      const want = [];
      for (const sev of order) {
        const members = open.filter((i) => i.severity === sev);
        if (members.length) want.push(`${sev} (${members.length})`, ...members.map((i) => `${i.id} ${i.title}`));
      }
      await openExactFile(page, MASTER);
      await clickActivityBarItem(page, 'Issue Log');
      await widenSidebar(page, 500);
      let rows;
      await waitFor(
        async () => {
          rows = await treeRows(page, 'Open Issues', { min: want.length, timeout: 1_000 }).catch(() => []);
          return rows.length === want.length && want.every((w, i) => rows[i].startsWith(w));
        },
        { timeout: 60_000, message: 'the Open Issues tree' },
      ).catch((e) => {
        throw new Error(`${e.message}\nexpected rows starting with ${JSON.stringify(want)}\nsaw ${JSON.stringify(rows)}`);
      });
      const badge = (await activityBarItem(page, 'Issue Log')).badge;
      assert(badge === String(open.length), `the badge reads "${badge}", expected ${open.length}`);
      // Click the last issue: its entry opens (the master log, at its heading).
      const issue = open.find((i) => `${i.id} ${i.title}` === want[want.length - 1]);
      await openExactFile(page, BACKEND); // somewhere else first, so that the click has to navigate
      await clickTreeRow(page, 'Open Issues', `${issue.id} ${issue.title}`);
      await waitForActiveFile(page, issue.file);
      await waitForCursorLine(page, issue.line);
      await waitForEditorText(page, `### ${issue.id}:`);
      // A clean picture of the view next to the entry: no panel, no hover (the next steps reopen the panel).
      await hidePanel(page);
      await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height / 2);
      await page.waitForSelector(SELECTORS.hover, { state: 'hidden', timeout: 5_000 }).catch(() => {});
      const file = await shot();
      updateDocsImage(file, 'open-issues-sidebar.png');
      return `${rows.join(' | ')}; badge ${badge}; click → ${issue.file}:${issue.line}`;
    },
  },
  OPEN_ISSUES_TREE_STEP,
  {
    name: 'snippet',
    title: 'the crit snippet expands into a new entry',
    async run({ page, workspace, shot }) {
      const lines = readFileSync(path.join(workspace, MASTER), 'utf8').split('\n');
      const highHeading = lines.indexOf('## High Priority Issues');
      assert(highHeading > 0, `no "## High Priority Issues" in ${MASTER}`);
      await openExactFile(page, MASTER);
      // A new entry at the end of the Critical register: a blank line before the next section's heading.
      await gotoLine(page, highHeading + 1, 1);
      await typeInEditor(page, '\n');
      await gotoLine(page, highHeading + 1, 1);
      await typeInEditor(page, 'crit');
      await triggerSuggest(page);
      await acceptSuggestion(page, (row) => row.label === 'crit', 'the "crit" entry template');
      // Tab stops: the first is the title; the ID is the log's next free one.
      await page.keyboard.type('Disk Full on Build Agents');
      await waitForEditorText(page, ': Disk Full on Build Agents');
      const text = await editorText(page);
      const id = /### (CRIT-\d+): Disk Full on Build Agents/.exec(text)?.[1];
      assert(id, 'the expanded entry has no CRIT heading');
      assert(text.split(`### ${id}:`).length === 2, `${id} was already taken`);
      for (const field of ['- **Phase**:', '- **Date**:', '- **Status**:', '- **Reference**:']) {
        assert(text.includes(field), `the expanded entry lacks "${field}"`);
      }
      assert(!text.slice(text.indexOf(`### ${id}:`)).split('\n', 10).join('\n').includes('[TBD]'), 'a [TBD] in the new entry');
      await shot();
      await page.keyboard.press('Escape');
      await revertActiveEditor(page);
      return 'crit → ### CRIT-NNN (next free): Disk Full on Build Agents with Phase, Date, Status, …, Reference';
    },
  },
  NEW_ISSUE_STEP,
  {
    name: 'quick-fix',
    title: 'the quick fix on the stale Resolved statistic writes the count and the diagnostic disappears',
    async run({ page, workspace, expected, shot }) {
      const stale = expected.diagnostics.find((d) => d.file === MASTER && d.code === 'stale-stat');
      assert(stale, `the CLI reports no stale-stat in ${MASTER}`);
      const lineText = readFileSync(path.join(workspace, MASTER), 'utf8').split('\n')[stale.line - 1];
      const label = /\*\*([^*]+)\*\*/.exec(lineText)?.[1];
      await openExactFile(page, MASTER);
      await openProblems(page);
      await gotoLine(page, stale.line, stale.column + 3);
      await page.keyboard.press('Control+.');
      // The fix says which count it writes; the line must then hold exactly that count.
      const fix = page.locator('.action-widget .monaco-list-row.action', { hasText: /^\s*Write \d+/ }).first();
      await fix.waitFor({ timeout: 15_000 });
      const count = /Write (\d+)/.exec(await fix.innerText())?.[1];
      assert(count && lineText !== `- **${label}**: ${count}`, `the fix offers no new count for "${lineText}"`);
      await shot();
      await fix.click();
      await waitForEditorText(page, `- **${label}**: ${count}`);
      await saveEditor(page);
      await waitFor(
        async () => {
          const master = fileEntry(await problemsByFile(page), MASTER);
          return master && !master.markers.some((m) => m.text.includes('stale-stat') || m.ariaLabel.startsWith(markerLabel(stale)));
        },
        { timeout: 30_000, message: 'the stale-stat marker to disappear' },
      );
      const saved = readFileSync(path.join(workspace, MASTER), 'utf8').split('\n')[stale.line - 1];
      assert(saved === `- **${label}**: ${count}`, `the saved line reads "${saved}"`);
      return `"${lineText}" → "${saved}"; marker gone`;
    },
  },
  {
    name: 'rename-heading',
    title: "renaming a phase file's heading makes the master log's broken-anchor diagnostic appear",
    async run({ page, workspace, shot }) {
      const lines = readFileSync(path.join(workspace, BACKEND), 'utf8').split('\n');
      const headingLine = lines.indexOf('## Issue 1') + 1;
      assert(headingLine > 0, `no "## Issue 1" in ${BACKEND}`);
      const refLine = readFileSync(path.join(workspace, MASTER), 'utf8').split('\n').findIndex((l) => l.includes(`](../${BACKEND}#issue-1)`)) + 1;
      const hasAnchorMarker = async () => {
        const master = fileEntry(await problemsByFile(page), MASTER);
        return master?.markers.find((m) => m.text.includes('broken-anchor') && m.text.includes('#issue-1') && m.text.includes(`[Ln ${refLine},`));
      };
      await openProblems(page);
      assert(!(await hasAnchorMarker()), 'a broken-anchor marker for #issue-1 is there before the rename');
      await openExactFile(page, BACKEND);
      await gotoLine(page, headingLine, '## Issue '.length + 1);
      await page.keyboard.press('Shift+End');
      await page.keyboard.type('One');
      await waitForEditorText(page, '## Issue One');
      await saveEditor(page);
      const marker = await waitFor(hasAnchorMarker, { timeout: 30_000, message: `a broken-anchor marker for #issue-1 on line ${refLine} of ${MASTER}` });
      assert(readFileSync(path.join(workspace, BACKEND), 'utf8').includes('\n## Issue One\n'), 'the rename was not saved');
      await shot();
      return marker.text;
    },
  },
  MOVE_PHASE_FILE_STEP,
  breadcrumbsStep, // last: it adds a generated 2 MB log to the workspace (steps/breadcrumbs.mjs)
];

/**
 * Runs the UI suite: installs `vsix` into fresh folders under `tmpRoot`, starts code-server on a copy of
 * the example workspace (`workspace`, already copied by the caller), opens it in headless Chromium and runs
 * the steps. `report({ title, state, durationMs, detail, error })` is called once per step.
 * Always stops Chromium and code-server.
 */
export async function runUiSuite({ vsix, tmpRoot, workspace, report, log = console.log, track = (stop) => stop }) {
  const extensionsDir = path.join(tmpRoot, 'ui-extensions');
  const userDataDir = path.join(tmpRoot, 'ui-user-data');
  const expected = await expectations(workspace);
  log(`  expected (CLI, --today ${expected.today}): ${expected.diagnostics.length} diagnostics, ${expected.openIssues.length} open issues`);
  let server;
  let browser;
  let stopServer;
  let closeBrowser;
  const results = [];
  try {
    await installExtension(vsix, extensionsDir, userDataDir);
    // VS Code in a browser saves after a delay by default; off, as on the desktop, so an edit that a step
    // reverts never reaches the disk.
    server = await startCodeServer({ workspace, extensionsDir, userDataDir, timeout: 90_000, settings: { 'files.autoSave': 'off' } });
    stopServer = track(server.stop);
    browser = await launchBrowser({ viewport: VIEWPORT });
    closeBrowser = track(browser.close);
    const { page } = browser;
    page.setDefaultTimeout(30_000);
    for (const [i, step] of UI_STEPS.entries()) {
      const nn = String(i + 1).padStart(2, '0');
      const ctx = { page, url: server.url, workspace, expected, shot: () => screenshot(page, `${nn}-${step.name}`) };
      const started = Date.now();
      try {
        const detail = await withTimeout(step.run(ctx), 180_000, step.title);
        results.push(report({ title: step.title, state: 'passed', durationMs: Date.now() - started, detail }));
      } catch (error) {
        await screenshot(page, `${nn}-${step.name}-FAILED`).catch(() => {});
        results.push(report({ title: step.title, state: 'failed', durationMs: Date.now() - started, error }));
        await dismiss(page).catch(() => {});
        await page.keyboard.press('Escape').catch(() => {});
        if (i === 0) {
          // Without a workbench nothing else can run: count the remaining steps as failed, not skipped.
          for (const rest of UI_STEPS.slice(1)) {
            results.push(report({ title: rest.title, state: 'failed', durationMs: 0, error: new Error('not run: the workbench did not open') }));
          }
          break;
        }
      }
    }
  } catch (error) {
    // Setup failed (install, code-server, browser): every step counts as failed.
    log(`  setup failed: ${error.stack ?? error}`);
    for (const step of UI_STEPS.slice(results.length)) {
      results.push(report({ title: step.title, state: 'failed', durationMs: 0, error: new Error(`not run: ${error.message.split('\n')[0]}`) }));
    }
  } finally {
    await closeBrowser?.();
    await stopServer?.();
  }
  if (server && results.some((r) => r.state === 'failed')) log(`  code-server log: ${server.logFile}`);
  return results;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`step timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
