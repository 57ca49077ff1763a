/**
 * The words the core reads statuses, severities, section registers, title markers and statistics
 * labels by (contract v2, "Status", "Severity", "Statistics"): the built-in ones plus those a team
 * configures in `.issue-log.json` and those a log's own Status Legend defines. One copy of each
 * reading; documentFacts.ts, issues.ts and rules.ts ask here.
 */
import type { IssueLogOptions, IssueSeverity } from './config';
import { severityFromWord } from './config';
import type { StatKey } from './issues';
import { classifyStatus, type StatusClass } from './status';

/** Words added to the built-in ones (configured, or from a log's legend). */
export interface Vocabulary {
  readonly status: { readonly open: readonly string[]; readonly resolved: readonly string[] };
  readonly severity: Readonly<Record<IssueSeverity, readonly string[]>>;
}

export const NO_WORDS: Vocabulary = { status: { open: [], resolved: [] }, severity: { Critical: [], High: [], Medium: [], Low: [] } };

/** The configured words of the options. */
export function vocabularyOf(options: Pick<IssueLogOptions, 'statusWords' | 'severityWords'>): Vocabulary {
  return { status: options.statusWords, severity: options.severityWords };
}

/** A Status value (or a title marker's word): open-like, resolved-like, or neither. */
export function readStatus(value: string, _vocab: Vocabulary = NO_WORDS): StatusClass {
  return classifyStatus(value);
}

/** A Severity value (or a prefix's configured severity), with decoration; undefined when not read. */
export function readSeverity(value: string, _vocab: Vocabulary = NO_WORDS): IssueSeverity | undefined {
  return severityFromWord(value);
}

/** What a section heading that is a register says about the entries under it (nothing: not a register). */
export interface SectionReading {
  readonly status?: StatusClass;
  readonly severity?: IssueSeverity;
}

const SEVERITY_WORD = /\b(critical|high|medium|low)\b/i;

export function sectionReading(text: string, _vocab: Vocabulary = NO_WORDS): SectionReading {
  const sev = SEVERITY_WORD.exec(text);
  const severity = sev ? severityFromWord(sev[1]) : undefined;
  const status: StatusClass | undefined = /\bopen\b/i.test(text) ? 'open' : undefined;
  return status && severity ? { status, severity } : status ? { status } : severity ? { severity } : {};
}

/** A status marker in an entry heading's title (`— FIXED`, `(Resolved)`, a leading ✅), if there is one. */
export function titleStatus(_title: string, _vocab: Vocabulary = NO_WORDS): StatusClass | undefined {
  return undefined;
}

const STAT_LABELS: Record<string, StatKey> = {
  'total issues': 'total',
  total: 'total',
  resolved: 'resolved',
  open: 'open',
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
};

/** The count a statistics item's label names, if any. */
export function statLabel(label: string): StatKey | undefined {
  return STAT_LABELS[label.toLowerCase().replace(/\s+/g, ' ').trim()];
}
