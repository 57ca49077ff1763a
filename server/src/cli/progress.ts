/**
 * The progress line on stderr while the workspace is parsed ("Parsing 1,234 of 5,678 files…"): only
 * on a terminal (piped output and CI logs stay clean), only once a run has taken about a second,
 * redrawn in place with `\r` at most every 100 ms, and wiped before anything else is written.
 * Spaces, not escape codes, wipe it, so a terminal without ANSI support shows it right too.
 */

/** A run shorter than this shows no line at all. */
export const PROGRESS_DELAY_MS = 1000;
/** The line is redrawn at most this often. */
export const PROGRESS_EVERY_MS = 100;

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** The line's text. */
export function progressText(done: number, total: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `Parsing ${n(done)} of ${n(total)} files…`;
}

/**
 * Draw now? Never when the stream is not a terminal; not before `PROGRESS_DELAY_MS`; then at most
 * every `PROGRESS_EVERY_MS`, and always for the last file (the count the user is left looking at).
 */
export function shouldDraw(s: { isTTY: boolean; elapsedMs: number; sinceDrawnMs: number | undefined; last: boolean }): boolean {
  if (!s.isTTY || s.elapsedMs < PROGRESS_DELAY_MS) return false;
  return s.sinceDrawnMs === undefined || s.last || s.sinceDrawnMs >= PROGRESS_EVERY_MS;
}

export class ProgressLine {
  private readonly started: number;
  private drawnAt: number | undefined;
  /** The length of the line on screen (0: none). */
  private shown = 0;

  constructor(
    private readonly out: ProgressStream,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  update(done: number, total: number): void {
    const t = this.now();
    const sinceDrawnMs = this.drawnAt === undefined ? undefined : t - this.drawnAt;
    if (!shouldDraw({ isTTY: this.out.isTTY === true, elapsedMs: t - this.started, sinceDrawnMs, last: done >= total })) return;
    const text = progressText(done, total);
    this.out.write('\r' + text.padEnd(this.shown));
    this.shown = text.length;
    this.drawnAt = t;
  }

  /** Wipes the line (before the output, or a message of its own). */
  clear(): void {
    if (this.shown === 0) return;
    this.out.write('\r' + ' '.repeat(this.shown) + '\r');
    this.shown = 0;
  }

  /** Writes a whole line (a problem) without mixing it into the progress line, which comes back at the next update. */
  write(line: string): void {
    this.clear();
    this.out.write(line);
    this.drawnAt = undefined;
  }
}
