#!/usr/bin/env node
// `npm run fuzz -- --runs N --seed S`: the fuzz specs with more cases (N in all, shared out by each
// property's weight) from another seed. Options become the FUZZ_* variables test/fuzz/settings.ts reads:
//   --runs N        FUZZ_RUNS     cases in all (npm test runs about 1,700)
//   --seed S        FUZZ_SEED     fast-check's seed (npm test: 20261202)
//   --path P        FUZZ_PATH     replay one counterexample (the `path` a failure printed; with its seed)
//   --minutes M     FUZZ_MINUTES  stop each property after M minutes (it passes, saying how many ran)
//   --huge C        FUZZ_HUGE     the longest generated line, in characters (npm test: 3,000)
//   --without K,K   FUZZ_WITHOUT  leave out mutation kinds (bom, eol, hugeLine…) or `order`; default: the
//                                 open bugs of arbitraries.ts's OPEN_BUGS; `none`: leave nothing out
//   --grep TEXT     only the properties whose title has TEXT
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const env = { ...process.env, FUZZ_REPORT: '1' };
const names = { runs: 'FUZZ_RUNS', seed: 'FUZZ_SEED', path: 'FUZZ_PATH', minutes: 'FUZZ_MINUTES', huge: 'FUZZ_HUGE', without: 'FUZZ_WITHOUT' };
const mocha = ['--no-config', '--node-option', 'import=tsx', '--timeout', '0'];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const key = args[i].replace(/^--/, '');
  const value = args[i + 1];
  if (value === undefined || !(key in names || key === 'grep')) {
    console.error(`usage: npm run fuzz -- [--runs N] [--seed S] [--path P] [--minutes M] [--huge C] [--without K,K] [--grep TEXT] (not ${args[i]})`);
    process.exit(2);
  }
  if (key === 'grep') mocha.push('--grep', value);
  else env[names[key]] = value;
  i++;
}
const specs = ['core', 'incremental', 'cli'].map((n) => path.join('test', 'fuzz', `${n}.fuzz.test.ts`));
// The CLI properties run dist/cli.js: build it first, as npm test does.
const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repo, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const r = spawnSync(process.execPath, [path.join(repo, 'node_modules', 'mocha', 'bin', 'mocha.js'), ...mocha, ...specs], { cwd: repo, env, stdio: 'inherit' });
process.exit(r.status ?? 1);
