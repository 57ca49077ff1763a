// Playwright helpers for VS Code's workbench (1.139.1, as served by code-server). Selectors were checked
// against the real UI; see test/e2e/README.md for which ones. Every helper waits on a condition with a
// timeout; none sleeps for a fixed time.
import { waitFor } from './codeServer.mjs';

export const SELECTORS = Object.freeze({
  workbench: '.monaco-workbench',
  // The <li> only carries an aria-label while it is selected; its <a class="action-label"> always does.
  activityBarItem: (label) => `.part.activitybar .action-item:has(> a.action-label[aria-label^="${cssString(label)}"])`,
  sidebar: '.part.sidebar',
  sidebarTitle: '.part.sidebar .composite.title h2',
  pane: '.part.sidebar .pane',
  listRow: '.monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRows: '.quick-input-widget .quick-input-list .monaco-list-row',
  activeTab: '.part.editor .editor-group-container.active .tabs-container .tab.active',
  activeEditor: '.part.editor .editor-group-container.active .monaco-editor',
  editorLines: '.part.editor .editor-group-container.active .monaco-editor .view-lines',
  editorInput: '.monaco-editor .native-edit-context, .monaco-editor textarea.inputarea',
  suggestWidget: '.editor-widget.suggest-widget.visible',
  suggestRows: '.editor-widget.suggest-widget.visible .monaco-list-row',
  hover: '.monaco-hover:not(.hidden)',
  problemsPanel: '.part.panel .markers-panel',
  problemRows: '.part.panel .markers-panel .monaco-list-row',
  statusBarItems: '.part.statusbar .statusbar-item',
  notificationToasts: '.notifications-toasts .notification-toast',
});

function cssString(s) {
  return String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

const rowTexts = (page, selector) =>
  page.$$eval(selector, (els) =>
    els
      .slice()
      .sort((a, b) => Number(a.dataset.index ?? 0) - Number(b.dataset.index ?? 0))
      .map((e) => e.innerText.replace(/\s+/g, ' ').trim()),
  );

// ---- activity bar and views -------------------------------------------------------------------------

/** Clicks the activity-bar item whose aria-label starts with `label` (e.g. 'Issue Log'; a badge adds ' - 2 …'). */
export async function clickActivityBarItem(page, label, { timeout = 60_000 } = {}) {
  const sel = SELECTORS.activityBarItem(label);
  await page.waitForSelector(sel, { timeout });
  const item = page.locator(sel).first();
  const checked = await item.evaluate((e) => e.classList.contains('checked'));
  if (!checked) await item.click();
  await waitFor(() => item.evaluate((e) => e.classList.contains('checked')), {
    timeout: 10_000,
    message: `activity bar item "${label}" to be selected`,
  });
}

/**
 * The activity-bar item as { label, badge, checked }: label is the aria-label of its link (a badge's tooltip is
 * appended while the item is selected: 'Tiny Proof - 2 items'), badge the badge's text ('2', or '' for none).
 */
export async function activityBarItem(page, label, { timeout = 30_000 } = {}) {
  const sel = SELECTORS.activityBarItem(label);
  await page.waitForSelector(sel, { timeout });
  return page.locator(sel).first().evaluate((li) => ({
    label: li.querySelector('a.action-label')?.getAttribute('aria-label') ?? '',
    badge: (li.querySelector('.badge .badge-content')?.textContent ?? '').trim(),
    checked: li.classList.contains('checked'),
  }));
}

/**
 * The pane (section) of the sidebar whose title is `viewTitle`. A container with a single view hides the pane
 * header ('merged-header'), but its h3.title still holds the name, so this works for both layouts.
 */
export function viewPane(page, viewTitle) {
  return page
    .locator(SELECTORS.pane)
    .filter({ has: page.locator('.pane-header h3.title', { hasText: viewTitle }) })
    .first();
}

/** Texts of the rendered rows of the tree view `viewTitle` in the sidebar (waits for at least `min` rows). */
export async function treeRows(page, viewTitle, { min = 1, timeout = 30_000 } = {}) {
  const pane = viewPane(page, viewTitle);
  return waitFor(
    async () => {
      const texts = await pane
        .locator(`.pane-body ${SELECTORS.listRow}`)
        .evaluateAll((els) =>
          els
            .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
            .map((e) => e.innerText.replace(/\s+/g, ' ').trim()),
        );
      return texts.length >= min ? texts : null;
    },
    { timeout, message: `${min}+ rows in view "${viewTitle}"` },
  );
}

/** Clicks the row of tree view `viewTitle` whose text contains `text`. */
export async function clickTreeRow(page, viewTitle, text, { timeout = 30_000 } = {}) {
  const row = viewPane(page, viewTitle).locator(`.pane-body ${SELECTORS.listRow}`, { hasText: text }).first();
  await row.waitFor({ timeout });
  await row.click();
}

// ---- quick open, commands, editors ----------------------------------------------------------------------

async function quickInput(page, keys, { timeout = 15_000 } = {}) {
  await page.keyboard.press(keys);
  await page.waitForSelector(SELECTORS.quickInputBox, { state: 'visible', timeout });
  return page.locator(SELECTORS.quickInputBox);
}

/** Opens `relPath` (relative to the workspace folder) with Quick Open (Ctrl+P); waits for its tab to be active. */
export async function openFile(page, relPath, { timeout = 30_000 } = {}) {
  const input = await quickInput(page, 'Control+P');
  await input.fill(relPath);
  const base = relPath.split('/').pop();
  // Wait for a result row naming the file, so Enter does not race the file search.
  await page
    .locator(SELECTORS.quickInputRows, { hasText: base })
    .first()
    .waitFor({ timeout });
  await page.keyboard.press('Enter');
  await waitFor(async () => (await activeTabTitle(page)) === base, { timeout, message: `editor tab "${base}"` });
  await page.locator(SELECTORS.editorLines).first().waitFor({ timeout });
}

/** The file name of the active editor tab ('notes.md'); null when no editor is open. */
export async function activeTabTitle(page) {
  const tab = page.locator(SELECTORS.activeTab).first();
  if (!(await tab.count())) return null;
  return (await tab.getAttribute('data-resource-name')) ?? (await tab.getAttribute('aria-label'));
}

/** Runs a command by its title through the command palette (F1), e.g. 'View: Toggle Word Wrap'. */
export async function runCommand(page, title, { timeout = 15_000 } = {}) {
  const input = await quickInput(page, 'F1');
  await input.fill(`>${title}`);
  const rows = page.locator(SELECTORS.quickInputRows);
  try {
    await rows.filter({ hasText: title }).first().waitFor({ timeout });
  } catch (e) {
    const seen = await rowTexts(page, SELECTORS.quickInputRows).catch(() => []);
    await page.keyboard.press('Escape');
    throw new Error(`runCommand: no command "${title}" in the palette (rows: ${JSON.stringify(seen.slice(0, 10))})`);
  }
  // Prefer the row whose label is exactly the title; else the first row containing it.
  const labels = await rows.evaluateAll((els) =>
    els.map((e) => (e.querySelector('.monaco-icon-label .label-name')?.textContent ?? '').trim()),
  );
  const exact = labels.indexOf(title);
  await (exact >= 0 ? rows.nth(exact) : rows.filter({ hasText: title }).first()).click();
  await page.waitForSelector(SELECTORS.quickInputBox, { state: 'hidden', timeout });
}

/**
 * Runs a command by its title that opens a quick input of its own, and waits for that one (its title
 * contains `inputTitle`): runCommand would wait for the palette to close, which it then never does.
 */
export async function runCommandWithInput(page, title, inputTitle, { timeout = 15_000 } = {}) {
  const input = await quickInput(page, 'F1');
  await input.fill(`>${title}`);
  await page.locator(SELECTORS.quickInputRows, { hasText: title.replace(/^.*?: /, '') }).first().waitFor({ timeout });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: inputTitle }).waitFor({ timeout });
}

