/**
 * The settings tree (mirrored from package.json's `contributes.configuration`, section `issueLog`,
 * plus the keys only `.issue-log.json` has), how the file's settings merge into it, and the one
 * function that turns it into the core's options.
 */
import type { ConfigFileSettings } from './configFile';
import { readSeverity } from './severityWords';

export type RuleCode =
  | 'broken-link'
  | 'broken-anchor'
  | 'undefined-issue'
  | 'duplicate-issue'
  | 'stale-stat'
  | 'stale-average'
  | 'sla-breach'
  | 'status-conflict'
  | 'unknown-status'
  | 'placeholder'
  | 'review-overdue'
  | 'unused-suppression';

export const RULE_CODES: readonly RuleCode[] = [
  'broken-link',
  'broken-anchor',
  'undefined-issue',
  'duplicate-issue',
  'stale-stat',
  'stale-average',
  'sla-breach',
  'status-conflict',
  'unknown-status',
  'placeholder',
  'review-overdue',
  'unused-suppression',
];

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';
export type RuleSetting = SeverityName | 'off';

export const DEFAULT_RULE_SEVERITY: Record<RuleCode, SeverityName> = {
  'broken-link': 'error',
  'broken-anchor': 'error',
  'undefined-issue': 'warning',
  'duplicate-issue': 'error',
  'stale-stat': 'warning',
  'stale-average': 'warning',
  'sla-breach': 'warning',
  'status-conflict': 'warning',
  'unknown-status': 'warning',
  placeholder: 'information',
  'review-overdue': 'information',
  'unused-suppression': 'hint',
};

export type IssueSeverity = 'Critical' | 'High' | 'Medium' | 'Low';
export { SEVERITIES } from './severity';

/** What a log's statistics count over (contract v2, "Scope"). */
export type Scope = 'references' | 'linked';
export const SCOPES: readonly Scope[] = ['references', 'linked'];

/** The settings as a user writes them (every key optional). */
export interface IssueLogSettings {
  /** Issue-ID prefixes and the severity each implies; "" means "from the Severity field". */
  prefixes?: Record<string, string>;
  /** Globs (relative to the workspace folder) of Markdown files to leave out. */
  exclude?: string[];
  /** Per-rule severity, or "off". */
  rules?: Partial<Record<string, string>>;
  /** Match `#fragments` to heading slugs exactly (GitLab) instead of case-insensitively (GitHub). */
  caseSensitiveAnchors?: boolean;
  /** Files larger than this many megabytes are skipped with a message. */
  maxFileSizeMB?: number;
  /** The "N references" code lens above each entry heading (default true). */
  codeLens?: { references?: boolean };
  /** Leave out what `.gitignore` files ignore (default true); `.issue-log.json` says it as `"gitignore"`. */
  useGitignore?: boolean;
  /** Which documents get the link rules: the issue logs' family (default) or every Markdown file. */
  checkLinks?: string;
  // Only `.issue-log.json` says these (no VS Code setting or CLI flag has them):
  scope?: Scope;
  status?: { open?: string[]; resolved?: string[] };
  severity?: Partial<Record<IssueSeverity, string[]>>;
  ignoreLinks?: string[];
}

/** The options the core works with, all resolved. */
export interface IssueLogOptions {
  prefixes: Map<string, IssueSeverity | undefined>;
  /** Matches an issue ID of any prefix anywhere in text (ID_PATTERN); global, prefix in group 1, number in group 2. */
  idPattern: RegExp;
  exclude: string[];
  rules: Record<RuleCode, RuleSetting>;
  caseSensitiveAnchors: boolean;
  maxFileSize: number;
  /** The walk leaves out what `.gitignore` files ignore (node/gitignore.ts). */
  useGitignore: boolean;
  /** What statistics count over; default `references` (read by no rule yet). */
  scope: Scope;
  /** Status words added to the built-in open-like and resolved-like ones (read by no rule yet). */
  statusWords: { open: string[]; resolved: string[] };
  /** Severity words added to the built-in ones, per severity (read by no rule yet). */
  severityWords: Record<IssueSeverity, string[]>;
  /** Globs of links that are never checked (core/ignoredLinks.ts says what a glob matches). */
  ignoreLinks: string[];
  /** Show the "N references" code lens above entry headings (read by the server's code lens only). */
  codeLensReferences: boolean;
  /** `family`: link rules on issue logs and the documents linked with one (core/linkFamily.ts); `all`: on every workspace document. */
  checkLinks: CheckLinks;
}

/** Which documents get the link rules (contract v2, "Documents and the workspace"). */
export type CheckLinks = 'family' | 'all';
export const CHECK_LINKS: readonly CheckLinks[] = ['family', 'all'];

