/**
 * A small pool of worker threads (parseWorker.ts) that parse documents in parallel, one document per
 * job. A job that runs longer than its time limit has its worker terminated and replaced, and is
 * reported as not checked, so no input can hang the caller. When no worker script can be found (or
 * threads cannot start), documents are parsed on the calling thread, without a time limit.
 * Two kinds of job: a file's facts (`parse`), and an open document's blocks (`readOpen`: what the
 * language server's reader of that document is seeded with, so that its edits stay incremental).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { IssueLogOptions } from '../core/config';
import { readDocument, type DocumentFacts } from '../core/document';
import type { SeedUnit } from '../core/openDocument';
import type { ParseResult } from '../core/loading';
import { parseSettingsOf, writeFactsEntry } from './factsCache';
import type { ParseReply, ParseRequest } from './parseWorker';

/** Every file gets at least this long to parse… */
export const PARSE_TIME_LIMIT_MS = 60_000;
/** …plus this long per megabyte of text (the large master log, 2 MB, takes about 40 s on a slow core). */
export const PARSE_TIME_PER_MB_MS = 60_000;

export function parseTimeLimit(textLength: number, base = PARSE_TIME_LIMIT_MS, perMB = PARSE_TIME_PER_MB_MS): number {
  return base + Math.round((textLength / (1024 * 1024)) * perMB);
}

/** What the pool makes of one document: the pipeline's parse result (core/loading.ts), parsed or not. */
export type ParseOutcome = Extract<ParseResult, { cached: boolean }> | Extract<ParseResult, { ok: false }>;

/**
 * What the pool makes of an open document's text: its blocks and facts, or why not (`noThreads`: this
 * pool has no worker thread; the caller reads the text itself, in slices).
 */
export type OpenReadOutcome = { ok: true; units: SeedUnit[]; facts: DocumentFacts } | { ok: false; reason: string; noThreads?: true };

const SHUT_DOWN = 'could not be parsed (the parser was shut down); not checked';

export interface ParsePoolOptions {
  /** Number of worker threads (default: os.availableParallelism(), at least 1). */
  size?: number;
  /** Base time limit per document, ms (default PARSE_TIME_LIMIT_MS). */
  timeLimitMs?: number;
  /** Extra time per MB of text, ms (default PARSE_TIME_PER_MB_MS). */
  timeLimitPerMBMs?: number;
  /** The worker script (default: parseWorker.js, else parseWorker.ts, beside this module). */
  workerFile?: string;
}

interface Job {
  id: number;
  /** An open document's text (readOpen), else a file's (parse). */
  open?: true;
  uri: string;
  text: string;
  cache?: { file: string; key: string; warning?: string };
  /** Answered with its kind's outcome (an open job's when `open`). */
  resolve: (o: ParseOutcome | OpenReadOutcome) => void;
}

interface Slot {
  worker: Worker;
  /** The worker thread started. */
  online?: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

export function defaultPoolSize(): number {
  const n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, n || 1);
}

/** The worker script beside this module (dist/parseWorker.js in the bundles), if there is one. */
export function findWorkerFile(): string | undefined {
  for (const name of ['parseWorker.js', 'parseWorker.ts']) {
    const f = path.join(__dirname, name);
    if (fs.existsSync(f)) return f;
  }
  return undefined;
}

function describe(seconds: number): string {
  return `took longer than ${seconds} s to parse; not checked`;
}

export class ParsePool {
  /** Number of worker threads (setSize changes it). */
  size: number;
  /** No worker script (or threads failed to start): jobs run on the calling thread. */
  inThread: boolean;
  private readonly workerFile?: string;
  private readonly settings;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private anyOnline = false;
  /** Workers terminated for exceeding the time limit. */
  timeouts = 0;

  constructor(
    private readonly options: IssueLogOptions,
    private readonly poolOptions: ParsePoolOptions = {},
  ) {
    this.size = Math.max(1, Math.floor(poolOptions.size ?? defaultPoolSize()));
    this.workerFile = poolOptions.workerFile ?? findWorkerFile();
    this.inThread = !this.workerFile;
    this.settings = parseSettingsOf(options);
  }

