/** Find references: every mention of an issue ID in the workspace, and its definition(s). */
import type { CancellationToken, Location, Position } from 'vscode-languageserver-protocol';
import { offsetAt, rangeOf } from '../positions';
import { entryAt, maybePause, mentionAt, NO_TOKEN, type FeatureContext } from './context';
import { endOf, startOf } from '../documentFacts';

/** An issue ID at document offsets (of the document version it was found in). */
export interface IdSpan {
  id: string;
  start: number;
  end: number;
}

/** The ID at a position: a mention, or the ID of the entry heading the position is on. */
export function idAtPosition(ctx: FeatureContext, uri: string, position: Position): IdSpan | undefined {
  const doc = ctx.index.get(uri);
  if (!doc) return undefined;
  const offset = offsetAt(doc.lineStarts, position, doc.length);
  const m = mentionAt(doc, offset);
  if (m) return { id: m.id, start: startOf(doc, m), end: endOf(doc, m) };
  const e = entryAt(doc, offset);
  if (e && e.kind === 'id') {
    const start = startOf(doc, e.heading, e.heading.textStart);
    return { id: e.id, start, end: start + e.id.length };
  }
  return undefined;
}

/** Every mention of `id` (entry headings included), document by document. */
export async function mentionsOf(ctx: FeatureContext, id: string, token: CancellationToken = NO_TOKEN): Promise<{ uri: string; mentions: IdSpan[] }[] | undefined> {
  const out: { uri: string; mentions: IdSpan[] }[] = [];
  let i = 0;
  for (const doc of [...ctx.index.documents]) {
    await maybePause(ctx, i++);
    if (token.isCancellationRequested) return undefined;
    if (!ctx.index.has(doc.uri)) continue;
    const mentions: IdSpan[] = doc.mentions.filter((m) => m.id === id).map((m) => ({ id, start: startOf(doc, m), end: endOf(doc, m) }));
    // An entry heading whose ID the parser did not see as text (e.g. inside emphasis) still counts.
    for (const e of doc.entries) {
      if (e.kind !== 'id' || e.id !== id) continue;
      const start = startOf(doc, e.heading, e.heading.textStart);
      const [hs, he] = [startOf(doc, e.heading), endOf(doc, e.heading)];
      if (!mentions.some((m) => m.start >= hs && m.end <= he)) mentions.push({ id, start, end: start + id.length });
    }
    if (mentions.length > 0) out.push({ uri: doc.uri, mentions: mentions.sort((a, b) => a.start - b.start) });
  }
  return out;
}

export async function provideReferences(ctx: FeatureContext, uri: string, position: Position, includeDeclaration: boolean, token: CancellationToken = NO_TOKEN): Promise<Location[] | null> {
  const at = idAtPosition(ctx, uri, position);
  if (!at) return null;
  const all = await mentionsOf(ctx, at.id, token);
  if (!all) return null;
  const out: Location[] = [];
  for (const { uri: u, mentions } of all) {
    const doc = ctx.index.get(u);
    if (!doc) continue;
    for (const m of mentions) {
      const isDefinition = doc.entries.some((e) => e.kind === 'id' && e.id === at.id && m.start >= startOf(doc, e.heading) && m.end <= endOf(doc, e.heading));
      if (isDefinition && !includeDeclaration) continue;
      out.push({ uri: u, range: rangeOf(doc.lineStarts, m.start, m.end) });
    }
  }
  return out;
}
