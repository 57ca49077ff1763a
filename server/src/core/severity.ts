/** The one order of issue severities: most severe first, then issues of unknown severity. */
import type { IssueSeverity } from './config';
import type { IssueSeverityName } from '../protocol';

export const SEVERITIES: readonly IssueSeverity[] = ['Critical', 'High', 'Medium', 'Low'];

/** The order the tree, `issue-log open` and the sorting of open issues use. */
export const SEVERITY_ORDER: readonly IssueSeverityName[] = [...SEVERITIES, 'Unknown'];

/** Position of a severity in SEVERITY_ORDER; an unknown or missing one sorts last. */
export function severityRank(severity: IssueSeverityName | undefined): number {
  const i = SEVERITY_ORDER.indexOf(severity ?? 'Unknown');
  return i < 0 ? SEVERITY_ORDER.length - 1 : i;
}
