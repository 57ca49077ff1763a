/**
 * What a request handler is handed: the session's state as of now, fixed for the request (as
 * rust-analyzer's GlobalStateSnapshot): the index, whether indexing is still running (partial),
 * today's date, and the current text of any document. Handlers read it and never change the session.
 */
import { IndexChangedError, type FeatureContext } from '../core/features/context';
import type { WorkspaceIndex } from '../core/workspace';

export interface Snapshot extends FeatureContext {
  readonly index: WorkspaceIndex;
  /** Indexing is still running: the index holds part of the workspace. */
  readonly partial: boolean;
  /** YYYY-MM-DD, the local date. */
  readonly today: string;
  /** How many diagnostics were last published for a document. */
  publishedCount(uri: string): number;
  /** The client can take LocationLinks for definitions. */
  readonly definitionLinks: boolean;
}

/**
 * The snapshot's pause: yields to the event loop, then rejects with IndexChangedError when `index`
 * changed meanwhile (an edit or a file event was applied to it). The snapshot's index is the live one,
 * so this is what keeps a request that pauses (references, rename, workspace symbols) on one version:
 * its answer is of the version it started on, or the client is told to ask again (ContentModified).
 */
export function pauseOn(index: WorkspaceIndex, yieldToEventLoop: () => Promise<void>): () => Promise<void> {
  const version = index.version;
  return async () => {
    await yieldToEventLoop();
    if (index.version !== version) throw new IndexChangedError();
  };
}
