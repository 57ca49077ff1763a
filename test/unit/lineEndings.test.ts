/**
 * Positions are right for every line ending CommonMark, editors and LSP know (LF, CRLF, lone CR,
 * mixed) and with a byte order mark: the same log gives the same problems at the same positions, in a
 * document read in one go and in an open document edited block by block. A BOM at the start of a
 * text (as a client may send it) is the client's character 0 of line 0, no part of the Markdown: line
 * 0's ranges are one character further, every other line's are the same.
 */
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { splitBlocks } from '../../server/src/core/blocks';
import { resolveOptions } from '../../server/src/core/config';
import { OpenDocument, buildDocument, parseWhole } from '../../server/src/core/document';
import { planNewIssue } from '../../server/src/core/features/newEntry';
import { lineEndAt, lineStarts, splitLines } from '../../server/src/core/positions';
import { absoluteFacts } from './factsView';
import { uriOf, workspace } from './helpers';
import { ENDINGS, FRONT_MATTER_LINES, LOG_LINES, TODAY, written, type Ending } from './lineEndingsLog';

const LINES = ['# Log', '', '### CRIT-001: Pool exhausted', '- **Date**: [TBD]', '- **Status**: Open', ''];
const options = resolveOptions();

/** code@line:character-line:character, as the diagnostics of the LF log read them (BOM: line 0 moved back). */
function placed(d: readonly Diagnostic[], ending: Ending): string[] {
  const shift = (p: { line: number; character: number }) => `${p.line}:${p.character - (ending === 'BOM' && p.line === 0 ? 1 : 0)}`;
  return d.map((x) => `${x.code}@${shift(x.range.start)}-${shift(x.range.end)}`);
}