export const DEFAULT_PREFIXES: Record<string, string> = {
  CRIT: 'Critical',
  HIGH: 'High',
  MED: 'Medium',
  LOW: 'Low',
  OPEN: '',
};

export const DEFAULT_MAX_FILE_SIZE_MB = 5;

/**
 * The settings that change what is indexed or how a file is parsed: when one of them changes, the
 * workspace is indexed anew. The others (rules, anchor case) only change what the rules report.
 */
export const REINDEX_SETTINGS = ['prefixes', 'exclude', 'maxFileSizeMB', 'status', 'severity', 'useGitignore', 'checkLinks'] as const satisfies readonly (keyof IssueLogSettings)[];

/** What each of REINDEX_SETTINGS resolved to, comparable by value. */
const RESOLVED_OF: Record<(typeof REINDEX_SETTINGS)[number], (o: IssueLogOptions) => unknown> = {
  prefixes: (o) => [...o.prefixes],
  exclude: (o) => o.exclude,
  maxFileSizeMB: (o) => o.maxFileSize,
  // Status and severity words may change how entries are read (the core's reading of them).
  status: (o) => o.statusWords,
  severity: (o) => o.severityWords,
  useGitignore: (o) => o.useGitignore,
  // What the pre-scan leaves unparsed (core/linkPrescan.ts).
  checkLinks: (o) => o.checkLinks,
};

/** The REINDEX_SETTINGS whose resolved values differ between two option sets (none: no re-index). */
export function reindexSettingsChanged(a: IssueLogOptions, b: IssueLogOptions): (typeof REINDEX_SETTINGS)[number][] {
  return REINDEX_SETTINGS.filter((name) => JSON.stringify(RESOLVED_OF[name](a)) !== JSON.stringify(RESOLVED_OF[name](b)));
}

export interface SettingsProblem {
  setting: string;
  message: string;
}

/**
 * `.issue-log.json` over the VS Code settings or CLI flags: the file wins where both say something,
 * the settings fill in the rest. Prefixes and rules merge per prefix and per rule code (the file's
 * prefixes are added to the settings' ones, or to the defaults); exclude globs are the union.
 */
export function mergeSettings(settings: IssueLogSettings, file: ConfigFileSettings): IssueLogSettings {
  const merged: IssueLogSettings = { ...settings };
  if (file.prefixes && Object.keys(file.prefixes).length > 0) {
    const base = settings.prefixes && Object.keys(settings.prefixes).length > 0 ? settings.prefixes : DEFAULT_PREFIXES;
    merged.prefixes = { ...base, ...file.prefixes };
  }
  if (file.rules) merged.rules = { ...settings.rules, ...file.rules };
  if (file.exclude) merged.exclude = [...new Set([...(Array.isArray(settings.exclude) ? settings.exclude : []), ...file.exclude])];
  if (file.scope) merged.scope = file.scope;
  if (file.status) merged.status = file.status;
  if (file.severity) merged.severity = file.severity;
  if (file.ignoreLinks) merged.ignoreLinks = file.ignoreLinks;
  if (file.gitignore !== undefined) merged.useGitignore = file.gitignore;
  if (file.checkLinks) merged.checkLinks = file.checkLinks;
  return merged;
}

const words = (list: unknown): string[] => (Array.isArray(list) ? list.filter((w): w is string => typeof w === 'string' && w.trim() !== '').map((w) => w.trim()) : []);

/**
 * An issue ID's prefix, read in capitals (contract v2): a capital, capitals or digits, optionally more
 * `-PART`s (`CRIT`, `R`, `TD-ARCH`). `Bug-12` is not an ID.
 */
export const PREFIX_SOURCE = '[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*';
/** An ID anywhere in text: a prefix, `-`, digits; not inside a longer word (`xCRIT-1`, `CRIT-1a`). */
export const ID_SOURCE = `(?<![A-Za-z0-9_-])(${PREFIX_SOURCE})-(\\d+)(?![A-Za-z0-9_])`;
/** A fresh global ID pattern (each user owns its lastIndex). */
export function idRegExp(): RegExp {
  return new RegExp(ID_SOURCE, 'g');
}
/** The prefix of an ID (`TD-ARCH` of `TD-ARCH-003`). */
export function prefixOfId(id: string): string {
  return id.slice(0, id.lastIndexOf('-'));
}

/** A severity word (`Critical`, `P1`, `🟠 High`…) read with the built-in words (severityWords.ts). */
export function severityFromWord(word: string): IssueSeverity | undefined {
  return readSeverity(word);
}

