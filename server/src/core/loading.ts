/**
 * The one loading pipeline, for the CLI and the language server's indexing run alike:
 *   walk → read → pre-scan → parse (a parser: worker threads and the facts cache on Node, or this
 *   thread) → hand each result on in the walk's order → parse the deferred files that logs link to.
 * A file that the pre-scan (linkPrescan.ts: not a log, no link to a Markdown file) says cannot matter
 * is read but not parsed: it is *deferred*, and parsed later only when a link-checked document (a log
 * or one of its family) links to it (for its anchors) or an editor opens it.
 * The platform comes in as a LoadSource (Node: node/nodeSource.ts; tests: in memory). No Node here.
 */
import type { IssueLogOptions } from './config';
import { readDocument, type DocumentFacts } from './document';
import { mustParse } from './linkPrescan';
import type { WorkspaceIndex } from './workspace';
import { linkCheckedNonLogs } from './linkFamily';

/** What became of one file: its facts, deferred by the pre-scan (read, not parsed), or why it was not read. */
export type ParseResult =
  | { ok: true; facts: DocumentFacts; warning?: string; cached: boolean }
  | { ok: true; deferred: true; facts?: undefined; cached?: undefined; warning?: string }
  | { ok: false; reason: string; warning?: string };

/** A file to load; `force`: parse it whatever the pre-scan says (a file named on the command line). */
export interface FileToLoad {
  path: string;
  uri: string;
  force?: boolean;
}

export type ReadResult = { ok: true; text: string; warning?: string } | { ok: false; reason: string };

/** Reads and parses files, possibly off the calling thread (node/fileParser.ts). */
export interface FileParser {
  /** Parse threads it uses at most (its default); 0 for a parser on the calling thread. */
  readonly threads: number;
  /** Uses `n` threads from now on (fewer while the main thread parses the open documents). */
  setThreads(n: number): void;
  /**
   * Reads every file and parses those the pre-scan keeps, calling `onResult(i, …)` for `files[i]` as
   * each comes in, in any order. Resolves once every file is read and queued, with `finished`, once
   * every result is in. Stops reading when `cancelled` says so.
   */
  parseFiles(files: readonly FileToLoad[], onResult: (i: number, result: ParseResult) => void, control: { pause?: () => Promise<void>; cancelled?: () => boolean }): Promise<{ finished: Promise<void> }>;
  /** Stops the threads; files not parsed yet are answered as not read. */
  close(): Promise<void>;
}

/** What the pipeline needs from the platform. */
export interface LoadSource {
  /** Every Markdown file (absolute path) under a folder, minus excluded ones. */
  walk(folder: string, exclude: string[], onProblem: (path: string, message: string) => void): string[];
  /** Reads a Markdown file defensively (too large, binary, unreadable). */
  read(path: string, maxSize: number): ReadResult;
  /** A parser for one run; without one, files are read and parsed on this thread. */
  createParser?(options: IssueLogOptions, init: { cacheDir?: string }): FileParser;
}

/** Reads a file and, unless the pre-scan defers it, parses it on this thread. */
export function loadOne(source: Pick<LoadSource, 'read'>, file: FileToLoad, options: IssueLogOptions): ParseResult {
  const read = source.read(file.path, options.maxFileSize);
  if (!read.ok) return read;
  if (!file.force && !mustParse(read.text, options)) return { ok: true, deferred: true, warning: read.warning };
  return { ok: true, facts: readDocument(file.uri, read.text, options), warning: read.warning, cached: false };
}

/** A parser on this thread (no worker threads in this environment), pausing every `sliceMs`. */
export function inThreadParser(source: Pick<LoadSource, 'read'>, options: IssueLogOptions, sliceMs = 8): FileParser {
  return {
    threads: 0,
    setThreads: () => undefined,
    async parseFiles(files, onResult, control) {
      let slice = Date.now();
      for (let i = 0; i < files.length; i++) {
        if (control.cancelled?.()) break;
        onResult(i, loadOne(source, files[i], options));
        if (control.pause && Date.now() - slice >= sliceMs) {
          await control.pause();
          slice = Date.now();
        }
      }
      return { finished: Promise.resolve() };
    },
    close: () => Promise.resolve(),
  };
}

