#!/usr/bin/env node
/**
 * Writes a folder of ordinary READMEs with no issue log (headings, prose, lists, links between them,
 * code blocks, tables, badges), for measuring what indexing costs when nothing in it can matter:
 *   node scripts/gen-readmes.mjs DIR [--count 500] [--seed 1]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const args = process.argv.slice(2);
const dir = args[0];
if (!dir) throw new Error('usage: gen-readmes.mjs DIR [--count N] [--seed S]');
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const count = opt('--count', 500);
let seed = opt('--seed', 1) >>> 0 || 1;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const int = (n) => Math.floor(rand() * n);
const pick = (xs) => xs[int(xs.length)];

const WORDS = 'the a build run test install configure server client module package option value file folder request response cache queue worker thread event handler plugin theme layout render parse format output input error warning log level retry timeout network socket stream buffer token session user admin deploy release version branch merge review'.split(' ');
const sentence = () => {
  const n = 6 + int(14);
  const w = Array.from({ length: n }, () => pick(WORDS));
  w[0] = w[0][0].toUpperCase() + w[0].slice(1);
  if (rand() < 0.3) w[int(n)] = `\`${pick(WORDS)}()\``;
  if (rand() < 0.2) w[int(n)] = `**${pick(WORDS)}**`;
  return w.join(' ') + '.';
};
const paragraph = () => Array.from({ length: 2 + int(5) }, sentence).join(' ');
const title = () => Array.from({ length: 1 + int(4) }, () => pick(WORDS)).map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
const slug = (t) => t.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');

const files = Array.from({ length: count }, (_, i) => `pkg-${String(Math.floor(i / 20)).padStart(2, '0')}/mod-${String(i % 20).padStart(2, '0')}/README.md`);
const headingsOf = new Map();
for (const f of files) headingsOf.set(f, Array.from({ length: 4 + int(8) }, title));

fs.mkdirSync(dir, { recursive: true });
for (const f of files) {
  const heads = headingsOf.get(f);
  const out = [`# ${title()}`, '', `[![build](https://img.example/badge/${int(1000)}.svg)](https://ci.example/${int(1000)})`, '', paragraph(), ''];
  for (const h of heads) {
    out.push(`${'#'.repeat(2 + int(2))} ${h}`, '', paragraph(), '');
    const r = int(6);
    if (r === 0) out.push('```js', `const ${pick(WORDS)} = require('${pick(WORDS)}');`, `${pick(WORDS)}.${pick(WORDS)}({ ${pick(WORDS)}: ${int(100)} });`, '```', '');
    else if (r === 1) out.push(...Array.from({ length: 2 + int(4) }, () => `- ${sentence()}`), '');
    else if (r === 2) out.push('| Option | Default | Meaning |', '|---|---|---|', ...Array.from({ length: 2 + int(3) }, () => `| \`${pick(WORDS)}\` | ${int(100)} | ${sentence()} |`), '');
    else if (r === 3) {
      const other = pick(files);
      const rel = path.posix.relative(path.posix.dirname(f), other);
      out.push(`See [${pick(WORDS)}](${rel}#${slug(pick(headingsOf.get(other)))}) and [the top](#${slug(heads[0])}).`, '');
    } else if (r === 4) out.push(`> ${sentence()}`, '');
    else out.push(`1. ${sentence()}`, `2. ${sentence()}`, '');
  }
  fs.mkdirSync(path.join(dir, path.dirname(f)), { recursive: true });
  fs.writeFileSync(path.join(dir, f), out.join('\n'));
}
console.log(`${files.length} READMEs in ${dir}`);
