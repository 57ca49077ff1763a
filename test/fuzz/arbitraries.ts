/**
 * fast-check arbitraries for the fuzz suite: documents (the seeded random Markdown of
 * test/unit/randomMarkdown.ts, lines of issue-log constructs, the seed and generated corpora) and
 * mutations of them (byte flips, line deletions and duplications, inserted constructs, line-ending
 * changes, BOM, NUL, huge lines). A mutation is data (shrinkable, printed in a counterexample).
 */
import fc from 'fast-check';
import { CONSTRUCTS, randomDocument } from '../unit/randomMarkdown';

/** One change of a text; offsets are taken modulo the text's length, so any number fits any text. */
export type Mutation =
  | { op: 'flip'; at: number; char: string }
  | { op: 'deleteLine'; line: number; count: number }
  | { op: 'duplicateLine'; line: number; count: number }
  | { op: 'insert'; line: number; text: string }
  | { op: 'eol'; to: '\n' | '\r\n' | '\r' | 'mixed' }
  | { op: 'bom' }
  | { op: 'hugeLine'; line: number; unit: string; times: number };

/** Characters a flip writes: line breaks, NUL, Markdown punctuation, non-ASCII, lone surrogates. */
const FLIP_CHARS = ['\0', '\r', '\n', '\t', ' ', '#', '`', '~', '*', '_', '[', ']', '(', ')', '<', '>', '!', '|', '-', ':', '\\', '&', '"', '\u00a0', '\u200b', '\ufeff', 'é', '💥', '\ud800', '\udc00', '\u2028'];

/** Units a huge line repeats: plain text, and (short) runs of what makes inline parsing work hard. */
const HUGE_UNITS = ['a', 'word ', 'CRIT-001 ', '|', '`', '[', '*a_', '<!--', '&amp;', '\\', '](x)'];

/**
 * The size of a huge line: small in `npm test` so that the suite stays fast (a 20,000-character run
 * of `*a_` alone takes seconds in remark, issue 11); FUZZ_HUGE raises it for a long session.
 */
const HUGE_MAX_CHARS = Number(process.env.FUZZ_HUGE) || 3_000;

/**
 * Known open bugs, each pinned by a failing test in test/fuzz/regressions.test.ts: the properties
 * leave them out, so that they keep finding others (a mutation kind such as `bom`, or `order` for
 * the order of duplicate-issue's "also at" list). Remove a name here when its regression test passes.
 */
export const OPEN_BUGS: string[] = [];

/**
 * What the properties leave out: mutation kinds (`bom`, `eol`, `hugeLine`…) and `order` (the order
 * of duplicate-issue's "also at" list in the same-output checks). FUZZ_WITHOUT=a,b replaces
 * OPEN_BUGS (FUZZ_WITHOUT=none: nothing left out).
 */
export const WITHOUT = new Set((process.env.FUZZ_WITHOUT ?? OPEN_BUGS.join(',')).split(',').filter((k) => k && k !== 'none'));

const MUTATIONS: fc.Arbitrary<Mutation>[] = [
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), char: fc.constantFrom(...FLIP_CHARS) }),
  fc.record({ op: fc.constant('deleteLine' as const), line: fc.nat(), count: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('duplicateLine' as const), line: fc.nat(), count: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ op: fc.constant('insert' as const), line: fc.nat(), text: fc.constantFrom(...CONSTRUCTS) }),
  fc.record({ op: fc.constant('eol' as const), to: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const, 'mixed' as const) }),
  fc.record({ op: fc.constant('bom' as const) }),
  fc.record({ op: fc.constant('hugeLine' as const), line: fc.nat(), unit: fc.constantFrom(...HUGE_UNITS), times: fc.integer({ min: 1, max: HUGE_MAX_CHARS }) }),
];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(...MUTATIONS).filter((m) => !WITHOUT.has(m.op));

/** A text as the properties use it: with `bom` left out, no BOM at its start (a flip or a cut can put one there). */
export const withoutOpenBugs = (text: string): string => (WITHOUT.has('bom') ? text.replace(/^\ufeff+/, '') : text);

