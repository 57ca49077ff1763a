/**
 * Every ID entry of the workspace, by ID, in document order; kept up to date by difference: when a
 * few documents change, only their entries that came or went are moved.
 */
import { entryChanges, startOf, type DocumentFacts } from './documentFacts';
import { locate, type LocatedEntry } from './issues';
import { MAX_CHANGED_FOR_UPDATE } from './scopes';

export interface IdTable {
  readonly structure: number;
  readonly docs: Map<string, DocumentFacts>;
  /** Documents in index order. */
  readonly order: Map<string, number>;
  readonly map: Map<string, LocatedEntry[]>;
  /** The IDs in natural order (`CRIT-2` before `CRIT-10`), made when asked for. */
  sorted?: string[];
}

/** The table for `docs` (the index's documents, in index order), updated from `previous` when it can be. */
export function idTable(docs: ReadonlyMap<string, DocumentFacts>, structure: number, previous: IdTable | undefined): IdTable {
  if (previous && previous.structure === structure) {
    const changed: [DocumentFacts, DocumentFacts][] = [];
    for (const [uri, doc] of docs) {
      const was = previous.docs.get(uri);
      if (was !== doc) changed.push([was!, doc]);
    }
    if (changed.length <= MAX_CHANGED_FOR_UPDATE) {
      for (const [was, now] of changed) update(previous, was, now);
      return previous;
    }
  }
  const map = new Map<string, LocatedEntry[]>();
  for (const doc of docs.values()) {
    for (const entry of doc.entries) {
      if (entry.kind !== 'id') continue;
      let list = map.get(entry.id);
      if (!list) map.set(entry.id, (list = []));
      list.push(locate(doc.uri, entry));
    }
  }
  return { structure, docs: new Map(docs), order: new Map([...docs.keys()].map((u, i) => [u, i])), map };
}

function update(t: IdTable, was: DocumentFacts, now: DocumentFacts): void {
  const { removed, added } = entryChanges(was, now);
  for (const e of removed) {
    if (e.kind !== 'id') continue;
    const list = t.map.get(e.id)!;
    list.splice(list.findIndex((l) => l.entry === e), 1);
    if (list.length === 0) {
      t.map.delete(e.id);
      t.sorted = undefined;
    }
  }
  const at = (x: LocatedEntry) => t.order.get(x.uri)!;
  for (const e of added) {
    if (e.kind !== 'id') continue;
    const l = locate(now.uri, e);
    const list = t.map.get(e.id);
    if (!list) {
      t.map.set(e.id, [l]);
      t.sorted = undefined;
      continue;
    }
    list.push(l);
    // Positions are compared only within this document (`at` equal).
    const pos = (x: LocatedEntry) => startOf(now, x.entry.heading);
    for (let i = list.length - 1; i > 0 && (at(list[i - 1]) > at(l) || (at(list[i - 1]) === at(l) && pos(list[i - 1]) > pos(l))); i--) {
      list[i] = list[i - 1];
      list[i - 1] = l;
    }
  }
  t.docs.set(now.uri, now);
}
