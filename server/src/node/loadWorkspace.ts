/**
 * The loading pipeline (core/loading.ts) on Node, for the CLI: folders on disk → a workspace index.
 * The language server runs the same pipeline in its indexing run (lsp/indexingRun.ts) with the same
 * Node source (nodeSource below, made by node/main.ts). Neither lists nor reads anything outside the
 * workspace folders (boundary.ts).
 */
import { relative, sep } from 'node:path';
import { URI } from 'vscode-uri';
import type { IssueLogOptions } from '../core/config';
import { readDocument, type DocumentFacts } from '../core/document';
import { excludeMatcher } from '../core/exclude';
import { linkCheckedDocuments, loadFiles, loadLinkTargets, loadOne, placeholderFacts, type FileToLoad, type LoadSource, type ParseResult } from '../core/loading';
import { positionAt } from '../core/positions';
import { WorkspaceIndex } from '../core/workspace';
import { FactsCache } from './factsCache';
import { FileParser } from './fileParser';
import { WorkspaceBoundary } from './boundary';
import { GitignoreRules, readPatternsInside } from './gitignore';
import { NodeWorkspaceHost, readMarkdownFile, walkMarkdown, type HostProblem } from './nodeHost';
import type { ParsePool, ParsePoolOptions } from './parsePool';
import { isInside } from './workspaceRoot';

/** The pipeline's source on Node, kept inside the workspace folders (which the server sets as they change). */
export interface NodeSource extends Required<LoadSource> {
  /** The workspace folders (absolute paths or file URIs): nothing outside them is listed or read. */
  setFolders(folders: readonly string[]): void;
  /**
   * Whether the walk leaves out what `.gitignore` files ignore (`useGitignore`; on until said), the
   * files read again from now on (one may have changed).
   */
  readIgnoreFiles(honoured: boolean): void;
  /** Is this path (absolute; a folder when `isDir`) left out by the `.gitignore` files of its workspace folder? */
  isIgnored(file: string, isDir?: boolean): boolean;
  readonly boundary: WorkspaceBoundary;
}

/**
 * The platform for the pipeline: the walk (with the `.gitignore` files: gitignore.ts), defensive
 * reads, and the parser on worker threads with the facts cache; every read and the walk go through
 * one WorkspaceBoundary (boundary.ts). Until folders are set, every file is outside.
 */
export function nodeSource(folders: readonly string[] = []): NodeSource {
  const outerFirst = (list: readonly string[]) => list.map(fsPathOf).sort((a, b) => a.length - b.length);
  let roots = outerFirst(folders);
  const boundary = new WorkspaceBoundary(roots);
  const rules = new GitignoreRules(readPatternsInside(boundary));
  let honoured = true;
  // The `.gitignore` files that apply are those of the outermost workspace folder holding the path.
  const gitignoreOf = (file: string) => {
    const root = honoured ? roots.find((r) => isInside(file, r)) : undefined;
    return root === undefined ? undefined : { rules, root };
  };
  return {
    boundary,
    setFolders: (next) => {
      roots = outerFirst(next);
      boundary.setFolders(roots);
      rules.forget();
    },
    readIgnoreFiles: (on) => {
      honoured = on;
      rules.forget();
    },
    isIgnored: (file, isDir) => {
      const git = gitignoreOf(file);
      return git !== undefined && git.rules.ignores(git.root, file, isDir);
    },
    walk: (folder, exclude, onProblem) => walkMarkdown(folder, { exclude, boundary, gitignore: gitignoreOf(folder), onProblem: (p) => onProblem(p.path, p.message) }),
    read: (file, maxSize) => readMarkdownFile(file, maxSize, boundary),
    createParser: (options, init) => new FileParser(options, { cacheDir: init.cacheDir, boundary }),
  };
}

