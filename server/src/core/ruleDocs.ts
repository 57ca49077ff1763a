/**
 * Where each rule is explained: one page per code under docs/rules/ of the project's repository. The
 * editor links a diagnostic's code there (`codeDescription.href`) and SARIF gives it as `helpUri`, so
 * both name one address; it follows package.json's `repository`.
 */
export const RULE_DOCS_BASE = 'https://github.com/issue-log/issue-log/blob/main/docs/rules/';

/** The page that explains `code` (a rule code, or `config` / `not-checked`). */
export function ruleDocUrl(code: string): string {
  return `${RULE_DOCS_BASE}${code}.md`;
}