/** Closes any quick input, hover or suggest widget (Escape until none is visible). */
export async function dismiss(page) {
  for (let i = 0; i < 3; i++) {
    const open = await page.$(`${SELECTORS.quickInputBox}:visible, ${SELECTORS.suggestWidget}, ${SELECTORS.hover}`);
    if (!open) return;
    await page.keyboard.press('Escape');
  }
}

/** Focuses the active text editor (clicking its text would move the cursor, so the input element is focused). */
export async function focusEditor(page, { timeout = 15_000 } = {}) {
  const editor = page.locator(SELECTORS.activeEditor).first();
  await editor.waitFor({ timeout });
  await editor.locator('.native-edit-context, textarea.inputarea').first().focus();
  await waitFor(() => editor.evaluate((e) => e.classList.contains('focused')), {
    timeout,
    message: 'editor focus',
  });
}

/** Moves the cursor with 'Go to Line' (Ctrl+G), 1-based line and column. */
export async function gotoLine(page, line, column = 1) {
  await focusEditor(page);
  const input = await quickInput(page, 'Control+G');
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(SELECTORS.quickInputBox, { state: 'hidden', timeout: 10_000 });
  await focusEditor(page);
}

/** Types `text` at the cursor of the active editor. */
export async function typeInEditor(page, text) {
  await focusEditor(page);
  await page.keyboard.type(text);
}

/** Visible text of the active editor (only lines that are rendered; VS Code virtualises long files). */
export async function editorText(page) {
  return page
    .locator(`${SELECTORS.editorLines} .view-line`)
    .evaluateAll((els) =>
      els
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((e) => e.textContent.replace(/\u00a0/g, ' '))
        .join('\n'),
    );
}

/** Waits until the active editor's visible text contains `needle`. */
export function waitForEditorText(page, needle, { timeout = 15_000 } = {}) {
  return waitFor(async () => (await editorText(page)).includes(needle), { timeout, message: `editor text "${needle}"` });
}

