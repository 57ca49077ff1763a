// Helpers of the UI suite (test/e2e/ui.test.mjs): what the Problems panel, the editor, the breadcrumbs and the
// suggest widget show, read from the workbench's DOM; and the CLI's expectations for the same workspace copy.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, waitFor } from './codeServer.mjs';
import { activeTabTitle, dismiss, runCommand, SELECTORS } from './workbench.mjs';

const DOCS_IMAGES = path.join(REPO_ROOT, 'docs', 'images');

/** The README's screenshots are refreshed only on request (UPDATE_DOCS_IMAGES=1), so a test run leaves the checkout clean. */
export function updateDocsImage(file, name) {
  if (process.env.UPDATE_DOCS_IMAGES !== '1') return;
  mkdirSync(DOCS_IMAGES, { recursive: true });
  copyFileSync(file, path.join(DOCS_IMAGES, name));
}
export const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', information: 'Info', hint: 'Hint' };

/** Today's date as YYYY-MM-DD in local time (what the language server uses for review-overdue). */
export function localToday(d = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function cliJson(args, cwd = undefined) {
  return new Promise((resolve, reject) => {
    // `check` exits 1 when an error-severity diagnostic is printed; the JSON on stdout is what counts.
    execFile(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), ...args], { maxBuffer: 16 << 20, cwd }, (err, stdout, stderr) => {
      try {
        resolve(JSON.parse(stdout));
      } catch {
        reject(new Error(`dist/cli.js ${args.join(' ')} gave no JSON (${err?.message ?? ''}): ${stderr}`));
      }
    });
  });
}

/** Expected state of the copy, computed by the CLI. */
export async function expectations(workspace, today = localToday()) {
  // check prints paths relative to the current folder: the workspace's, as the suite compares them.
  const diagnostics = await cliJson(['check', workspace, '--format', 'json', '--today', today], workspace);
  const openIssues = await cliJson(['open', workspace, '--format', 'json']);
  return { today, diagnostics, openIssues };
}

// ---- small UI helpers specific to this suite -------------------------------------------------------------

/** Problems panel rows grouped by file: [{ file: 'MASTER-ISSUE-LOG.md', folder, count, markers: [{ ariaLabel, text }] }]. */
export async function problemsByFile(page) {
  const rows = await page.$$eval(SELECTORS.problemRows, (els) =>
    els
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      .map((e) => ({
        level: e.getAttribute('aria-level'),
        ariaLabel: e.getAttribute('aria-label') ?? '',
        text: e.innerText.replace(/\s+/g, ' ').trim(),
      })),
  );
  const files = [];
  for (const r of rows) {
    if (r.level === '1') {
      // '4 problems in file MASTER-ISSUE-LOG.md of folder 06-Master'
      const m = /^(\d+) problems? in file (.+?)(?: of folder (.+))?$/.exec(r.ariaLabel);
      files.push({ file: m?.[2] ?? r.text, folder: m?.[3] ?? '', count: m ? Number(m[1]) : NaN, markers: [] });
    } else if (files.length) {
      files[files.length - 1].markers.push({ ariaLabel: r.ariaLabel, text: r.text });
    }
  }
  return files;
}

export function fileEntry(files, relPath) {
  const base = path.posix.basename(relPath);
  const folder = path.posix.dirname(relPath);
  return files.find((f) => f.file === base && (folder === '.' ? !f.folder : f.folder === folder));
}

/** The Problems panel's aria-label for a CLI diagnostic: 'Warning: <message> at line 10 and character 1.' */
export function markerLabel(d) {
  return `${SEVERITY_LABEL[d.severity]}: ${d.message} at line ${d.line} and character ${d.column}.`;
}

