/**
 * The statistics edit that goes with a new open issue (New Issue…, the entry templates of completion):
 * Total, Open and the issue's severity count of the log's statistics blocks, each one up, in the same
 * edit as the entry so that inserting an issue adds no stale-stat and one undo takes both back. Only a
 * count that was right before (written = the count over the scope) is bumped: a stale one is left to
 * its own diagnostic, one the unread issues could explain is left alone.
 */
import type { TextEdit } from 'vscode-languageserver-protocol';
import type { IssueSeverity } from '../config';
import { rangeIn } from '../documentFacts';
import type { StatKey, WorkspaceIndex } from '../workspace';

/** The edits of `uri`'s statistics counts for one more open issue of `severity` (none: Total and Open only). */
export function statsBumpEdits(index: WorkspaceIndex, uri: string, severity: IssueSeverity | undefined): TextEdit[] {
  const doc = index.get(uri);
  if (!doc || doc.statistics.length === 0) return [];
  const keys = new Set<StatKey>(['total', 'open']);
  if (severity) keys.add(severity.toLowerCase() as StatKey);
  const stats = index.scopeStats(uri);
  const edits: TextEdit[] = [];
  for (const block of doc.statistics) {
    for (const item of block.items) {
      if (!keys.has(item.key) || item.written !== stats.counts[item.key]) continue;
      edits.push({ range: rangeIn(doc, item.field, item.numberStart, item.numberEnd), newText: String(item.written + 1) });
    }
  }
  return edits;
}
