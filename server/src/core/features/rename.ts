/**
 * Rename an issue ID across the workspace: entry headings and mentions, and the `#fragments` of links
 * to a renamed entry heading (its slug changes with its text). The new name must be PREFIX-NNN.
 */
import GithubSlugger from 'github-slugger';
import type { CancellationToken, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { startOf } from '../documentFacts';
import { rangeOf } from '../positions';
import { NO_TOKEN, type FeatureContext } from './context';
import { idAtPosition, mentionsOf } from './references';

export class RenameError extends Error {}

export function prepareRename(ctx: FeatureContext, uri: string, position: Position): { range: Range; placeholder: string } | null {
  const at = idAtPosition(ctx, uri, position);
  const doc = ctx.index.get(uri);
  if (!at || !doc) return null;
  return { range: rangeOf(doc.lineStarts, at.start, at.end), placeholder: at.id };
}

/** Checks a new ID: a configured prefix, `-`, three or more digits. Returns the reason when it is not. */
export function invalidNewId(ctx: FeatureContext, newName: string): string | undefined {
  const m = /^([A-Za-z][A-Za-z0-9]*)-(\d{3,})$/.exec(newName.trim());
  const prefixes = [...ctx.index.knownPrefixes.keys()];
  if (!m || !ctx.index.knownPrefixes.has(m[1])) {
    return `"${newName}" is not an issue ID: write a prefix (${prefixes.join(', ')}), "-" and three or more digits, as in ${prefixes[0] ?? 'CRIT'}-001`;
  }
  return undefined;
}

export async function provideRename(ctx: FeatureContext, uri: string, position: Position, newName: string, token: CancellationToken = NO_TOKEN): Promise<WorkspaceEdit | null> {
  const at = idAtPosition(ctx, uri, position);
  if (!at) return null;
  const reason = invalidNewId(ctx, newName);
  if (reason) throw new RenameError(reason);
  const newId = newName.trim();
  const all = await mentionsOf(ctx, at.id, token);
  if (!all) return null;
  const changes: Record<string, TextEdit[]> = {};
  const add = (u: string, edit: TextEdit) => (changes[u] ??= []).push(edit);
  for (const { uri: u, mentions } of all) {
    const doc = ctx.index.get(u);
    if (!doc) continue;
    for (const m of mentions) add(u, { range: rangeOf(doc.lineStarts, m.start, m.end), newText: newId });
  }

  // Links to a renamed heading: `#crit-001-connection-pool-exhaustion` → `#crit-009-…`.
  const renamedSlugs = new Map<string, Map<string, string>>();
  for (const doc of ctx.index.documents) {
    const renamed = doc.entries.filter((e) => e.kind === 'id' && e.id === at.id);
    if (renamed.length === 0) continue;
    const slugger = new GithubSlugger();
    const map = new Map<string, string>();
    for (const h of doc.headings) {
      const isRenamed = renamed.some((e) => e.heading === h);
      const next = slugger.slug(isRenamed ? newId + h.text.slice(at.id.length) : h.text);
      if (isRenamed && next !== h.slug) map.set(h.slug.toLowerCase(), next);
    }
    if (map.size > 0) renamedSlugs.set(doc.uri, map);
  }
  if (renamedSlugs.size > 0) {
    for (const doc of ctx.index.documents) {
      if (token.isCancellationRequested) return null;
      for (const link of doc.links) {
        if (link.kind === 'autolink' || link.urlStart === undefined || link.urlEnd === undefined) continue;
        const hash = link.url.indexOf('#');
        if (hash < 0) continue;
        const r = ctx.index.resolveLink(doc.uri, link.url);
        if (r.kind !== 'internal' || r.fragment === undefined) continue;
        const next = renamedSlugs.get(r.target)?.get(r.fragment.toLowerCase());
        if (!next) continue;
        const text = ctx.getText(doc.uri);
        if (text === undefined) continue;
        const [urlStart, urlEnd] = [startOf(doc, link, link.urlStart), startOf(doc, link, link.urlEnd)];
        const written = text.slice(urlStart, urlEnd);
        const at2 = written.indexOf('#');
        if (at2 < 0) continue;
        add(doc.uri, { range: rangeOf(doc.lineStarts, urlStart + at2 + 1, urlEnd), newText: next });
      }
    }
  }
  return { changes };
}
