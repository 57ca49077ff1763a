/**
 * Writing a fixed file back (`issue-log fix`): atomically (a temporary file in the same folder, then
 * a rename over the file, so that a reader sees the old bytes or the new, never half), with the
 * file's mode, and only when the file still holds the bytes the fix was computed from.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type WriteAnswer = { ok: true } | { ok: false; reason: string };

/** Why a write failed, in the words of the stderr lines ("… is read-only; not fixed"). */
function writeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'cannot be written (permission denied); not fixed';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'cannot be written (no space left on the device); not fixed';
    case 'ENOENT':
      return 'does not exist any more; not fixed';
    default:
      return `cannot be written (${e?.message ?? String(err)}); not fixed`;
  }
}

/**
 * Replaces the regular file `real` (a real path: symbolic links already resolved, inside the
 * workspace) by `data`, if it still holds `expected`. A file whose owner has no write permission
 * (no `u+w` in its mode) is read-only and left alone, also for root, who could write it otherwise.
 */
export function replaceFile(real: string, data: Uint8Array, expected: Uint8Array): WriteAnswer {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(real);
    if (!st.isFile()) return { ok: false, reason: 'is not a regular file; not fixed' };
    if ((st.mode & 0o200) === 0) return { ok: false, reason: 'is read-only; not fixed' };
    fs.accessSync(real, fs.constants.W_OK);
    if (!fs.readFileSync(real).equals(expected)) return { ok: false, reason: 'changed on disk while it was being fixed; not written (run fix again)' };
  } catch (err) {
    return { ok: false, reason: writeError(err) };
  }
  const mode = st.mode & 0o7777;
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.issue-log.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
    fs.writeFileSync(fd, data);
    // The umask may have taken bits off the mode given to open.
    fs.fchmodSync(fd, mode);
    try {
      if (st.uid !== process.getuid?.() || st.gid !== process.getgid?.()) fs.fchownSync(fd, st.uid, st.gid);
    } catch {
      // Only root may give a file away; the file is then ours, as any editor's save would make it.
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, real);
    return { ok: true };
  } catch (err) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // Closed already.
      }
    }
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing more to do: the temporary file is named after the file, and hidden.
    }
    return { ok: false, reason: writeError(err) };
  }
}
