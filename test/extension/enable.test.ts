/**
 * Extension-host test of `issueLog.enable`, run after suite.test.ts and before crash.test.ts: turned off,
 * the running language server is stopped, its diagnostics go, the Open Issues view shows the disabled
 * state and Restart does not start it; turned on again, the server runs and the diagnostics come back.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { IssueLogApi } from '../../client/src/api';

/** Polls `probe` until it is true, at most `timeoutMs`. */
async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; !(await probe()); delay = Math.min(delay * 2, 500)) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

describe('Issue Log extension: the issueLog.enable setting', function () {
  this.timeout(180_000);
  let api: IssueLogApi;
  let masterUri: vscode.Uri;
  const ours = () => vscode.languages.getDiagnostics(masterUri).filter((d) => d.source === 'issue-log');

  before(async function () {
    api = await vscode.extensions.getExtension<IssueLogApi>('issue-log.issue-log')!.activate();
    await api.ready;
    [masterUri] = await vscode.workspace.findFiles('**/MASTER-ISSUE-LOG.md', '**/node_modules/**', 1);
    assert.ok(masterUri, 'the workspace has no MASTER-ISSUE-LOG.md');
    await vscode.workspace.openTextDocument(masterUri);
  });

  after(async function () {
    // Leave the setting as found, and the server running for the tests after this one.
    await vscode.workspace.getConfiguration('issueLog').update('enable', undefined, vscode.ConfigurationTarget.Global);
    await until('the server running again', () => api.serverState() === 'running');
  });

  it('off: stops the server, clears its diagnostics and the view says so; on: starts it again', async function () {
    const config = vscode.workspace.getConfiguration('issueLog');
    await until('diagnostics from a running server', () => api.serverState() === 'running' && ours().length > 0);

    await config.update('enable', false, vscode.ConfigurationTarget.Global);
    await until('the server to stop', () => api.serverState() === 'stopped' && api.openIssuesState() === 'disabled');
    assert.deepEqual(ours(), [], 'no diagnostics are left from the stopped server');
    assert.equal(api.lastOpenIssues(), undefined, 'no stale open issues are kept');
    assert.deepEqual(await api.openIssuesTree(), []);

    // Restart is refused while the setting is off.
    await vscode.commands.executeCommand('issueLog.restartServer');
    assert.equal(api.serverState(), 'stopped');
    assert.equal(api.openIssuesState(), 'disabled');

    await config.update('enable', true, vscode.ConfigurationTarget.Global);
    await until('the server to run and publish again', () => api.serverState() === 'running' && ours().length > 0);
    await until('the tree to fill again', async () => (await api.openIssuesTree()).length > 0);
    assert.notEqual(api.openIssuesState(), 'disabled');
  });
});
