/**
 * Headings and labels read as words (contract v2): a section heading that is a status or severity
 * register, and a statistics item's label. Both use the built-in words only: section readings are
 * remembered by heading text alone (documentFacts.ts), so configured and legend words do not reach
 * them (statLabel takes the configured severity words when its caller has them).
 *
 * The register rule, in one sentence: a heading is a register when, without its decoration (emoji,
 * a leading number, a count in parentheses), it is one or more status or severity words (joined by
 * and, or, `/`, `&`) followed only by nouns from a short list (Issues, Bugs, Findings, Register,
 * Tracker, Priority…); a lone word needs no noun only when it cannot also be a topic (`Open`,
 * `Resolved`, `Critical`, not `Monitoring`). So `Critical Issues Register`, `High Priority Issues`,
 * `P1 — Major`, `Critical (Blockers)`, `High (7)`, `Open Issues Tracker`, `Fixed Bugs` are registers,
 * and `Phase 1: Critical Navigation`, `High-level design`, `Low-hanging fruit`, `Open Questions` are not.
 */
import type { IssueSeverity } from './config';
import type { StatKey } from './issues';
import type { StatusClass } from './status';
import { builtInSeverityOf, readSeverity } from './severityWords';
import { fold, LEADING, NO_WORDS, TRAILING, type Vocabulary } from './words';

/** What a section heading that is a register says about the entries under it (nothing: not a register). */
export interface SectionReading {
  readonly status?: StatusClass;
  readonly severity?: IssueSeverity;
}

/** Status words a register heading may use: the built-in ones but those that name a topic or a subset as often (Monitoring, Identified, Verified, Duplicate, Not a Bug). */
const SECTION_STATUS: readonly (readonly [readonly string[], 'open' | 'resolved', boolean])[] = [
  // [tokens, class, may stand alone]
  [['open'], 'open', true],
  [['in', 'progress'], 'open', true],
  [['investigating'], 'open', false],
  [['blocked'], 'open', true],
  [['reopened'], 'open', true],
  [['new'], 'open', false],
  [['active'], 'open', true],
  [['planned'], 'open', false],
  [['proposed'], 'open', false],
  [['triaged'], 'open', false],
  [['deferred'], 'open', true],
  [['unfixed'], 'open', false],
  [['resolved'], 'resolved', true],
  [['closed'], 'resolved', true],
  [['fixed'], 'resolved', true],
  [['done'], 'resolved', true],
  [['complete'], 'resolved', true],
  [['completed'], 'resolved', true],
  [['mitigated'], 'resolved', false],
  [["won't", 'fix'], 'resolved', true],
  [['wont', 'fix'], 'resolved', true],
];

const NOUNS = new Set(
  'issue issues bug bugs enhancement enhancements finding findings incident incidents item items risk risks defect defects ticket tickets problem problems task tasks vulnerability vulnerabilities entries register tracker log list backlog priority priorities severity'.split(' '),
);
const CONNECTORS = new Set(['and', 'or']);

interface Marker {
  readonly length: number;
  readonly status?: 'open' | 'resolved';
  readonly severity?: IssueSeverity;
  readonly alone: boolean;
}

function markerAt(tokens: readonly string[], i: number): Marker | undefined {
  for (const [words, cls, alone] of SECTION_STATUS) {
    if (words.every((w, k) => tokens[i + k] === w)) return { length: words.length, status: cls, alone };
  }
  const severity = builtInSeverityOf(tokens[i]);
  return severity ? { length: 1, severity, alone: true } : undefined;
}

