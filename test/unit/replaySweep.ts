/**
 * Runs the incremental replay (replay.ts) over many seeds, beyond what `npm test` affords, and prints
 * each failure (seed and message): `npx tsx test/unit/replaySweep.ts [--from 1] [--seeds 2000]
 * [--edits 10] [--eol lf|crlf|cr|mixed] [--kinds random,seed,v2]`. Not a test file: a tool to find cases to add as tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomDocument } from './randomMarkdown';
import { SNIPPETS, V2_SNIPPETS, replay } from './replay';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const from = Number(arg('from', '1'));
const seeds = Number(arg('seeds', '2000'));
const edits = Number(arg('edits', '10'));
const eol = arg('eol', 'lf');
const kinds = new Set(arg('kinds', 'random,seed,v2').split(','));
const seedText = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md'), 'utf8');

/** The text with its line endings made `eol` (mixed: each LF becomes LF, CRLF or CR in turn). */
function withEndings(text: string): string {
  const lf = text.replace(/\r\n?/g, '\n');
  if (eol === 'crlf') return lf.replace(/\n/g, '\r\n');
  if (eol === 'cr') return lf.replace(/\n/g, '\r');
  if (eol === 'mixed') {
    let k = 0;
    return lf.replace(/\n/g, () => ['\n', '\r\n', '\r'][k++ % 3]);
  }
  return text;
}

const snippets = eol === 'lf' ? SNIPPETS : SNIPPETS.map(withEndings);
let failed = 0;
for (let s = from; s < from + seeds; s++) {
  if ((s - from) % 100 === 0 && s > from) console.log(`… ${s - from} seeds, ${failed} failures`);
  for (const [name, run] of [
    ['random', () => replay(withEndings(randomDocument(1000 + s)), 5000 + s, edits, snippets)],
    ['seed', () => replay(withEndings(seedText), s, edits, snippets)],
    ['v2', () => replay(withEndings(seedText), 7000 + s, edits, eol === 'lf' ? V2_SNIPPETS : V2_SNIPPETS.map(withEndings))],
  ] as const) {
    if (!kinds.has(name)) continue;
    try {
      run();
    } catch (e) {
      failed++;
      console.log(`${name} ${s}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
}
console.log(`${seeds} seeds from ${from} (${edits} edits, ${eol}): ${failed} failures`);
