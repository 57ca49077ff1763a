/**
 * Which deferred files (read by the walk, not parsed: the pre-scan found no log in them) a request needs
 * parsed before it can answer. The Session owns the deferred map and parses what these name.
 */
import { mayLinkTo, normalizeUri, type FileMove } from '../core/features/fileRename';
import type { WorkspaceIndex } from '../core/workspace';

/**
 * Completion after `](path#` lists the anchors of the file typed (`before`: the line up to the cursor):
 * the deferred target's URI, if the file typed is one (it is not linked to yet, so no log read it).
 */
export function typedAnchorTarget(index: WorkspaceIndex, deferred: ReadonlyMap<string, string>, uri: string, before: string): string | undefined {
  const typed = /\]\(([^()\s#]+)#[^()\s]*$/.exec(before);
  if (!typed) return undefined;
  const r = index.resolveLink(uri, typed[1]);
  return r.kind === 'internal' && deferred.has(r.target) ? r.target : undefined;
}

/**
 * Before an answer to `workspace/willRenameFiles`: the deferred files that may link to the moved paths
 * (their text names one: fileRename.ts `mayLinkTo`) and those inside a moved folder, with their text.
 */
export function deferredForMoves<T extends { text: string }>(
  deferred: ReadonlyMap<string, string>,
  moves: readonly FileMove[],
  read: (path: string) => T | undefined,
): { read: number; files: { uri: string; path: string; file: T }[] } {
  const olds = moves.map((m) => normalizeUri(m.oldUri));
  const mayLink = mayLinkTo(moves);
  const files: { uri: string; path: string; file: T }[] = [];
  let count = 0;
  for (const [uri, path] of [...deferred]) {
    const moved = olds.some((o) => uri === o || uri.startsWith(o + '/'));
    const file = read(path);
    count++;
    if (file && (moved || mayLink(file.text))) files.push({ uri, path, file });
  }
  return { read: count, files };
}
