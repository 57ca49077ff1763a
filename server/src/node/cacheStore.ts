/**
 * The facts cache's storage on disk (factsCache.ts has the entries' content): one entry per
 * document, named after its URI, so that a file's new facts replace its old entry; recency kept in
 * the entries' mtimes (touched on a hit at most once an hour: LRU to the hour, without a write per
 * read); a size cap, past which the least recently used entries are deleted, down to three
 * quarters of it, so that a pruning is not needed again at the next write.
 *
 * The size is counted once (a scan at the first write of this process), then followed by what this
 * process writes; another process writing to the same folder (two windows on one folder) is seen
 * at the next scan, which each pruning makes. Every operation tolerates the other process: an entry
 * gone meanwhile is skipped, an entry is replaced by a rename, never written in place.
 *
 * Only what looks like the cache's own files is ever deleted (`ab/` folders of `ab…` entries named
 * by 40 hex digits, and their temporary files), so a wrong `--cache-dir` loses nobody's files.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The default cap: about a hundred workspaces of a thousand logs; the VS Code storage folder stays small. */
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
/** A hit touches its entry when the entry's mtime is older than this. */
export const TOUCH_AFTER_MS = 60 * 60 * 1000;
/** A temporary file older than this was left by a writer that died: deleted by a pruning. */
const STALE_TEMP_MS = 60 * 60 * 1000;

const ENTRY = /^[0-9a-f]{40}$/;
const FOLDER = /^[0-9a-f]{2}$/;
/** writeFactsEntry's temporary files: `ENTRY.pid.random.tmp`. */
const TEMP = /^[0-9a-f]{40}\.\d+\.[0-9a-z]*\.tmp$/;

/** The name of the entry of the document `uri`. */
export function entryName(uri: string): string {
  return crypto.createHash('sha1').update('issue-log-entry\u0000').update(uri).digest('hex');
}

interface Counters {
  pruned: number;
}

interface Found {
  file: string;
  size: number;
  mtimeMs: number;
}

export class CacheStore {
  /** The cache's size as this process knows it; undefined until the first write scans the folder. */
  private total: number | undefined;
  /** Entries read but not used (another content, or bad): their size, which the new entry replaces. */
  private readonly replacing = new Map<string, number>();

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
    private readonly counters: Counters,
  ) {}

  /** An entry was read: a hit is touched when its mtime is old; a miss's size is noted for the write that replaces it. */
  seen(file: string, hit: boolean, size: number, mtimeMs: number): void {
    if (!hit) {
      if (this.replacing.size > 100_000) this.replacing.clear();
      this.replacing.set(file, size);
      return;
    }
    if (Date.now() - mtimeMs < TOUCH_AFTER_MS) return;
    try {
      const now = new Date();
      fs.utimesSync(file, now, now);
    } catch {
      // Gone or not ours: recency is a hint.
    }
  }

  /** An entry was written to `file` (replacing the document's older entry): the size followed, pruned past the cap. */
  written(file: string): void {
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      return;
    }
    if (this.total === undefined) {
      // The first write: the scan counts this entry already.
      this.total = this.scan().reduce((n, f) => n + f.size, 0);
    } else {
      this.total += size - (this.replacing.get(file) ?? 0);
    }
    this.replacing.delete(file);
    if (this.total > this.maxBytes) this.prune();
  }

  /** Deletes the least recently used entries until the cache is at most three quarters of its cap. */
  prune(): void {
    const found = this.scan(true);
    let total = found.reduce((n, f) => n + f.size, 0);
    const target = Math.floor(this.maxBytes * 0.75);
    if (total > this.maxBytes) {
      found.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.file < b.file ? -1 : 1));
      for (const f of found) {
        if (total <= target) break;
        try {
          fs.unlinkSync(f.file);
          this.counters.pruned++;
        } catch {
          // Gone already (another process pruned it), or not ours to delete: either way not counted.
          continue;
        }
        total -= f.size;
      }
    }
    this.total = total;
  }

  /** The cache's entries (and, with `clean`, old temporary files deleted on the way). */
  private scan(clean = false): Found[] {
    const out: Found[] = [];
    let folders: string[];
    try {
      folders = fs.readdirSync(this.dir).filter((n) => FOLDER.test(n));
    } catch {
      return out;
    }
    const now = Date.now();
    for (const folder of folders) {
      let names: string[];
      try {
        names = fs.readdirSync(path.join(this.dir, folder));
      } catch {
        continue;
      }
      for (const name of names) {
        const entry = ENTRY.test(name) && name.startsWith(folder);
        const temp = !entry && TEMP.test(name) && name.startsWith(folder);
        if (!entry && !temp) continue;
        const file = path.join(this.dir, folder, name);
        let st: fs.Stats;
        try {
          st = fs.lstatSync(file);
        } catch {
          continue;
        }
        if (!st.isFile()) continue;
        if (temp) {
          if (clean && now - st.mtimeMs > STALE_TEMP_MS) {
            try {
              fs.unlinkSync(file);
            } catch {
              // Another process took it.
            }
          }
          continue;
        }
        out.push({ file, size: st.size, mtimeMs: st.mtimeMs });
      }
    }
    return out;
  }
}
