/**
 * The `issueLog.enable` setting: off, the language server is not started, or is stopped when the setting
 * is turned off, and the Open Issues view says why (state `disabled`); on again, the server is started.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { forgetCrashes } from './languageClient';
import type { OpenIssuesTreeProvider } from './openIssuesTree';

export const ENABLE_SETTING = 'issueLog.enable';

export function isEnabled(): boolean {
  return vscode.workspace.getConfiguration('issueLog').get<boolean>('enable', true) !== false;
}

/** Activation with the setting off: nothing is started; the view shows the disabled state. */
export function disabledAtStart(tree: OpenIssuesTreeProvider, log: vscode.LogOutputChannel): void {
  log.info(`Issue Log is turned off (${ENABLE_SETTING}); the language server is not started.`);
  tree.clientStopped('disabled');
}

/**
 * Starts or stops the server when the setting changes. Changes are applied one after the other, each
 * reading the setting when its turn comes, so that quick toggles end in the setting's last value.
 */
export function watchEnable(client: LanguageClient, tree: OpenIssuesTreeProvider, log: vscode.LogOutputChannel, start: () => Promise<void>): vscode.Disposable {
  let queue = Promise.resolve();
  const apply = async () => {
    if (isEnabled()) {
      if (client.state !== State.Stopped) return;
      log.info(`${ENABLE_SETTING} is on: starting the language server.`);
      // Crashes before the server was turned off do not count against it.
      forgetCrashes(client);
      tree.clientStarting();
      await start().catch(() => undefined);
    } else {
      if (client.state === State.Stopped) {
        tree.clientStopped('disabled');
        return;
      }
      log.info(`${ENABLE_SETTING} is off: stopping the language server.`);
      try {
        await client.stop();
      } catch (error) {
        log.warn('Stopping the language server failed:', error instanceof Error ? error : String(error));
      }
      tree.clientStopped('disabled');
    }
  };
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(ENABLE_SETTING)) return;
    queue = queue.then(apply, apply);
  });
}
