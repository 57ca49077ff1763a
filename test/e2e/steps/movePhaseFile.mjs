// UI step of links that follow a move (issue 12): a phase file renamed in the Explorer, the question
// answered Yes (and VS Code's own confirmation OK): the master log's links name the new file. Saves the edit.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from '../codeServer.mjs';
import { runCommand, saveEditor } from '../workbench.mjs';
import { assert, openExactFile, waitForActiveFile } from '../uiHelpers.mjs';

const MASTER = '06-Master/MASTER-ISSUE-LOG.md';

export const MOVE_PHASE_FILE_STEP = {
  name: 'move-phase-file',
  title: "renaming a phase file in the Explorer (F2), answering Yes to the question (and OK to VS Code's), makes the master log's links follow",
  async run({ page, workspace, shot }) {
    const from = '05-Infrastructure-Scaling/issues-and-solutions.md';
    const toName = 'issues-2025.md';
    const masterText = () => readFileSync(path.join(workspace, MASTER), 'utf8');
    const before = masterText().split(`](../${from}`).length - 1;
    assert(before > 0, `the master log does not link ${from}`);
    await openExactFile(page, from);
    await runCommand(page, 'File: Reveal Active File in Explorer View');
    const row = page.locator('.explorer-folders-view .monaco-list-row.selected', { hasText: 'issues-and-solutions.md' }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.focus();
    await page.keyboard.press('F2');
    const input = page.locator('.explorer-folders-view .monaco-inputbox input').first();
    await input.waitFor({ timeout: 15_000 });
    await input.fill(toName);
    await page.keyboard.press('Enter');
    // issueLog.updateLinksOnMove is `prompt` (the default): "Update N links in 1 file?" with Yes / No / Always / Never.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 60_000 });
    const message = (await dialog.innerText()).replace(/\s+/g, ' ');
    assert(/Update \d+ links? in \d+ files?\?/.test(message), `the question reads "${message}"`);
    await shot();
    await dialog.locator('.monaco-button', { hasText: /^Yes$/ }).first().click();
    // Then VS Code's own confirmation of an extension's edit with a file operation (OK / Show Preview / Skip Changes).
    const confirm = page.locator('.monaco-dialog-box', { hasText: 'refactoring changes' });
    await confirm.waitFor({ timeout: 30_000 });
    await confirm.locator('.monaco-button', { hasText: /^OK$/ }).first().click();
    await waitFor(() => existsSync(path.join(workspace, '05-Infrastructure-Scaling', toName)), { timeout: 30_000, message: `${toName} on disk` });
    await page.locator('.monaco-dialog-box').first().waitFor({ state: 'detached', timeout: 30_000 });
    // The master log is open (earlier steps): the edit is in its editor, unsaved until saved.
    await page.locator('.part.editor .tabs-container .tab', { hasText: 'MASTER-ISSUE-LOG.md' }).first().click();
    await waitForActiveFile(page, MASTER);
    await saveEditor(page);
    const after = await waitFor(
      () => {
        const text = masterText();
        return text.includes(`](../05-Infrastructure-Scaling/${toName}`) && !text.includes(`](../${from}`) ? text : undefined;
      },
      { timeout: 60_000, message: `the master log's links to ${from} to follow the rename (saved)` },
    );
    const count = after.split(`](../05-Infrastructure-Scaling/${toName}`).length - 1;
    assert(count === before, `${count} links follow, of ${before}`);
    return `${message.trim()} → ${count} links in the master log now name ${toName}`;
  },
};
