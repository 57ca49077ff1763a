/** Where a document lives among the workspace folders, and how its path is shown (one copy for the core). */
import { URI } from 'vscode-uri';

/** The workspace folder that holds `uri` (the longest match), if any. */
export function folderOf(folders: readonly string[], uri: string): string | undefined {
  let best: string | undefined;
  for (const f of folders) {
    const prefix = f.endsWith('/') ? f : f + '/';
    if ((uri.startsWith(prefix) || uri === f) && (!best || f.length > best.length)) best = f;
  }
  return best;
}

/** `uri` relative to the workspace folder that holds it (`06-Master/MASTER-ISSUE-LOG.md`), if one does. */
export function relativeToFolder(folders: readonly string[], uri: string): string | undefined {
  const folder = folderOf(folders, uri);
  if (!folder) return undefined;
  const base = URI.parse(folder).path.replace(/\/$/, '');
  const path = URI.parse(uri).path;
  return path.startsWith(base + '/') ? path.slice(base.length + 1) : undefined;
}

/**
 * A document's path as messages, hovers and logs show it: relative to its workspace folder, else the
 * file's path, else the URI (an untitled document).
 */
export function displayPath(folders: readonly string[], uri: string): string {
  const rel = relativeToFolder(folders, uri);
  if (rel !== undefined) return rel;
  const u = URI.parse(uri);
  return u.scheme === 'file' ? u.path : uri;
}
