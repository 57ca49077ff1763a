/**
 * What one document version refers to, read once per version (and structure: where its links point):
 * its mentions by ID, the ID spans of its own entry headings, its links by the anchor they name, and
 * its Reference fields by the document they point into. references.ts looks entries up in it.
 */
import { endOf, startOf, type DocumentFacts } from '../documentFacts';
import { referenceLink } from '../issues';
import { Memo } from '../memo';
import type { IssueEntry } from '../model';
import type { WorkspaceIndex } from '../workspace';

/** A span of a document version, in document offsets. */
export interface RefSpan {
  start: number;
  end: number;
}

/** An issue ID at document offsets (of the document version it was found in). */
export interface IdSpan extends RefSpan {
  id: string;
}

export interface DocumentReferences {
  /** Mentions by ID, outside the headings of this document's entries of that ID (register rows among them), in order. */
  readonly mentions: ReadonlyMap<string, readonly IdSpan[]>;
  /** The ID spans in the headings of this document's entries of that ID (the ID part when the parser saw no mention there), in order. */
  readonly declarations: ReadonlyMap<string, readonly IdSpan[]>;
  /** Links (not images, not autolinks) by `targetUri \0 anchorKey(fragment)`; `targetUri \0` for a link to the file alone. */
  readonly links: ReadonlyMap<string, readonly RefSpan[]>;
  /** Each ID entry's Reference link with a fragment, by the document it points into. */
  readonly referenceFields: ReadonlyMap<string, readonly (RefSpan & { entry: IssueEntry })[]>;
}

const read = new Memo<DocumentFacts, { index: WorkspaceIndex; refs: DocumentReferences }>();

/** What `doc` (a view the index handed out) refers to, remembered while the index's structure stays. */
export function referencesIn(index: WorkspaceIndex, doc: DocumentFacts): DocumentReferences {
  return read.get(doc, index.structureVersion, () => ({ index, refs: readReferences(index, doc) }), (m) => m.index === index).refs;
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function readReferences(index: WorkspaceIndex, doc: DocumentFacts): DocumentReferences {
  const headings = new Map<string, RefSpan[]>();
  for (const e of doc.entries) if (e.kind === 'id') push(headings, e.id, { start: startOf(doc, e.heading), end: endOf(doc, e.heading) });
  const mentions = new Map<string, IdSpan[]>();
  const declarations = new Map<string, IdSpan[]>();
  const within = (s: RefSpan, spans: readonly RefSpan[] | undefined) => spans?.some((h) => s.start >= h.start && s.end <= h.end) === true;
  for (const m of doc.mentions) {
    const span = { id: m.id, start: startOf(doc, m), end: endOf(doc, m) };
    push(within(span, headings.get(m.id)) ? declarations : mentions, m.id, span);
  }
  // An entry heading whose ID the parser did not see as text (e.g. inside emphasis) still declares it.
  for (const e of doc.entries) {
    if (e.kind !== 'id') continue;
    const heading = { start: startOf(doc, e.heading), end: endOf(doc, e.heading) };
    if (declarations.get(e.id)?.some((s) => within(s, [heading]))) continue;
    const start = startOf(doc, e.heading, e.heading.textStart);
    push(declarations, e.id, { id: e.id, start, end: start + e.id.length });
  }
  for (const list of declarations.values()) list.sort((a, b) => a.start - b.start);

  const links = new Map<string, RefSpan[]>();
  for (const link of doc.links) {
    if (link.kind === 'autolink' || link.kind === 'image') continue;
    const r = index.resolve(doc.uri, link);
    if (r.kind !== 'internal' || r.exists !== 'file') continue;
    push(links, `${r.target}\u0000${r.fragment ? index.anchorKey(r.fragment) : ''}`, { start: startOf(doc, link), end: endOf(doc, link) });
  }
  const referenceFields = new Map<string, (RefSpan & { entry: IssueEntry })[]>();
  for (const e of doc.entries) {
    if (e.kind !== 'id') continue;
    const link = referenceLink(e);
    const r = link && index.resolve(doc.uri, link);
    if (!link || r?.kind !== 'internal' || !r.fragment) continue;
    push(referenceFields, r.target, { start: startOf(doc, link), end: endOf(doc, link), entry: e });
  }
  return { mentions, declarations, links, referenceFields };
}
