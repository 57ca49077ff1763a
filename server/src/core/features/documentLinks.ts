/** Document links: every relative link with its resolved target; a heading fragment becomes `#L<line>`. */
import type { DocumentLink } from 'vscode-languageserver-protocol';
import { rangeIn } from '../documentFacts';
import { headingForFragment, type FeatureContext } from './context';

export function provideDocumentLinks(ctx: FeatureContext, uri: string): DocumentLink[] {
  const doc = ctx.index.get(uri);
  if (!doc) return [];
  const out: DocumentLink[] = [];
  for (const link of doc.links) {
    if (link.kind === 'autolink') continue;
    const r = ctx.index.resolveLink(uri, link.url);
    if (r.kind !== 'internal' || !r.exists) continue;
    const range =
      link.urlStart !== undefined && link.urlEnd !== undefined && link.urlEnd > link.urlStart
        ? rangeIn(doc, link, link.urlStart, link.urlEnd)
        : rangeIn(doc, link);
    let target = r.target;
    if (r.fragment) {
      const targetDoc = ctx.index.get(r.target);
      const h = targetDoc ? headingForFragment(ctx.index, targetDoc, r.fragment) : undefined;
      if (targetDoc && h) target = `${r.target}#L${rangeIn(targetDoc, h).start.line + 1}`;
    }
    out.push({ range, target, tooltip: r.path ? `Open ${r.path}${r.fragment ? `#${r.fragment}` : ''}` : `Go to #${r.fragment}` });
  }
  return out;
}
