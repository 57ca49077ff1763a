/**
 * The pre-scan (core/prescan.ts) is a strict superset of what the parse reads as mattering: every
 * document that readDocument finds to be a log, or to hold a resolution table or a mention, passes
 * it. On the random issue-log documents of the block-wise tests, and on generated headings whose
 * text is hidden behind inline markup (emphasis, escapes, character references, raw HTML, links,
 * images, footnotes, code spans), in ATX and setext form, inside quotes and lists.
 */
import * as assert from 'node:assert/strict';
import { resolveOptions, type IssueLogOptions } from '../../server/src/core/config';
import { readDocument } from '../../server/src/core/document';
import { mayBeIssueLog } from '../../server/src/core/prescan';
import { Gen, prng, randomDocument } from './randomMarkdown';

const URI = 'file:///ws/doc.md';

function matters(text: string, options: IssueLogOptions): boolean {
  const doc = readDocument(URI, text, options);
  return doc.isLog || doc.resolutionTables.length > 0 || doc.mentions.length > 0;
}

/** Inline markup that the parse drops (or keeps only part of) between two characters of a heading text. */
function noise(g: Gen): string {
  return g.pick([
    '**',
    '*',
    '_',
    '~~',
    '<b>',
    '</b>',
    '<span title="a>b">',
    '<!-- note -->',
    '<?pi?>',
    '[](x.md)',
    '[](<a b.md> "t")',
    '![alt text](img.png)',
    '![alt][ref]',
    '[^1]',
    '<br/>',
  ]);
}

/** A character as written: itself, escaped, or as a character reference. */
function spell(g: Gen, ch: string): string {
  const r = g.int(10);
  if (r === 0) return `&#${ch.codePointAt(0)};`;
  if (r === 1) return `&#x${ch.codePointAt(0)!.toString(16)};`;
  if (r === 2 && /[-:#]/.test(ch)) return `\\${ch}`;
  if (r === 3 && ch === ':') return '&colon;';
  if (r === 3 && ch === '#') return '&num;';
  if (r === 3 && ch === ' ') return g.pick(['&nbsp;', '&ensp;', '&Tab;']);
  return ch;
}

/** `text` with markup between its characters, some spelt otherwise, some parts in code or a link. */
function obfuscate(g: Gen, text: string): string {
  let out = '';
  for (const ch of text) {
    if (g.chance(0.15)) out += noise(g);
    out += spell(g, ch);
  }
  const r = g.int(8);
  if (r === 0) return `\` ${out} \``;
  if (r === 1) return `[${out}](target.md#x)`;
  if (r === 2) return `[${out}][ref]`;
  if (r === 3) return `<${text.replace(/ /g, '')}>`;
  return out;
}

function headingText(g: Gen, prefixes: string[]): string {
  return g.pick([
    () => `${g.pick(prefixes)}-${String(1 + g.int(999)).padStart(3 + g.int(2), '0')}: ${g.pick(['Pool', 'Cache miss', 'x'])}`,
    () => `${g.pick(['Issue', 'issue', 'ISSUE'])}${g.pick([' ', '  ', '\t'])}${g.chance(0.3) ? '#' : ''}${1 + g.int(40)}${g.chance(0.5) ? ': Title' : ''}`,
    () => `${g.pick(['Issue Summary', 'Phase', ''])} ${g.pick(['Statistics', 'statistics', 'STATISTICS'])}`,
  ])();
}

function generated(g: Gen, prefixes: string[]): string {
  const text = obfuscate(g, headingText(g, prefixes));
  const fields = ['- **Total Issues**: 3', '- **Open**: 1', '- **Status**: Open', '- **Severity**: High'].filter(() => g.chance(0.6));
  const container = g.pick(['', '', '> ', '- ', '1. ']);
  const lines = g.chance(0.7) ? [`${'#'.repeat(1 + g.int(6))} ${text}`] : [...text.split('\n'), g.pick(['===', '---'])];
  const body = [...lines, ...fields].map((l, i) => (i === 0 ? container : container.replace(/[^ ]/g, ' ').replace(/^> ?$/, '> ')) + l);
  const table = g.chance(0.2) ? ['', `| ${obfuscate(g, 'Severity')} | Avg Time | SLA |`, '|---|---|---|', '| High | 2 hours | < 4 hours |'] : [];
  return ['# Readme', '', 'Some prose about the build.', '', ...body, ...table, ''].join('\n');
}

describe('pre-scan: which files can be issue logs', () => {
  const options = resolveOptions();
  const custom = resolveOptions({ prefixes: { BUG: 'High', fjx: '', Ab1: 'Low' } });

  it('passes every random issue-log document that the parse reads as mattering', () => {
    let mattering = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const text = randomDocument(seed);
      for (const o of [options, custom]) {
        if (!matters(text, o)) continue;
        mattering++;
        assert.ok(mayBeIssueLog(text, o), `seed ${seed}:\n${text}`);
      }
    }
    assert.ok(mattering > 150, `${mattering} of 300 matter`);
  });

  it('passes every generated heading hidden behind markup that the parse reads as an entry, statistics or a table', () => {
    let logs = 0;
    const g = new Gen(prng(42));
    for (let i = 0; i < 3000; i++) {
      const [o, prefixes] = i % 2 === 0 ? [options, ['CRIT', 'HIGH', 'MED', 'LOW', 'OPEN']] : [custom, ['BUG', 'fjx', 'Ab1']];
      const text = generated(g, prefixes);
      if (!matters(text, o)) continue;
      logs++;
      assert.ok(mayBeIssueLog(text, o), `case ${i}:\n${text}`);
    }
    // Most generated documents are logs: the assertion above ran.
    assert.ok(logs > 1000, `${logs} of 3000 are logs`);
  });

  it('turns away ordinary READMEs', () => {
    const readme = [
      '# Build Tools',
      '',
      '[![build](https://img.example/badge.svg)](https://ci.example/1)',
      '',
      'Install the package with `npm install`, then run the server. See [the guide](docs/guide.md#setup).',
      '',
      '## Options',
      '',
      '| Option | Default | Meaning |',
      '|---|---|---|',
      '| `port` | 8080 | Where it listens. |',
      '',
      '```js',
      "const x = require('x');",
      '```',
      '',
      '> Note: version 2 changes the defaults.',
      '',
    ].join('\n');
    assert.equal(matters(readme, options), false);
    assert.equal(mayBeIssueLog(readme, options), false);
    assert.equal(mayBeIssueLog('# Plain\n\nNothing here.\n', options), false);
  });

  it('passes a mention or an entry written plainly', () => {
    assert.ok(mayBeIssueLog('See CRIT-001.\n', options));
    assert.ok(mayBeIssueLog('### Issue 3: x\n', options));
    assert.ok(mayBeIssueLog('## Statistics\n- **Total**: 1\n', options));
    // Any prefix (contract v2: parsing is prefix-independent; the workspace learns which are known).
    assert.ok(mayBeIssueLog('See BUG-001.\n', options));
    assert.ok(mayBeIssueLog('See BUG-001.\n', custom));
    assert.ok(mayBeIssueLog('### Bug #4: x\n', options));
    assert.ok(mayBeIssueLog('## Known Issues\n### 1. Login loop\n', options));
  });
});
