/**
 * Extension-host test, run after suite.test.ts (it kills the language server): a server that is killed
 * is restarted and the Open Issues tree fills again; killed again and again (5 stops within 3 minutes)
 * it is not restarted (no loop) and the tree shows the stopped state, not stale issues; the Restart
 * command brings it back. Linux only: the server process is found in /proc as this host's child.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { IssueLogApi } from '../../client/src/api';

/** The language server's pid: this extension host's child running dist/server.js. */
function serverPid(): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid) continue;
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('server.js')) return Number(entry);
    } catch {
      // The process ended meanwhile.
    }
  }
  return undefined;
}

/** Polls `probe` until it is true, at most `timeoutMs`. */
async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; !(await probe()); delay = Math.min(delay * 2, 500)) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

describe('Issue Log extension: a crashing language server', function () {
  this.timeout(240_000);
  let api: IssueLogApi;

  before(async function () {
    if (process.platform !== 'linux') this.skip();
    api = await vscode.extensions.getExtension<IssueLogApi>('issue-log.issue-log')!.activate();
    await api.ready;
  });

  /** Kills the running server and waits until the client noticed. */
  async function kill(): Promise<number> {
    await until('a running server', () => api.serverState() === 'running' && serverPid() !== undefined);
    const pid = serverPid()!;
    process.kill(pid, 'SIGKILL');
    await until('the server to be gone', () => serverPid() !== pid);
    return pid;
  }

  const treeFilled = async () => (await api.openIssuesTree()).length > 0;

  it('is restarted after a crash, and the tree fills again', async function () {
    const killed = await kill();
    await until('a new server and a filled tree', async () => api.serverState() === 'running' && (serverPid() ?? killed) !== killed && (await treeFilled()));
  });

  it('is not restarted after repeated crashes: the tree shows the stopped state; Restart brings it back', async function () {
    // The first test's crash counts: four more make five within the window.
    for (let i = 0; i < 4; i++) await kill();
    await until('the client to give up', () => api.serverState() === 'stopped' && api.openIssuesState() === 'stopped');
    assert.equal(serverPid(), undefined, 'no server was started again');
    assert.equal(api.lastOpenIssues(), undefined, 'no stale issues are kept');
    await vscode.commands.executeCommand('issueLog.restartServer');
    await until('the restarted server and a filled tree', async () => api.serverState() === 'running' && (await treeFilled()));
    // The count starts again: one more crash is restarted.
    await kill();
    await until('a restart after the manual one', async () => api.serverState() === 'running' && serverPid() !== undefined && (await treeFilled()));
  });
});
