/**
 * What an indexing run tells the user: the window's progress (files done of total, at most once a
 * slice) and the summary line in the output when it ends.
 */
import type { Connection } from 'vscode-languageserver';
import type { IndexingOutcome } from './indexingRun';

type WorkDone = Awaited<ReturnType<Connection['window']['createWorkDoneProgress']>>;

export class IndexingProgress {
  private reported = Date.now();
  private total = 0;

  private constructor(
    private readonly progress: WorkDone | undefined,
    private readonly sliceMs: number,
  ) {}

  /** The client's progress, or none when it has no work-done progress. */
  static async create(connection: Connection, sliceMs: number): Promise<IndexingProgress> {
    return new IndexingProgress(await connection.window.createWorkDoneProgress().catch(() => undefined), sliceMs);
  }

  begin(total: number): void {
    this.total = total;
    this.progress?.begin('Indexing issue logs', 0, `0/${total}`, false);
  }

  /** `done` files of the total; reported at most once a slice. */
  report(done: number): void {
    if (Date.now() - this.reported < this.sliceMs) return;
    this.reported = Date.now();
    this.progress?.report(Math.floor((done / Math.max(1, this.total)) * 100), `${done}/${this.total}`);
  }

  done(): void {
    this.progress?.done();
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
