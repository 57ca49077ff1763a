/**
 * Which documents get the link rules (contract v2, "Documents and the workspace"): the issue logs,
 * and with `checkLinks: family` (the default) the documents of the log's family: every workspace
 * document that links to a workspace log, or that a workspace log links to (one hop: its indexes,
 * tables of contents, phase files). With `checkLinks: all`, every workspace document. A document
 * outside every workspace folder is checked only when it is a log (as before), and confers
 * membership on nothing (`check` never reads it, and the server must agree with `check`).
 *
 * Only the link rules run on a member that is not a log (rules.ts).
 */
import type { DocumentFacts } from './documentFacts';
import { Memo } from './memo';
import type { WorkspaceIndex } from './workspace';

/** Per index, by its version: the workspace documents, not logs, of the logs' family. */
const families = new Memo<WorkspaceIndex, ReadonlySet<string>>();

/** The non-log workspace documents that get the link rules in family mode (remembered per index version). */
export function familyMembers(index: WorkspaceIndex): ReadonlySet<string> {
  return families.get(index, index.version, () => {
    const out = new Set<string>();
    const isLog = (uri: string) => index.get(uri)?.isLog === true;
    for (const doc of index.documents) {
      if (!index.inWorkspace(doc.uri)) continue;
      // linkedDocuments lists indexed workspace documents only.
      if (doc.isLog) {
        for (const target of index.linkedDocuments(doc)) if (!isLog(target)) out.add(target);
      } else if (index.linkedDocuments(doc).some(isLog)) {
        out.add(doc.uri);
      }
    }
    return out;
  });
}

/** Does `doc` get the link rules? */
export function linksChecked(index: WorkspaceIndex, doc: DocumentFacts): boolean {
  if (doc.isLog) return true;
  if (!index.inWorkspace(doc.uri)) return false;
  if (index.options.checkLinks === 'all') return true;
  return familyMembers(index).has(doc.uri);
}

/** The non-log documents that get the link rules now (for publishing: they are checked with the logs). */
export function linkCheckedNonLogs(index: WorkspaceIndex): Iterable<string> {
  if (index.options.checkLinks !== 'all') return familyMembers(index);
  const out: string[] = [];
  for (const doc of index.documents) if (!doc.isLog && index.inWorkspace(doc.uri)) out.push(doc.uri);
  return out;
}
