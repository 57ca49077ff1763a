/**
 * What was last published for each document, and whether a new set of diagnostics must go out: only
 * changes, except that a changed open document always gets its new version's diagnostics (the client
 * shows diagnostics per version). The transport is injected (`send`), so it is testable alone
 * (typescript-language-server's diagnostics manager is the model).
 */
import type { Diagnostic } from 'vscode-languageserver-protocol';

export interface PublishParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

/** What the publisher knows of a document when it offers diagnostics for it. */
export interface PublishContext {
  /** The document's version when it is open in the editor; undefined for a closed file. */
  version?: number;
  /** The document changed since the last publish (it is published even when its diagnostics did not). */
  changed: boolean;
  /** The index holds the document (a closed file that left it has its last diagnostics cleared). */
  indexed: boolean;
}

interface Published {
  key: string;
  count: number;
  version?: number;
}

export class DiagnosticsPublisher {
  private readonly published = new Map<string, Published>();

  constructor(private readonly send: (params: PublishParams) => void) {}

  /** Publishes `diagnostics` for `uri` unless the client has them already; true when sent. */
  offer(uri: string, diagnostics: Diagnostic[], ctx: PublishContext): boolean {
    const key = JSON.stringify(diagnostics);
    const last = this.published.get(uri);
    const open = ctx.version !== undefined;
    if (last && last.key === key && !(ctx.changed && open && last.version !== ctx.version)) return false;
    // Nothing was ever said about it and there is nothing to say.
    if (!last && diagnostics.length === 0 && !ctx.changed) return false;
    if (diagnostics.length === 0 && !open && !ctx.indexed) this.published.delete(uri);
    else this.published.set(uri, { key, count: diagnostics.length, version: ctx.version });
    this.send({ uri, version: ctx.version, diagnostics });
    return true;
  }

  /** How many diagnostics were last published for `uri` (0 when none). */
  count(uri: string): number {
    return this.published.get(uri)?.count ?? 0;
  }

  /** Every document with published diagnostics (to re-check them all when the options change). */
  uris(): IterableIterator<string> {
    return this.published.keys();
  }
}
