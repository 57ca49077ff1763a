/** Workspace symbols: issue IDs and titles of every entry, filtered by the query. */
import type { CancellationToken, SymbolInformation } from 'vscode-languageserver-protocol';
import { SymbolKind } from 'vscode-languageserver-protocol';
import { rangeIn } from '../documentFacts';
import { displayPath, maybePause, NO_TOKEN, type FeatureContext } from './context';

/** Does `name` hold the letters of `query` in order (case ignored)? A substring always does. */
export function matchesQuery(name: string, query: string): boolean {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (q === '') return true;
  const n = name.toLowerCase();
  let i = 0;
  for (const ch of n) if (ch === q[i] && ++i === q.length) return true;
  return false;
}

export async function provideWorkspaceSymbols(ctx: FeatureContext, query: string, token: CancellationToken = NO_TOKEN, limit = 1000): Promise<SymbolInformation[]> {
  const out: SymbolInformation[] = [];
  let i = 0;
  for (const doc of [...ctx.index.documents]) {
    await maybePause(ctx, i++);
    if (token.isCancellationRequested || out.length >= limit) break;
    for (const e of doc.entries) {
      const name = e.title ? `${e.id}: ${e.title}` : e.id;
      if (!matchesQuery(name, query)) continue;
      out.push({
        name,
        kind: e.kind === 'id' ? SymbolKind.Key : SymbolKind.Event,
        location: { uri: doc.uri, range: rangeIn(doc, e.heading) },
        containerName: displayPath(ctx.index, doc.uri),
      });
    }
  }
  return out;
}
