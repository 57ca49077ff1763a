/**
 * The status-bar item for the active issue log: its open count and problem count (`LogSummaryRequest`).
 * Hidden when the active editor is not an issue log; clicking it focuses the Open Issues view.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LogSummaryRequest } from '../../server/src/protocol';
import { logSummaryText } from './openIssuesModel';
import { OPEN_ISSUES_VIEW_ID } from './openIssuesTree';

const UPDATE_DELAY_MS = 300;

export class LogStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Bumped per update so that a slow answer for an earlier editor never overwrites a later one. */
  private generation = 0;

  constructor(
    private readonly client: LanguageClient,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.item = vscode.window.createStatusBarItem('issueLog.logSummary', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Issue Log';
    this.item.command = { command: `${OPEN_ISSUES_VIEW_ID}.focus`, title: 'Show Open Issues' };
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.update();
      }),
    );
  }

  /** Schedules a new summary for the active editor (debounced: typing triggers many). */
  update(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.updateNow();
    }, UPDATE_DELAY_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  private async updateNow(): Promise<void> {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'markdown' || !this.client.isRunning()) {
      this.item.hide();
      return;
    }
    try {
      const summary = await this.client.sendRequest(LogSummaryRequest, { uri: this.client.code2ProtocolConverter.asUri(document.uri) });
      if (generation !== this.generation) return;
      if (!summary?.isLog) {
        this.item.hide();
        return;
      }
      this.item.text = logSummaryText(summary.openCount, summary.problemCount);
      this.item.tooltip = `${vscode.workspace.asRelativePath(document.uri)}: ${summary.openCount} open issue${summary.openCount === 1 ? '' : 's'}, ${summary.problemCount} problem${summary.problemCount === 1 ? '' : 's'}. Click to show the Open Issues view.`;
      this.item.accessibilityInformation = { label: `Issue log: ${summary.openCount} open, ${summary.problemCount} problems` };
      this.item.show();
    } catch (error) {
      if (generation !== this.generation) return;
      if (this.client.isRunning()) this.log.warn('Log summary request failed:', error instanceof Error ? error : String(error));
      this.item.hide();
    }
  }
}
