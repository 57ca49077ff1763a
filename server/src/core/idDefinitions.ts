/**
 * Every ID entry of the workspace, by ID, ordered by path, then by position (as `check` lists them,
 * whatever order the server read the documents in); kept up to date by difference: when a
 * few documents change, only their entries that came or went are moved. It is made from the
 * documents as the workspace reads them (WorkspaceIndex.get): ID entries of known prefixes, and the
 * register rows that are entries (a row whose ID has a heading entry is a mention, not in the view).
 */
import { entryChanges, startOf, type DocumentFacts } from './documentFacts';
import { locate, type LocatedEntry } from './issues';
import type { IssueEntry } from './model';
import { MAX_CHANGED_FOR_UPDATE } from './scopes';

export interface IdTable {
  readonly structure: number;
  readonly docs: Map<string, DocumentFacts>;
  /** Each document's rank in path order (its URI's). */
  readonly order: Map<string, number>;
  readonly map: Map<string, LocatedEntry[]>;
  /** The IDs in natural order (`CRIT-2` before `CRIT-10`), made when asked for. */
  sorted?: string[];
  /**
   * Changes when what the ID rules read may change: an ID came or went, a duplicated ID's entries
   * changed, or a document holding a duplicated ID has a new version (its lines may have moved).
   */
  version: number;
  /** Changes when an ID came or went (what undefined-issue reads). */
  keysVersion: number;
}

let tables = 0;

/** An entry that defines an ID (an ID entry, or a register row that is an entry). */
const definesId = (e: IssueEntry) => e.kind !== 'numbered';

/** Path order: URIs compared as strings (a folder's files together, as the walk lists them). */
const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The table for `all` (the documents that define IDs), updated from `previous` when it can be. */
export function idTable(all: Iterable<DocumentFacts>, structure: number, previous: IdTable | undefined): IdTable {
  const unsorted = new Map<string, DocumentFacts>();
  for (const d of all) unsorted.set(d.uri, d);
  if (previous && previous.structure === structure) {
    const changed: [DocumentFacts, DocumentFacts][] = [];
    for (const [uri, doc] of unsorted) {
      const was = previous.docs.get(uri);
      if (was !== doc) changed.push([was!, doc]);
    }
    if (changed.length <= MAX_CHANGED_FOR_UPDATE) {
      for (const [was, now] of changed) update(previous, was, now);
      return previous;
    }
  }
  const docs = new Map([...unsorted].sort((a, b) => byPath(a[0], b[0])));
  const map = new Map<string, LocatedEntry[]>();
  for (const doc of docs.values()) {
    for (const entry of doc.entries) {
      if (!definesId(entry)) continue;
      let list = map.get(entry.id);
      if (!list) map.set(entry.id, (list = []));
      list.push(locate(doc.uri, entry));
    }
  }
  return { structure, docs, order: new Map([...docs.keys()].map((u, i) => [u, i])), map, version: ++tables, keysVersion: tables };
}

function update(t: IdTable, was: DocumentFacts, now: DocumentFacts): void {
  const { removed, added } = entryChanges(was, now);
  // How many entries each touched ID had before: the version changes only if an ID came or went
  // or a duplicated one changed (an entry edited in place leaves its ID as it was).
  const before = new Map<string, number>();
  const touch = (id: string) => before.has(id) || before.set(id, t.map.get(id)?.length ?? 0);
  for (const e of removed) {
    if (!definesId(e)) continue;
    touch(e.id);
    const list = t.map.get(e.id)!;
    list.splice(list.findIndex((l) => l.entry === e), 1);
    if (list.length === 0) {
      t.map.delete(e.id);
      t.sorted = undefined;
    }
  }
  const at = (x: LocatedEntry) => t.order.get(x.uri)!;
  for (const e of added) {
    if (!definesId(e)) continue;
    const l = locate(now.uri, e);
    touch(e.id);
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
  let changed = false;
  for (const [id, n] of before) {
    const m = t.map.get(id)?.length ?? 0;
    if (n === 0 || m === 0 || n > 1 || m > 1) changed = true;
    if ((n === 0) !== (m === 0)) t.keysVersion = ++tables;
  }
  if (changed || now.entries.some((e) => definesId(e) && (t.map.get(e.id)?.length ?? 0) > 1)) t.version = ++tables;
}
