/**
 * The words the core reads statuses, severities and title markers by (contract v2, "Status",
 * "Severity"): the built-in ones plus those a team configures in `.issue-log.json` and those a log's
 * own Status Legend defines. One copy of each reading; documentFacts.ts, issues.ts and rules.ts ask
 * here. Section registers and statistics labels (headingWords.ts) are re-exported from here.
 *
 * Choices where the contract is silent (docs/format.md says the same):
 * - ✅ (also ✔ ☑) alone is resolved and 🔴 alone open, as the contract says; 🟢 and 🟡 alone are not
 *   read: logs use 🟢 for "done" and for "active", 🟡 for "in progress", "partial" and "mitigated".
 *   A team that means one of them adds it to `.issue-log.json`.
 * - A word is matched whole at the start of the value, after leading decoration: `Done` is not
 *   `Donelly`, `New` is not `Newly added`; `Partially resolved` and `Known limitation` are not read.
 * - A transition (`Open → Fixed`) is read by the state it went to.
 * - Severity words are whole words too: `Lowest` and `Highest` are not read (v1 read any word starting
 *   with low/high/med/crit); a range (`Medium-High`, `High/Critical`, `Low to Medium`) is not read.
 */
import type { IssueLogOptions } from './config';
import { Memo } from './memo';
import { compile, fold, LEADING, NO_WORDS, TRAILING, wordAt, type Vocabulary, type Words } from './words';
import { OPEN_STATUSES, RESOLVED_STATUSES, STATUS_SPELLINGS, type StatusClass } from './status';

export { sectionReading, statLabel, type SectionReading } from './headingWords';
export { readSeverity } from './severityWords';
export { fold, NO_WORDS, type Vocabulary } from './words';

/** A log's own Status Legend (statusLegend.ts reads it from the log's tables). */
export interface StatusLegend {
  readonly open: readonly string[];
  readonly resolved: readonly string[];
  /** Words the legend defines whose meaning says neither. */
  readonly defined: readonly string[];
}

const configured = new WeakMap<object, Vocabulary>();

/** The configured words of the options (one object per options object, so memos can key by it). */
export function vocabularyOf(options: Pick<IssueLogOptions, 'statusWords' | 'severityWords'>): Vocabulary {
  let v = configured.get(options);
  if (!v) configured.set(options, (v = { status: options.statusWords, severity: options.severityWords }));
  return v;
}

const withLegend = new Memo<StatusLegend, { base: Vocabulary; vocab: Vocabulary }>();

/**
 * The words an entry of `doc` is read with: the configured ones, and its log's legend's (a legend
 * applies to the document it is in, not to the documents that document links to).
 */
export function documentVocabulary(options: Pick<IssueLogOptions, 'statusWords' | 'severityWords'>, doc?: { readonly legend?: StatusLegend }): Vocabulary {
  const base = vocabularyOf(options);
  const legend = doc?.legend;
  if (!legend) return base;
  return withLegend.get(
    legend,
    0,
    () => ({
      base,
      vocab: {
        // The legend's words first: the log says what its words mean there.
        status: { open: [...legend.open, ...base.status.open], resolved: [...legend.resolved, ...base.status.resolved], defined: [...legend.defined, ...(base.status.defined ?? [])] },
        severity: base.severity,
      },
    }),
    (m) => m.base === base,
  ).vocab;
}

/** A status value folded, hyphens and underscores as spaces (`in-progress` is `in progress`). */
const foldStatus = (s: string) => fold(s.replace(/[-_]+/g, ' '));

/** What a word says: open, resolved, or defined by a log's legend without saying which. */
type Reading = 'open' | 'resolved' | 'defined';

const BUILT_IN_STATUS: Words<Reading> = {
  ...compile<Reading>(
    [
      [[...OPEN_STATUSES, ...STATUS_SPELLINGS.open], 'open'],
      [[...RESOLVED_STATUSES, ...STATUS_SPELLINGS.resolved], 'resolved'],
    ],
    foldStatus,
  ),
  symbols: new Map<string, Reading>([
    ['✅', 'resolved'],
    ['✔', 'resolved'],
    ['☑', 'resolved'],
    ['🔴', 'open'],
  ]),
};

const statusWordsOf = new Memo<Vocabulary, Words<Reading>>();
const extraStatus = (vocab: Vocabulary) =>
  statusWordsOf.get(vocab, 0, () =>
    compile<Reading>(
      [
        [vocab.status.open, 'open'],
        [vocab.status.resolved, 'resolved'],
        [vocab.status.defined ?? [], 'defined'],
      ],
      foldStatus,
    ),
  );

