/**
 * The "Issue Log: check" task (client/src/checkTask.ts) in a real VS Code: the provider gives it for the
 * workspace folder, and running it fills the Problems panel through the `$issue-log` problem matcher
 * (markers of owner `issue-log`, source `issue-log check`, apart from the language server's).
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

describe('Issue Log: check task', function () {
  this.timeout(120_000);

  it('is provided for the folder, running the bundled CLI with the $issue-log problem matcher', async function () {
    const tasks = await vscode.tasks.fetchTasks({ type: 'issue-log' });
    const check = tasks.find((t) => t.name === 'check' && t.source === 'Issue Log');
    assert.ok(check, `tasks: ${tasks.map((t) => `${t.source}: ${t.name}`).join(', ')}`);
    assert.deepEqual(check.problemMatchers, ['$issue-log']);
    assert.ok(check.execution instanceof vscode.ProcessExecution, 'the CLI bundled with the extension');
    assert.match(check.execution.args[0], /dist[\\/]cli\.js$/);
    assert.deepEqual(check.execution.args.slice(1), ['check', '.']);
  });

  it('puts the CLI\'s findings in the Problems panel when run', async function () {
    const [check] = (await vscode.tasks.fetchTasks({ type: 'issue-log' })).filter((t) => t.name === 'check');
    const ended = new Promise<number | undefined>((resolve) => {
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.definition.type !== 'issue-log') return;
        sub.dispose();
        resolve(e.exitCode);
      });
    });
    await vscode.tasks.executeTask(check);
    assert.equal(await ended, 1, 'the seed has broken links: exit 1');
    const fromTask = () => vscode.languages.getDiagnostics().flatMap(([uri, list]) => list.filter((d) => d.source === 'issue-log check').map((d) => ({ uri, d })));
    const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
    const brokenLink = () => fromTask().some(({ uri, d }) => uri.path.endsWith('/MASTER-ISSUE-LOG.md') && codeOf(d) === 'broken-link' && d.severity === vscode.DiagnosticSeverity.Error);
    // Information is information, not an error (VS Code's matchers read `information` as an error; the CLI prints `info`).
    const placeholder = () => fromTask().some(({ d }) => codeOf(d) === 'placeholder' && d.severity === vscode.DiagnosticSeverity.Information);
    const done = () => brokenLink() && placeholder();
    // The matcher's markers come as the output is read: wait on the diagnostics' change event (the test's timeout bounds it).
    if (!done()) {
      await new Promise<void>((resolve) => {
        const sub = vscode.languages.onDidChangeDiagnostics(() => {
          if (!done()) return;
          sub.dispose();
          resolve();
        });
      });
    }
    assert.ok(done(), JSON.stringify(fromTask().slice(0, 3).map(({ uri, d }) => [uri.path, codeOf(d), d.severity])));
  });
});
