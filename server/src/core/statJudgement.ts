/**
 * How a statistics count is judged against a log's scope (contract v2, "Statistics": the interval
 * rule) and how the judgement is put into words, for stale-stat (rules.ts) and the hover on a
 * statistics item (features/hover.ts): one copy of both.
 */
import type { Issue, ScopeStats, StatKey } from './issues';
import { displayPath } from './paths';

/** What a log's scope reaches beyond its own entries (WorkspaceIndex.scopeReach). */
export type ScopeReach = 'log' | 'references' | 'linked';

export interface CountJudgement {
  /** The issues known to be X. */
  readonly k: number;
  /** The issues whose X-ness cannot be read. */
  readonly u: number;
  /**
   * The written count is ruled out: below k or above k + u. Inside [k, k + u] the unread issues
   * could explain it, so it is not judged.
   */
  readonly stale: boolean;
  /** The count not judged although it differs from k (the hover says why). */
  readonly unjudged: boolean;
}

/**
 * A scope in which no issue was read at all judges nothing: a statistics block over entries none of
 * which could be read says more about the reading than about the log ("understood, or left alone").
 */
export function judgeCount(stats: ScopeStats, key: StatKey, written: number): CountJudgement {
  const k = stats.counts[key];
  const u = stats.unread[key];
  const stale = stats.counts.total > 0 && (written < k || written > k + u);
  return { k, u, stale, unjudged: !stale && written !== k };
}

/** `issues` plural-aware: "1 resolved issue", "2 resolved issues". */
export function countOf(n: number, key: StatKey): string {
  const word = STAT_NOUN[key];
  return `${n} ${n === 1 ? word : `${word}s`}`;
}

const STAT_NOUN: Record<StatKey, string> = {
  total: 'issue',
  resolved: 'resolved issue',
  open: 'open issue',
  critical: 'Critical issue',
  high: 'High issue',
  medium: 'Medium issue',
  low: 'Low issue',
};

/** What cannot be read for a count: "status" for Resolved and Open, "severity" for the severity counts. */
export function unreadWhat(key: StatKey): 'status' | 'severity' {
  return key === 'resolved' || key === 'open' ? 'status' : 'severity';
}

/** The scope named as the subject of a sentence, with its verb: "this log and the entries it references hold". */
export function scopeSubject(reach: ScopeReach): string {
  switch (reach) {
    case 'references':
      return 'this log and the entries it references hold';
    case 'linked':
      return 'this log and the documents it links to hold';
    default:
      return 'this log holds';
  }
}

/**
 * stale-stat's message: "Total Issues says 6; this log and the entries it references hold 7 issues",
 * or with unread issues "Resolved says 3; this log holds 5 resolved issues, and 2 whose status could
 * not be read".
 */
export function staleStatMessage(label: string, written: number, j: CountJudgement, key: StatKey, reach: ScopeReach): string {
  const unread = j.u > 0 ? `, and ${j.u} whose ${unreadWhat(key)} could not be read (${j.k} to ${j.k + j.u} would fit)` : '';
  return `${label} says ${written}; ${scopeSubject(reach)} ${countOf(j.k, key)}${unread}`;
}

/** How many of the unread issues a hover names before "and N more". */
export const NAMED_UNREAD = 5;

/** The name of an issue in a list: its ID, or a numbered entry's `Issue 3 (phase/issues.md)`. */
export function issueName(i: Issue, folders: readonly string[]): string {
  const first = i.entries[0];
  return first.entry.kind === 'id' ? first.entry.id : `${first.entry.id} (${displayPath(folders, first.uri)})`;
}
