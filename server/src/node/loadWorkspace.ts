/**
 * Builds a workspace index from folders on disk: walk, read defensively, parse, index.
 * Shared by the CLI and the language server's background indexing.
 */
import { URI } from 'vscode-uri';
import type { IssueLogOptions } from '../core/config';
import { readDocument, type DocumentFacts } from '../core/document';
import { WorkspaceIndex } from '../core/workspace';
import { NodeWorkspaceHost, readMarkdownFile, walkMarkdown, type HostProblem } from './nodeHost';
import { readForParse, type ParseJob } from './fileParser';
import { positionAt } from '../core/positions';
import { FactsCache } from './factsCache';
import { defaultPoolSize, ParsePool, type ParsePoolOptions } from './parsePool';

export interface LoadOptions {
  /** Called for every file that is skipped or read with a warning, and for parse problems. */
  onProblem?: (p: HostProblem) => void;
  /** Called after each file (for progress). */
  onProgress?: (done: number, total: number) => void;
}

export interface LoadedWorkspace {
  index: WorkspaceIndex;
  host: NodeWorkspaceHost;
  files: string[];
}

export function loadWorkspace(folders: string[], options: IssueLogOptions, load: LoadOptions = {}): LoadedWorkspace {
  const host = new NodeWorkspaceHost();
  const index = new WorkspaceIndex(options, folders.map((f) => URI.file(f).toString()), host);
  const files: string[] = [];
  for (const folder of folders) files.push(...walkMarkdown(folder, { exclude: options.exclude, onProblem: load.onProblem }));
  files.forEach((file, i) => {
    indexFile(index, file, options, load.onProblem);
    load.onProgress?.(i + 1, files.length);
  });
  return { index, host, files };
}

/** Reads and indexes one file; returns false when it was skipped. */
export function indexFile(index: WorkspaceIndex, file: string, options: IssueLogOptions, onProblem?: (p: HostProblem) => void): boolean {
  const read = readMarkdownFile(file, options.maxFileSize);
  if (!read.ok) {
    onProblem?.({ path: file, message: read.reason });
    return false;
  }
  if (read.warning) onProblem?.({ path: file, message: read.warning });
  const uri = URI.file(file).toString();
  const doc = readDocument(uri, read.text, options);
  for (const p of doc.problems) {
    const pos = positionAt(doc.lineStarts, p.offset);
    onProblem?.({ path: file, message: `line ${pos.line + 1}: ${p.message}` });
  }
  index.set(doc);
  return true;
}

export interface ParallelLoadOptions extends LoadOptions {
  /** A folder for the warm cache of per-file facts (created when missing); no cache when unset. */
  cacheDir?: string;
  /** Or a cache made by the caller (the language server, with its storage folder). */
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

/**
 * loadWorkspace with the parsing spread over worker threads (parsePool.ts) and, with `cacheDir`,
 * a warm cache of per-file facts keyed by content. The result, the problems reported (same text,
 * same order) and the order of the documents in the index are those of loadWorkspace; a file that
 * takes longer than the pool's time limit is reported and left out.
 */
export async function loadWorkspaceParallel(folders: string[], options: IssueLogOptions, load: ParallelLoadOptions = {}): Promise<ParallelLoadedWorkspace> {
  const host = new NodeWorkspaceHost();
  const index = new WorkspaceIndex(options, folders.map((f) => URI.file(f).toString()), host);
  const files: string[] = [];
  for (const folder of folders) files.push(...walkMarkdown(folder, { exclude: options.exclude, onProblem: load.onProblem }));
  const cache = load.cache ?? (load.cacheDir ? new FactsCache(load.cacheDir, options) : undefined);
  const ownPool = !(load.pool instanceof ParsePool);
  let pool: ParsePool | undefined = load.pool instanceof ParsePool ? load.pool : undefined;

  // Results are handed on in file order, as loadWorkspace does, whatever order they finish in.
  interface Result {
    problems: string[];
    doc?: DocumentFacts;
  }
  const results: (Result | undefined)[] = new Array(files.length);
  let flushed = 0;
  let cached = 0;
  let parsed = 0;
  const flush = () => {
    while (flushed < files.length && results[flushed]) {
      const r = results[flushed]!;
      for (const message of r.problems) load.onProblem?.({ path: files[flushed], message });
      if (r.doc) index.set(r.doc);
      results[flushed] = { problems: [] };
      flushed++;
      load.onProgress?.(flushed, files.length);
    }
  };
  const done = (i: number, problems: string[], doc?: DocumentFacts) => {
    if (doc) {
      for (const p of doc.problems) problems.push(`line ${positionAt(doc.lineStarts, p.offset).line + 1}: ${p.message}`);
    }
    results[i] = { problems, doc };
    flush();
  };

  const jobs: (ParseJob & { i: number; problems: string[] })[] = [];
  files.forEach((file, i) => {
    const r = readForParse(file, URI.file(file).toString(), options.maxFileSize, cache);
    if ('text' in r) return jobs.push({ ...r, i, problems: r.warning ? [r.warning] : [] });
    if (!r.ok) return done(i, [r.reason]);
    cached++;
    done(i, r.warning ? [r.warning] : [], r.facts);
  });

  if (jobs.length > 0) {
    if (!pool) {
      const poolOptions = (load.pool as ParsePoolOptions | undefined) ?? {};
      pool = new ParsePool(options, { ...poolOptions, size: Math.min(poolOptions.size ?? defaultPoolSize(), jobs.length) });
    }
    // Largest first, so that one big file does not start last and finish alone.
    jobs.sort((a, b) => b.text.length - a.text.length || a.i - b.i);
    try {
      await Promise.all(
        jobs.map(async (job) => {
          const outcome = await pool!.parse(job.uri, job.text, job.cacheEntry);
          if (outcome.ok) {
            parsed++;
            if (cache && job.cacheEntry) cache.stats.writes++;
            done(job.i, job.problems, outcome.facts);
          } else {
            done(job.i, [...job.problems, outcome.reason]);
          }
        }),
      );
    } finally {
      if (ownPool) await pool.close();
    }
  }
  flush();
  return { index, host, files, cached, parsed, cache };
}
