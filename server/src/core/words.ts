/**
 * The primitives the vocabulary reads words with: the Vocabulary type, folding (case, apostrophes,
 * emoji variation selectors), and word lists matched whole at the start of a value.
 */
import type { IssueSeverity } from './config';

/** Words added to the built-in ones (configured, or from a log's legend). */
export interface Vocabulary {
  readonly status: {
    readonly open: readonly string[];
    readonly resolved: readonly string[];
    /** Words a log's legend defines without saying whether they are open or resolved: not reported by unknown-status, not counted. */
    readonly defined?: readonly string[];
  };
  readonly severity: Readonly<Record<IssueSeverity, readonly string[]>>;
}

export const NO_WORDS: Vocabulary = { status: { open: [], resolved: [] }, severity: { Critical: [], High: [], Medium: [], Low: [] } };

/** Lower case, one apostrophe, no emoji variation selectors, single spaces. */
export function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/[\uFE0E\uFE0F]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export const LEADING = /^[^\p{L}\p{N}]+/u;
export const TRAILING = /[^\p{L}\p{N}]+$/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
export const isWordChar = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c);

export interface Words<R> {
  /** Words that start with a letter or digit, longest first. */
  readonly words: readonly (readonly [string, R])[];
  /** Words that are symbols only (an emoji), matched as the whole value. */
  readonly symbols: ReadonlyMap<string, R>;
}

export function compile<R>(lists: readonly (readonly [readonly string[], R])[], foldWord: (s: string) => string): Words<R> {
  const words: [string, R][] = [];
  const symbols = new Map<string, R>();
  for (const [list, r] of lists) {
    for (const raw of list) {
      const f = foldWord(raw);
      const bare = f.replace(LEADING, '').replace(TRAILING, '');
      if (bare) words.push([bare, r]);
      else if (f && !symbols.has(f)) symbols.set(f, r);
    }
  }
  words.sort((a, b) => b[0].length - a[0].length);
  return { words, symbols };
}

/** The reading of the word `bare` starts with (or is, when `exact`), if any. */
export function wordAt<R>(w: Words<R>, bare: string, exact: boolean): readonly [string, R] | undefined {
  for (const entry of w.words) {
    const word = entry[0];
    if (exact ? bare === word : bare.startsWith(word) && !isWordChar(bare[word.length])) return entry;
  }
  return undefined;
}

