/**
 * What the server tells the user in its output channel about files: what it skipped and why, read
 * with a warning, and each document's parse problems (an open document's once, not at every edit).
 */
import type { RemoteConsole } from 'vscode-languageserver';
import type { DocumentFacts } from '../core/document';
import { displayPath } from '../core/paths';
import { positionAt } from '../core/positions';

export class ServerLog {
  /** The parse problems last logged for each document. */
  private readonly loggedProblems = new Map<string, string>();

  constructor(
    readonly console: RemoteConsole,
    /** The workspace folders of the moment (paths are shown relative to them). */
    private readonly folders: () => readonly string[],
  ) {}

  displayPath(uri: string): string {
    return displayPath(this.folders(), uri);
  }

  skipped(uri: string, reason: string): void {
    this.console.warn(`Skipped ${this.displayPath(uri)}: ${reason}`);
  }

  warning(uri: string, warning: string | undefined): void {
    if (warning) this.console.warn(`${this.displayPath(uri)}: ${warning}`);
  }

  parseProblems(uri: string, facts: DocumentFacts): void {
    const lines = facts.problems.map((p) => `${this.displayPath(uri)}:${positionAt(facts.lineStarts, p.offset).line + 1}: ${p.message}`);
    const key = lines.join('\n');
    if (this.loggedProblems.get(uri) === key) return;
    if (key) this.loggedProblems.set(uri, key);
    else this.loggedProblems.delete(uri);
    for (const line of lines) this.console.warn(line);
  }

  /** A new index: every document's problems are logged again. */
  reset(): void {
    this.loggedProblems.clear();
  }
}
