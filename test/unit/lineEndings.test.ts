/**
 * Positions are right for every line ending CommonMark, editors and LSP know (LF, CRLF, lone CR,
 * mixed): a lone CR ends a line, so a field on the fourth line is reported on the fourth line, in a
 * document read in one go and in an open document edited block by block.
 */
import { strict as assert } from 'node:assert';
import { resolveOptions } from '../../server/src/core/config';
import { OpenDocument } from '../../server/src/core/document';
import { lineStarts } from '../../server/src/core/positions';
import { uriOf, workspace } from './helpers';

const LINES = ['# Log', '', '### CRIT-001: Pool exhausted', '- **Date**: [TBD]', '- **Status**: Open', ''];

describe('line endings', () => {
  it('line starts follow LF, CRLF and lone CR alike', () => {
    assert.deepEqual(lineStarts('a\nb'), [0, 2]);
    assert.deepEqual(lineStarts('a\r\nb'), [0, 3]);
    assert.deepEqual(lineStarts('a\rb'), [0, 2]);
    assert.deepEqual(lineStarts('a\rb\r\nc\nd\r'), [0, 2, 5, 7, 9]);
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

  it('keeps positions right with mixed endings in an open document after an edit', () => {
    const text = ['# Log', '', '### CRIT-001: Pool exhausted', '- **Date**: [TBD]', ''].join('\r') + ['Prose', '', '## More', 'Text', ''].join('\n');
    const open = new OpenDocument(uriOf('LOG.md'), resolveOptions());
    open.update(text);
    const at = text.indexOf('Text');
    const edited = text.slice(0, at) + 'More ' + text.slice(at);
    const doc = open.update(edited, { start: at, end: at });
    assert.deepEqual(doc.lineStarts, lineStarts(edited));
  });
});
