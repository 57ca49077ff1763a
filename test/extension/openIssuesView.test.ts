/**
 * Extension-host tests of the Open Issues view as a place to work: the open/all toggle, the filter, the
 * entry under the cursor selected as it moves (and not with `issueLog.openIssues.followCursor` off), and
 * overdue Target Resolution dates. On the seed master log of test/extension/workspace (two open issues:
 * OPEN-001 Medium, OPEN-002 High; the others resolved).
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { IssueLogApi, OpenIssuesGroupSnapshot } from '../../client/src/api';
import { waitFor } from './waitFor';

/** The master log's issues only: another test's log may linger in the index while VS Code keeps its document. */
let masterUri = '';
const ids = (groups: OpenIssuesGroupSnapshot[]) =>
  groups
    .flatMap((g) => g.items)
    .filter((i) => i.uri === masterUri)
    .map((i) => i.label.split(' ')[0])
    .sort();
const item = (groups: OpenIssuesGroupSnapshot[], id: string) => groups.flatMap((g) => g.items).find((i) => i.uri === masterUri && i.label.startsWith(`${id} `));

describe('Issue Log extension: the Open Issues view', function () {
  this.timeout(120_000);
  let api: IssueLogApi;
  let document: vscode.TextDocument;
  let editor: vscode.TextEditor;
  const lineOf = (prefix: string) => document.getText().split(/\r?\n/).findIndex((l) => l.startsWith(prefix));

  before(async function () {
    api = await vscode.extensions.getExtension<IssueLogApi>('issue-log.issue-log')!.activate();
    await api.ready;
    const [master] = await vscode.workspace.findFiles('**/MASTER-ISSUE-LOG.md', '**/node_modules/**', 1);
    masterUri = master.toString();
    document = await vscode.workspace.openTextDocument(master);
    editor = await vscode.window.showTextDocument(document);
    await waitFor('the two open issues', () => api.openIssuesTree(), (g) => ids(g).join() === 'OPEN-001,OPEN-002');
  });

  after(async function () {
    await vscode.commands.executeCommand('issueLog.openIssues.clearFilter');
    await vscode.commands.executeCommand('issueLog.openIssues.showOpen');
    await vscode.workspace.getConfiguration('issueLog').update('openIssues.followCursor', undefined, vscode.ConfigurationTarget.Global);
  });

  it('toggles between the open issues and all of them; the badge counts the open ones either way', async function () {
    await vscode.commands.executeCommand('issueLog.openIssues.showAll');
    const all = await waitFor('every issue', () => api.openIssuesTree(), (g) => ids(g).includes('CRIT-001'));
    assert.deepEqual(ids(all), ['CRIT-001', 'CRIT-002', 'CRIT-003', 'HIGH-001', 'HIGH-002', 'OPEN-001', 'OPEN-002']);
    // A resolved issue has the check icon; an open one keeps its severity's.
    assert.deepEqual([item(all, 'CRIT-001')?.icon, item(all, 'OPEN-002')?.icon], ['pass', 'arrow-up']);
    assert.equal(api.openIssuesView().title, 'All Issues');
    assert.equal(api.lastOpenIssues()?.issues.filter((i) => i.uri === masterUri && i.statusClass === 'open').length, 2);
    await vscode.commands.executeCommand('issueLog.openIssues.showOpen');
    const open = await waitFor('the open issues again', () => api.openIssuesTree(), (g) => !ids(g).includes('CRIT-001'));
    assert.deepEqual(ids(open), ['OPEN-001', 'OPEN-002']);
    assert.equal(api.openIssuesView().title, 'Open Issues');
  });

  it('filters by words in any field, by severity and by status, and says so; Clear Filter shows all again', async function () {
    await vscode.commands.executeCommand('issueLog.openIssues.filter', { text: 'database TEAM', severities: [], statuses: [] });
    assert.deepEqual(ids(await api.openIssuesTree()), ['OPEN-002']);
    const view = api.openIssuesView();
    assert.ok(view.description?.includes('database TEAM'), `description ${view.description}`);
    assert.ok(view.message, 'the view says that a filter hides issues');
    // The group counts are the filtered ones.
    assert.equal((await api.openIssuesTree()).find((g) => g.items.some((i) => i.uri === masterUri && i.label.startsWith('OPEN-002 ')))?.label, 'High (1)');

    await vscode.commands.executeCommand('issueLog.openIssues.filter', { text: '', severities: ['Medium', 'Critical'], statuses: [] });
    assert.deepEqual(ids(await api.openIssuesTree()), ['OPEN-001']);
    // Under "all issues" a status filter picks the resolved ones.
    await vscode.commands.executeCommand('issueLog.openIssues.showAll');
    await vscode.commands.executeCommand('issueLog.openIssues.filter', { text: '', severities: ['Critical'], statuses: ['resolved'] });
    assert.deepEqual(ids(await api.openIssuesTree()), ['CRIT-001', 'CRIT-002', 'CRIT-003']);
    await vscode.commands.executeCommand('issueLog.openIssues.showOpen');
    await vscode.commands.executeCommand('issueLog.openIssues.clearFilter');
    assert.deepEqual(ids(await api.openIssuesTree()), ['OPEN-001', 'OPEN-002']);
    assert.equal(api.openIssuesView().description, undefined);
    assert.equal(api.openIssuesView().message, undefined);
  });

  it('selects the entry under the cursor as it moves, and stops with issueLog.openIssues.followCursor off', async function () {
    await vscode.commands.executeCommand('issueLog.openIssues.focus');
    editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
    const moveTo = (line: number) => {
      const p = new vscode.Position(line, 3);
      editor.selection = new vscode.Selection(p, p);
    };
    // Inside the entries' bodies, not on their headings.
    moveTo(lineOf('### OPEN-002') + 3);
    await waitFor('OPEN-002 selected', () => api.openIssuesView().selected, (s) => s.join() === 'OPEN-002');
    moveTo(lineOf('### OPEN-001') + 2);
    await waitFor('OPEN-001 selected', () => api.openIssuesView().selected, (s) => s.join() === 'OPEN-001');
    // The editor keeps the focus.
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), document.uri.toString());

    await vscode.workspace.getConfiguration('issueLog').update('openIssues.followCursor', false, vscode.ConfigurationTarget.Global);
    moveTo(lineOf('### OPEN-002') + 3);
    // Longer than the follower's pause (150 ms) several times over: nothing may be selected meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual(api.openIssuesView().selected, ['OPEN-001']);
    await vscode.workspace.getConfiguration('issueLog').update('openIssues.followCursor', undefined, vscode.ConfigurationTarget.Global);
  });

  it('marks an open issue whose Target Resolution date has passed as overdue, and only that one', async function () {
    const line = lineOf('### OPEN-002') + 4;
    const text = document.lineAt(line).text;
    assert.match(text, /Target Resolution/);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, document.lineAt(line).range, '- **Target Resolution**: 2020-01-31');
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const groups = await waitFor('OPEN-002 overdue', () => api.openIssuesTree(), (g) => item(g, 'OPEN-002')?.overdue === true);
      assert.equal(item(groups, 'OPEN-001')?.overdue, false);
      assert.match(item(groups, 'OPEN-002')?.description ?? '', /2020-01-31/);
    } finally {
      const back = new vscode.WorkspaceEdit();
      back.replace(document.uri, document.lineAt(line).range, text);
      await vscode.workspace.applyEdit(back);
      await document.save();
    }
  });
});
