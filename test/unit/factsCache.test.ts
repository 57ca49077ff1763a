/**
 * The facts cache's entry encoding (factsCodec.ts, factsCache.ts): what comes back from an entry
 * equals the facts of a fresh parse (deepStrictEqual: values, keys, `undefined` properties, Map and
 * Set, shared objects); values the codec does not take fall back to v8 serialization; entries of an
 * old format, for another key, truncated or damaged are 'bad' (never a throw), and are overwritten.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { resolveOptions } from '../../server/src/core/config';
import { readDocument, type DocumentFacts } from '../../server/src/core/document';
import { decodeEntry, encodeEntry, FactsCache, FACTS_CACHE_FORMAT, readFactsEntry, writeFactsEntry } from '../../server/src/node/factsCache';
import { decodeValue, encodeValue, Unsupported } from '../../server/src/node/factsCodec';
import { prng, randomDocument } from './randomMarkdown';

const REPO = path.resolve(__dirname, '..', '..');
const options = resolveOptions();
const seedText = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md'), 'utf8');

function roundTrip(facts: DocumentFacts, warning?: string): DocumentFacts {
  const back = decodeEntry(encodeEntry('k', facts, warning), 'k');
  assert.ok(back);
  assert.equal(back.warning, warning);
  return { ...back.facts, uri: facts.uri };
}

describe('facts cache encoding', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-codec-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives back the facts of a fresh parse (the seed log, random documents)', () => {
    const texts = [seedText, '', '# x', ...Array.from({ length: 40 }, (_, i) => randomDocument(i + 1))];
    for (const [i, text] of texts.entries()) {
      const facts = readDocument(`file:///d${i}.md`, text, options);
      assert.deepStrictEqual(roundTrip(facts, i === 1 ? 'invalid UTF-8' : undefined), facts);
    }
  });

  it('keeps shared objects shared (an entry and its heading)', () => {
    const facts = readDocument('file:///seed.md', seedText, options);
    const back = roundTrip(facts);
    const sharing = (f: DocumentFacts) => f.entries.map((e) => [f.headings.findIndex((h) => h === e.heading), e.fields === e.heading.fields]);
    assert.ok(facts.entries.length > 0);
    assert.deepStrictEqual(sharing(back), sharing(facts));
  });

  it('round-trips edge values like structured clone', () => {
    const shared = { s: 1 };
    const value = {
      n: [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53, 0.5, -0, NaN, Infinity, -Infinity],
      s: ['', 'é', '\u2028', 'a"b\\c', '\ud800', 'x'.repeat(10000)],
      o: { a: undefined, b: null, c: true, d: false, 0: 'zero', 'with space': 1, constructor: 2 },
      m: new Map<unknown, unknown>([
        ['k', shared],
        [shared, [shared]],
      ]),
      set: new Set(['a', 'b']),
      empty: [{}, [], new Map(), new Set()],
      again: shared,
    };
    const back = decodeValue(encodeValue(value)) as typeof value;
    assert.deepStrictEqual(back, value);
    assert.ok(Object.is(back.n[8], -0));
    assert.ok('a' in back.o);
    assert.equal(back.again, back.m.get('k'));
    assert.deepStrictEqual(Object.keys(back.o), Object.keys(value.o));
  });

  it('refuses what it cannot keep; the entry then falls back to v8 serialization', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const v of [new Date(0), cyclic, [1, , 3], Object.assign([1], { x: 1 }), new Uint8Array(2), JSON.parse('{"__proto__": 1}'), Object.create(null), 1n, () => 0]) {
      assert.throws(() => encodeValue({ v }), Unsupported);
    }
    const facts = readDocument('file:///seed.md', seedText, options);
    const odd = { ...facts, extra: { when: new Date(0), cyclic } } as DocumentFacts;
    const back = roundTrip(odd, 'w');
    assert.deepStrictEqual((back as unknown as { extra: unknown }).extra, { when: new Date(0), cyclic });
    assert.deepStrictEqual({ ...back, extra: 0 }, { ...odd, extra: 0 });
  });

  it('an old-format, foreign, truncated or damaged entry is bad, never a throw', () => {
    const facts = readDocument('file:///seed.md', seedText, options);
    const file = path.join(dir, 'entry');
    assert.ok(writeFactsEntry(file, 'key', facts));
    const good = fs.readFileSync(file);
    assert.equal(readFactsEntry(path.join(dir, 'none'), 'key'), 'missing');
    assert.notEqual(readFactsEntry(file, 'key'), 'bad');
    assert.equal(readFactsEntry(file, 'other key'), 'bad');
    // Format 2: v8 serialization of { format, key, facts }.
    fs.writeFileSync(file, v8.serialize({ format: 2, key: 'key', facts }));
    assert.equal(readFactsEntry(file, 'key'), 'bad');
    const otherFormat = Buffer.from(good);
    otherFormat.writeUInt32LE(FACTS_CACHE_FORMAT + 1, 4);
    fs.writeFileSync(file, otherFormat);
    assert.equal(readFactsEntry(file, 'key'), 'bad');
    for (const n of [0, 3, 23, 24, 40, good.length >> 1, good.length - 1]) {
      fs.writeFileSync(file, good.subarray(0, n));
      assert.equal(readFactsEntry(file, 'key'), 'bad', `truncated to ${n}`);
    }
    fs.writeFileSync(file, Buffer.concat([good, Buffer.alloc(8)]));
    assert.equal(readFactsEntry(file, 'key'), 'bad');
    // Damage anywhere: a wrong value is possible, a throw or a hang is not.
    const rnd = prng(7);
    for (let i = 0; i < 300; i++) {
      const bad = Buffer.from(good);
      const at = Math.floor(rnd() * bad.length);
      bad[at] ^= 1 + Math.floor(rnd() * 255);
      fs.writeFileSync(file, bad);
      const r = readFactsEntry(file, 'key');
      assert.ok(r === 'bad' || typeof r === 'object');
    }
  });

  it('a bad entry is counted, then overwritten by the next store', () => {
    const cache = new FactsCache(path.join(dir, 'cache'), options);
    const key = cache.keyOf(seedText);
    fs.mkdirSync(path.dirname(cache.fileOf('file:///a.md')), { recursive: true });
    fs.writeFileSync(cache.fileOf('file:///a.md'), v8.serialize({ format: 2, key, facts: {} }));
    assert.equal(cache.lookup(seedText, 'file:///a.md').facts, undefined);
    assert.equal(cache.stats.bad, 1);
    const facts = readDocument('file:///a.md', seedText, options);
    assert.ok(cache.put(key, facts));
    const hit = cache.lookup(seedText, 'file:///a.md');
    assert.deepStrictEqual(hit.facts, facts);
  });
});
