/**
 * A heading rename updates the anchors that point to it: the ids a document's headings have after
 * an edit are read from the edited text (GitHub's rules, repeats `-1` included, so a new text that
 * collides with another heading shifts the suffixes as GitHub would), and every `#fragment` link in
 * the workspace to a heading whose id changed is rewritten. Used by the heading rename (below) and
 * by the ID rename (rename.ts), whose heading texts change too.
 */
import type { CancellationToken, Position, Range, TextEdit } from 'vscode-languageserver-protocol';
import { endOf, readDocument, startOf, type DocumentFacts } from '../document';
import { offsetAt, rangeOf } from '../positions';
import { maybePause, NO_TOKEN, type FeatureContext } from './context';
import { idAtPosition } from './references';

/** An edit at document offsets (turned into a TextEdit at the end). */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export class HeadingRenameError extends Error {}

/** The facts of `doc` that match `text` (an open document's index entry may lag its text: read it again). */
export function factsOfText(ctx: FeatureContext, doc: DocumentFacts, text: string): DocumentFacts {
  return text.length === doc.length ? doc : readDocument(doc.uri, text, ctx.index.options);
}

function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/**
 * The ids that change when `edits` are applied to `doc` (whose text is `text`): old id (as the index
 * compares it) → new id, heading by heading. Undefined when the edit changes the headings themselves
 * (a heading more or less: then no id is matched up).
 */
export function idChanges(ctx: FeatureContext, doc: DocumentFacts, text: string, edits: readonly OffsetEdit[]): Map<string, string> | undefined {
  const after = readDocument(doc.uri, applyOffsetEdits(text, edits), ctx.index.options);
  if (after.headings.length !== doc.headings.length) return undefined;
  const changes = new Map<string, string>();
  doc.headings.forEach((h, i) => {
    const key = ctx.index.anchorKey(h.slug, false);
    const next = after.headings[i].slug;
    // The first heading with an id is the one a fragment reaches.
    if (next !== h.slug && !changes.has(key)) changes.set(key, next);
  });
  return changes;
}

/** The fragment as written in a link's destination: where it starts (after `#`) and ends. */
function writtenFragment(text: string, doc: DocumentFacts, link: DocumentFacts['links'][number]): { start: number; end: number } | undefined {
  if (link.urlStart === undefined || link.urlEnd === undefined) return undefined;
  const start = startOf(doc, link, link.urlStart);
  const end = startOf(doc, link, link.urlEnd);
  const hash = text.slice(start, end).indexOf('#');
  return hash < 0 ? undefined : { start: start + hash + 1, end };
}

/**
 * Adds, to `edits` (by URI), the rewrites of every fragment link to a heading whose id changes
 * (`changed`: target URI → old id → new id), as written: GitHub's `user-content-` prefix kept, the
 * new id percent-encoded when the old fragment was. A link inside another edit is left to that edit.
 */
export async function addAnchorEdits(ctx: FeatureContext, changed: ReadonlyMap<string, ReadonlyMap<string, string>>, edits: Map<string, OffsetEdit[]>, token: CancellationToken = NO_TOKEN): Promise<boolean> {
  if (changed.size === 0) return true;
  const target = (doc: DocumentFacts, link: DocumentFacts['links'][number]): string | undefined => {
    if (link.kind === 'autolink') return undefined;
    const r = ctx.index.resolve(doc.uri, link);
    if (r.kind !== 'internal' || r.fragment === undefined || r.sourceView) return undefined;
    return changed.get(r.target)?.get(ctx.index.anchorKey(r.fragment));
  };
  let i = 0;
  for (const indexed of [...ctx.index.documents]) {
    await maybePause(ctx, i++);
    if (token.isCancellationRequested) return false;
    if (!indexed.links.some((l) => target(indexed, l) !== undefined)) continue;
    const text = ctx.getText(indexed.uri);
    if (text === undefined) continue;
    const doc = factsOfText(ctx, indexed, text);
    const list = edits.get(doc.uri) ?? [];
    for (const link of doc.links) {
      const next = target(doc, link);
      const at = next === undefined ? undefined : writtenFragment(text, doc, link);
      if (next === undefined || !at) continue;
      const written = text.slice(at.start, at.end);
      const prefix = written.startsWith('user-content-') && !next.startsWith('user-content-') ? 'user-content-' : '';
      const newText = prefix + (/%[0-9A-Fa-f]{2}/.test(written) ? encodeURIComponent(next) : next);
      if (newText === written || list.some((e) => e.start < at.end && at.start < e.end)) continue;
      list.push({ start: at.start, end: at.end, newText });
    }
    if (list.length > 0) edits.set(doc.uri, list);
  }
  return true;
}

/** Offset edits as LSP changes. */
export function toChanges(ctx: FeatureContext, edits: ReadonlyMap<string, readonly OffsetEdit[]>): Record<string, TextEdit[]> {
  const changes: Record<string, TextEdit[]> = {};
  for (const [uri, list] of edits) {
    const text = ctx.getText(uri);
    const indexed = ctx.index.get(uri);
    if (text === undefined || !indexed) continue;
    const doc = factsOfText(ctx, indexed, text);
    changes[uri] = list.map((e) => ({ range: rangeOf(doc.lineStarts, e.start, e.end), newText: e.newText }));
  }
  return changes;
}

// ---- Rename on a heading that is no ID entry ---------------------------------------------------

/** The heading whose line holds the position, when no issue ID is there (that is the ID rename). */
function headingAt(ctx: FeatureContext, uri: string, position: Position): { doc: DocumentFacts; text: string; start: number; end: number } | undefined {
  if (idAtPosition(ctx, uri, position)) return undefined;
  const indexed = ctx.index.get(uri);
  const text = indexed && ctx.getText(uri);
  if (!indexed || text === undefined) return undefined;
  const doc = factsOfText(ctx, indexed, text);
  const offset = offsetAt(doc.lineStarts, position, doc.length);
  const h = doc.headings.find((x) => offset >= startOf(doc, x) && offset <= endOf(doc, x));
  if (!h) return undefined;
  const start = startOf(doc, h, h.textStart);
  const end = startOf(doc, h, h.textEnd);
  return end > start ? { doc, text, start, end } : undefined;
}

export function prepareHeadingRename(ctx: FeatureContext, uri: string, position: Position): { range: Range; placeholder: string } | null {
  const at = headingAt(ctx, uri, position);
  return at ? { range: rangeOf(at.doc.lineStarts, at.start, at.end), placeholder: at.text.slice(at.start, at.end) } : null;
}

/**
 * The heading's new text, and every anchor link to the headings whose id changes (this one, and any
 * whose repeat suffix shifts); undefined when the position is on no such heading.
 */
export async function provideHeadingRename(ctx: FeatureContext, uri: string, position: Position, newName: string, token: CancellationToken = NO_TOKEN): Promise<Record<string, TextEdit[]> | null | undefined> {
  const at = headingAt(ctx, uri, position);
  if (!at) return undefined;
  if (newName.trim() === '' || /[\r\n]/.test(newName)) throw new HeadingRenameError('A heading is one line of text: write its new text without line breaks.');
  const own: OffsetEdit = { start: at.start, end: at.end, newText: newName };
  const changes = idChanges(ctx, at.doc, at.text, [own]);
  if (!changes) throw new HeadingRenameError(`"${newName}" would not stay one heading's text (it changes the document's headings).`);
  const edits = new Map<string, OffsetEdit[]>([[uri, [own]]]);
  if (!(await addAnchorEdits(ctx, new Map([[uri, changes]]), edits, token))) return null;
  return toChanges(ctx, edits);
}
