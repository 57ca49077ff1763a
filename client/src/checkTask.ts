/**
 * The "Issue Log: check" task: `issue-log check` on a workspace folder, its text output read by the
 * `$issue-log` problem matcher (package.json), so a run fills the Problems panel as CI would see it.
 * It runs the CLI bundled with the extension on the editor's own Node (no installation); without the
 * bundle, the project's own `issue-log` (`npx --no-install`, never a download).
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';

export const TASK_TYPE = 'issue-log';
const CLI_MODULE = 'dist/cli.js';

interface CheckTaskDefinition extends vscode.TaskDefinition {
  paths?: string[];
  args?: string[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function execution(context: vscode.ExtensionContext, folder: vscode.WorkspaceFolder, def: CheckTaskDefinition): vscode.ProcessExecution | vscode.ShellExecution {
  const args = ['check', ...(strings(def.paths).length > 0 ? strings(def.paths) : ['.']), ...strings(def.args)];
  const cwd = folder.uri.fsPath;
  const cli = context.asAbsolutePath(CLI_MODULE);
  // The editor's executable runs as plain Node with ELECTRON_RUN_AS_NODE (code-server's is Node already).
  if (fs.existsSync(cli)) return new vscode.ProcessExecution(process.execPath, [cli, ...args], { cwd, env: { ELECTRON_RUN_AS_NODE: '1' } });
  return new vscode.ShellExecution('npx', ['--no-install', 'issue-log', ...args], { cwd });
}

function task(context: vscode.ExtensionContext, folder: vscode.WorkspaceFolder, def: CheckTaskDefinition, name = 'check'): vscode.Task {
  const t = new vscode.Task(def, folder, name, 'Issue Log', execution(context, folder, def), ['$issue-log']);
  t.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
  return t;
}

/** One "check" task per local workspace folder; a tasks.json entry of type `issue-log` is resolved the same way. */
export function registerCheckTask(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.tasks.registerTaskProvider(TASK_TYPE, {
    provideTasks: () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => task(context, f, { type: TASK_TYPE })),
    resolveTask: (t) => {
      const folder = typeof t.scope === 'object' ? t.scope : vscode.workspace.workspaceFolders?.[0];
      if (!folder || folder.uri.scheme !== 'file') return undefined;
      return task(context, folder, t.definition as CheckTaskDefinition, t.name);
    },
  });
}
