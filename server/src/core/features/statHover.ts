/**
 * The hover on a statistics item: what the count is over (the log's scope, its counts), how the
 * written number was judged, and, where issues could not be read, which ones (contract v2: "the
 * hover on an item that was not judged says how many issues could not be read, and which").
 */
import type { DocumentFacts } from '../documentFacts';
import { endOf, startOf } from '../documentFacts';
import type { StatItem } from '../model';
import { SEVERITIES } from '../severity';
import { NAMED_UNREAD, countOf, issueName, judgeCount, unreadWhat, type CountJudgement, type ScopeReach } from '../statJudgement';
import { unreadIssues, type StatKey } from '../issues';
import type { WorkspaceIndex } from '../workspaceIndex';

/** The statistics item whose line holds `offset`. */
export function statItemAt(doc: DocumentFacts, offset: number): StatItem | undefined {
  for (const b of doc.statistics) for (const i of b.items) if (offset >= startOf(doc, i.field) && offset <= endOf(doc, i.field)) return i;
  return undefined;
}

/** What the hover says, as data (tests read this; the Markdown is made from it). */
export interface StatExplanation {
  readonly key: StatKey;
  readonly written: number;
  readonly judgement: CountJudgement;
  readonly reach: ScopeReach;
  readonly counts: Record<StatKey, number>;
  /** The issues whose X-ness could not be read, by name (all of them; the Markdown names a few). */
  readonly unread: readonly string[];
}

export function explainStatItem(index: WorkspaceIndex, uri: string, item: StatItem): StatExplanation {
  const stats = index.scopeStats(uri);
  const judgement = judgeCount(stats, item.key, item.written);
  // Listed only here, when asked: the counts themselves are kept by difference.
  const unread = judgement.u > 0 ? unreadIssues(index.scope(uri), item.key).map((i) => issueName(i, index.folders)) : [];
  return { key: item.key, written: item.written, judgement, reach: index.scopeReach(uri), counts: { ...stats.counts }, unread };
}

const IN_SCOPE: Record<ScopeReach, string> = {
  log: "in this log's scope (its own entries)",
  references: "in this log's scope (its entries and those its Reference fields point to)",
  linked: "in this log's scope (its entries and those of the documents it links to)",
};

export function statHoverMarkdown(e: StatExplanation): string {
  const c = e.counts;
  const severities = SEVERITIES.filter((s) => c[s.toLowerCase() as StatKey] > 0).map((s) => `${s} ${c[s.toLowerCase() as StatKey]}`);
  const lines = [`${countOf(c.total, 'total')} ${IN_SCOPE[e.reach]}: ${c.resolved} resolved, ${c.open} open${severities.length ? `; ${severities.join(', ')}` : ''}.`];
  const j = e.judgement;
  if (j.u > 0) {
    const named = e.unread.slice(0, NAMED_UNREAD).join(', ');
    const more = e.unread.length > NAMED_UNREAD ? `, and ${e.unread.length - NAMED_UNREAD} more` : '';
    const what = unreadWhat(e.key) === 'status' ? 'a status I can read (neither open- nor resolved-like)' : 'a severity I can read';
    lines.push('', `${j.u} ${j.u === 1 ? 'issue has no' : 'issues have no'} ${what}: ${named}${more}.`);
  }
  if (j.stale) lines.push('', `**${e.written}** is ruled out: ${j.u > 0 ? `between ${j.k} and ${j.k + j.u} would fit` : `the count is ${j.k}`}.`);
  else if (c.total === 0) lines.push('', `**${e.written}** is not judged: no issue entry of this log's scope could be read.`);
  else if (j.unjudged) lines.push('', `**${e.written}** is not judged: it lies within ${j.k} to ${j.k + j.u}, which the issues that could not be read could explain.`);
  else lines.push('', `**${e.written}** matches.`);
  return lines.join('\n');
}
