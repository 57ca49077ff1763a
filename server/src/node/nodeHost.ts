/**
 * The core's host on Node: existence checks with exact case, the workspace walk (never out of the
 * workspace through a symbolic link: boundary.ts), and reading files defensively (outside the
 * workspace, too large, binary, invalid UTF-8, unreadable, symlink loops).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { excludeMatcher } from '../core/exclude';
import type { PathKind, WorkspaceHost } from '../core/workspace';
import { OUTSIDE_REASON, WorkspaceBoundary } from './boundary';
import { describeError } from './fsErrors';
import type { GitignoreRules } from './gitignore';

export { describeError };

export interface HostProblem {
  path: string;
  message: string;
}

/** Answers "does this path exist, spelled exactly so?" — on every platform, as on Linux and GitHub. */
export class NodeWorkspaceHost implements WorkspaceHost {
  private statCache = new Map<string, PathKind | undefined>();
  private dirCache = new Map<string, Set<string> | undefined>();

  stat(uri: string): PathKind | undefined {
    if (this.statCache.has(uri)) return this.statCache.get(uri);
    let kind: PathKind | undefined;
    try {
      const u = URI.parse(uri);
      if (u.scheme === 'file') {
        const p = u.fsPath;
        const st = fs.statSync(p);
        kind = st.isDirectory() ? 'dir' : 'file';
        if (!this.exactCase(p)) kind = undefined;
      }
    } catch {
      kind = undefined;
    }
    this.statCache.set(uri, kind);
    return kind;
  }

  /** Forget what is known about paths (files were created, deleted or renamed). */
  invalidate(): void {
    this.statCache.clear();
    this.dirCache.clear();
  }

  private exactCase(p: string): boolean {
    // On case-sensitive file systems stat already answered exactly; elsewhere compare each segment
    // with the directory listing.
    const parts = path.resolve(p).split(path.sep).filter(Boolean);
    let dir = path.parse(path.resolve(p)).root;
    for (const part of parts) {
      let names = this.dirCache.get(dir);
      if (!this.dirCache.has(dir)) {
        try {
          names = new Set(fs.readdirSync(dir));
        } catch {
          names = undefined;
        }
        this.dirCache.set(dir, names);
      }
      if (names && !names.has(part)) return false;
      dir = path.join(dir, part);
    }
    return true;
  }
}

export interface WalkOptions {
  exclude: string[];
  onProblem?: (p: HostProblem) => void;
  /** The workspace folders: no symbolic link out of them is followed. Default: `root` alone. */
  boundary?: WorkspaceBoundary;
  /** The `.gitignore` files of the workspace folder `root` (which holds the walk's root) are honoured. */
  gitignore?: { rules: GitignoreRules; root: string };
}

/** What the walk says of a symbolic link out of the workspace (once per link; it is not followed). */
export const LINKS_OUTSIDE = 'links outside the workspace; not followed';

/**
 * Every `*.md` file under `root`, minus excluded and git-ignored paths. Symbolic links are followed
 * once, never in a loop, and never out of the workspace folders: a link whose real path is outside is
 * reported (a folder, or a Markdown file) and not followed, so nothing under it is listed or read.
 */
export function walkMarkdown(root: string, options: WalkOptions): string[] {
  const out: string[] = [];
  const isExcluded = excludeMatcher(options.exclude);
  const boundary = options.boundary ?? new WorkspaceBoundary([root]);
  const visited = new Set<string>();
  const git = options.gitignore;
  const onIgnoreProblem = (path: string, message: string) => options.onProblem?.({ path, message });
  // A walk of an ignored folder (a file event for `build/`) finds nothing.
  if (git && git.rules.ignores(git.root, root, true)) return out;
  const stack: string[] = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    const where = boundary.resolve(dir);
    if (!where.ok) {
      options.onProblem?.({ path: dir, message: where.reason === OUTSIDE_REASON ? LINKS_OUTSIDE : `skipped: ${where.reason}` });
      continue;
    }
    if (visited.has(where.real)) continue;
    visited.add(where.real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      options.onProblem?.({ path: dir, message: `skipped: ${describeError(err)}` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const hasIgnoreFile = git ? entries.some((e) => e.name === '.gitignore') : false;
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (isExcluded(rel)) continue;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const target = boundary.resolve(full);
        if (!target.ok && target.reason !== OUTSIDE_REASON) {
          options.onProblem?.({ path: full, message: `skipped: ${target.reason}` });
          continue;
        }
        let st: fs.Stats;
        try {
          st = fs.statSync(full);
        } catch (err) {
          options.onProblem?.({ path: full, message: `skipped: ${describeError(err)}` });
          continue;
        }
        isDir = st.isDirectory();
        isFile = st.isFile();
        if (!target.ok) {
          // Existence only (a stat) for what is outside; only what would have been read is reported.
          if (isDir || (isFile && /\.md$/i.test(e.name))) options.onProblem?.({ path: full, message: LINKS_OUTSIDE });
          continue;
        }
      }
      if (!isDir && !(isFile && /\.md$/i.test(e.name))) continue;
      if (git && git.rules.ignoresEntry(git.root, dir, e.name, isDir, onIgnoreProblem, hasIgnoreFile)) continue;
      if (isDir) stack.push(full);
      else out.push(full);
    }
  }
  return out.sort();
}

export type ReadResult = { ok: true; text: string; warning?: string } | { ok: false; reason: string };

/**
 * Reads a Markdown file, refusing what is not text, what is larger than `maxSize` bytes, and (with a
 * boundary) what lies outside the workspace.
 */
export function readMarkdownFile(file: string, maxSize: number, boundary?: WorkspaceBoundary): ReadResult {
  const read = readMarkdownBytes(file, maxSize, boundary);
  return read.ok ? decodeMarkdown(read.bytes) : read;
}

export type BytesResult = { ok: true; bytes: Buffer } | { ok: false; reason: string };

/**
 * The checks of readMarkdownFile before decoding: the file's bytes, or why it is not read. With a
 * boundary, the real path is checked and read (not the link), so what is read is what was checked.
 */
export function readMarkdownBytes(file: string, maxSize: number, boundary?: WorkspaceBoundary): BytesResult {
  if (boundary) {
    const where = boundary.resolve(file);
    if (!where.ok) return where;
    file = where.real;
  }
  let size: number;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) return { ok: false, reason: "is a folder, not a file" };
    if (!st.isFile()) return { ok: false, reason: "is not a regular file (a pipe, socket or device); not read" };
    size = st.size;
  } catch (err) {
    return { ok: false, reason: describeError(err) };
  }
  if (size > maxSize) {
    return { ok: false, reason: `is ${formatSize(size)}, over the ${formatSize(maxSize)} limit (raise issueLog.maxFileSizeMB, or --max-file-size in the CLI); not checked` };
  }
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (err) {
    return { ok: false, reason: describeError(err) };
  }
  return { ok: true, bytes: buf };
}

/** Decodes file content: binary content is refused, invalid UTF-8 is decoded with U+FFFD and flagged. */
export function decodeMarkdown(buf: Uint8Array): ReadResult {
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return { ok: false, reason: 'looks like a binary file (it contains NUL bytes); not checked' };
  let text: string;
  let warning: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    text = new TextDecoder('utf-8').decode(buf);
    warning = 'is not valid UTF-8; invalid bytes were read as U+FFFD';
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text, warning };
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
