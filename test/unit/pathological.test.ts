/**
 * Inputs that make remark (micromark) super-linear are found before it sees them (core/inlineGuards.ts)
 * and reported as not checked, at the paragraph's offset; the rest of the document is still read. Each
 * input below took 6-15 s or more in one parse before the guards (scripts/measure-pathological.mjs); the
 * time bound is mocha's (generous: each takes well under a second now), never an assertion. Core
 * tests parse in process; the CLI test runs the built CLI on files on disk (the closed-file load).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveOptions } from '../../server/src/core/config';
import { parseBlockwise, parseWhole } from '../../server/src/core/document';
import { blankRanges, findPathological, MAX_BRACKETS, MAX_DELIMITERS, MAX_LAZY_LINES } from '../../server/src/core/inlineGuards';
import { OpenDocument } from '../../server/src/core/openDocument';
import { REPO, runCli } from './cliRun';
import { markdownFiles, withGeneratedCorpus } from './generatedCorpus';

const options = resolveOptions();
const HEAD = '# Log\n\n### ISSUE-001: First\n- **Status**: Open\n\nSee ISSUE-003.\n\n';
const TAIL = '\n\n### ISSUE-002: After\n- **Status**: Open\n\nSee ISSUE-001 and [first](#issue-001-first).\n';

/** Each class of input, as one paragraph (or list, or quote) of about 30-80 KB. */
/** `from`: where in `bad` the paragraph reported starts (default 0). */
const CLASSES: Record<string, { bad: string; blanked: boolean; from?: number }> = {
  'one line of alternating *_ (28 KB)': { bad: '*_'.repeat(14_000), blanked: true },
  'unmatched *a_ (24 KB)': { bad: '*a_'.repeat(8_000), blanked: true },
  'unmatched *a_ on short lines (24 KB)': { bad: '*a_\n'.repeat(6_000).trimEnd(), blanked: true },
  'strike-through ~a (32 KB)': { bad: '~a'.repeat(16_000), blanked: true },
  '[ on 4,000 short lines': { bad: '[ab\n'.repeat(4_000).trimEnd(), blanked: true },
  '[ on one line (20,000)': { bad: '['.repeat(20_000), blanked: true },
  'unclosed inline <!-- (64 KB)': { bad: 'x <!--'.repeat(11_000), blanked: true },
  'unclosed inline <!-- on short lines': { bad: 'x <!--\n'.repeat(6_000).trimEnd(), blanked: true },
  'unclosed inline <? (32 KB)': { bad: 'x <?'.repeat(8_000), blanked: true },
  'unclosed inline <!A (32 KB)': { bad: 'x <!A'.repeat(6_400), blanked: true },
  'a list item with 16,000 lazy lines': { bad: '- x\n' + 'lazy\n'.repeat(16_000).trimEnd(), blanked: true },
  'a 60-level list with 16,000 lazy lines': {
    bad: Array.from({ length: 60 }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n') + '\n' + 'lazy\n'.repeat(16_000).trimEnd(),
    // Blanked from the start of the list (blank lines in 60 containers are slow as well).
    blanked: true,
  },
  'a quote with 16,000 lazy lines': { bad: '> x\n' + 'lazy\n'.repeat(16_000).trimEnd(), blanked: true },
  'an HTML line before 16,000 lazy lines': { bad: '> <b>x</b>\n' + 'lazy\n'.repeat(16_000).trimEnd(), blanked: false },
};

const at = HEAD.length;
const headingTexts = (f: { headings: { text: string }[] }) => f.headings.map((h) => h.text);

describe('pathological inline text is reported as not checked, and the rest is read', () => {
  for (const [name, { bad, blanked, from = 0 }] of Object.entries(CLASSES)) {
    it(name, function () {
      // Three parses of 30-80 KB: 0.1-2 s now (on a busy machine), a minute or more before the guards.
      this.timeout(60_000);
      const text = HEAD + bad + TAIL;
      for (const facts of [parseBlockwise(text, options), parseWhole(text, options)]) {
        assert.deepEqual(facts.problems.map((p) => p.offset), [at + from]);
        assert.match(facts.problems[0].message, /not checked$/);
        assert.ok(headingTexts(facts).includes('ISSUE-001: First'));
        assert.ok(facts.mentions.some((m) => m.id === 'ISSUE-003'));
        if (blanked) {
          // Only the paragraph is blanked: what follows it is read.
          assert.deepEqual(headingTexts(facts), ['Log', 'ISSUE-001: First', 'ISSUE-002: After']);
          assert.ok(facts.mentions.some((m) => m.id === 'ISSUE-001' && m.start > at + bad.length));
          assert.ok(facts.links.some((l) => l.url === '#issue-001-first'));
        } else {
          // The run cannot be blanked alone (it may open an HTML block): the rest of what was parsed
          // with it (its chunk of blocks, or the whole text) is not read.
          assert.ok(!facts.mentions.some((m) => m.start > at && m.start < at + bad.length));
        }
      }
      // An open document reads it the same way.
      const open = new OpenDocument('file:///ws/a.md', options).update(text);
      assert.deepEqual(open.problems.map((p) => p.offset), [at + from]);
      if (blanked) assert.equal(open.headings.length, 3);
    });
  }

  it('a blanked paragraph keeps every offset and line ending; a heading in it is kept', () => {
    const text = 'a\r\nb **x**\rc\n# Kept\nd\n';
    const out = blankRanges(text, [{ start: 0, end: text.length - 1 }]);
    assert.equal(out.length, text.length);
    assert.deepEqual([...out].map((c, i) => (c === '\r' || c === '\n' ? i : -1)).filter((i) => i >= 0), [...text].map((c, i) => (c === '\r' || c === '\n' ? i : -1)).filter((i) => i >= 0));
    assert.equal(out.slice(out.indexOf('#'), out.indexOf('#') + 6), '# Kept');
    assert.equal(out.replace(/[\s\u00a0]/g, '').replace('#Kept', ''), '');
  });

  it('the limits are counted per paragraph, not per line or per document', () => {
    const delims = (k: number) => Array.from({ length: k }, () => '*a').join(' ');
    assert.deepEqual(findPathological(delims(MAX_DELIMITERS)), []);
    assert.equal(findPathological(delims(MAX_DELIMITERS + 1)).length, 1);
    // The same count split over two paragraphs is within the limit.
    assert.deepEqual(findPathological(delims(MAX_DELIMITERS) + '\n\n' + delims(MAX_DELIMITERS)), []);
    assert.deepEqual(findPathological('[\n'.repeat(MAX_BRACKETS)), []);
    assert.deepEqual(findPathological('[\n'.repeat(MAX_BRACKETS + 1)).map((p) => [p.start, p.blankable]), [[0, true]]);
    assert.deepEqual(findPathological('- x\n' + 'y\n'.repeat(MAX_LAZY_LINES)), []);
    // Too many lazy lines: the run of lines is blanked from its start, with what was found in it before.
    assert.deepEqual(findPathological('a\n' + '*a'.repeat(MAX_DELIMITERS + 1) + '\n- x\n' + 'y\n'.repeat(MAX_LAZY_LINES + 1)).map((p) => p.start), [0]);
    assert.equal(findPathological('- x\n' + 'y\n'.repeat(MAX_LAZY_LINES + 1)).length, 1);
    // Indented continuation lines are not lazy; snake_case and text in a fenced code block count nothing.
    assert.deepEqual(findPathological('- x\n' + '  y\n'.repeat(5000)), []);
    assert.deepEqual(findPathological('a_b_c '.repeat(5000)), []);
    assert.deepEqual(findPathological('```\n' + '*_'.repeat(5000) + '\n```\n'), []);
    // A closed inline comment costs its length only.
    assert.deepEqual(findPathological('x <!-- a --> '.repeat(5000)), []);
    // Each list item, heading and table row is an inline text of its own.
    assert.deepEqual(findPathological('- **Field**: `a_b` [x](y) *z*\n'.repeat(5000)), []);
    assert.deepEqual(findPathological('### **A**\n- **B**: c\n'.repeat(3000)), []);
    assert.deepEqual(findPathological('| **a** | [b] |\n|---|---|\n' + '| **x** | [y] |\n'.repeat(5000)), []);
    // Lone CR ends lines (and so paragraphs) too.
    assert.deepEqual(findPathological((delims(MAX_DELIMITERS) + '\r\r').repeat(3)), []);
  });
});

describe('real documents trigger no guard', () => {
  it('the seed, the dialect fixtures, docs/*.md and README.md', () => {
    const files = [
      path.join(REPO, 'test', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md'),
      ...markdownFiles(path.join(REPO, 'test', 'fixtures', 'dialects')),
      ...markdownFiles(path.join(REPO, 'docs')),
      path.join(REPO, 'README.md'),
    ];
    assert.ok(files.length > 60);
    for (const f of files) assert.deepEqual(findPathological(fs.readFileSync(f, 'utf8')), [], f);
  });

  it('a generated medium corpus (mixed dialect, 20 phases × 200 issues)', function () {
    this.timeout(120_000);
    withGeneratedCorpus(['--phases', '20', '--issues-per-phase', '200', '--faults', '5', '--seed', '2', '--dialect', 'mixed'], (dir) => {
      const files = markdownFiles(dir);
      assert.ok(files.length >= 20);
      for (const f of files) assert.deepEqual(findPathological(fs.readFileSync(f, 'utf8')), [], f);
    });
  });
});

describe('CLI: pathological files are reported as not checked, never hang', () => {
  it('reports each at its line and still judges what follows', function () {
    this.timeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-guard-cli-'));
    try {
      const names = ['emphasis', 'comment', 'lazy'];
      const bads = [CLASSES['one line of alternating *_ (28 KB)'].bad, CLASSES['unclosed inline <!-- (64 KB)'].bad, CLASSES['a list item with 16,000 lazy lines'].bad];
      names.forEach((n, i) => fs.writeFileSync(path.join(dir, `${n}.md`), `### ISSUE-00${i + 1}: ${n}\n- **Status**: Open\n\n${bads[i]}\n\n[gone](./missing-${n}.md)\n`));
      const r = runCli(['check', dir, '--format', 'json'], dir, 120_000);
      const out = JSON.parse(r.stdout) as { file: string; line: number; code: string }[];
      const lazyLines = bads[2].split('\n').length;
      assert.deepEqual(
        out.map((d) => [d.file, d.line, d.code]),
        [
          ['comment.md', 6, 'broken-link'],
          ['emphasis.md', 6, 'broken-link'],
          ['lazy.md', 5 + lazyLines, 'broken-link'],
        ],
      );
      for (const n of names) assert.match(r.stderr, new RegExp(`${n}\\.md: line 4: .*not checked`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

