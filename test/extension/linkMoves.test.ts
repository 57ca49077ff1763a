/**
 * Links follow moves in a real VS Code: a phase file moved with `workspace.applyEdit` (a renameFile,
 * which runs the file-operation participants, as a move in the Explorer does) while
 * `issueLog.updateLinksOnMove` is `always`: the master log's links to it follow. Runs after
 * suite.test.ts (index.ts) and puts the workspace back as it was.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

const PHASE = '04-Backend-Optimization/issues-and-solutions.md';
const MOVED = 'archive/2025/04-Backend-Optimization/issues-and-solutions.md';
const PHASE_TEXT = '# Backend Optimization\n\n## Issue 1\n- **Status**: Resolved\n\n## Issue 2\n- **Status**: Resolved\n';

/** Polls `probe` until `done` holds (at most `timeoutMs`), then returns its last value. */
async function until<T>(what: string, probe: () => T | PromiseLike<T>, done: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(v)?.slice(0, 1500)}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

describe('links follow moves (issueLog.updateLinksOnMove)', function () {
  let folder: vscode.Uri;
  let master: vscode.TextDocument;
  let original: string;

  before(async function () {
    folder = vscode.workspace.workspaceFolders![0].uri;
    const [found] = await vscode.workspace.findFiles('**/MASTER-ISSUE-LOG.md', '**/node_modules/**', 1);
    master = await vscode.workspace.openTextDocument(found);
    original = master.getText();
    await vscode.workspace.getConfiguration('issueLog').update('updateLinksOnMove', 'always', vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, PHASE), new TextEncoder().encode(PHASE_TEXT));
  });

  after(async function () {
    // The master as it was, saved; the phase file and the archive folder gone; the setting unset.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(master.uri, new vscode.Range(master.positionAt(0), master.positionAt(master.getText().length)), original);
    await vscode.workspace.applyEdit(edit);
    await master.save();
    for (const rel of [PHASE.split('/')[0], 'archive']) await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, rel), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await vscode.workspace.getConfiguration('issueLog').update('updateLinksOnMove', undefined, vscode.ConfigurationTarget.Global);
  });

  it('moving a phase file into archive/ rewrites the master log\'s links to it (fragments kept)', async function () {
    const before = original.match(/\]\(\.\.\/04-Backend-Optimization\/issues-and-solutions\.md(#[^)]*)?\)/g) ?? [];
    assert.ok(before.length >= 2, `the master links the phase file: ${before.join(', ')}`);
    const move = new vscode.WorkspaceEdit();
    move.renameFile(vscode.Uri.joinPath(folder, PHASE), vscode.Uri.joinPath(folder, MOVED));
    assert.equal(await vscode.workspace.applyEdit(move), true, 'the move was refused');
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, MOVED));
    const text = await until('the master\'s links to follow the move', () => master.getText(), (t) => !t.includes('](../04-Backend-Optimization/issues-and-solutions.md'));
    const after = text.match(/\]\(\.\.\/archive\/2025\/04-Backend-Optimization\/issues-and-solutions\.md(#[^)]*)?\)/g) ?? [];
    assert.deepEqual(after, before.map((l) => l.replace('../04-Backend-Optimization/', '../archive/2025/04-Backend-Optimization/')));
    assert.ok(text.includes('](../archive/2025/04-Backend-Optimization/issues-and-solutions.md#issue-1)'));
  });
});
