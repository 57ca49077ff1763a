/**
 * When the client restarts a language server that stopped, and when it gives up: at most `maxRestarts`
 * restarts within `windowMs`, then no more until the user asks (the Restart action or command, which
 * `reset`s the count), so a server that crashes at start-up is not restarted in a loop. Connection
 * errors: carry on for the first few, then shut the connection down. Pure (no `vscode`), so it is tested
 * in test/unit/restartPolicy.test.ts; languageClient.ts turns the decisions into the library's actions
 * and the user's messages.
 */

export interface RestartPolicyOptions {
  /** Restarts allowed within `windowMs`. */
  maxRestarts: number;
  windowMs: number;
  /** Connection errors tolerated before the connection is shut down. */
  maxErrors: number;
}

/** As vscode-languageclient's default: 4 restarts in 3 minutes; 3 errors. */
export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = { maxRestarts: 4, windowMs: 3 * 60 * 1000, maxErrors: 3 };

/** Restart (the how-many-th within the window, of how many), or give up after `stops` stops within the window. */
export type CloseDecision = { restart: true; attempt: number; of: number } | { restart: false; stops: number; windowMs: number };

export class RestartPolicy {
  /** When the server stopped, within the window. */
  private stops: number[] = [];

  constructor(private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {}

  /** The connection to the server closed at `now` (ms): restart it, or give up. */
  closed(now: number): CloseDecision {
    this.stops.push(now);
    this.stops = this.stops.filter((t) => now - t <= this.options.windowMs);
    if (this.stops.length <= this.options.maxRestarts) return { restart: true, attempt: this.stops.length, of: this.options.maxRestarts };
    return { restart: false, stops: this.stops.length, windowMs: this.options.windowMs };
  }

  /**
   * A connection error, the `count`-th in a row (the library counts): carry on, or shut down. Writes to
   * a server that is gone (`channelGone`: EPIPE, a closed IPC channel) come in a burst as it dies and
   * are no reason to give up: its close follows, and `closed` decides on the restart.
   */
  error(count: number | undefined, channelGone = false): 'continue' | 'shutdown' {
    return channelGone || (count ?? 0) <= this.options.maxErrors ? 'continue' : 'shutdown';
  }

  /** The user restarted the server: earlier stops no longer count. */
  reset(): void {
    this.stops = [];
  }
}
