/**
 * The Node parser of the loading pipeline (core/loading.ts): read defensively, look the content up in
 * the warm cache, pre-scan it (core/prescan.ts: a file that cannot be an issue log is deferred, not
 * parsed), else parse it on a worker thread (with its time limit) and store the facts.
 *
 *   const parser = new FileParser(options, { cacheDir: storageFolder });   // cacheDir optional
 *   const { finished } = await parser.parseFiles(files, (i, r) => …);      // results in any order
 *   await finished;
 *   await parser.close();    // on shutdown, or before making a new one when the settings change
 */
import { URI } from 'vscode-uri';
import type { IssueLogOptions } from '../core/config';
import type { FileParser as PipelineParser, FileToLoad, ParseResult } from '../core/loading';
import { mustParse } from '../core/linkPrescan';
import { FactsCache } from './factsCache';
import type { WorkspaceBoundary } from './boundary';
import { decodeMarkdown, readMarkdownBytes } from './nodeHost';
import { ParsePool, type ParsePoolOptions } from './parsePool';

/** The pipeline's one parse-result type (kept under this name for the callers of parseFile). */
export type FileParseResult = ParseResult;

export interface FileParserOptions {
  /** Folder of the warm cache (created when missing); no cache when unset. */
  cacheDir?: string;
  cache?: FactsCache;
  /** Pool settings, or a pool made by the caller (then not closed by close()). */
  pool?: ParsePoolOptions | ParsePool;
  /** The workspace: a file whose real path is outside is not read (boundary.ts). */
  boundary?: WorkspaceBoundary;
}

/** A file that must be parsed: its text, and where its facts go in the cache. */
export interface ParseJob {
  uri: string;
  text: string;
  /** Decoding warning (invalid UTF-8). */
  warning?: string;
  cacheEntry?: { file: string; key: string; warning?: string };
}

/**
 * Reads a file defensively, looks its content up in the cache, and pre-scans it (unless `force`):
 * the result when nothing needs parsing (cached, deferred, or not readable), else the job for a parser.
 */
export function readForParse(file: string, uri: string, options: IssueLogOptions, cache?: FactsCache, force = false, boundary?: WorkspaceBoundary): ParseResult | ParseJob {
  const bytes = readMarkdownBytes(file, options.maxFileSize, boundary);
  if (!bytes.ok) return bytes;
  // A hit needs no decoding: the entry keeps what decoding these bytes warned about.
  const hit = cache?.lookup(bytes.bytes, uri);
  if (hit?.facts) return hit.warning !== undefined ? { ok: true, facts: hit.facts, warning: hit.warning, cached: true } : { ok: true, facts: hit.facts, cached: true };
  const read = decodeMarkdown(bytes.bytes);
  if (!read.ok) return read;
  if (!force && !mustParse(read.text, options)) return read.warning !== undefined ? { ok: true, deferred: true, warning: read.warning } : { ok: true, deferred: true };
  const cacheEntry = cache && hit ? { file: cache.fileOf(uri), key: hit.key, warning: read.warning } : undefined;
  return { uri, text: read.text, warning: read.warning, cacheEntry };
}

export class FileParser implements PipelineParser {
  readonly pool: ParsePool;
  readonly cache?: FactsCache;
  readonly boundary?: WorkspaceBoundary;
  private readonly ownPool: boolean;

  constructor(
    readonly options: IssueLogOptions,
    init: FileParserOptions = {},
  ) {
    this.ownPool = !(init.pool instanceof ParsePool);
    this.pool = init.pool instanceof ParsePool ? init.pool : new ParsePool(options, init.pool);
    this.cache = init.cache ?? (init.cacheDir ? new FactsCache(init.cacheDir, options) : undefined);
    this.boundary = init.boundary;
  }

  get threads(): number {
    return this.pool.size;
  }

  setThreads(n: number): void {
    this.pool.setSize(n);
  }

  /** Reads and parses one file (uri defaults to the file's URI), whatever the pre-scan would say. */
  async parseFile(file: string, uri = URI.file(file).toString()): Promise<ParseResult> {
    const r = readForParse(file, uri, this.options, this.cache, true, this.boundary);
    return 'text' in r ? this.parseText(r.uri, r.text, r.cacheEntry, r.warning) : r;
  }

  /** Parses text that is not on disk (or already read) on a worker thread; not cached. */
  async parseText(uri: string, text: string, cacheEntry?: { file: string; key: string; warning?: string }, warning?: string): Promise<ParseResult> {
    const outcome = await this.pool.parse(uri, text, cacheEntry);
    // The worker wrote the entry: the cache counts it, and prunes itself past its size.
    if (outcome.ok && cacheEntry && this.cache) this.cache.written(cacheEntry.file);
    return warning !== undefined ? { ...outcome, warning } : outcome;
  }

  /**
   * Reads every file (through the cache and the pre-scan) and parses the others on the pool, largest
   * first, calling `onResult(i, result)` for `files[i]` as each comes in (in any order; cached,
   * deferred and unreadable files while reading). Reading runs on the calling thread in slices of
   * about `sliceMs`, with `pause` between them. Resolves once every file is read and queued, with
   * `finished`, which resolves once every result is in. Stops reading when `cancelled` says so.
   */
  async parseFiles(
    files: readonly FileToLoad[],
    onResult: (i: number, result: ParseResult) => void,
    control: { pause?: () => Promise<void>; cancelled?: () => boolean; sliceMs?: number } = {},
  ): Promise<{ finished: Promise<void> }> {
    const jobs: (ParseJob & { i: number })[] = [];
    const sliceMs = control.sliceMs ?? 20;
    let slice = Date.now();
    for (let i = 0; i < files.length; i++) {
      if (control.cancelled?.()) return { finished: Promise.resolve() };
      const r = readForParse(files[i].path, files[i].uri, this.options, this.cache, files[i].force, this.boundary);
      if ('text' in r) jobs.push({ ...r, i });
      else onResult(i, r);
      if (control.pause && Date.now() - slice >= sliceMs) {
        await control.pause();
        slice = Date.now();
      }
    }
    if (control.cancelled?.()) return { finished: Promise.resolve() };
    // Largest first, so that one big file does not start last and finish alone.
    jobs.sort((a, b) => b.text.length - a.text.length || a.i - b.i);
    const finished = Promise.all(jobs.map(async (job) => onResult(job.i, await this.parseText(job.uri, job.text, job.cacheEntry, job.warning)))).then(() => undefined);
    return { finished };
  }

  close(): Promise<void> {
    return this.ownPool ? this.pool.close() : Promise.resolve();
  }
}
