/**
 * The status-bar item for the active issue log: its open count (`LogSummaryRequest`) and problem count
 * (the diagnostics the client holds for it). Hidden when the active editor is not an issue log; clicking
 * it focuses the Open Issues view. The server is asked only when the summary can have changed: another
 * active editor, or a new version of the open issues (`update()`); new diagnostics only redraw.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LogSummaryRequest, type LogSummaryResult } from '../../server/src/protocol';
import { logSummaryText, logSummaryTooltip } from './openIssuesModel';
import { OPEN_ISSUES_VIEW_ID } from './openIssuesTree';

const UPDATE_DELAY_MS = 300;

export class LogStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Bumped per update so that a slow answer for an earlier editor never overwrites a later one. */
  private generation = 0;
  /** The last answer, for the document it was asked for. */
  private shown: { uri: string; openCount: number; counted: LogSummaryResult['counted'] } | undefined;

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
        const active = vscode.window.activeTextEditor?.document.uri;
        if (active && this.shown?.uri === active.toString() && e.uris.some((u) => u.toString() === this.shown?.uri)) this.render(active, this.shown.openCount, this.shown.counted);
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

  /** What the item shows now (undefined: hidden), for the extension's API. */
  get snapshot(): { uri: string; openCount: number; counted: LogSummaryResult['counted'] } | undefined {
    return this.shown;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  private async updateNow(): Promise<void> {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'markdown' || !this.client.isRunning()) {
      this.hide();
      return;
    }
    try {
      const summary = await this.client.sendRequest(LogSummaryRequest, { uri: this.client.code2ProtocolConverter.asUri(document.uri) });
      if (generation !== this.generation) return;
      if (!summary?.isLog) {
        this.hide();
        return;
      }
      this.shown = { uri: document.uri.toString(), openCount: summary.openCount, counted: summary.counted };
      this.render(document.uri, summary.openCount, summary.counted);
    } catch (error) {
      if (generation !== this.generation) return;
      if (this.client.isRunning()) this.log.warn('Log summary request failed:', error instanceof Error ? error : String(error));
      this.hide();
    }
  }

  private hide(): void {
    this.shown = undefined;
    this.item.hide();
  }

  /** The problem count is the client's own: the diagnostics the server published for the document. */
  private render(uri: vscode.Uri, openCount: number, counted: LogSummaryResult['counted']): void {
    const problemCount = this.client.diagnostics?.get(uri)?.length ?? 0;
    this.item.text = logSummaryText(openCount, problemCount);
    this.item.tooltip = logSummaryTooltip(vscode.workspace.asRelativePath(uri), openCount, problemCount, counted);
    this.item.accessibilityInformation = { label: `Issue log: ${openCount} open, ${problemCount} problems` };
    this.item.show();
  }
}
