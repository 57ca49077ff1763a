/**
 * Extension-host tests of the details a user reads beside the editor: the status item of a phase file
 * counts its own open issues (none here) while the master's counts its scope, and the hover of an ID
 * names the phase its Reference points into, not the folder of the log that holds the entry. On a small
 * master and phase file written into the workspace for the test, removed after it.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { IssueLogApi } from '../../client/src/api';
import { waitFor } from './waitFor';

const MASTER = [
  '# Status Master Log',
  '',
  '## Issue Summary Statistics',
  '- **Total Issues**: 2',
  '- **Resolved**: 1',
  '- **Open**: 1',
  '',
  '### OPEN-701: Slow Reports',
  '- **Severity**: Medium',
  '- **Status**: Open',
  '',
  '### HIGH-701: Pool Exhaustion',
  '- **Status**: Resolved',
  '- **Reference**: [02-Database/issues.md#issue-1](../02-Database/issues.md#issue-1)',
  '',
  'See HIGH-701.',
  '',
].join('\n');

const PHASE = ['# Database Issues', '', '## Issue 1', '- **Status**: Resolved', '- **Severity**: High', ''].join('\n');

describe('Issue Log extension: the status item and the hover', function () {
  this.timeout(120_000);
  let api: IssueLogApi;
  let root: vscode.Uri;
  let master: vscode.Uri;
  let phase: vscode.Uri;

  before(async function () {
    api = await vscode.extensions.getExtension<IssueLogApi>('issue-log.issue-log')!.activate();
    await api.ready;
    root = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'zz-status');
    master = vscode.Uri.joinPath(root, '06-Master', 'MASTER-ISSUE-LOG.md');
    phase = vscode.Uri.joinPath(root, '02-Database', 'issues.md');
    await vscode.workspace.fs.writeFile(master, Buffer.from(MASTER));
    await vscode.workspace.fs.writeFile(phase, Buffer.from(PHASE));
  });

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(root, { recursive: true, useTrash: false });
  });

  it("shows a phase file's own open issues, and the master's scope, each saying which", async function () {
    await vscode.window.showTextDocument(phase);
    const own = await waitFor('the phase file\'s status item', () => api.logStatus(), (s) => s?.uri === phase.toString());
    assert.deepEqual([own?.openCount, own?.counted], [0, 'file']);
    await vscode.window.showTextDocument(master);
    const scope = await waitFor('the master\'s status item', () => api.logStatus(), (s) => s?.uri === master.toString());
    assert.deepEqual([scope?.openCount, scope?.counted], [1, 'scope']);
  });

  it('names the phase of the Reference target in the hover, not the folder of the log', async function () {
    const document = await vscode.workspace.openTextDocument(master);
    const line = document.getText().split('\n').indexOf('See HIGH-701.');
    const text = await waitFor(
      'a hover on HIGH-701',
      async () => {
        const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', master, new vscode.Position(line, 6))) ?? [];
        return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      },
      (t) => t.includes('HIGH-701'),
    );
    assert.match(text, /Phase\W+02-Database\b/);
    assert.doesNotMatch(text, /Phase\W+06-Master/);
  });
});
