/**
 * Incremental analysis: random edit sequences applied to a document through a BlockCache (only
 * the blocks an edit touched are parsed again) give exactly the facts and the diagnostics of a
 * fresh full analysis after every edit.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveOptions } from '../../server/src/core/config';
import { BlockCache, buildDocument, parseWhole, readDocument } from '../../server/src/core/document';
import { computeDiagnostics } from '../../server/src/core/rules';
import { WorkspaceIndex, type PathKind } from '../../server/src/core/workspace';
import { Gen, prng, randomDocument } from './randomMarkdown';

const REPO = path.resolve(__dirname, '..', '..');
const options = resolveOptions();
const FOLDER = 'file:///ws';
const URI_MASTER = 'file:///ws/06-Master/MASTER-ISSUE-LOG.md';
const existing = new Map<string, PathKind>([
  ['file:///ws/00-Phase/issues-and-solutions.md', 'file'],
  ['file:///ws/01-P/issues-and-solutions.md', 'file'],
  ['file:///ws/06-Master/a.md', 'file'],
  ['file:///ws/06-Master', 'dir'],
]);
const host = { stat: (uri: string) => existing.get(uri) };
const TODAY = '2026-11-28';

const SNIPPETS = [
  '\n',
  '\n\n',
  '# ',
  '\n## CRIT-777: new entry\n- **Status**: Open\n- **Severity**: High\n',
  '\n### Issue 4: numbered\n* **Status**: Resolved\n* **Time to Resolution**: 30 hours\n',
  '```',
  '\n```\n# inside\n',
  '~~~',
  '\n<!--\n',
  '-->',
  '\n<div>\n',
  '\n[ref-a]: ./a.md#top\n',
  '\n[Ref B]: ../missing.md\n',
  ' [link][ref-a] ',
  ' [x] ',
  ' CRIT-001 ',
  ' `HIGH-003` ',
  '> ',
  '- **Status**: Won\'t Fix\n',
  '    ',
  '\n| Severity | Avg Resolution Time | Target SLA |\n|---|---|---|\n| Critical | 3 hours | < 4 hours |\n',
  '\n## Issue Summary Statistics\n- **Total Issues**: 3\n- **Open**: 1\n',
  '*Last Updated: 2026-01-01*\n',
  '[local](#issue-summary-statistics)',
  '\r\n',
];

function edit(g: Gen, text: string): string {
  const at = g.int(text.length + 1);
  const r = g.int(10);
  if (r < 5) return text.slice(0, at) + g.pick(SNIPPETS) + text.slice(at);
  if (r < 8) {
    const len = 1 + g.int(r === 7 ? 400 : 20);
    return text.slice(0, at) + text.slice(at + len);
  }
  if (r === 8) {
    // Type a character, as a keystroke does.
    return text.slice(0, at) + g.pick(['a', '#', '`', '[', ']', '-', ' ', '\n', '>', '<', '*', '|']) + text.slice(at);
  }
  // Move a slice elsewhere (cut and paste).
  const len = 1 + g.int(200);
  const piece = text.slice(at, at + len);
  const rest = text.slice(0, at) + text.slice(at + len);
  const to = g.int(rest.length + 1);
  return rest.slice(0, to) + piece + rest.slice(to);
}

function analyse(text: string, cache?: BlockCache) {
  const doc = readDocument(URI_MASTER, text, options, cache);
  const index = new WorkspaceIndex(options, [FOLDER], host);
  index.set(doc);
  return { doc, diagnostics: computeDiagnostics(index, URI_MASTER, { today: TODAY }) };
}

function replay(start: string, seed: number, edits: number): { parsed: number; reused: number } {
  const g = new Gen(prng(seed));
  const cache = new BlockCache();
  let text = start;
  analyse(text, cache);
  for (let i = 0; i < edits; i++) {
    text = edit(g, text);
    const incremental = analyse(text, cache);
    const fresh = analyse(text);
    const where = `seed ${seed}, edit ${i + 1}`;
    assert.deepStrictEqual(incremental.diagnostics, fresh.diagnostics, `diagnostics differ after ${where}`);
    assert.deepStrictEqual(incremental.doc, fresh.doc, `facts differ after ${where}`);
  }
  return { parsed: cache.parsed, reused: cache.reused };
}

describe('incremental analysis through a BlockCache', () => {
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

  it('a keystroke re-parses only the chunk it lands in', () => {
    const cache = new BlockCache();
    readDocument(URI_MASTER, seedText, options, cache);
    const before = cache.parsed;
    const at = seedText.indexOf('**Total Issues**');
    readDocument(URI_MASTER, seedText.slice(0, at) + 'x' + seedText.slice(at), options, cache);
    assert.ok(cache.parsed - before <= 2, `parsed ${cache.parsed - before} chunks for one keystroke`);
  });

  it('an incremental result equals the whole-file parse too', () => {
    const g = new Gen(prng(99));
    const cache = new BlockCache();
    let text = seedText;
    for (let i = 0; i < 30; i++) {
      text = edit(g, text);
      const incremental = readDocument(URI_MASTER, text, options, cache);
      const whole = buildDocument(URI_MASTER, text, parseWhole(text, options), options);
      assert.deepStrictEqual(JSON.parse(JSON.stringify({ ...incremental, anchors: [...incremental.anchors], anchorsLower: [...incremental.anchorsLower], definitions: [...incremental.definitions] })), JSON.parse(JSON.stringify({ ...whole, anchors: [...whole.anchors], anchorsLower: [...whole.anchorsLower], definitions: [...whole.definitions] })), `edit ${i + 1}`);
    }
  });
});
