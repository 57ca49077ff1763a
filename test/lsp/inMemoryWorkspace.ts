/**
 * A workspace held in memory (relative path → text or bytes) and the `ServerEnvironment` that serves it
 * to the real server: existence checks, the walk, and defensive reads (size limit, binary, invalid
 * UTF-8) as node/nodeHost.ts does on disk. There is no `createParser`, so closed files are parsed on
 * the server's own thread. As vscode-markdown-languageservice tests its core on an in-memory workspace.
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { excludeMatcher } from '../../server/src/core/exclude';
import type { PathKind, WorkspaceHost } from '../../server/src/core/workspace';
import { decodeMarkdown, formatSize, type ReadResult } from '../../server/src/node/nodeHost';
import type { ServerEnvironment } from '../../server/src/server';

/** What a test does with its workspace, on disk (TempWorkspace) or in memory. */
export interface TestWorkspace {
  readonly root: string;
  readonly folderUri: string;
  path(rel: string): string;
  uri(rel: string): string;
  read(rel: string): string;
  write(rel: string, text: string | Uint8Array): void;
  remove(rel: string): void;
  dispose(): void;
}

let created = 0;

export class InMemoryWorkspace implements TestWorkspace {
  readonly root: string;
  /** Absolute path → content, shared with the workspaces made by `sibling`. Folders are the prefixes of these paths. */
  private readonly store: Map<string, Uint8Array>;

  /** `root` defaults to a fresh folder name, so that no two workspaces of a run share URIs. */
  constructor(files: Record<string, string | Uint8Array> = {}, root = `/issue-log-memory/ws${++created}`, store = new Map<string, Uint8Array>()) {
    this.root = root;
    this.store = store;
    for (const [rel, content] of Object.entries(files)) this.write(rel, content);
  }

  /** Another folder of the same in-memory file system (a second workspace folder). */
  sibling(files: Record<string, string | Uint8Array> = {}): InMemoryWorkspace {
    return new InMemoryWorkspace(files, `${this.root}-${++created}`, this.store);
  }

  path(rel: string): string {
    return path.posix.join(this.root, rel);
  }
  uri(rel: string): string {
    return URI.file(this.path(rel)).toString();
  }
  get folderUri(): string {
    return URI.file(this.root).toString();
  }
  read(rel: string): string {
    const bytes = this.store.get(this.path(rel));
    if (!bytes) throw new Error(`${rel} is not in the workspace`);
    return new TextDecoder().decode(bytes);
  }
  write(rel: string, content: string | Uint8Array): void {
    this.store.set(this.path(rel), typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  /** Removes a file, or a folder with everything under it. */
  remove(rel: string): void {
    const p = this.path(rel);
    for (const f of [...this.store.keys()]) if (f === p || f.startsWith(p + '/')) this.store.delete(f);
  }
  dispose(): void {
    this.remove('');
  }

  /** What an absolute path is now: a file, a folder (a workspace root or a prefix of a file), or nothing. */
  kindOf(absolute: string): PathKind | undefined {
    if (this.store.has(absolute)) return 'file';
    if (absolute === this.root) return 'dir';
    for (const f of this.store.keys()) if (f.startsWith(absolute + '/')) return 'dir';
    return undefined;
  }

  /** A host for the core; like NodeWorkspaceHost, it remembers answers until `invalidate`. */
  host(): WorkspaceHost & { invalidate(): void } {
    const cache = new Map<string, PathKind | undefined>();
    return {
      stat: (uri) => {
        if (!cache.has(uri)) {
          const u = URI.parse(uri);
          cache.set(uri, u.scheme === 'file' ? this.kindOf(u.path) : undefined);
        }
        return cache.get(uri);
      },
      invalidate: () => cache.clear(),
    };
  }

  /** Every Markdown file under `folder` (absolute paths, sorted), minus excluded ones. */
  walk(folder: string, exclude: string[]): string[] {
    const isExcluded = excludeMatcher(exclude);
    const out: string[] = [];
    for (const f of this.store.keys()) {
      if (f.startsWith(folder + '/') && /\.md$/i.test(f) && !isExcluded(f.slice(folder.length + 1))) out.push(f);
    }
    return out.sort();
  }

  /** Reads a file as the server's Node host does: too large and binary files are refused. */
  readFile(absolute: string, maxSize: number): ReadResult {
    const kind = this.kindOf(absolute);
    if (kind === undefined) return { ok: false, reason: 'does not exist' };
    if (kind === 'dir') return { ok: false, reason: 'is a folder, not a file' };
    const bytes = this.store.get(absolute)!;
    if (bytes.length > maxSize) return { ok: false, reason: `is ${formatSize(bytes.length)}, over the ${formatSize(maxSize)} limit; not checked` };
    return decodeMarkdown(bytes);
  }

  /** The server's environment on this workspace (`cacheDir` as `--cache-dir` would give it). */
  environment(cacheDir?: string): ServerEnvironment {
    return {
      host: this.host(),
      walk: (folder, exclude) => this.walk(folder, exclude),
      read: (file, maxSize) => this.readFile(file, maxSize),
      cacheDir,
    };
  }
}
