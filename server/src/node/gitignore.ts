/**
 * `.gitignore` files as git reads them (contract v2: the workspace is minus what `.gitignore` files
 * ignore), parsed by the `ignore` package. Every `.gitignore` inside a workspace folder applies to its
 * own folder and below; the deepest one whose patterns match a path decides (in one file, the last
 * matching pattern: negations, `dir/` patterns and `/anchored` ones as git has them); the folder's
 * `.git/info/exclude` ranks below its `.gitignore`. Nothing above the workspace folder is read (nor the
 * user's `core.excludesFile`: results do not depend on who runs the check). A folder that is ignored is
 * not entered, so nothing under it comes back (as in git). Paths match with case, as git on Linux.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { OUTSIDE_REASON, type WorkspaceBoundary } from './boundary';
import { describeError } from './fsErrors';

/** A `.gitignore` larger than this is not read (a pattern file, not data). */
const MAX_IGNORE_FILE = 1024 * 1024;

/** One folder's patterns, as they apply inside a folder under it (`matcher` is relative to `dir`). */
interface Level {
  dir: string;
  matcher: Ignore;
}

/** Reads one pattern file: its text, undefined when there is none, or why it could not be read. */
export type ReadPatterns = (file: string) => { text: string } | { missing: true } | { error: string };

/** Reads a file of patterns from disk (refusing what is not a small regular file). */
export const readPatternsFromDisk: ReadPatterns = (file) => {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { error: 'is not a file' };
    if (st.size > MAX_IGNORE_FILE) return { error: 'is over 1 MB' };
    return { text: fs.readFileSync(file, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { missing: true } : { error: describeError(err) };
  }
};

/** Reads pattern files whose real path is inside the workspace folders only (boundary.ts), like every read. */
export function readPatternsInside(boundary: WorkspaceBoundary): ReadPatterns {
  return (file) => {
    let real: string;
    try {
      real = fs.realpathSync.native(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? { missing: true } : { error: describeError(err) };
    }
    return boundary.contains(real) ? readPatternsFromDisk(real) : { error: OUTSIDE_REASON };
  };
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** A negation that re-includes the folder `rel` (relative to a pattern file's folder) alone: `!/a/b\[1\]/`. */
const reinclude = (rel: string) => '!/' + rel.replace(/[\\*?[\]]/g, '\\$&').replace(/ (?= *$)/g, '\\ ') + '/';

export class GitignoreRules {
  /** Folder → the levels in force inside it, deepest first (an ignored folder has none: it is not entered). */
  private readonly inside = new Map<string, readonly Level[]>();

  constructor(private readonly read: ReadPatterns = readPatternsFromDisk) {}

  /** Forget every file read (one changed, or may have). */
  forget(): void {
    this.inside.clear();
  }

  /**
   * Is the entry `name` of folder `dir` (under the workspace folder `root`; `dir` itself not ignored)
   * ignored? `hasIgnoreFile`: the walk saw whether `dir` holds a `.gitignore` (undefined: look).
   */
  ignoresEntry(root: string, dir: string, name: string, isDir: boolean, onProblem?: (file: string, message: string) => void, hasIgnoreFile?: boolean): boolean {
    return verdict(this.levelsIn(root, dir, onProblem, hasIgnoreFile), path.join(dir, name), isDir);
  }

  /** Is `file` (a path under the workspace folder `root`; a folder when `isDir`) ignored, or a folder above it? */
  ignores(root: string, file: string, isDir = false): boolean {
    const rel = path.relative(root, file);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    let dir = root;
    const parts = rel.split(path.sep);
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      if (this.ignoresEntry(root, dir, parts[i], last ? isDir : true)) return true;
      dir = path.join(dir, parts[i]);
    }
    return false;
  }

  /** The levels in force inside `dir` (not ignored itself): its own `.gitignore`, then those above, to `root`. */
  private levelsIn(root: string, dir: string, onProblem?: (file: string, message: string) => void, hasIgnoreFile?: boolean): readonly Level[] {
    const known = this.inside.get(dir);
    if (known) return known;
    let above: readonly Level[] = [];
    if (dir !== root && isUnder(dir, root)) {
      const parent = path.dirname(dir);
      above = this.levelsIn(root, parent, onProblem).map((level) => within(level, dir));
    }
    const own = this.patternsOf(root, dir, onProblem, hasIgnoreFile);
    const levels = own ? [{ dir, matcher: own }, ...above] : above;
    // Bounded: a walk asks once per folder; a session about the folders of the files it reads.
    if (this.inside.size > 100_000) this.inside.clear();
    this.inside.set(dir, levels);
    return levels;
  }

  /** `dir`'s own patterns (`.git/info/exclude` first at the root, so that `.gitignore` wins), or none. */
  private patternsOf(root: string, dir: string, onProblem?: (file: string, message: string) => void, hasIgnoreFile?: boolean): Ignore | undefined {
    const texts: string[] = [];
    const take = (file: string) => {
      const r = this.read(file);
      if ('text' in r) texts.push(r.text);
      else if ('error' in r) onProblem?.(file, `${r.error}; its patterns are not applied`);
    };
    if (dir === root) take(path.join(root, '.git', 'info', 'exclude'));
    if (hasIgnoreFile !== false) take(path.join(dir, '.gitignore'));
    if (texts.length === 0) return undefined;
    // One text at a time: the package splits a string into lines (an array's items are one pattern each).
    const matcher = ignore({ ignorecase: false });
    for (const text of texts) matcher.add(text);
    return matcher;
  }
}

/** The first level (deepest first) whose patterns match the path decides; none: not ignored. */
function verdict(levels: readonly Level[], full: string, isDir: boolean): boolean {
  for (const level of levels) {
    const r = level.matcher.test(toPosix(path.relative(level.dir, full)) + (isDir ? '/' : ''));
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}

/**
 * A level's patterns as they apply inside `dir`, a folder under it that is not ignored. The `ignore`
 * package takes a path whose parent its patterns ignore as ignored; git asks only the path itself,
 * the parent having been decided already (by a deeper file that re-includes it: `!build/`). So a
 * parent that this level alone would ignore is re-included here, for this level's matcher only.
 */
function within(level: Level, dir: string): Level {
  const rel = toPosix(path.relative(level.dir, dir));
  if (!level.matcher.test(rel + '/').ignored) return level;
  return { dir: level.dir, matcher: ignore({ ignorecase: false }).add(level.matcher).add(reinclude(rel)) };
}

function isUnder(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