/** A folder as a path: the server names its folders by URI, the CLI by path. */
const fsPathOf = (folder: string) => (/^[a-z][a-z0-9+.-]+:\/\//i.test(folder) ? URI.parse(folder).fsPath : folder);

export interface LoadOptions {
  /** Called for every file that is skipped or read with a warning, and for parse problems. */
  onProblem?: (p: HostProblem) => void;
  /** Called after each file (for progress). */
  onProgress?: (done: number, total: number) => void;
  /** Files parsed whatever the pre-scan says (absolute paths: files named on the command line). */
  force?: ReadonlySet<string>;
  /**
   * Texts that stand for files (absolute path → text: standard input), indexed as an editor's buffer
   * is: parsed whole, in place of the file on disk, which need not exist; not when the workspace
   * leaves the path out (exclude globs, `.gitignore`).
   */
  buffers?: ReadonlyMap<string, string>;
}

export interface LoadedWorkspace {
  index: WorkspaceIndex;
  host: NodeWorkspaceHost;
  files: string[];
  /**
   * Files read but not parsed (the pre-scan found no issue log in them, no log links to them): URI →
   * path. The index holds a placeholder without facts for each (core/loading.ts placeholderFacts).
   */
  deferred: Map<string, string>;
  /** Does the workspace leave this path out (exclude globs, node_modules, .git, `.gitignore` files)? */
  isLeftOut(path: string): boolean;
}

export interface ParallelLoadOptions extends LoadOptions {
  /** A folder for the warm cache of per-file facts (created when missing); no cache when unset. */
  cacheDir?: string;
  /** Or a cache made by the caller. */
  cache?: FactsCache;
  /** Pool settings (size, time limit); or a pool made by the caller, which is then not closed. */
  pool?: ParsePoolOptions | ParsePool;
}

export interface ParallelLoadedWorkspace extends LoadedWorkspace {
  /** Files whose facts came from the cache, and files parsed. */
  cached: number;
  parsed: number;
  cache?: FactsCache;
}

function start(folders: string[], options: IssueLogOptions, load: LoadOptions) {
  const source = nodeSource(folders);
  source.readIgnoreFiles(options.useGitignore);
  const host = new NodeWorkspaceHost();
  const index = new WorkspaceIndex(options, folders.map((f) => URI.file(f).toString()), host);
  const paths: string[] = [];
  for (const folder of folders) paths.push(...source.walk(folder, options.exclude, (path, message) => load.onProblem?.({ path, message })));
  const isExcluded = excludeMatcher(options.exclude);
  const isLeftOut = (path: string) => {
    const folder = folders.find((f) => isInside(path, f));
    return folder === undefined || isExcluded(relative(folder, path).split(sep).join('/')) || source.isIgnored(path);
  };
  const buffers = load.buffers ?? new Map<string, string>();
  for (const [path, text] of buffers) if (!isLeftOut(path)) index.set(readDocument(URI.file(path).toString(), text, options));
  const files: FileToLoad[] = paths.filter((path) => !buffers.has(path)).map((path) => ({ path, uri: URI.file(path).toString(), force: load.force?.has(path) || undefined }));
  const deferred = new Map<string, string>();
  const problems = (path: string, doc: DocumentFacts) => {
    for (const p of doc.problems) load.onProblem?.({ path, message: `line ${positionAt(doc.lineStarts, p.offset).line + 1}: ${p.message}` });
  };
  /** Takes one result into the index (in the walk's order), reporting what was skipped and why. */
  const accept = (file: FileToLoad, r: ParseResult) => {
    if (r.warning) load.onProblem?.({ path: file.path, message: r.warning });
    if (!r.ok) return load.onProblem?.({ path: file.path, message: r.reason });
    if (!r.facts) {
      deferred.set(file.uri, file.path);
      return index.set(placeholderFacts(file.uri, options));
    }
    problems(file.path, r.facts);
    index.set(r.facts);
  };
  /** The deferred files that link-checked documents (logs and their family) link to, parsed here (few, and small: READMEs). */
  const linkTargets = () =>
    loadLinkTargets(index, deferred, linkCheckedDocuments(index), (uri, path) => {
      const r = loadOne(source, { path, uri, force: true }, options);
      if (!r.ok || !r.facts) return undefined;
      problems(path, r.facts);
      return r.facts;
    });
  return { source, host, index, paths, files, deferred, accept, linkTargets, isLeftOut };
}

/** The pipeline on this thread, without a cache (the reference the parallel one must equal; tests). */
export function loadWorkspace(folders: string[], options: IssueLogOptions, load: LoadOptions = {}): LoadedWorkspace {
  const s = start(folders, options, load);
  s.files.forEach((file, i) => {
    s.accept(file, loadOne(s.source, file, options));
    load.onProgress?.(i + 1, s.files.length);
  });
  s.linkTargets();
  return { index: s.index, host: s.host, files: s.paths, deferred: s.deferred, isLeftOut: s.isLeftOut };
}

/**
 * The pipeline with parsing spread over worker threads (parsePool.ts) and, with `cacheDir`, a warm
 * cache of per-file facts keyed by content. The result, the problems reported (same text, same
 * order) and the order of the documents in the index are those of loadWorkspace; a file that takes
 * longer than the pool's time limit is reported and left out.
 */
export async function loadWorkspaceParallel(folders: string[], options: IssueLogOptions, load: ParallelLoadOptions = {}): Promise<ParallelLoadedWorkspace> {
  const s = start(folders, options, load);
  const cache = load.cache ?? (load.cacheDir ? new FactsCache(load.cacheDir, options) : undefined);
  const parser = new FileParser(options, { cache, pool: load.pool, boundary: s.source.boundary });
  let counts;
  try {
    counts = await loadFiles(parser, s.files, { accept: s.accept, onProgress: load.onProgress });
  } finally {
    await parser.close();
  }
  s.linkTargets();
  return { index: s.index, host: s.host, files: s.paths, deferred: s.deferred, cached: counts.cached, parsed: counts.parsed, cache, isLeftOut: s.isLeftOut };
}
