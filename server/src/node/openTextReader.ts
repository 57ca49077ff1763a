/**
 * The language server's reader of large open documents on Node: a parse pool (parsePool.ts) of one
 * worker thread, with the time limit of closed files, that lives only while it has work (a worker that
 * parsed megabytes keeps their memory until it ends). A pool serves one set of settings (the worker
 * rebuilds the options from them); new settings get a new pool, the old one ends with its last job.
 */
import type { IssueLogOptions } from '../core/config';
import { parseSettingsOf } from './factsCache';
import { ParsePool, parseTimeLimit, type OpenReadOutcome, type ParsePoolOptions } from './parsePool';

interface LivePool {
  pool: ParsePool;
  settings: string;
  jobs: number;
}

export class PoolTextReader {
  private live: LivePool | undefined;

  constructor(private readonly poolOptions: ParsePoolOptions = {}) {}

  /** How long a text of `chars` characters may take to read (the same limit as a closed file's). */
  timeLimit(chars: number): number {
    return parseTimeLimit(chars, this.poolOptions.timeLimitMs, this.poolOptions.timeLimitPerMBMs);
  }

  /** Reads an open document's text on the worker; never rejects. */
  async read(uri: string, text: string, options: IssueLogOptions, signal?: AbortSignal): Promise<OpenReadOutcome> {
    const settings = JSON.stringify(parseSettingsOf(options));
    if (this.live?.settings !== settings) this.live = { pool: new ParsePool(options, { ...this.poolOptions, size: 1 }), settings, jobs: 0 };
    const live = this.live;
    live.jobs++;
    try {
      return await live.pool.readOpen(uri, text, signal);
    } finally {
      if (--live.jobs === 0) {
        if (this.live === live) this.live = undefined;
        void live.pool.close();
      }
    }
  }
}
