/**
 * What the fuzz suite found, each as a plain test with its minimal input (the core, inline fixtures).
 * The fuzz properties (test/fuzz/*.fuzz.test.ts) would find these again; these say exactly what.
 */
import { strict as assert } from 'node:assert';
import { resolveOptions } from '../../server/src/core/config';
import { buildDocument, OpenDocument, parseWhole, readDocument } from '../../server/src/core/document';
import { provideCompletion } from '../../server/src/core/features/completion';
import { provideDocumentSymbols } from '../../server/src/core/features/documentSymbols';
import { absoluteFacts } from '../unit/factsView';
import { uriOf, workspace } from '../unit/helpers';
import { assertRangesInside, lineLengths } from './invariants';

const contextOf = (files: Record<string, string>) => {
  const ws = workspace(files);
  const texts = new Map(Object.entries(files).map(([rel, text]) => [uriOf(rel), text]));
  return { ws, texts, ctx: { index: ws.index, getText: (uri: string) => texts.get(uri) } };
};

describe('fuzz findings', () => {
  it('completion at a position past the end of the document (a confused client) edits inside it', () => {
    const text = '### CRIT-001: A\n- **Status**: Open\n';
    const { ctx, texts } = contextOf({ 'log.md': text });
    for (const position of [{ line: 2, character: 0 }, { line: 7, character: 3 }, { line: 1, character: 99 }]) {
      const list = provideCompletion(ctx, uriOf('log.md'), position);
      assertRangesInside(list, uriOf('log.md'), texts, `completion at ${JSON.stringify(position)}`);
    }
  });

  it('a section symbol of a CRLF document ends before the CRLF, not between its CR and LF', () => {
    const text = '  # a heading\r\n';
    const { ctx } = contextOf({ 'a.md': text });
    const [symbol] = provideDocumentSymbols(ctx, uriOf('a.md'));
    assert.deepEqual(symbol.range, { start: { line: 0, character: 2 }, end: { line: 0, character: 13 } });
    const two = '# A\r\n\r\n# B\r\n';
    const symbols = provideDocumentSymbols(contextOf({ 'b.md': two }).ctx, uriOf('b.md'));
    assert.deepEqual(symbols[0].range.end, { line: 1, character: 0 });
  });

  it('a link whose path holds a lone surrogate (a client text may) is a broken link, not a crash of the rules', () => {
    const ws = workspace({ 'a.md': '### CRIT-001: A\n- **Status**: Open\n\n[x](./\ud800.md) [y](\udc00/b.md#c)\n' });
    assert.deepEqual(ws.codes('a.md'), ['broken-link@4', 'broken-link@4']);
  });

  // Remark drops a leading BOM; blocks.ts makes it a block of its own so facts stay at their place
  // in the text (the heading `# y` of '\ufeff# x\n# y\n' is at offset 5, its fact says 4: line 0, character 4).
  it('a document that starts with a BOM: facts at their offsets in the text, so positions on every line are right', () => {
    const text = '\ufeff# x\n# y\n';
    const doc = readDocument(uriOf('a.md'), text, resolveOptions());
    assert.deepEqual(
      doc.headings.map((h) => [h.start, h.end]),
      [
        [1, 4],
        [5, 8],
      ],
    );
    const { ctx, texts } = contextOf({ 'a.md': text });
    assertRangesInside(provideDocumentSymbols(ctx, uriOf('a.md')), uriOf('a.md'), texts, 'symbols');
    assert.equal(lineLengths(text).length, 3);
  });

  // The "also at" list is ordered as the CLI orders it, not in the order files entered the index.
  it('duplicate-issue: the same diagnostics whatever order the files were read in', () => {
    const files = { 'a.md': '### OPEN-001: a\n', 'b.md': '### OPEN-001: b\n', 'c.md': '### OPEN-001: c\n' };
    const forward = workspace(files);
    const backward = workspace(Object.fromEntries(Object.entries(files).reverse()));
    for (const rel of Object.keys(files)) assert.deepStrictEqual(backward.diagnostics(rel), forward.diagnostics(rel), rel);
  });

  // blocks.ts reads a lone CR as a line ending, as CommonMark does: after `+ a` and a blank line that is a lone CR, `<!--` opens an HTML block that
  // runs to the end, so `# x` is no heading (as the whole-file parse says); block-wise reading finds one.
  it('block-wise reading equals a whole-file parse when a blank line is a lone CR before an HTML comment', () => {
    const text = '+ a\r\r<!--\n# x';
    const options = resolveOptions();
    assert.deepStrictEqual(absoluteFacts(readDocument(uriOf('a.md'), text, options)), absoluteFacts(buildDocument(uriOf('a.md'), text, parseWhole(text, options), options)));
  });

  it('block-wise reading equals a whole-file parse after an empty list item and a blank line: an indented fence there is not in the item', () => {
    // Found by the replay sweep (seed 2679): CommonMark ends an item that begins with two blank lines,
    // so the fence below is at the top level, never closed, and `## Stats` is code, not a heading.
    const text = '# Log\n\n+\n\n  ``` text\n  ``\n\n## Stats\n- **Open**: 1\n';
    const options = resolveOptions();
    const blockwise = readDocument(uriOf('a.md'), text, options);
    assert.deepStrictEqual(absoluteFacts(blockwise), absoluteFacts(buildDocument(uriOf('a.md'), text, parseWhole(text, options), options)));
    assert.deepEqual(blockwise.headings.map((h) => h.text), ['Log']);
  });

  // An edit of a block that the `[` guard refuses is read as a fresh read reads it: a line of 2,001 `[` then `## Overview`;
  // the first character typed over with `a`: the open document keeps the heading Overview, a fresh
  // read has none (and a "not checked" problem at 0).
  it('an open document whose first line trips the `[` guard, edited, has the facts of a fresh read', () => {
    const options = resolveOptions();
    const start = '['.repeat(2001) + '\n## Overview\n';
    const next = 'a' + start.slice(1);
    for (const hinted of [false, true]) {
      const open = new OpenDocument(uriOf('a.md'), options);
      open.update(start);
      const incremental = open.update(next, hinted ? { start: 0, end: 1 } : undefined);
      assert.deepStrictEqual(absoluteFacts(incremental), absoluteFacts(readDocument(uriOf('a.md'), next, options)), hinted ? 'with the edit range' : 'without');
    }
  });

  // remark-gfm gives an email autolink found after an unmatched `[` no position (nodeFacts.ts
  // placeUnpositioned finds it in the source): the link's range, the heading's text range (0-0, before the
  // heading), and an open document edited there keeps the old version's link (a fresh read does not).
  it('an email autolink after an unmatched `[`: the link and its heading at their offsets', () => {
    const options = resolveOptions();
    const text = '# [m@e.co\n';
    const doc = readDocument(uriOf('a.md'), text, options);
    assert.deepEqual(doc.links.map((l) => [l.start, l.end, l.url]), [[3, 9, 'mailto:m@e.co']]);
    assert.deepEqual(doc.headings.map((h) => [h.textStart, h.textEnd]), [[2, 9]]);
    const start = '\n## a\n# [m@e.co';
    const next = start.slice(0, 14) + '```\n# inside a fence\n```\n' + start.slice(15);
    const open = new OpenDocument(uriOf('a.md'), options);
    open.update(start);
    assert.deepStrictEqual(absoluteFacts(open.update(next)), absoluteFacts(readDocument(uriOf('a.md'), next, options)));
  });
});
