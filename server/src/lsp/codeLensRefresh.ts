/**
 * `workspace/codeLens/refresh` when the reference counts may have changed in another document than
 * the one edited (the editor asks again for the edited document's lenses itself): after the complete
 * index changed, and only when some document's counts (core/features/codeLens.ts `referenceCounts`,
 * remembered per version) or the setting differ from the last look. Typing prose sends none.
 */
import { referenceCounts } from '../core/features/codeLens';
import type { WorkspaceIndex } from '../core/workspace';
import { yieldToEventLoop } from './publishing';

/** Index changes come in bursts (typing); the counts are looked at once they settle. */
const SETTLE_MS = 200;

export class CodeLensRefresh {
  /** The client takes `workspace/codeLens/refresh` (capabilities.workspace.codeLens.refreshSupport). */
  supported = false;
  private timer: NodeJS.Timeout | undefined;
  private last = new Map<string, string>();
  private lastEnabled: boolean | undefined;

  constructor(private readonly send: () => Promise<unknown>) {}

  /** The complete index changed: look at the counts once changes settle. */
  indexChanged(index: WorkspaceIndex): void {
    if (!this.supported) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.check(index).catch(() => undefined);
    }, SETTLE_MS);
    this.timer.unref?.();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async check(index: WorkspaceIndex): Promise<void> {
    const version = index.version;
    const enabled = index.options.codeLensReferences;
    const now = new Map<string, string>();
    let i = 0;
    for (const doc of [...index.documents]) {
      // A newer change schedules another look.
      if (++i % 50 === 0 && (await yieldToEventLoop(), index.version !== version)) return;
      now.set(doc.uri, enabled ? referenceCounts(index, doc) : '');
    }
    const changed = enabled !== this.lastEnabled || now.size !== this.last.size || [...now].some(([uri, counts]) => this.last.get(uri) !== counts);
    this.last = now;
    this.lastEnabled = enabled;
    if (changed) await this.send();
  }
}
