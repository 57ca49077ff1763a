/**
 * Extension-host test of *New Issue…* (issue 14) on a log written into the workspace for the test (its
 * statistics right, so New Issue bumps them): the entry goes in as a snippet (no `[TBD]`, the cursor in
 * its first tab stop) with the statistics counts, no problem appears, and one Undo gives back the exact
 * text. The severity and title are given as the command's arguments (the extension's quick pick and
 * input box cannot be driven through another extension's `vscode`).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IssueLogApi } from '../../client/src/api';
import { localToday } from '../../server/src/core/durations';
import { waitFor } from './waitFor';

const FOLDER = 'zz-new-issue';

const LOG = [
  '# Issue Log',
  '',
  '## Issue Summary Statistics',
  '- **Total Issues**: 2',
  '- **Resolved**: 1',
  '- **Open**: 1',
  '- **Critical**: 1',
  '- **High**: 1',
  '',
  '## Critical Issues Register',
  '',
  '### CRIT-901: Pool',
  '- **Date**: 2026-11-01',
  '- **Status**: Open',
  '',
  '## High Priority Issues',
  '',
  '### HIGH-901: Search',
  '- **Date**: 2026-11-02',
  '- **Status**: Resolved',
  '- **Resolution**: Index',
  // A problem below the new entry: its line moving says the diagnostics of the edited text are in.
  '- **Assigned**: [TBD]',
  '',
];

const codesOf = (ds: readonly vscode.Diagnostic[]) => ds.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)).sort();

describe('Issue Log extension: New Issue…', function () {
  this.timeout(120_000);
  let dir: string;
  let uri: vscode.Uri;

  before(async function () {
    const api = await vscode.extensions.getExtension<IssueLogApi>('issue-log.issue-log')!.activate();
    await api.ready;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder');
    dir = path.join(folder.uri.fsPath, FOLDER);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'ISSUE-LOG.md');
    fs.writeFileSync(file, LOG.join('\n'));
    uri = vscode.Uri.file(file);
  });

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    for (const editor of vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === uri.toString())) {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    // The log holds no ID of the master's; the tests after this one do not see it (VS Code may keep
    // the closed document open a while, so the server may too).
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('inserts the entry as a snippet with the statistics in one edit: no [TBD], no new problem, one undo restores the text', async function () {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const original = document.getText();
    const marker = LOG.indexOf('- **Assigned**: [TBD]');
    const shown = (line: number) => (ds: readonly vscode.Diagnostic[]) => ds.some((d) => d.range.start.line === line);
    const before = await waitFor('the marker diagnostic', () => vscode.languages.getDiagnostics(uri), shown(marker));

    const command = vscode.commands.executeCommand('issueLog.newIssue', { uri, severity: 'Critical', title: 'Disk full' });
    // Without the arguments read, the command would wait in its quick pick: fail here, not at the timeout.
    await waitFor('the entry inserted', () => document.getText(), (t) => t !== original, 20_000);
    await command;

    const text = document.getText();
    const entry = /^### (CRIT-\d+): Disk full\n((?:- .*\n)+)/m.exec(text);
    assert.ok(entry, text);
    assert.ok(!entry[0].includes('[TBD]'), entry[0]);
    assert.match(entry[2], new RegExp(`^- \\*\\*Phase\\*\\*: Phase\\n- \\*\\*Date\\*\\*: ${localToday()}\\n- \\*\\*Status\\*\\*: Open\\n`));
    // The snippet is live: the cursor selects its first tab stop.
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString());
    assert.equal(document.getText(editor.selection), 'Phase');
    assert.match(text, /- \*\*Total Issues\*\*: 3\n- \*\*Resolved\*\*: 1\n- \*\*Open\*\*: 2\n- \*\*Critical\*\*: 2\n- \*\*High\*\*: 1\n/);

    const added = text.split('\n').length - original.split('\n').length;
    const after = await waitFor('the diagnostics of the edited log', () => vscode.languages.getDiagnostics(uri), shown(marker + added));
    assert.deepEqual(codesOf(after), codesOf(before));

    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original);
    assert.equal(document.isDirty, false);
  });
});
