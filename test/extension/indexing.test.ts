/**
 * Extension-host test of indexing as the user sees it: during a slow first index (a large generated
 * workspace, a restarted server) the status item says "Indexing issue logs… N of M" and so does the
 * Open Issues view; both go when the index is complete. Read through the extension's API
 * (`indexingStatus()`), since a status item's text cannot be read through `vscode`.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IssueLogApi } from '../../client/src/api';

const FILES = 3000;
const GENERATED = 'zz-generated-indexing';
const PROGRESS = /^Indexing issue logs… ([\d,]+) of ([\d,]+)$/;

/** A phase log of `entries` open issues. */
function phaseLog(n: number, entries: number): string {
  const lines = [`# Generated Phase ${n}`, ''];
  for (let i = 1; i <= entries; i++) {
    lines.push(`### Issue ${i}: Generated issue ${n}.${i}`, '', '- **Status**: Open', '- **Severity**: Medium', `- **Description**: Generated text for the indexing test, entry ${i} of file ${n}.`, '');
  }
  return lines.join('\n');
}

/** Polls `probe` every 20 ms (a progress step lasts ~200 ms) until it is true, at most `timeoutMs`. */
async function until(what: string, probe: () => boolean, last: () => unknown, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last ${JSON.stringify(last())}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const count = (s: string) => Number(s.replace(/,/g, ''));

describe('Issue Log extension: indexing progress', function () {
  this.timeout(300_000);
  let api: IssueLogApi;
  let root: string;

  before(async function () {
    api = await vscode.extensions.getExtension<IssueLogApi>('issue-log.issue-log')!.activate();
    await api.ready;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder');
    root = path.join(folder.uri.fsPath, GENERATED);
    for (let i = 0; i < FILES; i++) {
      const dir = path.join(root, `phase-${String(Math.floor(i / 100)).padStart(2, '0')}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `log-${i}.md`), phaseLog(i, 12));
    }
  });

  after(async function () {
    fs.rmSync(root, { recursive: true, force: true });
    // The next tests see the small workspace again, fully indexed.
    await vscode.commands.executeCommand('issueLog.restartServer');
    await api.ready;
    await until('the small workspace indexed', () => api.indexingStatus().last?.ended === true && api.indexingStatus().last!.total < FILES, () => api.indexingStatus());
  });

  it('shows "Indexing issue logs… N of M" in the status item and the Open Issues view until the first full index, then neither', async function () {
    // A restarted server indexes anew, its first full index: the generated files make it slow.
    await vscode.commands.executeCommand('issueLog.restartServer');
    const seen: { statusText?: string; treeMessage?: string }[] = [];
    const watch = () => {
      const s = api.indexingStatus();
      if (s.statusText && (seen.length === 0 || seen.at(-1)!.statusText !== s.statusText || seen.at(-1)!.treeMessage !== s.treeMessage)) seen.push({ statusText: s.statusText, treeMessage: s.treeMessage });
      return s;
    };
    await until('the status item with the large workspace\'s total', () => {
      const s = watch();
      const m = s.statusText ? PROGRESS.exec(s.statusText) : null;
      return !!m && count(m[2]) >= FILES && s.treeMessage === s.statusText;
    }, () => ({ now: api.indexingStatus(), seen }));
    const [, done, total] = PROGRESS.exec(api.indexingStatus().statusText!)!;
    assert.ok(count(done) <= count(total));

    await until('the index to be complete', () => watch().last?.ended === true && api.indexingStatus().last!.total >= FILES, () => ({ now: api.indexingStatus(), seen }));
    const after = api.indexingStatus();
    assert.equal(after.statusText, undefined, 'the status item is gone');
    assert.equal(after.treeMessage, undefined, 'the view no longer says indexing');
    assert.equal(after.last!.done, after.last!.total);
    // What was shown counted up, against the same total.
    const shown = seen.map((s) => PROGRESS.exec(s.statusText!)).filter((m) => m !== null);
    assert.ok(shown.length > 0);
    for (let i = 1; i < shown.length; i++) assert.ok(count(shown[i]![1]) >= count(shown[i - 1]![1]), JSON.stringify(seen));
  });
});
