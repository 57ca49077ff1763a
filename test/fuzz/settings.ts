/**
 * How many cases each fuzz property runs, and from which seed: fixed in `npm test` (reproducible),
 * raised by `npm run fuzz -- --runs N --seed S` (test/fuzz/run.mjs passes them as FUZZ_RUNS and
 * FUZZ_SEED). FUZZ_PATH replays one counterexample that fast-check reported (its `path`).
 */
import type { Parameters } from 'fast-check';

/** The seed of `npm test`: every run draws the same cases. */
const DEFAULT_SEED = 20_261_202;

const envInt = (name: string): number | undefined => {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, not ${JSON.stringify(v)}`);
  return n;
};

/**
 * The parameters of one property: `runs` is its share in `npm test`; FUZZ_RUNS, when set, is the
 * total number of cases wanted and each property takes `weight` × FUZZ_RUNS / 100 of it (the
 * weights of the suite add up to about 100), at least one.
 */
export function fuzzParams<T>(runs: number, weight: number): Parameters<T> {
  const total = envInt('FUZZ_RUNS');
  const seed = envInt('FUZZ_SEED') ?? DEFAULT_SEED;
  const numRuns = total === undefined ? runs : Math.max(1, Math.round((total * weight) / 100));
  const path = process.env.FUZZ_PATH || undefined;
  counted.push(numRuns);
  // On failure fast-check shrinks the case and throws an error that names the seed, the path and
  // the shrunk counterexample: mocha prints that message.
  return { numRuns, seed, path };
}

/** The numbers of runs asked for so far (the suite's total is reported after the fuzz specs). */
export const counted: number[] = [];

after(function () {
  if (counted.length > 0 && process.env.FUZZ_REPORT) console.log(`fuzz: ${counted.reduce((a, b) => a + b, 0)} cases in ${counted.length} properties, seed ${envInt('FUZZ_SEED') ?? DEFAULT_SEED}`);
});
