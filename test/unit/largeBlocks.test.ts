/**
 * A block too large to parse in one go is parsed in pieces cut at safe lines (core/largeBlocks.ts):
 * cutting at every safe line must give the same facts as parsing the whole text; a 400 KB section with
 * blank lines between its entries is read whole, in pieces; one list too long to cut is read up to
 * the limit and the rest reported as not checked, within a heap limit that the parse without pieces
 * exceeds (a child process with --max-old-space-size, so that the bound is the runtime's, not a
 * measurement).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Block } from '../../server/src/core/blocks';
import { resolveOptions } from '../../server/src/core/config';
import { OpenDocument, parseBlockwise, parseWhole, readDocument } from '../../server/src/core/document';
import { absoluteFacts } from './factsView';
import { MAX_PARSE_CHARS, safeCuts, splitLarge } from '../../server/src/core/largeBlocks';
import { REPO } from './cliRun';
import { normalizeFacts, randomDocument } from './randomMarkdown';
import { markdownFiles, withGeneratedCorpus } from './generatedCorpus';

const options = resolveOptions();
const everyCut = (b: Block) => splitLarge(b, Infinity, true);

function assertSameFacts(text: string, what: string): void {
  const whole = normalizeFacts(parseWhole(text, options));
  const cut = normalizeFacts(parseBlockwise(text, options, everyCut));
  assert.deepEqual(cut, whole, `facts parsed in pieces differ from whole-file facts for ${what}`);
}

describe('large blocks are parsed in pieces cut where no fact changes', () => {
  it('pieces cover the block exactly', () => {
    const text = Array.from({ length: 400 }, (_, i) => `**ISSUE-${i}: t**\n- Status: Open\n\nText ${i}.\n`).join('\n');
    const block = { start: 10, end: 10 + text.length, line: 3, text };
    for (const pieces of [splitLarge(block, 2000), splitLarge(block, Infinity, true)]) {
      assert.ok(pieces.length > 5);
      assert.equal(pieces.map((p) => p.text).join(''), text);
      let at = 10;
      for (const p of pieces) {
        assert.equal(p.start, at);
        assert.equal(p.line, 3 + text.slice(0, p.start - 10).split('\n').length - 1);
        at = p.end;
      }
      assert.ok(pieces.every((p) => !p.refused && p.text.length <= 2000));
    }
  });

  it('no cut after a heading, a bold paragraph or a setext heading, before a list item, or inside a fence or an HTML comment', () => {
    const lines = ['# H', '', 'a', '', '**B**', '', 'c', '', 'd', '===', '', 'e', '', '- f', '', '```', 'g', '', 'h', '```', '', 'i', '<!--', '', 'j', '-->', '', 'k', ''];
    const text = lines.join('\n');
    const cutLines = safeCuts(text).map((o) => text.slice(o, text.indexOf('\n', o)));
    assert.deepEqual(cutLines, ['**B**', 'd', '```', 'i', 'k']);
  });

  it('cut at every safe line: the seed, the dialect fixtures and 150 random documents give the same facts', function () {
    this.timeout(120_000);
    const files = [path.join(REPO, 'test', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md'), ...markdownFiles(path.join(REPO, 'test', 'fixtures', 'dialects'))];
    let cuts = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      cuts += safeCuts(text).length;
      assertSameFacts(text, path.relative(REPO, f));
    }
    for (let seed = 1; seed <= 150; seed++) {
      const text = randomDocument(seed);
      cuts += safeCuts(text).length;
      assertSameFacts(text, `random document ${seed}:\n${text}`);
    }
    assert.ok(cuts > 300, `only ${cuts} cuts were tried`);
  });

  it('cut at every safe line: a generated corpus (mixed dialect) gives the same facts', function () {
    this.timeout(120_000);
    withGeneratedCorpus(['--phases', '6', '--issues-per-phase', '20', '--faults', '5', '--seed', '1', '--dialect', 'mixed'], (dir) => {
      for (const f of markdownFiles(dir)) assertSameFacts(fs.readFileSync(f, 'utf8'), path.relative(dir, f));
    });
  });

  it('a 400 KB section of bold entries with blank lines between them is read whole, in pieces', function () {
    this.timeout(120_000);
    const entry = (i: number) => `**ISSUE-${String(i).padStart(5, '0')}: Entry ${i}**\n- **Status**: Open\n- **Owner**: someone\n\nSee ISSUE-${String(i + 1).padStart(5, '0')}.\n\n`;
    let text = '# Log\n\n';
    let n = 0;
    while (text.length < 400 * 1024) text += entry(n++);
    const facts = parseBlockwise(text, options);
    assert.deepEqual(facts.problems, []);
    assert.equal(facts.boldEntries.length, n);
    assert.equal(facts.boldEntries[n - 1].fields?.length, 2);
    assert.equal(facts.mentions[facts.mentions.length - 1].id, `ISSUE-${String(n).padStart(5, '0')}`);
  });
});

describe('one list too long to cut is read up to the limit, within bounded memory', () => {
  it('a 1 MB field list: the first part is read, the rest is not checked, under a 200 MB heap (the parse in one piece runs out of it)', function () {
    this.timeout(180_000);
    const script = [
      "const { resolveOptions } = require('./server/src/core/config');",
      "const { parseBlockwise } = require('./server/src/core/blockwise');",
      "let t = '### ISSUE-001: One long list\\n';",
      "for (let i = 0; t.length < 1024 * 1024; i++) t += '- **Field ' + i + '**: value ' + i + ' ISSUE-002\\n';",
      "const d = parseBlockwise(t, resolveOptions());",
      "process.stdout.write(JSON.stringify({ length: t.length, problems: d.problems, fields: d.headings[0].fields.length, last: d.mentions[d.mentions.length - 1].start }));",
    ].join('\n');
    const r = spawnSync(process.execPath, ['--max-old-space-size=200', '--import', 'tsx', '-e', script], { cwd: REPO, encoding: 'utf8', timeout: 170_000 });
    assert.equal(r.status, 0, r.stderr.slice(-2000));
    const out = JSON.parse(r.stdout) as { length: number; problems: { offset: number; message: string }[]; fields: number; last: number };
    assert.equal(out.problems.length, 1);
    const at = out.problems[0].offset;
    assert.ok(at > MAX_PARSE_CHARS - 100 && at <= MAX_PARSE_CHARS, `refused from ${at}`);
    assert.match(out.problems[0].message, /not checked/);
    // Facts up to the cut are read, none after it.
    assert.ok(out.fields > 5000);
    assert.ok(out.last < at);
  });
});

describe('an open document reads a block too large for one parse as a closed file does', () => {
  it('a 600 KB field list under one heading: OpenDocument gives readDocument\'s facts (the refused rest included), before and after an edit', function () {
    this.timeout(180_000);
    let text = '# Log\n\n### ISSUE-001: One long list\n';
    for (let i = 0; text.length < 600 * 1024; i++) text += `- **Field ${i}**: value ${i} ISSUE-002\n`;
    const uri = 'file:///ws/log.md';
    const open = new OpenDocument(uri, options);
    const first = open.update(text);
    assert.ok(first.problems.length > 0, 'the part past the limit is reported as not checked');
    assert.deepStrictEqual(absoluteFacts(first), absoluteFacts(readDocument(uri, text, options)));
    const at = text.indexOf('value 10 ');
    const edited = text.slice(0, at) + 'x' + text.slice(at);
    assert.deepStrictEqual(absoluteFacts(open.update(edited, { start: at, end: at + 1 })), absoluteFacts(readDocument(uri, edited, options)));
  });
});