  /** Parses one document; never rejects. `cache` asks the worker to store the facts there. */
  parse(uri: string, text: string, cache?: { file: string; key: string; warning?: string }): Promise<ParseOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, reason: SHUT_DOWN });
    if (this.inThread) {
      try {
        const facts = readDocument(uri, text, this.options);
        if (cache) writeFactsEntry(cache.file, cache.key, facts, cache.warning);
        return Promise.resolve({ ok: true, facts, cached: false });
      } catch (err) {
        return Promise.resolve({ ok: false, reason: `could not be parsed (${(err as Error).message}); not checked` });
      }
    }
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, uri, text, cache, resolve: (o) => resolve(o as ParseOutcome) });
      this.pump();
    });
  }

  /**
   * Reads an open document's text on a worker thread, with the same time limit as a file; never
   * rejects. When `signal` aborts, a queued job is dropped and a running one has its worker stopped.
   */
  readOpen(uri: string, text: string, signal?: AbortSignal): Promise<OpenReadOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, reason: SHUT_DOWN });
    if (this.inThread) return Promise.resolve({ ok: false, reason: 'no worker thread', noThreads: true });
    if (signal?.aborted) return Promise.resolve({ ok: false, reason: 'cancelled' });
    return new Promise((resolve) => {
      const job: Job = { id: this.nextId++, open: true, uri, text, resolve: (o) => resolve(o as OpenReadOutcome) };
      signal?.addEventListener('abort', () => this.drop(job), { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /** Forgets a job (its caller went away): out of the queue, or its worker stopped and replaced. */
  private drop(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    const slot = this.slots.find((s) => s.job === job);
    if (slot) {
      if (slot.timer) clearTimeout(slot.timer);
      this.retire(slot);
      slot.job = undefined;
      void slot.worker.terminate().catch(() => undefined);
    }
    if (queued >= 0 || slot) job.resolve({ ok: false, reason: 'cancelled' });
    this.pump();
  }

  /**
   * Changes the number of worker threads: more start at once when jobs wait; when it shrinks, busy
   * workers finish their job first (the language server grows its pool once the open documents are
   * parsed on the main thread).
   */
  setSize(size: number): void {
    this.size = Math.max(1, Math.floor(size));
    if (this.closed) return;
    for (const s of this.slots.filter((x) => !x.job).slice(0, Math.max(0, this.slots.length - this.size))) {
      this.retire(s);
      void s.worker.terminate().catch(() => undefined);
    }
    this.pump();
  }

  /** Terminates every worker; jobs still queued are answered as not checked. */
  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue.splice(0)) j.resolve({ ok: false, reason: SHUT_DOWN });
    const slots = this.slots.splice(0);
    for (const s of slots) {
      if (s.timer) clearTimeout(s.timer);
      s.job?.resolve({ ok: false, reason: SHUT_DOWN });
      s.job = undefined;
    }
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const file = this.workerFile!;
    const workerData = { settings: this.settings };
    // Running from sources (tests, tsx): the worker registers tsx itself to load the TypeScript.
    const worker = file.endsWith('.ts')
      ? new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, { eval: true, workerData })
      : new Worker(file, { workerData });
    const slot: Slot = { worker };
    worker.on('online', () => {
      slot.online = true;
      this.anyOnline = true;
    });
    worker.on('message', (reply: ParseReply) => {
      const job = slot.job;
      if (!job || reply.id !== job.id) return;
      this.finish(
        slot,
        'error' in reply ? { ok: false, reason: `could not be parsed (${reply.error}); not checked` } : 'open' in reply ? { ok: true, ...reply.open } : { ok: true, facts: reply.facts, cached: false },
      );
    });
    const fail = (why: string) => {
      this.retire(slot);
      const job = slot.job;
      slot.job = undefined;
      if (slot.timer) clearTimeout(slot.timer);
      if (!slot.online && !this.anyOnline) {
        // No worker has ever started: threads do not work here. Parse on this thread instead.
        this.inThread = true;
        for (const j of job ? [job, ...this.queue.splice(0)] : this.queue.splice(0)) {
          if (j.open) void this.readOpen(j.uri, j.text).then((o) => j.resolve(o));
          else void this.parse(j.uri, j.text, j.cache).then((o) => j.resolve(o));
        }
        return;
      }
      job?.resolve({ ok: false, reason: `could not be parsed (${why}); not checked` });
      this.pump();
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail(`the parser stopped with code ${code}`);
    });
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    const limit = parseTimeLimit(job.text.length, this.poolOptions.timeLimitMs, this.poolOptions.timeLimitPerMBMs);
    slot.timer = setTimeout(() => {
      this.timeouts++;
      this.retire(slot);
      void slot.worker.terminate().catch(() => undefined);
      slot.job = undefined;
      job.resolve({ ok: false, reason: describe(Math.round(limit / 1000)) });
      this.pump();
    }, limit);
    const req: ParseRequest = { id: job.id, uri: job.uri, text: job.text, cache: job.cache, open: job.open };
    slot.worker.postMessage(req);
  }

  private finish(slot: Slot, outcome: ParseOutcome | OpenReadOutcome): void {
    const job = slot.job!;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    if (this.slots.length > this.size) {
      // The pool was made smaller meanwhile.
      this.retire(slot);
      void slot.worker.terminate().catch(() => undefined);
    } else {
      // An idle worker does not keep the process alive.
      slot.worker.unref();
    }
    job.resolve(outcome);
    this.pump();
  }

  private retire(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }
}
