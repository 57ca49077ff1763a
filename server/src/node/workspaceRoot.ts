/**
 * The CLI's workspace root (contract v2, "Documents and the workspace"): the nearest folder, from a
 * PATH upwards, that holds `.issue-log.json` or `.git`; else the current folder (when the PATH is in
 * it; a PATH outside it names its own folder, as before). And `.issue-log.json` read from a root.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, readConfigFile, type ConfigFile } from '../core/configFile';

const MARKERS = [CONFIG_FILE_NAME, '.git'];

/** `child` is `parent` or lies under it (paths of this platform). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The folder that holds a root marker, from `start` (a folder) upwards; undefined when none does. */
export function markedRoot(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (MARKERS.some((m) => fs.existsSync(path.join(dir, m)))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * A current folder never taken as the root when no marker is found: the file system's root or the
 * home folder (`issue-log check /abs/log.md` run from `/` would read the whole disk, /proc included).
 */
const tooWide = (dir: string) => path.dirname(dir) === dir || dir === os.homedir();

/** The workspace root of `target` (an absolute file or folder; `isFolder` says which), seen from `cwd`. */
export function workspaceRootOf(target: string, isFolder: boolean, cwd: string): string {
  const folder = isFolder ? target : path.dirname(target);
  return markedRoot(folder) ?? (isInside(target, cwd) && !(tooWide(cwd) && cwd !== folder) ? cwd : folder);
}

/** `.issue-log.json` of a root, read (undefined when there is none); `error`: it exists and cannot be read. */
export function readConfigAt(root: string): { path: string; text: string; file: ConfigFile } | { path: string; error: string } | undefined {
  const file = path.join(root, CONFIG_FILE_NAME);
  let text: string;
  try {
    if (!fs.statSync(file).isFile()) return { path: file, error: 'is not a file' };
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return { path: file, error: code === 'EACCES' ? 'cannot be read (permission denied)' : (err as Error).message };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { path: file, text, file: readConfigFile(text) };
}