export interface LoadRun {
  /** Called for each file, in the order of `files`, once `ready` has resolved. */
  accept(file: FileToLoad, result: ParseResult): void;
  /** Waited for before the first result is accepted (the server indexes the open documents meanwhile). */
  ready?: () => Promise<void>;
  pause?: () => Promise<void>;
  /** Cancellation (an AbortSignal; the core has no DOM or Node types). */
  signal?: { readonly aborted: boolean };
  onProgress?: (done: number, total: number) => void;
}

export interface LoadCounts {
  parsed: number;
  cached: number;
  deferred: number;
  skipped: number;
}

/**
 * Loads `files` with `parser`, handing each result to `run.accept` in the order of `files`, whatever
 * order the parser finishes them in. Stops (without accepting more) when the signal aborts.
 */
export async function loadFiles(parser: FileParser, files: readonly FileToLoad[], run: LoadRun): Promise<LoadCounts> {
  const counts: LoadCounts = { parsed: 0, cached: 0, deferred: 0, skipped: 0 };
  const live = () => !run.signal?.aborted;
  const results: (ParseResult | undefined)[] = new Array(files.length);
  let flushed = 0;
  let ready = !run.ready;
  const flush = () => {
    const before = flushed;
    while (ready && flushed < files.length && results[flushed] && live()) {
      const r = results[flushed]!;
      results[flushed] = undefined;
      if (!r.ok) counts.skipped++;
      else if (r.facts === undefined) counts.deferred++;
      else if (r.cached) counts.cached++;
      else counts.parsed++;
      run.accept(files[flushed], r);
      flushed++;
    }
    if (flushed > before) run.onProgress?.(flushed, files.length);
  };
  const takeReady = async () => {
    if (ready || !run.ready) return;
    await run.ready();
    ready = true;
  };
  // A parser on this thread would parse everything before `ready` could run: `ready` goes first then.
  if (parser.threads === 0) await takeReady();
  if (!live()) return counts;
  const queued = await parser.parseFiles(
    files,
    (i, r) => {
      if (!live()) return;
      results[i] = r;
      flush();
    },
    { pause: run.pause, cancelled: () => !live() },
  );
  await takeReady();
  if (!live()) return counts;
  flush();
  await queued.finished;
  if (live()) flush();
  return counts;
}

/**
 * What the index holds for a deferred file: no facts (it has no entry, statistics, table or mention),
 * so that it is listed (completion of link paths, file counts) without being parsed. A deferred file
 * that a document links to is parsed instead (loadLinkTargets), since its anchors are checked.
 */
export function placeholderFacts(uri: string, options: IssueLogOptions): DocumentFacts {
  return readDocument(uri, '', options);
}

/** The documents whose links are checked (the logs, then the other members of their family): their deferred targets are parsed. */
export function linkCheckedDocuments(index: WorkspaceIndex): DocumentFacts[] {
  const docs = index.logs();
  for (const uri of linkCheckedNonLogs(index)) {
    const doc = index.get(uri);
    if (doc) docs.push(doc);
  }
  return docs;
}

/**
 * The deferred files that the given documents link to, for their anchors: parsed with `parse` and put
 * in the index (in place of their placeholder). Returns the URIs it indexed.
 */
export function loadLinkTargets(index: WorkspaceIndex, deferred: Map<string, string>, docs: Iterable<DocumentFacts>, parse: (uri: string, path: string) => DocumentFacts | undefined): string[] {
  if (deferred.size === 0) return [];
  const done: string[] = [];
  for (const doc of [...docs]) {
    for (const link of doc.links) {
      if (link.kind === 'autolink') continue;
      const r = index.resolve(doc.uri, link);
      if (r.kind !== 'internal') continue;
      const path = deferred.get(r.target);
      if (path === undefined) continue;
      deferred.delete(r.target);
      const facts = parse(r.target, path);
      if (facts) {
        index.set(facts);
        done.push(r.target);
      } else {
        index.delete(r.target);
      }
    }
  }
  return done;
}
