/**
 * The status-bar item while the server indexes ("Indexing issue logs… 1,234 of 5,678"), from the
 * server's `issueLog/indexingProgress` notification (the client cannot read the window's work-done
 * progress). It goes away when the run ends; until the first full index the Open Issues view says the
 * same (`onDidChange` gives the text, or undefined once the index is complete).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IndexingProgressNotification, type IndexingProgressParams } from '../../server/src/protocol';
import { OPEN_ISSUES_VIEW_ID } from './openIssuesTree';

/** "Indexing issue logs… 1,234 of 5,678" (no counts before the walk has found the files). */
export function indexingText(done: number, total: number): string {
  return total > 0 ? `Indexing issue logs… ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}` : 'Indexing issue logs…';
}

export interface IndexingSnapshot {
  /** The status item's text while shown (without the icon), else undefined. */
  statusText: string | undefined;
  /** What the Open Issues view says until the first full index, else undefined. */
  viewMessage: string | undefined;
  /** The last notification, as the server sent it. */
  last: IndexingProgressParams | undefined;
}

export class IndexingStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<string | undefined>();
  /** Fires the Open Issues view's message: "Indexing issue logs… N of M" until the first full index, then undefined. */
  readonly onDidChange = this.changeEmitter.event;
  private last: IndexingProgressParams | undefined;
  private statusText: string | undefined;
  private viewMessage: string | undefined;

  constructor(client: LanguageClient) {
    this.item = vscode.window.createStatusBarItem('issueLog.indexing', vscode.StatusBarAlignment.Left, 51);
    this.item.name = 'Issue Log Indexing';
    this.item.command = { command: `${OPEN_ISSUES_VIEW_ID}.focus`, title: 'Show Open Issues' };
    this.disposables.push(this.item, this.changeEmitter, client.onNotification(IndexingProgressNotification, (p) => this.take(p)));
  }

  /** The server stopped: no run goes on (a restarted server begins its own, first again). */
  clientStopped(): void {
    this.last = undefined;
    this.show(undefined, undefined);
  }

  snapshot(): IndexingSnapshot {
    return { statusText: this.statusText, viewMessage: this.viewMessage, last: this.last };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private take(p: IndexingProgressParams): void {
    // An older run's end after a newer run began says nothing about the newer one.
    if (this.last && p.run < this.last.run) return;
    this.last = p;
    const text = indexingText(p.done, p.total);
    this.show(p.ended ? undefined : text, p.first ? text : undefined);
  }

  private show(statusText: string | undefined, viewMessage: string | undefined): void {
    this.statusText = statusText;
    if (statusText) {
      this.item.text = `$(sync~spin) ${statusText}`;
      this.item.tooltip = 'Issue Log is reading the Markdown files of this workspace; problems and open issues are complete when it is done.';
      this.item.show();
    } else this.item.hide();
    if (viewMessage !== this.viewMessage) {
      this.viewMessage = viewMessage;
      this.changeEmitter.fire(viewMessage);
    }
  }
}
