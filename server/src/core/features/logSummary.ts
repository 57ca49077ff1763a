/**
 * The `issueLog/logSummary` answer: is the document a log, and how many open issues it holds. A log
 * with a statistics block or a resolution table (a master or summary log) counts its scope, as its
 * statistics do; any other log (a phase file) counts its own issues (issue 14: a phase file with no
 * open issue said "2 open", the count of its scope).
 */
import type { LogSummaryResult } from '../../protocol';
import type { WorkspaceIndex } from '../workspace';

export function logSummary(index: WorkspaceIndex, uri: string, problemCount: number): LogSummaryResult {
  const doc = index.get(uri);
  if (!doc || !doc.isLog) return { isLog: false, openCount: 0, problemCount: 0, counted: 'file' };
  if (doc.statistics.length > 0 || doc.resolutionTables.length > 0) return { isLog: true, openCount: index.scopeStats(uri).counts.open, problemCount, counted: 'scope' };
  let openCount = 0;
  for (const issue of index.scopeIssues(uri)) if (issue.status === 'open' && issue.entries.some((e) => e.uri === uri)) openCount++;
  return { isLog: true, openCount, problemCount, counted: 'file' };
}
