/**
 * The documents a document's links point into, in the order of their first link, worked out for a
 * new version from the previous one by difference: the links lists of two versions of an open
 * document share their start and their end (the same link objects), so only the links in between
 * are looked at, plus the rest of the list only when the first link to a document went.
 */

export interface LinkTargets<L> {
  readonly links: readonly L[];
  /** Each target's first link, as an index in `links`. */
  readonly first: ReadonlyMap<string, number>;
  /** The targets, by their first link. */
  readonly targets: readonly string[];
}

/** From scratch. */
export function linkTargets<L>(links: readonly L[], targetOf: (link: L) => string | undefined): LinkTargets<L> {
  const first = new Map<string, number>();
  for (let k = 0; k < links.length; k++) {
    const t = targetOf(links[k]);
    if (t !== undefined && !first.has(t)) first.set(t, k);
  }
  return { links, first, targets: [...first.keys()] };
}

/** The same as `linkTargets(links, targetOf)`, from `prev` (made with the same `targetOf`). */
export function linkTargetsFrom<L>(prev: LinkTargets<L>, links: readonly L[], targetOf: (link: L) => string | undefined): LinkTargets<L> {
  const a = prev.links;
  let i = 0;
  while (i < a.length && i < links.length && a[i] === links[i]) i++;
  let j = 0;
  while (j < a.length - i && j < links.length - i && a[a.length - 1 - j] === links[links.length - 1 - j]) j++;
  const shift = links.length - a.length;
  const suffixStart = links.length - j;
  const first = new Map<string, number>();
  const lost: string[] = [];
  for (const [t, f] of prev.first) {
    if (f < i) first.set(t, f);
    else if (f >= a.length - j) first.set(t, f + shift);
    else lost.push(t);
  }
  // The links in between: earlier than a first link in the end part, or to a new target.
  for (let k = i; k < suffixStart; k++) {
    const t = targetOf(links[k]);
    if (t === undefined) continue;
    const f = first.get(t);
    if (f === undefined || f > k) first.set(t, k);
  }
  // A target whose first link went, with no link in between: its next link, in the end part, if any.
  for (const t of lost) {
    if (first.has(t)) continue;
    for (let k = suffixStart; k < links.length; k++) {
      if (targetOf(links[k]) === t) {
        first.set(t, k);
        break;
      }
    }
  }
  const targets = [...first.keys()].sort((x, y) => first.get(x)! - first.get(y)!);
  const same = targets.length === prev.targets.length && targets.every((t, k) => t === prev.targets[k]);
  return { links, first, targets: same ? prev.targets : targets };
}
