/**
 * Hover: an issue ID shows its entry as a card; a link shows its target heading and the first lines
 * under it; a statistics item explains its count (statHover.ts).
 */
import type { Hover, Position } from 'vscode-languageserver-protocol';
import { MarkupKind } from 'vscode-languageserver-protocol';
import { endOf, rangeIn } from '../documentFacts';
import { offsetAt, splitLines } from '../positions';
import { issueCard } from './cards';
import { displayPath, headingForFragment, issueOfId, linkAt, mentionAt, type FeatureContext } from './context';
import { explainStatItem, statHoverMarkdown, statItemAt } from './statHover';

/** How many lines of the target to show under a link's heading. */
const PREVIEW_LINES = 8;

export function provideHover(ctx: FeatureContext, uri: string, position: Position): Hover | null {
  const doc = ctx.index.get(uri);
  if (!doc) return null;
  const offset = offsetAt(doc.lineStarts, position, doc.length);

  // Not while indexing: a count over part of the workspace would explain nothing.
  const stat = ctx.partial ? undefined : statItemAt(doc, offset);
  if (stat) return { contents: { kind: MarkupKind.Markdown, value: statHoverMarkdown(explainStatItem(ctx.index, uri, stat)) }, range: rangeIn(doc, stat.field) };

  const mention = mentionAt(doc, offset);
  if (mention) {
    const issue = issueOfId(ctx.index, mention.id);
    const value = issue
      ? issueCard(ctx.index, issue, mention.id)
      : `**${mention.id}** is not defined: no entry heading \`${mention.id}: …\` in the workspace.`;
    return { contents: { kind: MarkupKind.Markdown, value }, range: rangeIn(doc, mention) };
  }

  const link = linkAt(doc, offset);
  if (!link) return null;
  const r = ctx.index.resolveLink(uri, link.url);
  if (r.kind !== 'internal' || r.exists !== 'file') return null;
  const target = ctx.index.get(r.target);
  const range = rangeIn(doc, link);
  const name = displayPath(ctx.index, r.target);
  if (!target) return { contents: { kind: MarkupKind.Markdown, value: `\`${name}\`` }, range };
  const text = ctx.getText(r.target);
  let from = 0;
  let title = `\`${name}\``;
  if (r.fragment) {
    const h = headingForFragment(ctx.index, target, r.fragment);
    if (!h) {
      // An HTML anchor (`<a name="…">`) is a valid target without a heading to show.
      const value = ctx.index.hasAnchor(target, r.fragment) ? `\`${name}\` › \`#${r.fragment}\`` : `\`${name}\`: no heading #${r.fragment}`;
      return { contents: { kind: MarkupKind.Markdown, value }, range };
    }
    title = `\`${name}\` › **${h.text}**`;
    from = endOf(target, h);
  }
  let preview = '';
  if (text !== undefined) {
    const lines = splitLines(text.slice(from).replace(/^(?:\r\n?|\n)/, ''));
    const shown: string[] = [];
    for (const line of lines) {
      if (shown.length >= PREVIEW_LINES) break;
      if (r.fragment && /^#{1,6}\s/.test(line) && shown.length > 0) break;
      shown.push(line);
    }
    while (shown.length > 0 && shown[shown.length - 1].trim() === '') shown.pop();
    preview = shown.join('\n');
  }
  return { contents: { kind: MarkupKind.Markdown, value: preview ? `${title}\n\n---\n\n${preview}` : title }, range };
}
