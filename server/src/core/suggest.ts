/**
 * Suggestions for broken links and anchors: the nearest name to a misspelt one, the heading of the
 * same entry, and the file a link meant (fileSuggest.ts). A suggestion is made only when it is right
 * with confidence: one that changes a number (`#issue-5` for `#issue-4`) names another issue, step or
 * file, so it is not offered.
 */
import type { DocumentFacts } from './documentFacts';
import { numberedEntriesByNumber } from './documentMaps';

/** A fragment that names an entry by number or ID without its title: `issue-1`, `bug-12`, `crit-001`. */
const ENTRY_FRAGMENT = /^(?:[a-z][a-z0-9]*-)+\d+$/i;

/**
 * The heading of the same entry when the fragment leaves out its title (`#issue-1` for
 * `### Issue #1: Pool Exhaustion`, whose id is `issue-1-pool-exhaustion`; `#crit-001` for
 * `### CRIT-001: …`): contract v2 prefers it to the nearest spelling.
 */
export function sameEntryAnchor(fragment: string, anchors: Iterable<string>): string | undefined {
  if (!ENTRY_FRAGMENT.test(fragment)) return undefined;
  const prefix = fragment.toLowerCase() + '-';
  for (const a of anchors) if (a.toLowerCase().startsWith(prefix)) return a;
  return undefined;
}

/** An entry named at the start of a fragment: its ID or `issue-N` (`crit-001`, `td-arch-003`, `issue-3` of `issue-3-old-title`). */
const ENTRY_KEY = /^((?:[a-z][a-z0-9]*-)+?)(\d+)(?=-|$)/i;
/** The words of numbered entries' anchors (`#issue-1` for `### Bug #1: …` too, as the index reads a Reference). */
const NUMBERED_WORD = /^(?:issue|bug|incident)-$/i;

/**
 * The heading of the entry a broken fragment names by its ID or number, whatever title it carried:
 * `#crit-001` or `#crit-001-old-title` for `### CRIT-001: Title`, `#issue-3` or `#issue-3-old-title`
 * for `### Issue #3: …` (the target's only entry numbered 3); else an anchor that starts with the
 * fragment's entry part (a heading not read as an entry).
 */
export function sameEntryHeading(fragment: string, target: DocumentFacts): string | undefined {
  const f = fragment.startsWith('user-content-') ? fragment.slice('user-content-'.length) : fragment;
  const m = ENTRY_KEY.exec(f);
  if (!m) return undefined;
  const key = (m[1] + m[2]).toLowerCase();
  for (const e of target.entries) if (e.kind === 'id' && e.slug !== '' && e.id.toLowerCase() === key) return e.slug;
  if (NUMBERED_WORD.test(m[1])) {
    const only = numberedEntriesByNumber(target).get(Number(m[2]));
    if (only && only.slug !== '') return only.slug;
  }
  return sameEntryAnchor(key, target.anchors);
}

/** The numbers in a name, in order (`issue-12-v2` → `12,2`): a suggestion keeps them. */
const numbersOf = (x: string) => (x.match(/\d+/g) ?? []).map(Number).join(',');

/** A suggestion differs from the fragment by at most this many edits (more is another name, not a typo). */
const MAX_SUGGESTION_EDITS = 3;
/** Anchors looked at for a suggestion: a 2 MB log has about 6,000; past this a suggestion is not worth the time. */
const MAX_SUGGESTION_CANDIDATES = 5000;

/** The candidate nearest to `word` (edit distance ≤ MAX_SUGGESTION_EDITS, the same numbers); ties go to the longer common prefix, then the nearer number. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const num = (x: string) => Number(/(\d+)$/.exec(x)?.[1] ?? NaN);
  const prefix = (x: string) => {
    let i = 0;
    while (i < x.length && i < w.length && x[i] === w[i]) i++;
    return i;
  };
  let best: { c: string; d: number; p: number; n: number } | undefined;
  let checked = 0;
  const numbers = numbersOf(w);
  for (const c of candidates) {
    if (++checked > MAX_SUGGESTION_CANDIDATES) break;
    const lc = c.toLowerCase();
    if (Math.abs(lc.length - w.length) > MAX_SUGGESTION_EDITS || numbersOf(lc) !== numbers) continue;
    const d = editDistance(w, lc, MAX_SUGGESTION_EDITS);
    if (d > MAX_SUGGESTION_EDITS) continue;
    const cand = { c, d, p: prefix(lc), n: Math.abs(num(lc) - num(w)) };
    if (!best || d < best.d || (d === best.d && (cand.p > best.p || (cand.p === best.p && cand.n < best.n)))) best = cand;
  }
  return best?.c;
}

function editDistance(a: string, b: string, cap: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length];
}
