/** GitHub's heading anchors: github-slugger's slug, de-duplicated within a document. */
import { slug as githubSlug } from 'github-slugger';
import { TextMemo } from './memo';

/**
 * Heading texts whose base slug is remembered: headings repeat across the versions of an open
 * document and across files, and a 2 MB log has about 6,000 of them; past this many distinct texts
 * the memo starts again, so a long session cannot grow it without end.
 */
const BASE_SLUG_TEXTS = 200_000;
const baseSlugs = new TextMemo<string>(BASE_SLUG_TEXTS);

/**
 * GitHub's anchors for a document's headings, in order: github-slugger's slug, de-duplicated the way
 * its GithubSlugger does (`a`, `a-1`, `a-2`, …).
 */
export function slugHeadings(texts: readonly string[]): string[] {
  const occurrences = new Map<string, number>();
  return texts.map((text) => {
    const original = baseSlugs.get(text, githubSlug);
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
