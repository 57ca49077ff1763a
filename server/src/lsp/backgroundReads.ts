/**
 * Reading a large open document without holding up the server: its text goes to a worker thread (the
 * environment's OpenTextReader: Node's is a parse pool with the time limit of closed files), or, where
 * there is none (the in-memory test environment, or threads that cannot start), is parsed on this
 * thread a few blocks at a time, yielding to the event loop between them, within the same time limit.
 * Either way the result is a reader of the document (core/openDocument.ts) as of the text read, so
 * that later edits re-parse only the blocks they touch. One read per document at a time; its result
 * waits here until OpenDocuments takes it (`take`), and `ready` is called then.
 */
import type { IssueLogOptions } from '../core/config';
import type { DocumentFacts } from '../core/document';
import { OpenDocument, type SeedUnit } from '../core/openDocument';
import { yieldToEventLoop } from './publishing';

/** A text (or the part of it an edit touched) longer than this is read in the background. */
export const BACKGROUND_READ_CHARS = 256 * 1024;

/** What a reader on another thread makes of a text: its blocks and facts, or why not (`noThreads`: read it here). */
export type OffThreadRead = { ok: true; units: readonly SeedUnit[]; facts: DocumentFacts } | { ok: false; reason: string; noThreads?: true };

/** Reads open documents' texts off this thread (Node: node/openTextReader.ts). */
export interface OpenTextReader {
  /** Never rejects; when `signal` aborts, the work stops (the answer is then ignored). */
  read(uri: string, text: string, options: IssueLogOptions, signal?: AbortSignal): Promise<OffThreadRead>;
  /** How long a text of `chars` characters may take (applies to reads in slices too). */
  timeLimit?(chars: number): number;
}

/** How the environment reads large open documents; every part optional. */
export interface OpenTextsEnvironment {
  /** Without one, large texts are read on this thread, in slices. */
  reader?: OpenTextReader;
  /** Texts or edits longer than this are read in the background (default BACKGROUND_READ_CHARS). */
  backgroundChars?: number;
  /** The time limit of a read in slices, for a text of `chars` characters (default: the reader's, else none). */
  timeLimit?: (chars: number) => number;
}

/** A finished read of one version of a document. */
export type BackgroundResult = { version: number; ok: true; reader: OpenDocument; facts: DocumentFacts } | { version: number; ok: false; reason: string };

type Outcome = { ok: true; reader: OpenDocument; facts: DocumentFacts } | { ok: false; reason: string };

export class BackgroundReads {
  private readonly running = new Map<string, AbortController>();
  private readonly finished = new Map<string, BackgroundResult>();

  /** A read of `uri` is under way. */
  isRunning(uri: string): boolean {
    return this.running.has(uri);
  }

  /** A read of `uri` is under way or finished and not taken yet. */
  has(uri: string): boolean {
    return this.running.has(uri) || this.finished.has(uri);
  }

  /** The finished read of `uri`, once. */
  take(uri: string): BackgroundResult | undefined {
    const r = this.finished.get(uri);
    this.finished.delete(uri);
    return r;
  }

  /** Reads `text`, version `version` of `uri`, in the background; `ready(uri)` once its result can be taken. */
  start(uri: string, version: number, text: string, options: IssueLogOptions, env: OpenTextsEnvironment | undefined, ready: (uri: string) => void): void {
    this.cancel(uri);
    const controller = new AbortController();
    this.running.set(uri, controller);
    const settle = (outcome: Outcome) => {
      // Cancelled meanwhile (closed, a new index): the answer is of no use.
      if (this.running.get(uri) !== controller) return;
      this.running.delete(uri);
      this.finished.set(uri, { version, ...outcome });
      ready(uri);
    };
    this.readText(uri, text, options, env, controller.signal).then(settle, (err) => settle({ ok: false, reason: `could not be parsed (${(err as Error)?.message ?? err}); not checked` }));
  }

  /** Stops the read of `uri` and forgets its result. */
  cancel(uri: string): void {
    this.running.get(uri)?.abort();
    this.running.delete(uri);
    this.finished.delete(uri);
  }

  /** Stops every read (a new index, or shutdown). */
  cancelAll(): void {
    for (const uri of [...this.running.keys(), ...this.finished.keys()]) this.cancel(uri);
  }

  private async readText(uri: string, text: string, options: IssueLogOptions, env: OpenTextsEnvironment | undefined, signal: AbortSignal): Promise<Outcome> {
    const offThread = env?.reader;
    if (offThread) {
      const r = await offThread.read(uri, text, options, signal);
      if (r.ok) {
        // Taking the answer in (its structured clone) took a while: requests waiting go first.
        await yieldToEventLoop();
        if (signal.aborted) return { ok: false, reason: 'cancelled' };
        const reader = new OpenDocument(uri, options);
        return { ok: true, reader, facts: reader.seed(text, r.units, r.facts) };
      }
      if (!r.noThreads) return r;
    }
    const limit = env?.timeLimit?.(text.length) ?? offThread?.timeLimit?.(text.length);
    return readInSlices(uri, text, options, signal, limit);
  }
}

/**
 * Reads a text on this thread a few blocks at a time; the time spent parsing (not waiting between
 * slices) counts against `limitMs`.
 */
async function readInSlices(uri: string, text: string, options: IssueLogOptions, signal: AbortSignal, limitMs = Infinity): Promise<Outcome> {
  const reader = new OpenDocument(uri, options);
  let spent = 0;
  let resumed = Date.now();
  const facts = await reader.readInSlices(text, async () => {
    spent += Date.now() - resumed;
    if (spent > limitMs) return false;
    await yieldToEventLoop();
    resumed = Date.now();
    return !signal.aborted;
  });
  if (facts) return { ok: true, reader, facts };
  if (signal.aborted) return { ok: false, reason: 'cancelled' };
  return { ok: false, reason: `took longer than ${Math.round(limitMs / 1000)} s to parse; not checked` };
}
