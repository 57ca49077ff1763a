/** GitHub's heading anchors: github-slugger's slug, de-duplicated within a document. */
import { slug as githubSlug } from 'github-slugger';
import { TextMemo } from './memo';

/**
 * Heading texts whose slug is remembered: headings repeat across the versions of an open document
 * and across files, and a 2 MB log has about 6,000 of them; past this many distinct texts the memo
 * starts again, so a long session cannot grow it without end.
 */
const BASE_SLUG_TEXTS = 200_000;
const baseSlugs = new TextMemo<string>(BASE_SLUG_TEXTS);

/** github-slugger's slug of a heading's text, before de-duplication. */
export function baseSlug(text: string): string {
  return baseSlugs.get(text, githubSlug);
}

/**
 * A document's anchors for its headings' base slugs, in order, de-duplicated the way GithubSlugger
 * does (`a`, `a-1`, `a-2`, …).
 */
export function dedupeSlugs(bases: readonly string[]): string[] {
  const occurrences = new Map<string, number>();
  return bases.map((original) => {
    let result = original;
    while (occurrences.has(result)) {
      const n = occurrences.get(original)! + 1;
      occurrences.set(original, n);
      result = `${original}-${n}`;
    }
    occurrences.set(result, 0);
    return result;
  });
}

/** GitHub's anchors for a document's heading texts, in order. */
export function slugHeadings(texts: readonly string[]): string[] {
  return dedupeSlugs(texts.map(baseSlug));
}
