/**
 * An open document read whole in the background (issue 11): `readInSlices` on this thread, or
 * `exportUnits` from a reader elsewhere taken in by `seed` (through a structured clone, as from a
 * worker), gives the facts of `readDocument`, and the reader then follows edits incrementally (only
 * the blocks an edit touched are parsed again), still equal to a fresh read.
 */
import { strict as assert } from 'node:assert';
import { resolveOptions } from '../../server/src/core/config';
import { OpenDocument, readDocument } from '../../server/src/core/document';
import { absoluteFacts } from './factsView';
import { Gen, prng, randomDocument } from './randomMarkdown';

const options = resolveOptions();
const URI = 'file:///ws/log.md';
const same = (a: unknown, b: unknown, what: string) => assert.deepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)), what);

/** A few edits of `text` at random places, checked against a fresh read after each. */
function editAndCompare(reader: OpenDocument, text: string, seed: number, what: string): void {
  const g = new Gen(prng(seed));
  for (let i = 0; i < 6; i++) {
    const at = g.int(text.length + 1);
    const del = g.int(3) === 0 ? Math.min(g.int(40), text.length - at) : 0;
    const insert = g.pick(['x', '\n', '\n### CRIT-901: typed\n- **Status**: Open\n', '[ref]: #top\n', ' [ref] ']);
    text = text.slice(0, at) + insert + text.slice(at + del);
    const parsedBefore = reader.parsed;
    const facts = reader.update(text, { start: at, end: at + insert.length });
    same(absoluteFacts(facts), absoluteFacts(readDocument(URI, text, options)), `${what}, edit ${i + 1}`);
    assert.ok(reader.parsed - parsedBefore < 12, `${what}, edit ${i + 1}: ${reader.parsed - parsedBefore} blocks parsed again`);
  }
}

describe('OpenDocument read in the background (in slices, or seeded from another reader)', () => {
  for (let seed = 1; seed <= 3; seed++) {
    const text = randomDocument(seed, 12) + '\n[ref]: #somewhere\n\nSee [ref] and [ref][].\n';

    it(`in slices, yielding between them (document ${seed}), then edits`, async () => {
      const reader = new OpenDocument(URI, options);
      let pauses = 0;
      // sliceMs 0: a pause after every chunk.
      const facts = await reader.readInSlices(text, async () => (pauses++, true), 0);
      assert.ok(facts);
      same(absoluteFacts(facts), absoluteFacts(readDocument(URI, text, options)), 'after the read');
      assert.ok(pauses > 0);
      editAndCompare(reader, text, seed, 'in slices');
    });

    it(`seeded with another reader's blocks, cloned (document ${seed}), then edits`, () => {
      const elsewhere = new OpenDocument(URI, options);
      const built = elsewhere.update(text);
      const message = structuredClone({ units: elsewhere.exportUnits(), facts: built });
      const reader = new OpenDocument(URI, options);
      const facts = reader.seed(text, message.units, message.facts);
      same(absoluteFacts(facts), absoluteFacts(readDocument(URI, text, options)), 'after the seed');
      assert.equal(reader.parsed, 0, 'nothing parsed again');
      editAndCompare(reader, text, seed + 100, 'seeded');
    });
  }

  it('a read in slices stops, changing nothing, when the pause says so', async () => {
    const reader = new OpenDocument(URI, options);
    const text = randomDocument(3, 12);
    assert.equal(await reader.readInSlices(text, async () => false, 0), undefined);
    assert.equal(reader.textRead(), '');
  });
});
