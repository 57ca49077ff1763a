/**
 * Watched-file events: queued (the last event per URI wins) and applied together a moment later or
 * before the next request, since they come in bursts (a branch switch) and twice when both the
 * client and the server watch. Events that arrive during an indexing run are remembered: what the
 * run read of those files is stale.
 *
 * An event says where to look, not what is there: each is checked against the disk when applied
 * (a client may send a Deleted for a file saved again since, a folder's URI, or the wrong type).
 * A file that exists is read again, whatever the event said; what is gone leaves the index; an
 * event for a folder removes only the files under it that are really gone, and reads the others
 * again.
 */
import { FileChangeType } from 'vscode-languageserver';
import { URI, Utils } from 'vscode-uri';

/** The URIs of `uris` at or under `uri`. */
export function urisUnder(uri: string, uris: Iterable<string>): string[] {
  const prefix = uri.replace(/\/$/, '') + '/';
  return [...uris].filter((u) => u === uri || u.startsWith(prefix));
}

/** The Markdown files on disk under a folder (the walk's, so none outside the workspace folders). */
export function markdownUnder(source: { walk(folder: string, exclude: string[], onProblem: (path: string, message: string) => void): string[] }, uri: string, exclude: string[]): string[] {
  const parsed = URI.parse(uri);
  if (parsed.scheme !== 'file') return [];
  return source.walk(parsed.fsPath, exclude, () => undefined).map((p) => URI.file(p).toString());
}

/**
 * Does a change touch a file of ignore patterns that counts: a `.gitignore` in a folder of the
 * workspace that is not itself left out (`counts`: not under node_modules, .git, an ignored folder),
 * or a workspace folder's `.git/info/exclude`? (The server watches both: server.ts.)
 */
export function ignoreFileChanged(changes: readonly { uri: string }[], folders: readonly string[], counts: (folderUri: string) => boolean): boolean {
  const excludeFiles = new Set(folders.map((f) => Utils.joinPath(URI.parse(f), '.git', 'info', 'exclude').toString()));
  return changes.some(({ uri }) => {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return false;
    if (excludeFiles.has(parsed.toString())) return true;
    return /\/\.gitignore$/.test(parsed.path) && counts(Utils.dirname(parsed).toString());
  });
}

/** What applying the events needs from the session. */
export interface FileEventTarget {
  /** Indexed URIs under `uri` (itself, or the files of a folder). */
  indexedUnder(uri: string): string[];
  isOpen(uri: string): boolean;
  /** In a workspace folder and not excluded. */
  isWatched(uri: string): boolean;
  /** What is at `uri` on disk now (asked after invalidateExistence). */
  kindOf(uri: string): 'file' | 'dir' | undefined;
  /** The Markdown files under a folder on disk now (URIs). */
  filesUnder(uri: string): string[];
  /** Removes a closed file from the index (and from the deferred files). */
  remove(uri: string): void;
  /** Reads a created or changed file again. */
  reload(uri: string): void;
  /** Existence answers may have changed. */
  invalidateExistence(): void;
}

const isMarkdown = (uri: string) => /\.md$/i.test(URI.parse(uri).path);

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

  /** Applies the queued events, each as the disk now has it; false when there were none. */
  apply(target: FileEventTarget): boolean {
    if (this.pending.size === 0) return false;
    const uris = [...this.pending.keys()];
    this.pending.clear();
    target.invalidateExistence();
    const reload = (uri: string) => {
      if (isMarkdown(uri) && !target.isOpen(uri) && target.isWatched(uri)) target.reload(uri);
    };
    for (const uri of uris) {
      const kind = target.kindOf(uri);
      if (kind === 'file') {
        reload(uri);
        continue;
      }
      // Gone, or a folder: what was indexed under it and is gone leaves (an open document stays as
      // the editor has it); a folder's files are read again (an event for a folder says something
      // under it changed, not what: a branch switch).
      for (const u of target.indexedUnder(uri)) if (!target.isOpen(u) && target.kindOf(u) !== 'file') target.remove(u);
      if (kind === 'dir') for (const u of target.filesUnder(uri)) reload(u);
    }
    return true;
  }
}
