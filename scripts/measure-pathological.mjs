// Time of one parse (core/parse.ts parseFacts) against text size, for each input class that
// core/inlineGuards.ts guards against, to see the curve (quadratic before the guards, linear after):
//
//   node --import tsx scripts/measure-pathological.mjs [CLASS,…|all] [SIZE,…]
//
// Sizes are in characters (default 4000,8000,16000,32000); a class stops after a parse over 4 s.
import { parseFacts } from '../server/src/core/parse.ts';

const classes = {
  starUnderscore: (n) => '*_'.repeat(n / 2) + '\n',
  unmatchedStarA: (n) => '*a_'.repeat(n / 3) + '\n',
  unmatchedStarALines: (n) => '*a_\n'.repeat(n / 4),
  strikes: (n) => '~a'.repeat(n / 2) + '\n',
  bracketLines: (n) => '[ab\n'.repeat(n / 4),
  commentInline: (n) => 'x <!--'.repeat(n / 6) + '\n',
  commentInlineLines: (n) => 'x <!--\n'.repeat(n / 7),
  processingInline: (n) => 'x <?'.repeat(n / 4) + '\n',
  declarationInline: (n) => 'x <!A'.repeat(n / 5) + '\n',
  listLazy: (n) => '- x\n' + 'lazy\n'.repeat(n / 5),
  deepListLazy: (n) => Array.from({ length: 60 }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n') + '\n' + 'lazy\n'.repeat(n / 5),
  quoteLazy: (n) => '> x\n' + 'lazy\n'.repeat(n / 5),
  // Linear already (kept to show it): a long table, many definitions, backticks, autolinks, plain lines.
  tableRows: (n) => '|a|b|\n|-|-|\n' + '|x|y|\n'.repeat(n / 6),
  tableColumns: (n) => '|a'.repeat(n / 4) + '|\n' + '|-'.repeat(n / 4) + '|\n',
  definitions: (n) => Array.from({ length: n / 12 }, (_, i) => `[r${i}]: /u${i}`).join('\n') + '\n',
  autolinks: (n) => '<http://a'.repeat(n / 9) + '\n',
  plainLines: (n) => 'lazy\n'.repeat(n / 5),
};

const only = process.argv[2] && process.argv[2] !== 'all' ? process.argv[2].split(',') : Object.keys(classes);
const sizes = (process.argv[3] ?? '4000,8000,16000,32000').split(',').map(Number);
for (const name of only) {
  const row = [];
  for (const n of sizes) {
    const text = classes[name](n);
    const t0 = performance.now();
    const facts = parseFacts(text);
    const ms = performance.now() - t0;
    row.push(`${n}: ${ms.toFixed(0)} ms${facts.problems.length ? ' (not checked)' : ''}`);
    if (ms > 4000) break;
  }
  console.log(name.padEnd(22), row.join('  '));
}