/** What a status value says with `vocab`: open, resolved, a word the legend defines, or nothing. */
function readStatusWord(value: string, vocab: Vocabulary, exact = false): Reading | undefined {
  let v = fold(value);
  // A transition (`Open → Fixed`, `Open -> Resolved`): the state it went to.
  const steps = v.split(/\s*(?:→|->|=>|⟶|➡|⇒)\s*/u).filter((s) => s !== '');
  if (steps.length > 1) v = steps[steps.length - 1];
  v = foldStatus(v);
  const bare = v.replace(LEADING, '');
  const extra = vocab === NO_WORDS ? undefined : extraStatus(vocab);
  if (bare === '') return extra?.symbols.get(v) ?? BUILT_IN_STATUS.symbols.get(v);
  const w = exact ? bare.replace(TRAILING, '') : bare;
  return (extra && wordAt(extra, w, exact)?.[1]) ?? wordAt(BUILT_IN_STATUS, w, exact)?.[1];
}

/** A Status value: open-like, resolved-like, or neither (`✅ Fixed`, `RESOLVED (2026-01-01)`, `In Progress - 50%`). */
export function readStatus(value: string, vocab: Vocabulary = NO_WORDS): StatusClass {
  const r = readStatusWord(value, vocab);
  return r === 'open' || r === 'resolved' ? r : 'unknown';
}

/** Whether a Status value is a word the built-in words, the configuration or the log's legend define (unknown-status fires on the others). */
export function statusDefined(value: string, vocab: Vocabulary = NO_WORDS): boolean {
  return readStatusWord(value, vocab) !== undefined;
}

/** Whether `text` is exactly one status word (with decoration around it), and which class. */
export function exactStatus(text: string, vocab: Vocabulary = NO_WORDS): 'open' | 'resolved' | undefined {
  const r = readStatusWord(text, vocab, true);
  return r === 'open' || r === 'resolved' ? r : undefined;
}

/**
 * The word of a Status value, as a team would add it to `.issue-log.json`: the value without its
 * decoration (`⏸️ On Hold` → `On Hold`, `Pending Review (since May)` → `Pending Review`); the value
 * itself when it is only a symbol.
 */
export function statusWordOf(value: string): string {
  const v = value.trim().replace(LEADING, '');
  const word = "\\p{L}[\\p{L}\\p{N}'’]*(?:-[\\p{L}\\p{N}'’]+)*";
  const m = new RegExp(`^${word}(?:[ \\t]+${word})*`, 'u').exec(v);
  return m ? m[0] : value.trim();
}

// --- Title markers ---

/** A trailing `(…)` / `[…]` group, or a trailing date, that decorates a status word. */
const TRAILING_GROUP = /\s*(?:[([][^()[\]]*[)\]]|\d{4}-\d{2}-\d{2})\s*$/u;

/**
 * A status marker in an entry heading's title: a status word at its end set off by a dash
 * (`Login loop — FIXED`) or in brackets or parentheses (`Cache miss (Resolved)`, `Crash [CLOSED]`), or
 * a leading ✅ or 🔴, or a trailing ✅ (`Crash (S1) ✅`). Not a title that merely starts with a status word
 * (`Duplicate Event Processing`), nor one that ends with one without a separator (`Pool Closed`), nor
 * `— Monitoring` after a dash (a topic as often as a status).
 */
export function titleStatus(title: string, vocab: Vocabulary = NO_WORDS): StatusClass | undefined {
  const t = title.replace(/[\uFE0E\uFE0F]/g, '').trim();
  if (/^(?:✅|✔|☑)\s*\S/u.test(t)) return 'resolved';
  if (/^🔴\s*\S/u.test(t)) return 'open';
  if (/\S\s+(?:✅|✔|☑)$/u.test(t)) return 'resolved';
  const bracket = /\S\s*[([]([^()[\]]+)[)\]]$/u.exec(t);
  if (bracket) {
    const s = exactStatus(bracket[1], vocab);
    if (s) return s;
  }
  const dash = /\S\s+[-–—]\s+([^-–—]+)$/u.exec(t.replace(TRAILING_GROUP, ''));
  if (dash) {
    const segment = dash[1];
    if (/^\W*monitoring\W*$/i.test(segment)) return undefined;
    return exactStatus(segment, vocab);
  }
  return undefined;
}
