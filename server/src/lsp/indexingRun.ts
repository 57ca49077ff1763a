/**
 * One indexing run of the language server: the loading pipeline (core/loading.ts) over the closed
 * files of the workspace, the open documents indexed on this thread meanwhile. Each run has its own
 * AbortController: a newer run cancels the older one, which stops accepting results and closes its
 * parser (worker threads) at once.
 */
import type { IssueLogOptions } from '../core/config';
import { inThreadParser, loadFiles, type FileParser, type FileToLoad, type LoadCounts, type LoadSource, type ParseResult } from '../core/loading';
import { URI } from 'vscode-uri';
import { yieldToEventLoop } from './publishing';

/** The Markdown files under the workspace folders on disk (the walk's order), as files to load. */
export function walkFolders(source: Pick<LoadSource, 'walk'>, folders: readonly string[], exclude: string[], onSkipped: (path: string, message: string) => void): FileToLoad[] {
  const files: FileToLoad[] = [];
  for (const folder of folders) {
    const uri = URI.parse(folder);
    if (uri.scheme !== 'file') continue;
    for (const path of source.walk(uri.fsPath, exclude, onSkipped)) files.push({ path, uri: URI.file(path).toString() });
  }
  return files;
}

export interface IndexingSteps {
  /** The closed files to load (the open documents are not among them). */
  files: FileToLoad[];
  /** How many open documents indexOpenDocuments reads. */
  openCount: number;
  /** Indexes the open documents (on this thread, while the parser works); false when cancelled meanwhile. */
  indexOpenDocuments(): Promise<boolean>;
  /** Takes one closed file's result, in the order of `files`. */
  accept(file: FileToLoad, result: ParseResult): void;
  onProgress?(done: number, total: number): void;
}

export interface IndexingOutcome extends LoadCounts {
  /** Threads of the environment's parser; undefined when files were parsed on this thread (or none). */
  threads?: number;
}

export class IndexingRun {
  private readonly controller = new AbortController();
  private parser: FileParser | undefined;
  readonly started = Date.now();

  constructor(
    private readonly source: LoadSource,
    private readonly onError: (message: string) => void,
  ) {}

  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  /** Stops the run: no more results are accepted; its parser's threads are stopped. */
  cancel(): Promise<void> {
    this.controller.abort();
    return this.closeParser();
  }

  /** Runs the pipeline; undefined when cancelled before the end. */
  async load(options: IssueLogOptions, cacheDir: string | undefined, steps: IndexingSteps): Promise<IndexingOutcome | undefined> {
    const zero: LoadCounts = { parsed: 0, cached: 0, deferred: 0, skipped: 0 };
    if (steps.files.length === 0) return (await steps.indexOpenDocuments()) && !this.cancelled ? zero : undefined;
    const own = this.source.createParser?.(options, { cacheDir });
    const parser = own ?? inThreadParser(this.source, options);
    this.parser = parser;
    const threads = parser.threads;
    // One core is left to this thread while it parses the open documents. Measured on the large
    // benchmark workspace (2 cores, shared, load 8–10), the master's first diagnostics came after
    // 0.9–1.1× its parse alone this way, 1.2–1.3× with every core parsing, and 0.9–1.0× with the
    // parser started only afterwards, which made the whole indexing 20–25% longer.
    if (threads > 1 && steps.openCount > 0) parser.setThreads(threads - 1);
    try {
      const counts = await loadFiles(parser, steps.files, {
        accept: steps.accept,
        ready: async () => {
          await steps.indexOpenDocuments();
          if (!this.cancelled && threads > 1) parser.setThreads(threads);
        },
        pause: yieldToEventLoop,
        signal: this.controller.signal,
        onProgress: steps.onProgress,
      });
      return this.cancelled ? undefined : { ...counts, threads: own ? threads : undefined };
    } finally {
      void this.closeParser();
    }
  }

  private closeParser(): Promise<void> {
    const parser = this.parser;
    this.parser = undefined;
    return parser ? parser.close().catch((err) => this.onError(`Closing the parser failed: ${(err as Error)?.message ?? err}`)) : Promise.resolve();
  }
}
