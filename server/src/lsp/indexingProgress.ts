/**
 * What an indexing run tells the user: the window's progress (files done of total, at most once a
 * slice), the client's `issueLog/indexingProgress` notification (at most every `notifyMs`, for the
 * status-bar item and the Open Issues view), and the summary line in the output when it ends.
 */
import type { Connection } from 'vscode-languageserver';
import { IndexingProgressNotification } from '../protocol';
import type { IndexingOutcome } from './indexingRun';

type WorkDone = Awaited<ReturnType<Connection['window']['createWorkDoneProgress']>>;

/** How often the client hears how far indexing is: often enough to see it move, rarely enough to cost nothing. */
export const PROGRESS_NOTIFY_MS = 200;

let runs = 0;

export class IndexingProgress {
  private readonly run = ++runs;
  private reported = Date.now();
  private notified = Number.NEGATIVE_INFINITY;
  private total = 0;
  private last = 0;
  private ended = false;

  private constructor(
    private readonly connection: Connection,
    private readonly progress: WorkDone | undefined,
    private readonly sliceMs: number,
    private readonly notifyMs: number,
    /** No run finished before this one. */
    private readonly first: boolean,
  ) {}

  /** The client's progress, or none when it has no work-done progress; the notification goes out either way. */
  static async create(connection: Connection, sliceMs: number, options: { notifyMs?: number; first: boolean }): Promise<IndexingProgress> {
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    return new IndexingProgress(connection, progress, sliceMs, options.notifyMs ?? PROGRESS_NOTIFY_MS, options.first);
  }

  begin(total: number): void {
    this.total = total;
    this.progress?.begin('Indexing issue logs', 0, `0 of ${total.toLocaleString('en-US')} files`, false);
    this.notify(0, true);
  }

  /** `done` files of the total; reported at most once a slice. */
  report(done: number): void {
    this.notify(done, false);
    if (Date.now() - this.reported < this.sliceMs) return;
    this.reported = Date.now();
    this.progress?.report(Math.floor((done / Math.max(1, this.total)) * 100), `${done.toLocaleString('en-US')} of ${this.total.toLocaleString('en-US')} files`);
  }

  /** The run ended; `complete`: it read everything (not cancelled by a newer run). */
  done(complete = false): void {
    this.progress?.done();
    if (this.ended) return;
    this.ended = true;
    void this.connection.sendNotification(IndexingProgressNotification, { run: this.run, done: complete ? this.total : this.last, total: this.total, ended: true, first: this.first && !complete });
  }

  private notify(done: number, force: boolean): void {
    if (this.ended || (!force && (done <= this.last || Date.now() - this.notified < this.notifyMs))) return;
    this.notified = Date.now();
    this.last = done;
    void this.connection.sendNotification(IndexingProgressNotification, { run: this.run, done, total: this.total, ended: false, first: this.first });
  }
}

/** The output's line at the end of a run. */
export function indexedSummary(size: number, logs: number, ms: number, outcome: IndexingOutcome): string {
  const parsedBy = outcome.threads !== undefined ? ` (${outcome.parsed} parsed on ${outcome.threads} thread${outcome.threads === 1 ? '' : 's'}, ${outcome.cached} from the cache)` : '';
  return (
    `Indexed ${size} Markdown file${size === 1 ? '' : 's'} (${logs} issue log${logs === 1 ? '' : 's'}) in ${ms} ms` +
    parsedBy +
    (outcome.skipped > 0 ? `; ${outcome.skipped} skipped (see above)` : '') +
    '.'
  );
}
