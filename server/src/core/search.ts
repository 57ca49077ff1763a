/** The core's one binary search (line starts, blocks, mentions, facts by offset). */

/**
 * The first index in [lo, hi) at which `holds` is true, for a test that is false and then true along
 * the range; `hi` when it never holds.
 */
export function firstWhere(lo: number, hi: number, holds: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The index of the last of the ascending `xs` that is ≤ `value`; 0 when none is. */
export function lastAtOrBefore(xs: readonly number[], value: number): number {
  return Math.max(0, firstWhere(0, xs.length, (i) => xs[i] > value) - 1);
}
