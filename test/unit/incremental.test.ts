/**
 * Incremental analysis: random edit sequences applied to an OpenDocument (only the blocks an edit
 * touched are parsed again, the others keep their facts) give exactly the facts (at document
 * offsets) and the diagnostics of a fresh full analysis after every edit, and the facts handed out
 * for a version never change when the next version is read.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitBlocks } from '../../server/src/core/blocks';
import { OpenDocument, buildDocument, parseWhole, readDocument } from '../../server/src/core/document';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { absoluteFacts } from './factsView';
import { Gen, prng, randomDocument } from './randomMarkdown';
import { FOLDER, OTHER_TEXT, OTHER_URI, PHASE_URI, URI_MASTER, V2_SNIPPETS, analyse, edit, host, options, phaseText, replay } from './replay';

const REPO = path.resolve(__dirname, '..', '..');

describe('incremental analysis of an open document', () => {
  const seedText = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md'), 'utf8');

  it('the seed: 12 sequences of 12 random edits give the diagnostics of a fresh analysis after every edit', function () {
    this.timeout(300_000);
    let reused = 0;
    let parsed = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const r = replay(seedText, seed, 12);
      reused += r.reused;
      parsed += r.parsed;
    }
    // Incremental means most blocks come from the cache.
    assert.ok(reused > parsed, `reused ${reused} blocks, parsed ${parsed}`);
  });

  it('random documents: 20 sequences of 10 random edits', function () {
    this.timeout(300_000);
    for (let seed = 1; seed <= 20; seed++) replay(randomDocument(1000 + seed), 5000 + seed, 10);
  });

  it('contract v2 entries: learning and forgetting a prefix, bold entries and register rows, in 8 sequences of 12 edits of the seed', function () {
    this.timeout(300_000);
    for (let seed = 1; seed <= 8; seed++) replay(seedText, 7000 + seed, 12, V2_SNIPPETS);
  });

  it('fixed cases found by replaySweep.ts (fences and HTML blocks in list items, lists ended by a less-indented line, a lone CR left by an edit)', function () {
    this.timeout(300_000);
    // 459: a deleted LF leaves `\r```` (a lone CR ends the line before a fence); 587: a fence at
    // indent 1 after indented code; 930: a fence after a list item at indent 1; 928: an HTML comment
    // in a list item ends with the item; 1219: a less-indented line that ends a fence in an item
    // ends the list; 1841: an empty list item takes no lazy line; 835, 1485, 1517, 1959: the same
    // shapes again (1517: a fence-looking line in a `<div>` block is HTML); 2679: an empty item and a
    // blank line end the item, so an indented fence after them is at the top level.
    for (const seed of [459, 587, 835, 928, 930, 1219, 1485, 1517, 1841, 1959, 2679]) replay(randomDocument(1000 + seed), 5000 + seed, 10);
  });

  it('a fence indented under a list item that ended is a top-level fence: a heading in it is code (no split there)', () => {
    const text = ['- item latency', '', ' text at indent 1 ends the list', '', '  ```', "### Issue 9: can't the", '  ```', '', '## After', ''].join('\n');
    assert.deepEqual(
      splitBlocks(text).map((b) => b.text.split('\n')[0]),
      ['- item latency', '## After'],
    );
    const open = new OpenDocument(URI_MASTER, options);
    open.update(text);
    const at = text.indexOf('latency');
    const edited = text.slice(0, at) + 'x' + text.slice(at);
    assert.deepStrictEqual(absoluteFacts(open.update(edited, { start: at, end: at + 1 })), absoluteFacts(buildDocument(URI_MASTER, edited, parseWhole(edited, options), options)));
  });

  it('a keystroke re-parses only the block it lands in (and the one before it)', () => {
    const cache = new OpenDocument(URI_MASTER, options);
    cache.update(seedText);
    const before = cache.parsed;
    const at = seedText.indexOf('**Total Issues**');
    cache.update(seedText.slice(0, at) + 'x' + seedText.slice(at));
    assert.ok(cache.parsed - before <= 2, `parsed ${cache.parsed - before} blocks for one keystroke`);
    assert.ok(cache.reused > 10, `kept ${cache.reused} blocks`);
  });

  it('contract v2 entries, scripted: a field typed under `### ZED-1: x` and deleted, a register row typed and changed, as a fresh analysis', () => {
    const cache = new OpenDocument(URI_MASTER, options);
    const index = new WorkspaceIndex(options, [FOLDER], host);
    index.set(readDocument(PHASE_URI, phaseText(0), options));
    index.set(readDocument(OTHER_URI, OTHER_TEXT, options));
    let text = seedText;
    analyse(text, cache, index);
    const end = () => text.length;
    const field = '- **Status**: Open\n';
    const steps: [string, () => number, number, boolean][] = [
      ['\n### ZED-1: x\n\nSee ZED-2.\n', end, 0, false],
      [field, () => text.indexOf('### ZED-1: x\n') + '### ZED-1: x\n'.length, 0, true],
      ['', () => text.indexOf(field, text.indexOf('### ZED-1')), field.length, false],
      ['\n| ID | Status |\n|---|---|\n| CRIT-001 | Open |\n| ZED-1 | Open |\n', end, 0, true],
      ['Resolved', () => text.indexOf('| CRIT-001 | Open |') + '| CRIT-001 | '.length, 'Open'.length, true],
      ['', () => text.indexOf('\n| ID | Status |'), '\n| ID | Status |\n|---|---|\n| CRIT-001 | Resolved |\n| ZED-1 | Open |\n'.length, false],
    ];
    steps.forEach(([insert, where, del, known], i) => {
      const at = where();
      text = text.slice(0, at) + insert + text.slice(at + del);
      const incremental = analyse(text, cache, index, i % 2 === 0 ? { start: at, end: at + insert.length } : undefined);
      const fresh = analyse(text);
      assert.equal(index.knownPrefixes.has('ZED'), known, `step ${i + 1}: ZED known`);
      // Register-row conflicts (their data names the row's ID; the seed's own entry-vs-phase conflicts do not).
      const id = (d: (typeof incremental.diagnostics)[number]) => (d.data as { id?: string } | undefined)?.id;
      const codes = incremental.diagnostics.filter((d) => (d.code === 'status-conflict' && id(d) !== undefined) || id(d) === 'ZED-2').map((d) => d.code);
      assert.deepEqual(codes, i === 3 ? ['undefined-issue', 'status-conflict'] : known ? ['undefined-issue'] : [], `step ${i + 1}`);
      assert.deepStrictEqual(incremental.diagnostics, fresh.diagnostics, `diagnostics differ after step ${i + 1}`);
      assert.deepStrictEqual(incremental.other, fresh.other, `the other log's diagnostics differ after step ${i + 1}`);
      assert.deepStrictEqual(incremental.derived, fresh.derived, `the index differs after step ${i + 1}`);
    });
  });

  it('edits at the very start and the very end, with and without where they are', () => {
    for (const hinted of [true, false]) {
      const open = new OpenDocument(URI_MASTER, options);
      let text = seedText;
      open.update(text);
      const steps: [string, number, number][] = [
        ['\n\n', 0, 0],
        ['# Top\n', 0, 0],
        ['', 0, 7],
        ['\n## Appended\n- **Status**: Open\n', text.length, text.length],
      ];
      for (const [insert, from, to] of steps) {
        const at = Math.min(from, text.length);
        text = text.slice(0, at) + insert + text.slice(Math.min(to, text.length));
        const doc = open.update(text, hinted ? { start: at, end: at + insert.length } : undefined);
        assert.deepStrictEqual(absoluteFacts(doc), absoluteFacts(buildDocument(URI_MASTER, text, parseWhole(text, options), options)), `${JSON.stringify(insert)} at ${at} (${hinted ? 'with' : 'without'} where)`);
      }
    }
  });

  it('an incremental result equals the whole-file parse too', () => {
    const g = new Gen(prng(99));
    const cache = new OpenDocument(URI_MASTER, options);
    let text = seedText;
    for (let i = 0; i < 30; i++) {
      text = edit(g, text).text;
      const incremental = cache.update(text);
      const whole = buildDocument(URI_MASTER, text, parseWhole(text, options), options);
      assert.deepStrictEqual(JSON.parse(JSON.stringify(absoluteFacts(incremental))), JSON.parse(JSON.stringify(absoluteFacts(whole))), `edit ${i + 1}`);
    }
  });
});
