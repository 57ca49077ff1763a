/** The `issueLog/logSummary` answer: is the document a log, how many open issues its scope holds. */
import type { LogSummaryResult } from '../../protocol';
import type { WorkspaceIndex } from '../workspace';

export function logSummary(index: WorkspaceIndex, uri: string, problemCount: number): LogSummaryResult {
  const doc = index.get(uri);
  if (!doc || !doc.isLog) return { isLog: false, openCount: 0, problemCount: 0 };
  const openCount = index.scopeStats(uri).counts.open;
  return { isLog: true, openCount, problemCount };
}
