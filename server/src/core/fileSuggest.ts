/**
 * The file a broken link meant, among the workspace's indexed Markdown files (never one outside the
 * workspace folders or an excluded one: those are not indexed, and are checked again here):
 * 1. the file of the same name elsewhere (a phase file moved into `archive/`): the one that keeps
 *    most of the link's trailing folders (`archive/02-Database/issues.md` for `02-Database/issues.md`),
 *    then the closest to the old place; only when one is strictly best, and, when only the name is
 *    shared, only when the link's folder still exists (a folder that is gone took the file's identity
 *    with it: `07-Observability/issues-and-solutions.md` is not any other phase's file);
 * 2. else a file of a similar name in the link's folder (`issues-and-solution.md`), the same numbers kept.
 * Other files (images, folders, non-Markdown) are not known to the core: no suggestion.
 */
import { URI } from 'vscode-uri';
import { excludeMatcher } from './exclude';
import { relativeLinkPath } from './features/context';
import { splitUrl } from './links';
import { Memo } from './memo';
import { closest } from './suggest';
import type { WorkspaceIndex } from './workspace';

interface FileNames {
  /** Lower-cased file name → URIs. */
  byName: Map<string, string[]>;
  /** Folder path → the files in it: name as written → URI. */
  byFolder: Map<string, Map<string, string>>;
}

const names = new Memo<WorkspaceIndex, FileNames>();

const segmentsOf = (uri: string) => URI.parse(uri).path.split('/').filter(Boolean);

function fileNames(index: WorkspaceIndex): FileNames {
  return names.get(index, index.structureVersion, () => {
    const excluded = excludeMatcher(index.options.exclude);
    const byName = new Map<string, string[]>();
    const byFolder = new Map<string, Map<string, string>>();
    for (const doc of index.documents) {
      const rel = index.relativeToFolder(doc.uri);
      if (rel === undefined || excluded(rel) || !doc.uri.startsWith('file:')) continue;
      const segs = segmentsOf(doc.uri);
      const name = segs[segs.length - 1] ?? '';
      const key = name.toLowerCase();
      (byName.get(key) ?? byName.set(key, []).get(key)!).push(doc.uri);
      const folder = segs.slice(0, -1).join('/');
      (byFolder.get(folder) ?? byFolder.set(folder, new Map()).get(folder)!).set(name, doc.uri);
    }
    return { byName, byFolder };
  });
}

/** How many trailing segments two paths share (case-insensitively), the file name included. */
function sharedTail(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n].toLowerCase() === b[b.length - 1 - n].toLowerCase()) n++;
  return n;
}

/** Steps from one folder to another in the tree (up to the common folder, then down). */
function treeDistance(a: string[], b: string[]): number {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  return a.length - p + (b.length - p);
}

/**
 * The URI of the file a broken link to `target` (a URI that does not exist) most likely meant, or
 * undefined. `folderExists`: the link's folder exists (asked only when needed).
 */
export function fileSuggestion(index: WorkspaceIndex, target: string, folderExists: () => boolean): string | undefined {
  const { byName, byFolder } = fileNames(index);
  const want = segmentsOf(target);
  const name = want[want.length - 1];
  if (!name) return undefined;
  const wantFolder = want.slice(0, -1);
  const ranked = (byName.get(name.toLowerCase()) ?? [])
    .filter((uri) => uri !== target)
    .map((uri) => {
      const segs = segmentsOf(uri);
      return { uri, tail: sharedTail(want, segs), distance: treeDistance(wantFolder, segs.slice(0, -1)) };
    })
    .sort((a, b) => b.tail - a.tail || a.distance - b.distance);
  const [best, second] = ranked;
  if (best && !(second && second.tail === best.tail && second.distance === best.distance) && (best.tail > 1 || folderExists())) return best.uri;
  // A similar name in the same folder.
  const inFolder = byFolder.get(wantFolder.join('/'));
  const similar = inFolder && closest(name, inFolder.keys());
  return similar ? inFolder.get(similar) : undefined;
}

/**
 * The path a broken link (`url`, in `fromUri`, resolved to `target`) should have, written as the link
 * was: relative to the document (`./` kept), or from the workspace root for a `/…` link; decoded (the
 * quick fix encodes it as the link was: linkFix.ts). Undefined when nothing is suggested.
 */
export function suggestedLinkPath(index: WorkspaceIndex, fromUri: string, url: string, target: string): string | undefined {
  const split = splitUrl(url);
  if (split.kind !== 'path' || !fromUri.startsWith('file:')) return undefined;
  const written = split.pathPart;
  const folder = written.slice(0, written.lastIndexOf('/') + 1);
  const folderExists = () => {
    if (folder === '') return true;
    const r = index.resolveLink(fromUri, folder);
    return r.kind === 'internal' && r.exists === 'dir';
  };
  const uri = fileSuggestion(index, target, folderExists);
  if (!uri) return undefined;
  if (written.startsWith('/')) {
    const rel = index.relativeToFolder(uri);
    // From the root of the document's own folder only.
    return rel === undefined || index.folderOf(uri) !== index.folderOf(fromUri) ? undefined : '/' + rel;
  }
  const rel = relativeLinkPath(fromUri, uri);
  return written.startsWith('./') && !rel.startsWith('../') ? './' + rel : rel;
}
