/**
 * Extension-host test of the "N references" code lens (server/src/core/features/codeLens.ts, the
 * client command client/src/referencesLens.ts) through the real `vscode` API: on the seed master log
 * (`test/extension/workspace`), CRIT-001 is mentioned once ("Connection Issues: CRIT-001, HIGH-003").
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { IssueLogApi } from '../../client/src/api';
import { waitFor } from './waitFor';

describe('Issue Log code lens', function () {
  let masterUri: vscode.Uri;
  let document: vscode.TextDocument;

  before(async function () {
    const api = await vscode.extensions.getExtension<IssueLogApi>('issue-log.issue-log')!.activate();
    await api.ready;
    [masterUri] = await vscode.workspace.findFiles('**/MASTER-ISSUE-LOG.md', '**/node_modules/**', 1);
    document = await vscode.workspace.openTextDocument(masterUri);
    await vscode.window.showTextDocument(document);
  });

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows "N references" above each entry heading, with the count of the entry, and peeks them', async function () {
    const seedOnly = (await vscode.workspace.findFiles('**/issues-and-solutions.md', '**/node_modules/**', 1)).length === 0;
    const critLine = document.getText().split(/\r?\n/).findIndex((l) => l.startsWith('### CRIT-001:'));
    assert.ok(critLine >= 0, 'the master log has a CRIT-001 entry');
    const lenses = await waitFor(
      'resolved code lenses on the master log',
      () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', masterUri, 200),
      (ls) => (ls ?? []).some((l) => l.range.start.line === critLine && /^\d+ references?$/.test(l.command?.title ?? '')),
    );
    const ours = lenses.filter((l) => /^\d+ references?$/.test(l.command?.title ?? ''));
    const headings = document.getText().split(/\r?\n/).filter((l) => /^#{1,6} (?:[A-Z]+-\d+:|Issue #?\d+)/.test(l)).length;
    if (seedOnly) assert.equal(ours.length, headings, 'one lens per entry heading');
    const crit = ours.find((l) => l.range.start.line === critLine)!;
    if (seedOnly) assert.equal(crit.command!.title, '1 reference');
    assert.equal(crit.command!.command, 'issueLog.showReferences');
    const [, , locations] = crit.command!.arguments as [string, unknown, { uri: string }[]];
    assert.equal(locations.length, Number(/^\d+/.exec(crit.command!.title)![0]));
    // Clicking it peeks the references (VS Code's own peek; the command must take the server's arguments).
    await vscode.commands.executeCommand(crit.command!.command, ...(crit.command!.arguments ?? []));
    await vscode.commands.executeCommand('closeReferenceSearch');
  });
});
