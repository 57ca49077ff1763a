/**
 * One call per file for hosts that index files one at a time (the language server's background
 * indexing): read defensively, look the content up in the warm cache, else parse on a worker thread
 * (with its time limit) and store the facts. The CLI uses loadWorkspaceParallel, which does the same
 * for a whole workspace at once.
 *
 *   const parser = new FileParser(options, { cacheDir: storageFolder });   // cacheDir optional
 *   const r = await parser.parseFile('/ws/a.md');                           // never rejects
 *   if (r.ok) index.set(r.facts); else log(r.reason);
 *   await parser.close();    // on shutdown, or before making a new one when the settings change
 *
 * Or a whole list at once, largest first, the results coming in as they finish (parseFiles).
 */
import { URI } from 'vscode-uri';
import type { IssueLogOptions } from '../core/config';
import type { DocumentFacts } from '../core/document';
import { FactsCache } from './factsCache';
import { decodeMarkdown, readMarkdownBytes } from './nodeHost';
import { ParsePool, type ParsePoolOptions } from './parsePool';

export type FileParseResult =
  | {
      ok: true;
      facts: DocumentFacts;
      /** Decoding warning (invalid UTF-8), to show like readMarkdownFile's. */
      warning?: string;
      /** The facts came from the cache (nothing was parsed). */
      cached: boolean;
    }
  | { ok: false; reason: string };

export interface FileParserOptions {
  /** Folder of the warm cache (created when missing); no cache when unset. */
  cacheDir?: string;
  cache?: FactsCache;
  pool?: ParsePoolOptions;
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
 * Reads a file defensively and looks its content up in the cache: the result when nothing needs
 * parsing (cached, or not readable), else the job for a parser.
 */
export function readForParse(file: string, uri: string, maxSize: number, cache?: FactsCache): FileParseResult | ParseJob {
  const bytes = readMarkdownBytes(file, maxSize);
  if (!bytes.ok) return bytes;
  // A hit needs no decoding: the entry keeps what decoding these bytes warned about.
  const hit = cache?.lookup(bytes.bytes, uri);
  if (hit?.facts) return { ok: true, facts: hit.facts, warning: hit.warning, cached: true };
  const read = decodeMarkdown(bytes.bytes);
  if (!read.ok) return read;
  const cacheEntry = cache && hit ? { file: cache.fileOf(hit.key), key: hit.key, warning: read.warning } : undefined;
  return { uri, text: read.text, warning: read.warning, cacheEntry };
}

export class FileParser {
  readonly pool: ParsePool;
  readonly cache?: FactsCache;

  constructor(
    readonly options: IssueLogOptions,
    init: FileParserOptions = {},
  ) {
    this.pool = new ParsePool(options, init.pool);
    this.cache = init.cache ?? (init.cacheDir ? new FactsCache(init.cacheDir, options) : undefined);
  }

  /** Reads and parses one file (uri defaults to the file's URI). */
  async parseFile(file: string, uri = URI.file(file).toString()): Promise<FileParseResult> {
    const r = readForParse(file, uri, this.options.maxFileSize, this.cache);
    return 'text' in r ? this.parseText(r.uri, r.text, r.cacheEntry, r.warning) : r;
  }

  /** Parses text that is not on disk (or already read) on a worker thread; not cached. */
  async parseText(uri: string, text: string, cacheEntry?: { file: string; key: string; warning?: string }, warning?: string): Promise<FileParseResult> {
    const outcome = await this.pool.parse(uri, text, cacheEntry);
    return outcome.ok ? { ok: true, facts: outcome.facts, warning, cached: false } : outcome;
  }

  /**
   * Reads every file (through the cache) and parses the others on the pool, largest first, calling
   * `onResult(i, result)` for `files[i]` as each comes in (in any order; cached and unreadable files
   * while reading). Reading runs on the calling thread in slices of about `sliceMs`, with `pause`
   * between them. Resolves once every file is read and queued, with `finished`, which resolves once
   * every result is in. Stops reading when `cancelled` says so; close() answers what is queued.
   */
  async parseFiles(
    files: readonly { path: string; uri: string }[],
    onResult: (i: number, result: FileParseResult) => void,
    control: { pause?: () => Promise<void>; cancelled?: () => boolean; sliceMs?: number } = {},
  ): Promise<{ finished: Promise<void> }> {
    const jobs: (ParseJob & { i: number })[] = [];
    const sliceMs = control.sliceMs ?? 20;
    let slice = Date.now();
    for (let i = 0; i < files.length; i++) {
      if (control.cancelled?.()) return { finished: Promise.resolve() };
      const r = readForParse(files[i].path, files[i].uri, this.options.maxFileSize, this.cache);
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
    return this.pool.close();
  }
}
