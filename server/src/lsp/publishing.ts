/**
 * When and in what order diagnostics are computed and handed to the publisher. Every issue log and
 * every other document that gets link rules (core/linkFamily.ts) is re-checked after a change (links,
 * IDs, scopes and family membership cross files), the changed documents first; a published document
 * is checked too, so that one that left the family is cleared. A
 * newer change cancels the run in progress (its AbortController), and an open document's
 * diagnostics are published only for the version they were computed from.
 *
 * While the workspace is being indexed (once its open documents are in), only the open documents
 * are checked, and provisionally (partial: the rules that the files indexed so far decide). The
 * other changed documents wait for the end of indexing, which republishes everything.
 */
import type { Diagnostic } from 'vscode-languageserver';
import { localToday } from '../core/durations';
import { computeDiagnostics, ruleOptions } from '../core/rules';
import { linkCheckedNonLogs } from '../core/linkFamily';
import type { WorkspaceIndex } from '../core/workspace';
import type { DiagnosticsPublisher } from './diagnosticsPublisher';
import type { OpenDocuments } from './openDocuments';

/** Work runs in slices of about this long, yielding to the event loop between them. */
const SLICE_MS = 8;

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What a publishing run reads from the session. */
export interface PublishSource {
  readonly index: WorkspaceIndex;
  readonly documents: OpenDocuments;
  readonly publisher: DiagnosticsPublisher;
  /** Indexing is running (diagnostics are provisional). */
  readonly indexing: boolean;
  /** The open documents of the current indexing run are in the index. */
  readonly openDocumentsIndexed: boolean;
  /** Applies the pending file events. */
  applyFileEvents(): void;
  /** Brings the index up to the open documents' versions. */
  syncOpenDocuments(): void;
  /** The complete index changed since it was last told (the open-issues view refreshes). */
  indexComplete(index: WorkspaceIndex): void;
  onError(err: unknown): void;
}

export class Publishing {
  /** Documents changed since the last publish: published first, and always (with their version). */
  private changed = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private current: AbortController | undefined;
  /** The date the last run judged by (review-overdue moves on at midnight). */
  lastToday = localToday();

  constructor(private readonly source: PublishSource) {}

  /** `uri` changed: it goes first in the next run, and is published even if its diagnostics did not change. */
  markChanged(uri: string): void {
    this.changed.add(uri);
  }

  /** Every published document is checked again (the options or the whole index changed). */
  markAllPublished(): void {
    for (const uri of this.source.publisher.uris()) this.changed.add(uri);
  }

  /** Cancels the run in progress (what it computed is stale) and starts one after `delay` ms. */
  schedule(delay: number): void {
    this.cancel();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, delay);
  }

  /** Publishes at once (what a pending timer would have published is included). */
  now(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.start();
  }

  /** Stops the run in progress; what it did not publish yet goes with the next one. */
  cancel(): void {
    this.current?.abort();
    this.current = undefined;
  }

  dispose(): void {
    this.cancel();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private start(): void {
    this.run().catch((err) => this.source.onError(err));
  }

  private async run(): Promise<void> {
    const s = this.source;
    s.applyFileEvents();
    const partial = s.indexing;
    if (partial && !s.openDocumentsIndexed) return;
    this.cancel();
    const controller = new AbortController();
    this.current = controller;
    s.syncOpenDocuments();
    const today = localToday();
    this.lastToday = today;
    const changed = this.changed;
    this.changed = new Set();
    const targets = new Set<string>();
    if (partial) {
      for (const uri of changed) (s.documents.get(uri) ? targets : this.changed).add(uri);
      for (const doc of s.documents.all()) targets.add(doc.uri);
    } else {
      // The changed documents first; then (found once they are out) the logs that link to them, and the rest.
      for (const uri of changed) targets.add(uri);
    }
    const queue = [...targets];
    let restAdded = partial;
    const addTheRest = () => {
      const add = (uri: string) => !targets.has(uri) && (targets.add(uri), queue.push(uri));
      const backlinks = s.index.backlinks();
      for (const uri of changed) for (const from of backlinks.get(uri) ?? []) add(from);
      for (const doc of s.index.logs()) add(doc.uri);
      // The other documents that get link rules (a log's family); one that left it is among the published, and is cleared.
      for (const uri of linkCheckedNonLogs(s.index)) add(uri);
      for (const uri of s.publisher.uris()) add(uri);
    };

    let slice = Date.now();
    for (let i = 0; i < queue.length || !restAdded; i++) {
      if (i === queue.length) {
        // The changed documents are done: let their diagnostics go out before looking further.
        restAdded = true;
        slice = 0;
      }
      if (Date.now() - slice >= SLICE_MS) {
        await yieldToEventLoop();
        if (controller.signal.aborted) {
          // Cancelled by a newer change: what was not published yet is published by the next run.
          for (const u of changed) this.changed.add(u);
          return;
        }
        s.syncOpenDocuments();
        slice = Date.now();
      }
      if (i === queue.length) {
        addTheRest();
        if (i === queue.length) break;
      }
      const uri = queue[i];
      if (s.documents.indexedOtherVersion(uri)) continue;
      const index = s.index;
      // An open document that is not checked gets the one diagnostic that says why.
      const diagnostics: Diagnostic[] = index.has(uri) ? computeDiagnostics(index, uri, ruleOptions(index.options, today, partial)) : (s.documents.notCheckedDiagnostics(uri) ?? []);
      s.publisher.offer(uri, diagnostics, { version: s.documents.get(uri)?.version, changed: changed.has(uri), indexed: index.has(uri) });
    }
    if (this.current === controller) this.current = undefined;
    if (!partial) s.indexComplete(s.index);
  }
}
