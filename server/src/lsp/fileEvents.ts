/**
 * Watched-file events: queued (the last event per URI wins) and applied together a moment later or
 * before the next request, since they come in bursts (a branch switch) and twice when both the
 * client and the server watch. Events that arrive during an indexing run are remembered: what the
 * run read of those files is stale.
 */
import { FileChangeType } from 'vscode-languageserver';
import { URI } from 'vscode-uri';

/** What applying the events needs from the session. */
export interface FileEventTarget {
  /** Indexed URIs under `uri` (itself, or the files of a deleted folder). */
  indexedUnder(uri: string): string[];
  isOpen(uri: string): boolean;
  /** In a workspace folder and not excluded. */
  isWatched(uri: string): boolean;
  /** Removes a closed file from the index (and from the deferred files). */
  remove(uri: string): void;
  /** Reads a created or changed file again. */
  reload(uri: string): void;
  /** Existence answers may have changed. */
  invalidateExistence(): void;
}

export class FileEvents {
  private readonly pending = new Map<string, FileChangeType>();
  /** Files with events since the current indexing run began. */
  private readonly duringIndexing = new Set<string>();

  add(changes: readonly { uri: string; type: FileChangeType }[], indexing: boolean): void {
    for (const { uri, type } of changes) {
      this.pending.set(uri, type);
      if (indexing) this.duringIndexing.add(uri);
    }
  }

  /** Did the file (or a folder above it) change on disk since the current indexing run began? */
  changedWhileIndexing(uri: string): boolean {
    if (this.duringIndexing.size === 0) return false;
    if (this.duringIndexing.has(uri)) return true;
    for (const e of this.duringIndexing) if (uri.startsWith(e.replace(/\/$/, '') + '/')) return true;
    return false;
  }

  /** A new indexing run begins, or the current one ended: it has read everything it will. */
  clearIndexingEvents(): void {
    this.duringIndexing.clear();
  }

  /** Applies the queued events; false when there were none. */
  apply(target: FileEventTarget): boolean {
    if (this.pending.size === 0) return false;
    const changes = [...this.pending];
    this.pending.clear();
    target.invalidateExistence();
    for (const [uri, type] of changes) {
      if (type === FileChangeType.Deleted) {
        // A deleted folder takes its files with it; an open document stays as the editor has it.
        for (const u of target.indexedUnder(uri)) if (!target.isOpen(u)) target.remove(u);
        continue;
      }
      if (!/\.md$/i.test(URI.parse(uri).path) || target.isOpen(uri) || !target.isWatched(uri)) continue;
      target.reload(uri);
    }
    return true;
  }
}
