/**
 * Block-wise parsing (document.ts parseBlockwise: split at headings, chunked, definitions resolved
 * across blocks) must give the same facts as parsing the whole file in one go (parseWhole): on the
 * seed, on generated contract-2 corpora (seed and mixed dialects), and on seeded random documents.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chunkBlocks, splitBlocks } from '../../server/src/core/blocks';
import { resolveOptions } from '../../server/src/core/config';
import { parseBlockwise, parseWhole } from '../../server/src/core/document';
import { normalizeFacts, randomDocument } from './randomMarkdown';

const REPO = path.resolve(__dirname, '..', '..');
const options = resolveOptions();

function assertSameFacts(text: string, what: string): void {
  const whole = normalizeFacts(parseWhole(text, options));
  const blockwise = normalizeFacts(parseBlockwise(text, options));
  assert.deepEqual(blockwise, whole, `block-wise facts differ from whole-file facts for ${what}`);
}

describe('block-wise parsing equals whole-file parsing', () => {
  it('splits into blocks and chunks that cover the text exactly', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const text = randomDocument(seed);
      for (const parts of [splitBlocks(text), chunkBlocks(splitBlocks(text), 200)]) {
        assert.equal(parts.map((b) => b.text).join(''), text);
        let at = 0;
        for (const b of parts) {
          assert.equal(b.start, at);
          assert.equal(text.slice(b.start, b.end), b.text);
          at = b.end;
        }
      }
    }
  });

  it('on the seed master log', () => {
    const seed = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md'), 'utf8');
    assertSameFacts(seed, 'the seed');
    // The seed parsed in the smallest chunks (one per block) must agree as well.
    const facts = parseBlockwise(seed, options);
    assert.ok(facts.headings.length > 10 && facts.links.length > 5 && facts.mentions.length > 5);
  });

  // Contract-2 corpora: the seed's surface, and `mixed`, whose files draw tables, paragraph fields and status sections.
  for (const dialect of ['seed', 'mixed']) {
    describe(`on a generated corpus (${dialect}, contract 2, 6 phases × 20 issues, 5 faults of each kind)`, () => {
      let dir: string;
      before(function () {
        this.timeout(60_000);
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-blockwise-'));
        const r = spawnSync(process.execPath, [path.resolve(REPO, 'test', 'fixtures', 'corpus', 'gen-workspace.mjs'), dir, '--phases', '6', '--issues-per-phase', '20', '--faults', '5', '--seed', '1', '--dialect', dialect, '--contract', '2'], { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
      });
      after(() => fs.rmSync(dir, { recursive: true, force: true }));

      it('every file gives the same facts', function () {
        this.timeout(120_000);
        const files: string[] = [];
        const walk = (d: string) => {
          for (const e of fs.readdirSync(d, { withFileTypes: true })) {
            const p = path.join(d, e.name);
            if (e.isDirectory()) walk(p);
            else if (e.name.endsWith('.md')) files.push(p);
          }
        };
        walk(dir);
        assert.ok(files.length >= 8);
        for (const f of files) assertSameFacts(fs.readFileSync(f, 'utf8'), path.relative(dir, f));
      });
    });
  }

  it('on 150 random documents (headings, field lists, fences with # lines, fences in lists and quotes, HTML blocks, tables, reference definitions across blocks)', function () {
    this.timeout(120_000);
    for (let seed = 1; seed <= 150; seed++) {
      const text = randomDocument(seed);
      assertSameFacts(text, `random document ${seed}:\n${text}`);
    }
  });

  it('on hand-written documents that split only where CommonMark allows', () => {
    const cases = [
      // A fence in a quote ends with the quote; the next fence's `#` line is code.
      ['> ```', '> code', '', '# Real heading', '', '```', '# comment in code', '```', ''].join('\n'),
      // Indented code that looks like a fence, then a real fence.
      ['Para', '', '    ```', '    indented code', '', '# H', '', '```', '# inside a real fence', '```', ''].join('\n'),
      // A fence in a list item ends with the item.
      ['- item', '', '  ```', '  code', '# H', '', '```', '# in code', '```', ''].join('\n'),
      // A list item's fence closed by a fence inside it; then a top-level fence.
      ['- ```', '  a', '  ```', '# H', '```', '# code', '```', ''].join('\n'),
      // A definition used before it is defined, in another block.
      ['# A', '', 'See [the runbook][Run Book] and [x].', '', '# B', '', '[run   book]: ./r.md#top', '[x]: ../missing.md', ''].join('\n'),
      // A definition in a block that ends in an unclosed fence.
      ['# A', '[y]: ./y.md', '', '# B', 'uses [y]', '```', '# not a heading', ''].join('\n'),
      // HTML comment with a heading inside, closed later.
      ['# A', '<!--', '# hidden', '-->', '# B', ''].join('\n'),
    ];
    cases.forEach((text, i) => assertSameFacts(text, `case ${i + 1}:\n${text}`));
  });
});
