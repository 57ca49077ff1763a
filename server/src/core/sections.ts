/** Where a heading's section ends: the one rule for entries, outlines and new entries. */

/** The heading that ends the section of `headings[i]` (the next one of the same or a higher level), if any. */
export function sectionEnd<H extends { readonly depth: number }>(headings: readonly H[], i: number): H | undefined {
  const depth = headings[i].depth;
  for (let j = i + 1; j < headings.length; j++) if (headings[j].depth <= depth) return headings[j];
  return undefined;
}
