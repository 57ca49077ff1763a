/**
 * Fuzzing the incremental analysis: an OpenDocument edited by random edits (typed characters,
 * pasted constructs, deletions, line endings changed) gives after each edit the facts of a fresh
 * readDocument of the same text, with and without the edit's range; and block-wise reading gives
 * the facts of a whole-file parse. (test/unit/incremental.test.ts replays fixed seeds against the
 * index and the rules; this adds shrinking, and the inputs of the fuzz suite.)
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { resolveOptions } from '../../server/src/core/config';
import { buildDocument, OpenDocument, parseWhole, readDocument } from '../../server/src/core/document';
import { absoluteFacts } from '../unit/factsView';
import { CONSTRUCTS } from '../unit/randomMarkdown';
import { documentArb, WITHOUT, withoutOpenBugs } from './arbitraries';
import { baseTexts } from './corpora';
import { FUZZ_TIMEOUT, fuzzParams } from './settings';

const URI = 'file:///ws/06-Master/MASTER-ISSUE-LOG.md';
const options = resolveOptions();

/** An edit: replace `remove` characters at `at` (modulo the length) with `insert`; `hinted`: the document is told where. */
interface Edit {
  at: number;
  remove: number;
  insert: string;
  hinted: boolean;
}

const KEYS = ['a', '#', '`', '~', '[', ']', '(', ')', '-', '*', '_', ' ', '\n', '\r', '\r\n', '>', '<', '|', ':', '!', '\0', 'é', '\t'];
const insertArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...KEYS.filter((k) => !(WITHOUT.has('eol') && k.includes('\r')))) }, { weight: 2, arbitrary: fc.constantFrom(...CONSTRUCTS) }, { weight: 1, arbitrary: fc.constant('') });
const editArb: fc.Arbitrary<Edit> = fc.record({ at: fc.nat(), remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 400 })), insert: insertArb, hinted: fc.boolean() });

function apply(text: string, e: Edit): { text: string; changed: { start: number; end: number } } {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  const next = text.slice(0, at) + e.insert + text.slice(at + e.remove);
  const kept = withoutOpenBugs(next);
  // (A BOM cut away at the start makes the change start there.)
  return { text: kept, changed: kept === next ? { start: at, end: at + e.insert.length } : { start: 0, end: Math.max(0, at + e.insert.length - (next.length - kept.length)) } };
}

describe('fuzz: incremental analysis', function () {
  this.timeout(FUZZ_TIMEOUT);
  let bases: string[];
  before(() => {
    bases = baseTexts();
  });

  it('an open document after random edits has the facts of a fresh read; block-wise equals whole-file', () => {
    fc.assert(
      fc.property(documentArb(bases), fc.array(editArb, { minLength: 1, maxLength: 8 }), (start, edits) => {
        const open = new OpenDocument(URI, options);
        open.update(start);
        let text = start;
        edits.forEach((e, i) => {
          const next = apply(text, e);
          text = next.text;
          const incremental = open.update(text, e.hinted ? next.changed : undefined);
          const fresh = readDocument(URI, text, options);
          assert.deepStrictEqual(absoluteFacts(incremental), absoluteFacts(fresh), `facts differ from a fresh read after edit ${i + 1}`);
          // Block-wise reading (readDocument) against the whole file parsed in one go, on the last text.
          if (i === edits.length - 1) assert.deepStrictEqual(absoluteFacts(fresh), absoluteFacts(buildDocument(URI, text, parseWhole(text, options), options)), 'block-wise facts differ from whole-file facts');
        });
      }),
      fuzzParams(60, 15),
    );
  });
});
