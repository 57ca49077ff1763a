/**
 * Severity values (contract v2, "Severity"): Critical, High, Medium, Low in any case with decoration;
 * P0–P3 and S1–S4; Blocker, Major, Minor; 🔴 🟠 🟡 🟢 alone; and the configured words.
 */
import type { IssueSeverity } from './config';
import { Memo } from './memo';
import { compile, fold, LEADING, NO_WORDS, wordAt, type Vocabulary, type Words } from './words';

const SEVERITY_WORDS: Readonly<Record<IssueSeverity, readonly string[]>> = {
  Critical: ['Critical', 'Crit', 'Blocker', 'Blockers', 'P0', 'S1'],
  High: ['High', 'Major', 'P1', 'S2'],
  Medium: ['Medium', 'Med', 'P2', 'S3'],
  Low: ['Low', 'Minor', 'P3', 'S4'],
};

const severityLists = (words: Readonly<Record<IssueSeverity, readonly string[]>>): [readonly string[], IssueSeverity][] => [
  [words.Critical, 'Critical'],
  [words.High, 'High'],
  [words.Medium, 'Medium'],
  [words.Low, 'Low'],
];

const BUILT_IN_SEVERITY: Words<IssueSeverity> = {
  ...compile(severityLists(SEVERITY_WORDS), fold),
  symbols: new Map<string, IssueSeverity>([
    ['🔴', 'Critical'],
    ['🟠', 'High'],
    ['🟡', 'Medium'],
    ['🟢', 'Low'],
  ]),
};

const severityWordsOf = new Memo<Vocabulary, Words<IssueSeverity>>();
const extraSeverity = (vocab: Vocabulary) => severityWordsOf.get(vocab, 0, () => compile(severityLists(vocab.severity), fold));

function severityAt(s: string, extra: Words<IssueSeverity> | undefined): readonly [string, IssueSeverity] | undefined {
  return (extra && wordAt(extra, s, false)) ?? wordAt(BUILT_IN_SEVERITY, s, false);
}

/** The built-in severity words, folded (headingWords.ts reads registers and labels with them). */
export function builtInSeverityOf(token: string): IssueSeverity | undefined {
  const e = wordAt(BUILT_IN_SEVERITY, token, true);
  return e?.[1];
}

/**
 * A Severity (or Priority) value, with decoration (`Critical (Blocker)`, `🔴 Critical`, `P1 - High`);
 * `🔴 🟠 🟡 🟢` alone; undefined when not read.
 */
export function readSeverity(value: string, vocab: Vocabulary = NO_WORDS): IssueSeverity | undefined {
  const v = fold(value);
  const extra = vocab === NO_WORDS ? undefined : extraSeverity(vocab);
  const bare = v.replace(LEADING, '');
  if (bare === '') return extra?.symbols.get(v) ?? BUILT_IN_SEVERITY.symbols.get(v);
  const first = severityAt(bare, extra);
  if (!first) return undefined;
  // A second severity joined to the first (`Medium-High`, `High/Critical`, `Low to Medium`) is a range: not read.
  const rest = bare.slice(first[0].length);
  const join = /^\s*(?:[-–—/]|to\s|or\s)\s*/.exec(rest);
  if (join) {
    const second = severityAt(rest.slice(join[0].length), extra);
    if (second && second[1] !== first[1]) return undefined;
  }
  return first[1];
}

