/**
 * The ID definitions that one document's ID rules (undefined-issue, duplicate-issue) see. A document
 * of the workspace folders sees the workspace's (WorkspaceIndex.idDefinitions). A document outside
 * every folder (an untitled buffer, a file opened from elsewhere) defines nothing for the workspace,
 * but it is checked as a draft of the workspace would be: it sees the workspace's definitions and its
 * own, so that a mention of its own entry is defined and an ID it takes that the workspace already
 * has (with another title) is a duplicate there, and only there. Lists are in path order, then
 * position, as `check` lists them.
 */
import type { DocumentFacts } from './documentFacts';
import { locate, type LocatedEntry } from './issues';
import type { WorkspaceIndex } from './workspaceIndex';

const NONE: readonly LocatedEntry[] = [];

export function definitionsSeenBy(index: WorkspaceIndex, doc: DocumentFacts): (id: string) => readonly LocatedEntry[] {
  const defs = index.idDefinitions();
  if (index.inWorkspace(doc.uri)) return (id) => defs.get(id) ?? NONE;
  const own = new Map<string, LocatedEntry[]>();
  for (const e of doc.entries) {
    if (e.kind === 'numbered') continue;
    let list = own.get(e.id);
    if (!list) own.set(e.id, (list = []));
    list.push(locate(doc.uri, e));
  }
  return (id) => {
    const mine = own.get(id);
    const theirs = defs.get(id) ?? NONE;
    if (!mine) return theirs;
    // Stable: each list is in position order already.
    return [...theirs, ...mine].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  };
}

/**
 * What a document outside the workspace reads of the workspace's definitions beyond the ID table's
 * version: the versions of the documents that define its IDs too (an edit there moves the lines its
 * duplicate-issue names, and the table, which does not hold the outside document, sees no duplicate).
 */
export function outsideDefinitionInputs(index: WorkspaceIndex, doc: DocumentFacts): unknown[] {
  if (index.inWorkspace(doc.uri)) return [];
  const defs = index.idDefinitions();
  const out: unknown[] = [];
  for (const e of doc.entries) if (e.kind === 'id') for (const o of defs.get(e.id) ?? NONE) out.push(index.get(o.uri));
  return out;
}