/** The words of a heading or label without decoration: emoji and punctuation dropped, `&` `/` `+` as `and`. */
function tokensOf(text: string): string[] {
  return fold(text)
    .replace(/^\d+(?:\.\d+)*[.)]?\s+/, '')
    .replace(/[&/+,]/g, ' and ')
    .replace(/[^\p{L}\p{N}'\s]/gu, ' ')
    .split(' ')
    .map((t) => t.replace(/^'+|'+$/g, ''))
    .filter((t) => t !== '');
}

interface Phrase {
  readonly status?: 'open' | 'resolved' | 'mixed';
  readonly severity?: IssueSeverity | 'mixed';
  readonly nouns: number;
}

/** Markers, then nouns only (counts allowed among them); undefined when the words are not such a phrase. */
function readPhrase(tokens: readonly string[]): Phrase | undefined {
  let status: Phrase['status'];
  let severity: Phrase['severity'];
  let alone = true;
  let markers = 0;
  let i = 0;
  while (i < tokens.length) {
    const m = markerAt(tokens, i);
    if (m) {
      markers++;
      alone &&= m.alone;
      if (m.status) status = status === undefined || status === m.status ? m.status : 'mixed';
      if (m.severity) severity = severity === undefined || severity === m.severity ? m.severity : 'mixed';
      i += m.length;
      continue;
    }
    if (markers > 0 && CONNECTORS.has(tokens[i]) && markerAt(tokens, i + 1)) {
      i++;
      continue;
    }
    break;
  }
  if (markers === 0) return undefined;
  let nouns = 0;
  for (; i < tokens.length; i++) {
    if (NOUNS.has(tokens[i])) nouns++;
    else if (!/^\d+$/.test(tokens[i])) return undefined;
  }
  if (nouns === 0 && !alone) return undefined;
  return { status, severity, nouns };
}

/** A count in parentheses (`(7)`, `(3 open)`): decoration of a register heading. */
const COUNT_GROUP = /\(\s*\d+(?:\s+[\p{L}]+)?\s*\)/gu;

/** What a section heading says as a register: its status, its severity, both or nothing. */
export function sectionReading(text: string): SectionReading {
  const p = readPhrase(tokensOf(text.replace(COUNT_GROUP, ' ')));
  if (!p) return {};
  const status = p.status === 'open' || p.status === 'resolved' ? p.status : undefined;
  const severity = p.severity && p.severity !== 'mixed' ? p.severity : undefined;
  return status && severity ? { status, severity } : status ? { status } : severity ? { severity } : {};
}

const COUNT_NOUN = '(?: (?:issues|bugs|findings|incidents|defects|tickets|items|entries|problems|risks|vulnerabilities|tasks))?';
const TOTAL = new RegExp(`^total(?: number of)?${COUNT_NOUN}(?: (?:found|identified|reported|logged|tracked|recorded))?$`);
const RESOLVED_LABEL = new RegExp(`^(?:resolved|fixed|closed|done)${COUNT_NOUN}$`);
const OPEN_LABEL = new RegExp(`^(?:open|active|remaining|outstanding)${COUNT_NOUN}$`);

/**
 * The count a statistics item's label names, if any: Total (Total Issues, Total Bugs Found…),
 * Resolved (Fixed, Closed, Done), Open (Active, Remaining, Outstanding), a severity (Critical, P0,
 * Blocker, 🔴 Critical, High Priority, and `vocab`'s severity words). Other labels (Deferred,
 * In Progress, Won't Fix: parts of a count, not a count) are not read.
 */
export function statLabel(label: string, vocab: Vocabulary = NO_WORDS): StatKey | undefined {
  const tokens = tokensOf(label);
  const t = tokens.join(' ');
  if (TOTAL.test(t)) return 'total';
  if (RESOLVED_LABEL.test(t)) return 'resolved';
  if (OPEN_LABEL.test(t)) return 'open';
  const p = readPhrase(tokens);
  if (p && p.status === undefined && p.severity && p.severity !== 'mixed') return p.severity.toLowerCase() as StatKey;
  if (vocab !== NO_WORDS) {
    const bare = fold(label).replace(LEADING, '').replace(TRAILING, '');
    const s = bare ? readSeverity(bare, vocab) : undefined;
    // Only a label that is the configured word itself (`Cosmetic`), not one that starts with it.
    if (s && Object.values(vocab.severity).some((ws) => ws.some((w) => fold(w) === bare))) return s.toLowerCase() as StatKey;
  }
  return undefined;
}