/**
 * Turns user settings into core options. Invalid values fall back to defaults and are reported in
 * `problems` so that the host can tell the user.
 */
export function resolveOptions(settings: IssueLogSettings = {}, problems: SettingsProblem[] = []): IssueLogOptions {
  const prefixes = new Map<string, IssueSeverity | undefined>();
  const rawPrefixes = settings.prefixes && Object.keys(settings.prefixes).length > 0 ? settings.prefixes : DEFAULT_PREFIXES;
  for (const [prefix, sev] of Object.entries(rawPrefixes)) {
    if (!new RegExp(`^${PREFIX_SOURCE}$`).test(prefix)) {
      problems.push({ setting: 'issueLog.prefixes', message: `"${prefix}" is not a valid prefix (capitals and digits, starting with a capital, optionally more -PARTs such as TD-ARCH); ignored.` });
      continue;
    }
    const severity = sev ? severityFromWord(String(sev)) : undefined;
    if (sev && !severity) {
      problems.push({ setting: 'issueLog.prefixes', message: `"${sev}" for prefix ${prefix} is not Critical, High, Medium or Low; its issues take their severity from the Severity field.` });
    }
    prefixes.set(prefix, severity);
  }
  if (prefixes.size === 0) {
    for (const [p, s] of Object.entries(DEFAULT_PREFIXES)) prefixes.set(p, s ? severityFromWord(s) : undefined);
  }
  // Parsing is prefix-independent (contract v2): the workspace decides which prefixes are known.
  const idPattern = idRegExp();

  const rules = { ...DEFAULT_RULE_SEVERITY } as Record<RuleCode, RuleSetting>;
  for (const [code, value] of Object.entries(settings.rules ?? {})) {
    if (!(RULE_CODES as readonly string[]).includes(code)) {
      problems.push({ setting: 'issueLog.rules', message: `"${code}" is not a rule code; known codes: ${RULE_CODES.join(', ')}.` });
      continue;
    }
    const v = String(value).toLowerCase();
    const normalized = v === 'info' ? 'information' : v === 'warn' ? 'warning' : v;
    if (['error', 'warning', 'information', 'hint', 'off'].includes(normalized)) {
      rules[code as RuleCode] = normalized as RuleSetting;
    } else {
      problems.push({ setting: 'issueLog.rules', message: `"${value}" for ${code} is not one of error, warning, information, hint, off.` });
    }
  }

  let maxMB = settings.maxFileSizeMB ?? DEFAULT_MAX_FILE_SIZE_MB;
  if (typeof maxMB !== 'number' || !Number.isFinite(maxMB) || maxMB <= 0) {
    problems.push({ setting: 'issueLog.maxFileSizeMB', message: `"${maxMB}" is not a positive number; using ${DEFAULT_MAX_FILE_SIZE_MB}.` });
    maxMB = DEFAULT_MAX_FILE_SIZE_MB;
  }

  const lensSetting = settings.codeLens?.references;
  if (lensSetting !== undefined && typeof lensSetting !== 'boolean') problems.push({ setting: 'issueLog.codeLens.references', message: `"${lensSetting}" is not true or false; the lenses are shown.` });
  if (settings.useGitignore !== undefined && typeof settings.useGitignore !== 'boolean') {
    problems.push({ setting: 'issueLog.useGitignore', message: `"${settings.useGitignore}" is not true or false; using true.` });
  }
  let checkLinks: CheckLinks = 'family';
  if (settings.checkLinks !== undefined) {
    if ((CHECK_LINKS as readonly unknown[]).includes(settings.checkLinks)) checkLinks = settings.checkLinks as CheckLinks;
    else problems.push({ setting: 'issueLog.checkLinks', message: `"${settings.checkLinks}" is not "family" or "all"; using "family".` });
  }

  return {
    prefixes,
    idPattern,
    exclude: Array.isArray(settings.exclude) ? settings.exclude.filter((g) => typeof g === 'string') : [],
    rules,
    caseSensitiveAnchors: settings.caseSensitiveAnchors === true,
    maxFileSize: Math.round(maxMB * 1024 * 1024),
    useGitignore: settings.useGitignore !== false,
    scope: settings.scope && (SCOPES as readonly string[]).includes(settings.scope) ? settings.scope : 'references',
    statusWords: { open: words(settings.status?.open), resolved: words(settings.status?.resolved) },
    severityWords: { Critical: words(settings.severity?.Critical), High: words(settings.severity?.High), Medium: words(settings.severity?.Medium), Low: words(settings.severity?.Low) },
    ignoreLinks: words(settings.ignoreLinks),
    codeLensReferences: lensSetting !== false,
    checkLinks,
  };
}
