/** Go to definition: an issue ID → its entry heading(s); a link → the file or the heading it names. */
import type { LocationLink, Position } from 'vscode-languageserver-protocol';
import { rangeIn } from '../documentFacts';
import { offsetAt } from '../positions';
import { definitionsOf, headingForFragment, linkAt, mentionAt, type FeatureContext } from './context';

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function provideDefinition(ctx: FeatureContext, uri: string, position: Position): LocationLink[] {
  const doc = ctx.index.get(uri);
  if (!doc) return [];
  const offset = offsetAt(doc.lineStarts, position, doc.length);
  const mention = mentionAt(doc, offset);
  if (mention) {
    const origin = rangeIn(doc, mention);
    return definitionsOf(ctx.index, mention.id, doc).map(({ uri: target, entry }) => {
      const t = ctx.index.get(target)!;
      const range = rangeIn(t, entry.heading, entry.heading.start, entry.end);
      return { originSelectionRange: origin, targetUri: target, targetRange: range, targetSelectionRange: rangeIn(t, entry.heading, entry.heading.textStart, entry.heading.textEnd) };
    });
  }
  const link = linkAt(doc, offset);
  if (!link) return [];
  const r = ctx.index.resolveLink(uri, link.url);
  if (r.kind !== 'internal' || !r.exists) return [];
  const origin = rangeIn(doc, link);
  const target = ctx.index.get(r.target);
  if (r.fragment && target) {
    const h = headingForFragment(ctx.index, target, r.fragment);
    if (h) {
      const range = rangeIn(target, h);
      return [{ originSelectionRange: origin, targetUri: r.target, targetRange: range, targetSelectionRange: range }];
    }
  }
  if (r.exists !== 'file') return [];
  return [{ originSelectionRange: origin, targetUri: r.target, targetRange: START, targetSelectionRange: START }];
}
