/** The nearest name to a misspelt one (for broken-anchor's suggestion). */

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

/** A suggestion differs from the fragment by at most this many edits (more is another name, not a typo). */
const MAX_SUGGESTION_EDITS = 3;
/** Anchors looked at for a suggestion: a 2 MB log has about 6,000; past this a suggestion is not worth the time. */
const MAX_SUGGESTION_CANDIDATES = 5000;

/** The candidate nearest to `word` (edit distance ≤ MAX_SUGGESTION_EDITS); ties go to the longer common prefix, then the nearer number. */
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
  for (const c of candidates) {
    if (++checked > MAX_SUGGESTION_CANDIDATES) break;
    const lc = c.toLowerCase();
    if (Math.abs(lc.length - w.length) > MAX_SUGGESTION_EDITS) continue;
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
