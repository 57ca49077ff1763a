/** What each code means in one line, and its default severity: the rule metadata of SARIF. */
import { DEFAULT_RULE_SEVERITY, RULE_CODES, type RuleCode, type SeverityName } from '../../core/config';
import { CONFIG_PROBLEM_CODE } from '../../core/configFile';
import { ruleDocUrl } from '../../core/ruleDocs';

export interface RuleMeta {
  code: string;
  summary: string;
  defaultSeverity: SeverityName;
  helpUri: string;
}

/** One line each, from the contract's rule table ("fires when"); a new rule code must add its line. */
const SUMMARIES: Record<RuleCode | typeof CONFIG_PROBLEM_CODE, string> = {
  'broken-link': "A relative link whose file or folder does not exist.",
  'broken-anchor': "A #fragment that matches no heading id or HTML id/name of its target, as GitHub renders it.",
  'undefined-issue': 'An issue ID of a known prefix, mentioned in text, that no entry in the workspace defines.',
  'duplicate-issue': 'Two entries that define the same issue ID with different titles, or twice in one document.',
  'stale-stat': "A statistics count that differs from the count over the log's scope.",
  'stale-average': 'A resolution-table average that differs from the mean Time to Resolution of the resolved issues of its severity.',
  'sla-breach': "A resolved issue whose Time to Resolution exceeds its severity's Target SLA.",
  'status-conflict': 'One issue open-like in one place and resolved-like in another, or with two different severities.',
  'unknown-status': 'A Status value that is neither open-like nor resolved-like.',
  placeholder: 'A field value that is a placeholder: [TBD], TBD, TODO, ?, YYYY-MM-DD.',
  'review-overdue': 'Last Updated is older than the Next Review cadence.',
  'unused-suppression': 'An issue-log-disable comment (or one code of it) that silences nothing, or names no rule.',
  [CONFIG_PROBLEM_CODE]: 'A problem in .issue-log.json: an unknown key, a value of the wrong type, invalid JSON.',
};

/** Every rule, in the contract's order, then `config`; then any other code that was reported (its own default). */
export function ruleMetadata(reported: Iterable<{ code: string; severity: SeverityName }>): RuleMeta[] {
  const rules: RuleMeta[] = RULE_CODES.map((code) => ({ code, summary: SUMMARIES[code], defaultSeverity: DEFAULT_RULE_SEVERITY[code], helpUri: ruleDocUrl(code) }));
  rules.push({ code: CONFIG_PROBLEM_CODE, summary: SUMMARIES[CONFIG_PROBLEM_CODE], defaultSeverity: 'warning', helpUri: ruleDocUrl(CONFIG_PROBLEM_CODE) });
  for (const r of reported) {
    if (!rules.some((m) => m.code === r.code)) rules.push({ code: r.code, summary: (SUMMARIES as Record<string, string | undefined>)[r.code] ?? `Issue Log's ${r.code} check.`, defaultSeverity: r.severity, helpUri: ruleDocUrl(r.code) });
  }
  return rules;
}
