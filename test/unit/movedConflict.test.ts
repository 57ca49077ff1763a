/**
 * A status-conflict names where the other entry is; when an edit of the other document (read block
 * by block, its entry objects kept) moves that entry, the conflict must move with it. Found by the
 * session property test (test/lsp/sessionProperty.test.ts).
 */
import { strict as assert } from 'node:assert';
import { OpenDocument } from '../../server/src/core/document';
import { joinLines, uriOf, workspace } from './helpers';

type Other = { other: { range: { start: { line: number } } } };
const otherLines = (ws: ReturnType<typeof workspace>, rel: string) =>
  ws
    .diagnostics(rel)
    .filter((d) => d.code === 'status-conflict')
    .map((d) => [(d.data as Other).other.range.start.line, d.relatedInformation![0].location.range.start.line]);

/** `rel` of `ws` read as an open document, then edited by `edit` (its unchanged blocks kept). */
function editOpen(ws: ReturnType<typeof workspace>, rel: string, text: string, edited: string, changed: { start: number; end: number }) {
  const doc = new OpenDocument(uriOf(rel), ws.index.options);
  ws.index.set(doc.update(text));
  return () => ws.index.set(doc.update(edited, changed));
}

describe('status-conflict after the other document moved', () => {
  it('a register row names the entry at its new line', () => {
    const heading = joinLines('# Phase', '', '### CRIT-001: Pool', '- **Status**: Open');
    const ws = workspace({ 'log.md': joinLines('# Log', '', '## Register', '', '| ID | Title | Status |', '|----|-------|--------|', '| CRIT-001 | Pool | Resolved |', '', '### HIGH-001: Own entry', '- **Status**: Open'), 'phase.md': heading });
    const edit = editOpen(ws, 'phase.md', heading, heading.replace('# Phase\n', '# Phase\n\nMoved.\n'), { start: 8, end: 17 });
    assert.deepEqual(otherLines(ws, 'log.md'), [[2, 2]]);
    edit();
    assert.deepEqual(otherLines(ws, 'log.md'), [[4, 4]]);
  });

  it('an ID entry names the numbered entry its Reference points to at its new line', () => {
    const phase = joinLines('# Phase', '', '## Issue 1', '- **Title**: Pool', '- **Status**: In Progress');
    const ws = workspace({ 'M.md': joinLines('# Master', '', '### CRIT-001: Pool', '- **Status**: Resolved', '- **Reference**: [x](./phase.md#issue-1)'), 'phase.md': phase });
    const edit = editOpen(ws, 'phase.md', phase, phase.replace('# Phase\n', '# Phase\n\nMoved.\n'), { start: 8, end: 17 });
    const before = otherLines(ws, 'M.md');
    assert.equal(before.length, 1);
    edit();
    assert.deepEqual(otherLines(ws, 'M.md'), before.map(([a, b]) => [a + 2, b + 2]));
  });
});