describe('line endings', () => {
  it('line starts, line ends and lines follow LF, CRLF and lone CR alike', () => {
    assert.deepEqual(lineStarts('a\nb'), [0, 2]);
    assert.deepEqual(lineStarts('a\r\nb'), [0, 3]);
    assert.deepEqual(lineStarts('a\rb'), [0, 2]);
    assert.deepEqual(lineStarts('a\rb\r\nc\nd\r'), [0, 2, 5, 7, 9]);
    assert.deepEqual(lineEndAt('ab\r\nc', 1), { eol: 2, next: 4 });
    assert.deepEqual(lineEndAt('ab\rc', 0), { eol: 2, next: 3 });
    assert.deepEqual(lineEndAt('ab', 0), { eol: 2, next: 2 });
    assert.deepEqual(splitLines('a\rb\r\nc\nd'), ['a', 'b', 'c', 'd']);
  });

  for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['lone CR', '\r']] as const) {
    it(`reports the placeholder on line 4 with ${name} line endings`, () => {
      const ws = workspace({ 'LOG.md': LINES.join(eol) });
      const d = ws.diagnostics('LOG.md').filter((x) => x.code === 'placeholder');
      assert.deepEqual(
        d.map((x) => [x.range.start.line, x.range.start.character]),
        [[3, 0]],
      );
    });
  }

  describe('a log with a problem of every kind, read with each line ending', () => {
    const lf = workspace({ 'LOG.md': written(LOG_LINES, 'LF'), 'FM.md': written(FRONT_MATTER_LINES, 'LF') });
    const expected = { log: placed(lf.diagnostics('LOG.md', TODAY), 'LF'), frontMatter: placed(lf.diagnostics('FM.md', TODAY), 'LF') };

    it('the LF log has the problems the fixture names, at its lines', () => {
      assert.deepEqual(
        expected.log.map((d) => d.replace(/:\d+-.*$/, '')),
        ['duplicate-issue@0', 'undefined-issue@6', 'broken-anchor@6', 'undefined-issue@6', 'stale-stat@9', 'unknown-status@15', 'duplicate-issue@22', 'placeholder@24', 'broken-link@25', 'broken-anchor@26', 'review-overdue@28'],
      );
      assert.deepEqual(expected.frontMatter, ['unknown-status@1:0-1:12', 'undefined-issue@7:4-7:12']);
    });

    for (const ending of ENDINGS.filter((e) => e !== 'LF')) {
      it(`${ending}: the same diagnostics at the same ranges`, () => {
        const ws = workspace({ 'LOG.md': written(LOG_LINES, ending), 'FM.md': written(FRONT_MATTER_LINES, ending) });
        assert.deepEqual(placed(ws.diagnostics('LOG.md', TODAY), ending), expected.log);
        assert.deepEqual(placed(ws.diagnostics('FM.md', TODAY), ending), expected.frontMatter);
      });

      it(`${ending}: an open document edited block by block has the facts of a fresh parse`, () => {
        let text = written(LOG_LINES, ending);
        const open = new OpenDocument(uriOf('LOG.md'), options);
        open.update(text);
        const eol = ending === 'CRLF' ? '\r\n' : ending === 'CR' ? '\r' : '\n';
        const steps: [string, string, number][] = [
          // Typed into the first block, a new entry before the fence, the fence's heading line removed, a field line joined.
          ['x', 'Pool exhausted', 0],
          [`### CRIT-003: new${eol}- **Status**: Open${eol}${eol}`, 'text', 0],
          ['', '# CRIT-002: inside code', '# CRIT-002: inside code'.length + 1],
          ['', `${eol}  more text`, eol.length],
        ];
        steps.forEach(([insert, before, remove], i) => {
          const at = text.indexOf(before);
          text = text.slice(0, at) + insert + text.slice(at + remove);
          const doc = open.update(text, i % 2 === 0 ? { start: at, end: at + insert.length } : undefined);
          assert.deepStrictEqual(absoluteFacts(doc), absoluteFacts(buildDocument(uriOf('LOG.md'), text, parseWhole(text, options), options)), `step ${i + 1}`);
          assert.deepEqual(doc.lineStarts, lineStarts(text), `step ${i + 1}: line starts`);
        });
      });
    }
  });

  it('a lone CR ends a line for block splitting: a heading after a CR line is a split, a heading in a CR-opened fence is not', () => {
    const text = '# A\r\rtext\r```\n# inside\n```\r## B\rend';
    assert.deepEqual(
      splitBlocks(text).map((b) => [b.start, b.line, b.text.split(/\r\n?|\n/)[0]]),
      [
        [0, 0, '# A'],
        [text.indexOf('## B'), 6, '## B'],
      ],
    );
  });

  it('a BOM is a block of its own, and the heading after it keeps its offset', () => {
    const text = '\uFEFF# CRIT-001: x\n\n## B\n';
    assert.deepEqual(
      splitBlocks(text).map((b) => [b.start, b.end]),
      [
        [0, 1],
        [1, 16],
        [16, text.length],
      ],
    );
    const facts = parseWhole(text, options);
    assert.deepEqual(
      facts.headings.map((h) => [h.start, h.text]),
      [
        [1, 'CRIT-001: x'],
        [16, 'B'],
      ],
    );
  });

  it('a new entry is written with the log\'s own line ending', () => {
    for (const ending of ['CRLF', 'CR'] as const) {
      const text = written(['# Log', '', '### CRIT-001: First', '- **Status**: Open', ''], ending);
      const ws = workspace({ 'log.md': text });
      const plan = planNewIssue(ws.index, uriOf('log.md'), text, 'Critical', 'Second', TODAY);
      assert.ok(plan);
      const edit = plan.edit.changes![uriOf('log.md')][0];
      assert.equal(edit.newText.replace(ending === 'CR' ? /\r/g : /\r\n/g, ''), edit.newText.replace(/[\r\n]/g, ''), `${ending}: only ${ending} in the new text`);
      const after = TextDocument.create('file:///x.md', 'markdown', 1, TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), [edit]));
      assert.match(after.getText({ start: plan.position, end: { line: plan.position.line, character: 100 } }), /^### CRIT-002: Second/, ending);
    }
  });
});