/** Lines with their line endings kept (the last one may have none). */
function splitKeep(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

export function applyMutation(text: string, m: Mutation): string {
  const lines = splitKeep(text);
  const lineAt = (n: number) => (lines.length === 0 ? 0 : n % (lines.length + 1));
  switch (m.op) {
    case 'flip': {
      if (text.length === 0) return m.char;
      const at = m.at % text.length;
      return text.slice(0, at) + m.char + text.slice(at + 1);
    }
    case 'deleteLine': {
      const at = lineAt(m.line);
      return [...lines.slice(0, at), ...lines.slice(at + m.count)].join('');
    }
    case 'duplicateLine': {
      if (lines.length === 0) return text;
      const at = m.line % lines.length;
      const line = /[\r\n]$/.test(lines[at]) ? lines[at] : lines[at] + '\n';
      return [...lines.slice(0, at), ...Array<string>(m.count + 1).fill(line), ...lines.slice(at + 1)].join('');
    }
    case 'insert': {
      const at = lineAt(m.line);
      const before = lines.slice(0, at);
      // The line before must end, or the construct would continue it.
      if (before.length > 0 && !/[\r\n]$/.test(before[before.length - 1])) before[before.length - 1] += '\n';
      return [...before, m.text, ...lines.slice(at)].join('');
    }
    case 'eol': {
      let i = 0;
      const mixed = ['\n', '\r\n', '\r'];
      return text.replace(/\r\n|\r|\n/g, () => (m.to === 'mixed' ? mixed[i++ % 3] : m.to));
    }
    case 'bom':
      return text.startsWith('\ufeff') ? text : '\ufeff' + text;
    case 'hugeLine': {
      const at = lineAt(m.line);
      const huge = m.unit.repeat(Math.min(m.times, Math.floor(HUGE_MAX_CHARS / m.unit.length))) + '\n';
      return [...lines.slice(0, at), huge, ...lines.slice(at)].join('');
    }
  }
}

export const applyMutations = (text: string, ms: readonly Mutation[]): string => ms.reduce(applyMutation, text);

/** A document made of random constructs, one after another. */
export const constructsArb: fc.Arbitrary<string> = fc.array(fc.constantFrom(...CONSTRUCTS), { maxLength: 30 }).map((xs) => xs.join(''));

/** The seeded random issue-log documents of randomMarkdown.ts (fast-check draws the seed). */
export const randomDocumentArb: fc.Arbitrary<string> = fc.integer({ min: 1, max: 1_000_000 }).map((seed) => randomDocument(seed));

/** Any text: short random strings of Markdown punctuation and line breaks, and unicode noise. */
export const noiseArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom(...FLIP_CHARS, 'a', 'CRIT-001', '**Status**: ', '- ', '## ', '\n'), maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
);

/** Small documents, cheap enough for thousands of cases: 1-3 random sections, or up to 8 constructs, or noise, mutated 0 to 3 times. */
export const smallDocumentArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: 1, max: 1_000_000 }).map((seed) => randomDocument(seed, 1 + (seed % 3))),
      fc.array(fc.constantFrom(...CONSTRUCTS), { maxLength: 8 }).map((xs) => xs.join('')),
      noiseArb,
    ),
    fc.array(mutationArb, { maxLength: 3 }),
  )
  .map(([text, ms]) => withoutOpenBugs(applyMutations(text, ms)));

/** A document: drawn from one of `bases` (the seed, corpus files) or made, then mutated 0 to 6 times. */
export function documentArb(bases: readonly string[]): fc.Arbitrary<string> {
  const base = fc.oneof(
    { weight: 3, arbitrary: randomDocumentArb },
    { weight: 2, arbitrary: constructsArb },
    { weight: 1, arbitrary: noiseArb },
    ...(bases.length > 0 ? [{ weight: 4, arbitrary: fc.constantFrom(...bases) }] : []),
  );
  return fc.tuple(base, fc.array(mutationArb, { maxLength: 6 })).map(([text, ms]) => withoutOpenBugs(applyMutations(text, ms)));
}
