/**
 * Find references: what in the workspace refers to an entry. One reading, shared by Find All
 * References, rename (the ID spans) and the code lens above each entry (codeLens.ts): mentions of its
 * ID, links whose `#fragment` names its heading (Reference fields among them, and a Reference whose
 * broken `#issue-N` the index reads as that entry), and register rows naming it (they are mentions).
 * What one document version refers to is remembered per version (referenceSpans.ts), so counting
 * the references of one entry looks up each document once.
 */
import type { CancellationToken, Location, Position } from 'vscode-languageserver-protocol';
import { offsetAt, rangeOf } from '../positions';
import { entryAt, maybePause, mentionAt, NO_TOKEN, type FeatureContext } from './context';
import { endOf, startOf, type DocumentFacts } from '../documentFacts';
import type { IssueEntry } from '../model';
import { referencesIn, type IdSpan, type RefSpan } from './referenceSpans';

export type { IdSpan } from './referenceSpans';

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

/** What references are looked for: an issue ID's mentions, and links to these entry headings. */
export interface ReferenceTarget {
  id?: string;
  entries: readonly { uri: string; entry: IssueEntry }[];
}

/** The target of one entry heading (the code lens's, and Find All References on the heading). */
export function entryTarget(uri: string, entry: IssueEntry): ReferenceTarget {
  return { id: entry.kind === 'id' ? entry.id : undefined, entries: [{ uri, entry }] };
}

/** The target at a position: an entry heading (ID or numbered), or a mention (its ID and every entry defining it). */
export function targetAt(ctx: FeatureContext, uri: string, position: Position): ReferenceTarget | undefined {
  const doc = ctx.index.get(uri);
  if (!doc) return undefined;
  const offset = offsetAt(doc.lineStarts, position, doc.length);
  const e = entryAt(doc, offset);
  const m = mentionAt(doc, offset);
  // On an entry heading: that entry (unless on another ID the heading mentions).
  if (e && e.kind !== 'row' && (!m || (e.kind === 'id' && e.id === m.id))) return entryTarget(uri, e);
  if (m) return { id: m.id, entries: ctx.index.idDefinitions().get(m.id) ?? [] };
  return undefined;
}

/** The references to `target`, document by document (each span once, in document order); undefined when cancelled. */
export async function referencesTo(
  ctx: FeatureContext,
  target: ReferenceTarget,
  includeDeclaration: boolean,
  token: CancellationToken = NO_TOKEN,
): Promise<{ uri: string; doc: DocumentFacts; spans: RefSpan[] }[] | undefined> {
  const index = ctx.index;
  // The anchor keys of the target's headings, per document they are in.
  const anchorKeys = target.entries.filter((t) => t.entry.slug !== '').map((t) => `${t.uri}\u0000${index.anchorKey(t.entry.slug, false)}`);
  // A link to the file alone names its entry when that entry is the file's H1 (an incident file).
  for (const t of target.entries) {
    const doc = index.get(t.uri);
    if (doc && doc.headings[0] === t.entry.heading && t.entry.heading.depth === 1) anchorKeys.push(`${t.uri}\u0000`);
  }
  const targetUris = new Set(target.entries.map((t) => t.uri));
  const out: { uri: string; doc: DocumentFacts; spans: RefSpan[] }[] = [];
  let i = 0;
  for (const doc of [...index.documents]) {
    await maybePause(ctx, i++);
    if (token.isCancellationRequested) return undefined;
    if (!index.has(doc.uri)) continue;
    const refs = referencesIn(index, doc);
    const found = new Map<number, RefSpan>();
    const add = (s: RefSpan) => {
      if (!found.has(s.start)) found.set(s.start, s);
    };
    if (target.id !== undefined) {
      for (const s of refs.mentions.get(target.id) ?? []) add(s);
      if (includeDeclaration) for (const s of refs.declarations.get(target.id) ?? []) add(s);
    }
    const links: RefSpan[] = [];
    for (const key of anchorKeys) links.push(...(refs.links.get(key) ?? []));
    for (const u of targetUris) {
      for (const f of refs.referenceFields.get(u) ?? []) {
        const ref = index.referencedEntry(doc.uri, f.entry);
        if (ref && target.entries.some((t) => t.uri === ref.uri && t.entry.heading === ref.entry.heading)) links.push(f);
      }
    }
    // A link whose text is a mention of the ID (`[CRIT-001](#crit-001-title)`) is one reference: the mention.
    const mentions = target.id !== undefined ? [...(refs.mentions.get(target.id) ?? []), ...(refs.declarations.get(target.id) ?? [])] : [];
    for (const l of links) if (!mentions.some((m) => m.start >= l.start && m.end <= l.end)) add(l);
    if (found.size > 0) out.push({ uri: doc.uri, doc, spans: [...found.values()].sort((a, b) => a.start - b.start) });
  }
  return out;
}

/** Every mention of `id` (entry headings included), document by document (for rename). */
export async function mentionsOf(ctx: FeatureContext, id: string, token: CancellationToken = NO_TOKEN): Promise<{ uri: string; mentions: IdSpan[] }[] | undefined> {
  const out: { uri: string; mentions: IdSpan[] }[] = [];
  let i = 0;
  for (const doc of [...ctx.index.documents]) {
    await maybePause(ctx, i++);
    if (token.isCancellationRequested) return undefined;
    if (!ctx.index.has(doc.uri)) continue;
    const refs = referencesIn(ctx.index, doc);
    const mentions = [...(refs.mentions.get(id) ?? []), ...(refs.declarations.get(id) ?? [])].map((s) => ({ id, start: s.start, end: s.end }));
    if (mentions.length > 0) out.push({ uri: doc.uri, mentions: mentions.sort((a, b) => a.start - b.start) });
  }
  return out;
}

/** The references as locations. */
export function locationsOf(found: readonly { uri: string; doc: DocumentFacts; spans: readonly RefSpan[] }[]): Location[] {
  return found.flatMap(({ uri, doc, spans }) => spans.map((s) => ({ uri, range: rangeOf(doc.lineStarts, s.start, s.end) })));
}

export async function provideReferences(ctx: FeatureContext, uri: string, position: Position, includeDeclaration: boolean, token: CancellationToken = NO_TOKEN): Promise<Location[] | null> {
  const target = targetAt(ctx, uri, position);
  if (!target) return null;
  const found = await referencesTo(ctx, target, includeDeclaration, token);
  if (!found) return null;
  const out = locationsOf(found);
  // A numbered entry's declaration is its heading (an ID entry's is among its ID's spans).
  if (includeDeclaration && target.id === undefined) {
    for (const t of target.entries) {
      const doc = ctx.index.get(t.uri);
      if (doc) out.unshift({ uri: t.uri, range: rangeOf(doc.lineStarts, startOf(doc, t.entry.heading, t.entry.heading.textStart), startOf(doc, t.entry.heading, t.entry.heading.textEnd)) });
    }
  }
  return out;
}