/** Cursor position from the status bar ('Ln 10, Col 1'). */
export async function cursorPosition(page) {
  const text = await page
    .locator('.part.statusbar #status\\.editor\\.selection')
    .first()
    .innerText()
    .catch(() => '');
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

export async function waitForCursorLine(page, line, { timeout = 15_000 } = {}) {
  return waitFor(async () => (await cursorPosition(page))?.line === line, { timeout, message: `cursor on line ${line}` });
}

/** Breadcrumbs of the active editor ('04-Backend-Optimization › issues-and-solutions.md › …'). */
export function breadcrumbs(page) {
  return page
    .locator('.part.editor .editor-group-container.active .breadcrumbs-control')
    .first()
    .innerText()
    .then((t) => t.replace(/\s+/g, ' ').trim())
    .catch(() => '');
}

/** Waits until the active editor shows `relPath` (file name on the tab, folder in the breadcrumbs). */
export async function waitForActiveFile(page, relPath, { timeout = 15_000 } = {}) {
  const base = path.posix.basename(relPath);
  const folder = path.posix.dirname(relPath);
  await waitFor(
    async () => (await activeTabTitle(page)) === base && (folder === '.' || (await breadcrumbs(page)).includes(folder)),
    { timeout, message: `active editor ${relPath}` },
  );
}

export async function isActiveFile(page, relPath) {
  const base = path.posix.basename(relPath);
  const folder = path.posix.dirname(relPath);
  return (await activeTabTitle(page)) === base && (folder === '.' || (await breadcrumbs(page)).includes(folder));
}

/**
 * Opens a file by its workspace-relative path with Quick Open (Ctrl+P). Unlike a plain Enter after typing, it
 * waits until the FOCUSED result is that file (the list first shows recently opened files, and several files
 * share the name issues-and-solutions.md), then checks the tab and the breadcrumbs.
 */
export async function openExactFile(page, relPath, { timeout = 30_000 } = {}) {
  if (await isActiveFile(page, relPath)) return;
  const base = path.posix.basename(relPath);
  const folder = path.posix.dirname(relPath);
  await dismiss(page);
  await page.keyboard.press('Control+P');
  const input = page.locator(SELECTORS.quickInputBox);
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(relPath);
  await waitFor(
    async () => {
      const text = await page
        .locator(`${SELECTORS.quickInputRows}.focused`)
        .first()
        .innerText({ timeout: 1_000 });
      return text.includes(base) && (folder === '.' || text.includes(folder));
    },
    { timeout, message: `Quick Open to focus ${relPath}` },
  );
  await page.keyboard.press('Enter');
  await page.waitForSelector(SELECTORS.quickInputBox, { state: 'hidden', timeout });
  await waitForActiveFile(page, relPath, { timeout });
  await page.locator(SELECTORS.editorLines).first().waitFor({ timeout });
}

/** The focused row of the visible suggest widget: { label, ariaLabel }. */
export function focusedSuggestion(page) {
  return page
    .locator(`${SELECTORS.suggestWidget} .monaco-list-row.focused`)
    .first()
    .evaluate((e) => ({
      label: (e.querySelector('.label-name')?.textContent ?? '').trim(),
      ariaLabel: e.getAttribute('aria-label') ?? '',
    }));
}

/** Moves the suggest widget's focus down until `accept(row)` holds, then presses Enter. */
export async function acceptSuggestion(page, accept, what, { maxRows = 40 } = {}) {
  const seen = [];
  for (let i = 0; i < maxRows; i++) {
    const row = await waitFor(() => focusedSuggestion(page), { timeout: 10_000, message: 'a focused suggestion' });
    if (accept(row)) {
      await page.keyboard.press('Enter');
      await page.waitForSelector(SELECTORS.suggestWidget, { state: 'hidden', timeout: 10_000 });
      return row;
    }
    seen.push(row.label);
    await page.keyboard.press('ArrowDown');
    await waitFor(async () => JSON.stringify(await focusedSuggestion(page)) !== JSON.stringify(row), {
      timeout: 5_000,
      message: 'the suggest focus to move',
    }).catch(() => {
      throw new Error(`no suggestion ${what}; saw ${JSON.stringify(seen)}`);
    });
  }
  throw new Error(`no suggestion ${what} in the first ${maxRows}; saw ${JSON.stringify(seen)}`);
}

/** Discards unsaved changes of the active editor (File: Revert File) and waits until its tab is clean. */
export async function revertActiveEditor(page) {
  await dismiss(page);
  await runCommand(page, 'File: Revert File');
  await waitFor(async () => !(await page.locator(`${SELECTORS.activeTab}.dirty`).count()), {
    timeout: 15_000,
    message: 'the reverted tab to be clean',
  });
}

/** Widens the primary side bar by dragging its sash, so tree labels are not cut off in screenshots. */
export async function widenSidebar(page, width) {
  const sidebar = await page.locator(SELECTORS.sidebar).first().boundingBox();
  if (!sidebar || sidebar.width >= width) return;
  const x = sidebar.x + sidebar.width;
  const y = sidebar.y + sidebar.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(sidebar.x + width, y, { steps: 8 });
  await page.mouse.up();
}

/** Hides the bottom panel (Problems, Output, …) if it is visible. */
export async function hidePanel(page) {
  const panel = page.locator('.part.panel').first();
  if (!(await panel.isVisible())) return;
  await page.keyboard.press('Control+J');
  await panel.waitFor({ state: 'hidden', timeout: 10_000 });
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}
