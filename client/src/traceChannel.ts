/**
 * The "Issue Log Trace" channel. vscode-languageclient traces only to a log channel whose level is
 * Trace, and a user cannot set an output channel's level from a setting, so `issueLog.trace.server`
 * alone traced nothing (issue 14). This channel's level follows the setting instead: Trace while it is
 * `messages` or `verbose`, Off otherwise; what the library logs is written to a plain output channel.
 */
import * as vscode from 'vscode';

const SETTING = 'issueLog.trace.server';

export function traceLevel(setting: unknown): vscode.LogLevel {
  return setting === 'messages' || setting === 'verbose' ? vscode.LogLevel.Trace : vscode.LogLevel.Off;
}

export class TraceChannel implements vscode.LogOutputChannel {
  private readonly out: vscode.OutputChannel;
  private readonly changed = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly watch: vscode.Disposable;
  private level: vscode.LogLevel;
  /** Lines written since the start (the extension tests read it; the channel's text is not readable). */
  written = 0;
  readonly onDidChangeLogLevel = this.changed.event;

  constructor(readonly name: string) {
    this.out = vscode.window.createOutputChannel(name);
    this.level = traceLevel(vscode.workspace.getConfiguration().get(SETTING));
    this.watch = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SETTING)) return;
      const level = traceLevel(vscode.workspace.getConfiguration().get(SETTING));
      if (level === this.level) return;
      this.level = level;
      this.changed.fire(level);
    });
  }

  get logLevel(): vscode.LogLevel {
    return this.level;
  }

  private write(kind: string, message: string | Error, args: unknown[]): void {
    if (this.level === vscode.LogLevel.Off) return;
    const text = message instanceof Error ? (message.stack ?? message.message) : message;
    const rest = args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    this.out.appendLine(`${new Date().toISOString()} [${kind}] ${text}${rest ? ` ${rest}` : ''}`);
    this.written++;
  }

  trace(message: string, ...args: unknown[]): void {
    this.write('trace', message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.write('debug', message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this.write('info', message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.write('warning', message, args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.write('error', error, args);
  }
  append(value: string): void {
    this.out.append(value);
  }
  appendLine(value: string): void {
    this.out.appendLine(value);
    this.written++;
  }
  replace(value: string): void {
    this.out.replace(value);
  }
  clear(): void {
    this.out.clear();
  }
  show(columnOrPreserve?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserve === 'boolean' || columnOrPreserve === undefined) this.out.show(columnOrPreserve);
    else this.out.show(columnOrPreserve, preserveFocus);
  }
  hide(): void {
    this.out.hide();
  }
  dispose(): void {
    this.watch.dispose();
    this.changed.dispose();
    this.out.dispose();
  }
}
