/**
 * How many cases each fuzz property runs, and from which seed: fixed in `npm test` (reproducible),
 * raised by `npm run fuzz -- --runs N --seed S` (test/fuzz/run.mjs passes them as FUZZ_RUNS and
 * FUZZ_SEED). FUZZ_PATH replays one counterexample that fast-check reported (its `path`).
 */
import { defaultReportMessage, type Parameters, type RunDetails } from 'fast-check';

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
  // FUZZ_MINUTES bounds each property of a long session: it stops there and says how far it got.
  const minutes = Number(process.env.FUZZ_MINUTES) || undefined;
  return {
    numRuns,
    seed,
    path,
    ...(minutes ? { interruptAfterTimeLimit: minutes * 60_000, markInterruptAsFailure: false } : {}),
    // On failure fast-check shrinks the case and the error names the seed, the path and the shrunk
    // counterexample (mocha prints it).
    reporter(details: RunDetails<T>) {
      if (!details.failed) {
        counted.push(details.numRuns);
        if (process.env.FUZZ_REPORT) console.log(`    fuzz: ${details.numRuns} cases${details.interrupted ? ' (interrupted by FUZZ_MINUTES)' : ''}, seed ${seed}`);
        return;
      }
      throw new Error(defaultReportMessage(details), { cause: details.errorInstance });
    },
  };
}

/**
 * Mocha's time bound for a fuzz property: generous in `npm test` (about 10× what the cases take
 * on a loaded machine), none in a long session (FUZZ_RUNS or FUZZ_MINUTES bound it).
 */
export const FUZZ_TIMEOUT = process.env.FUZZ_RUNS || process.env.FUZZ_MINUTES ? 0 : 900_000;

/** The numbers of cases run so far (the suite's total is reported after the fuzz specs). */
export const counted: number[] = [];

after(function () {
  if (counted.length > 0 && process.env.FUZZ_REPORT) console.log(`fuzz: ${counted.reduce((a, b) => a + b, 0)} cases passed in ${counted.length} properties, seed ${envInt('FUZZ_SEED') ?? DEFAULT_SEED}`);
});