/** Saves the active editor (Ctrl+S) and waits until its tab is no longer dirty. */
export async function saveEditor(page, { timeout = 15_000 } = {}) {
  await focusEditor(page);
  await page.keyboard.press('Control+S');
  await waitFor(async () => !(await page.locator(`${SELECTORS.activeTab}.dirty`).count()), {
    timeout,
    message: 'active tab to be saved',
  });
}

// ---- completion and hover ---------------------------------------------------------------------------

/** Opens the suggest widget (Ctrl+Space) at the cursor and waits for it. */
export async function triggerSuggest(page, { timeout = 15_000 } = {}) {
  await focusEditor(page);
  await page.keyboard.press('Control+Space');
  await page.waitForSelector(SELECTORS.suggestRows, { timeout });
}

/** Texts of the suggest widget's rows (label first). Waits for at least `min` rows. */
export async function suggestRows(page, { min = 1, timeout = 15_000 } = {}) {
  return waitFor(
    async () => {
      const labels = await page.$$eval(SELECTORS.suggestRows, (els) =>
        els
          .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
          .map((e) => (e.querySelector('.label-name')?.textContent ?? e.innerText).trim()),
      );
      return labels.length >= min ? labels : null;
    },
    { timeout, message: `${min}+ suggest rows` },
  );
}

/** Hovers the first rendered occurrence of `text` in the active editor; resolves to the hover's text. */
export async function hoverText(page, text, { timeout = 15_000 } = {}) {
  const box = await page.locator(SELECTORS.editorLines).first().evaluate((lines, needle) => {
    const walker = document.createTreeWalker(lines, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent.indexOf(needle);
      if (i >= 0) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + needle.length);
        const b = r.getBoundingClientRect();
        return { x: b.x, y: b.y, width: b.width, height: b.height };
      }
    }
    return null;
  }, text);
  if (!box) throw new Error(`hoverText: "${text}" is not among the editor's rendered lines`);
  const x = box.x + Math.min(box.width / 2, 8);
  const y = box.y + box.height / 2;
  await page.mouse.move(x - 40, y + 40);
  await page.mouse.move(x, y, { steps: 4 });
  const hover = page.locator(`${SELECTORS.hover} .hover-contents, ${SELECTORS.hover} .monaco-hover-content`).first();
  await hover.waitFor({ state: 'visible', timeout });
  return waitFor(async () => (await hover.innerText()).trim(), { timeout, message: 'hover text' });
}

// ---- Problems panel ------------------------------------------------------------------------------------

/** Opens the Problems panel (Ctrl+Shift+M) and waits for it. */
export async function openProblems(page, { timeout = 15_000 } = {}) {
  if (!(await page.locator(`${SELECTORS.problemsPanel}:visible`).count())) {
    await page.keyboard.press('Control+Shift+M');
  }
  await page.locator(SELECTORS.problemsPanel).first().waitFor({ state: 'visible', timeout });
}

/**
 * Texts of the Problems panel's rows, in order: file rows ('notes.md /path 1') and marker rows
 * ('Tiny: TODO found tiny [Ln 5, Col 3]'). Waits for at least `min` rows.
 */
export async function problemRows(page, { min = 1, timeout = 30_000 } = {}) {
  await openProblems(page);
  return waitFor(
    async () => {
      const rows = await rowTexts(page, SELECTORS.problemRows);
      return rows.length >= min ? rows : null;
    },
    { timeout, message: `${min}+ rows in the Problems panel` },
  );
}

/** The marker rows only (rows of the Problems tree at level 2), as { text, ariaLabel }. */
export async function problemMarkers(page, { min = 1, timeout = 30_000 } = {}) {
  await openProblems(page);
  return waitFor(
    async () => {
      const rows = await page.$$eval(SELECTORS.problemRows, (els) =>
        els
          .filter((e) => e.getAttribute('aria-level') === '2')
          .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
          .map((e) => ({ text: e.innerText.replace(/\s+/g, ' ').trim(), ariaLabel: e.getAttribute('aria-label') })),
      );
      return rows.length >= min ? rows : null;
    },
    { timeout, message: `${min}+ markers in the Problems panel` },
  );
}

// ---- status bar and notifications -------------------------------------------------------------------------

/** All status bar items as { id, text, ariaLabel }; extension items have id '<publisher>.<name>.<item id>'. */
export function statusBarItems(page) {
  return page.$$eval(SELECTORS.statusBarItems, (els) =>
    els.map((e) => ({
      id: e.id,
      text: e.innerText.replace(/\s+/g, ' ').trim(),
      ariaLabel: e.getAttribute('aria-label'),
    })),
  );
}

/** Waits for a status bar item whose id equals `idOrText` or whose text contains it; returns it. */
export function statusBarItem(page, idOrText, { timeout = 30_000 } = {}) {
  return waitFor(
    async () => (await statusBarItems(page)).find((i) => i.id === idOrText || i.text.includes(idOrText)),
    { timeout, message: `status bar item "${idOrText}"` },
  );
}

/** Texts of the visible notification toasts. */
export function notifications(page) {
  return rowTexts(page, `${SELECTORS.notificationToasts} .notification-list-item-message`);
}
