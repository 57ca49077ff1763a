/**
 * The workspace boundary on Node: which real paths (symbolic links resolved) lie inside the workspace
 * folders. Every file the CLI or the server reads goes through `resolve` first, and the walk asks
 * `contains` before it follows a symbolic link, so that no file outside the folders is ever read
 * (contract v2: a target outside every workspace folder is checked for existence only).
 */
import * as fs from 'node:fs';
import { describeError } from './fsErrors';
import { isInside } from './workspaceRoot';

export type BoundaryAnswer = { ok: true; real: string } | { ok: false; reason: string };

/** Why a path is refused: the text of a problem line or a skipped-file log line. */
export const OUTSIDE_REASON = 'lies outside the workspace (through a symbolic link); not read';

export class WorkspaceBoundary {
  private folders: string[];
  /** The folders' real paths, resolved when first needed (a folder may appear after it is named). */
  private roots: string[] | undefined;
  /** Real path → inside? (a real path's answer only changes with the folders). */
  private readonly answers = new Map<string, boolean>();

  /** `folders`: absolute paths of this platform. */
  constructor(folders: readonly string[] = []) {
    this.folders = [...folders];
  }

  /** The workspace folders changed: answers start again. */
  setFolders(folders: readonly string[]): void {
    this.folders = [...folders];
    this.roots = undefined;
    this.answers.clear();
  }

  /** Is this real path (symbolic links already resolved) one of the folders or under one? */
  contains(realPath: string): boolean {
    const known = this.answers.get(realPath);
    if (known !== undefined) return known;
    this.roots ??= this.folders.flatMap((f) => {
      const real = realPathOf(f);
      return real === undefined ? [] : [real];
    });
    const inside = this.roots.some((root) => isInside(realPath, root));
    // Bounded: a walk asks once per symbolic link, a session once per file read.
    if (this.answers.size > 100_000) this.answers.clear();
    this.answers.set(realPath, inside);
    return inside;
  }

  /**
   * The real path to read for `file`, or why it must not be read: it does not resolve (missing, a
   * loop), or it resolves outside every folder (a path inside lexically counts by its real path).
   */
  resolve(file: string): BoundaryAnswer {
    let real: string;
    try {
      real = fs.realpathSync.native(file);
    } catch (err) {
      return { ok: false, reason: describeError(err) };
    }
    return this.contains(real) ? { ok: true, real } : { ok: false, reason: OUTSIDE_REASON };
  }
}

function realPathOf(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}
