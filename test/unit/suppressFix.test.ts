/**
 * The quick fixes that silence a finding (core/features/suppressFix.ts): applied to logs of every
 * shape, each "Disable CODE for this line" and "… for this file" removes exactly its finding, changes
 * no other finding (the Markdown still reads the same) and leaves no unused suppression.
 */
import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { provideCodeActions } from '../../server/src/core/features/codeActions';
import { lineStarts, offsetAt } from '../../server/src/core/positions';
import { textAt } from '../lsp/text';
import { FRONT_MATTER_LINES, LOG_LINES, TODAY, written } from './lineEndingsLog';
import { joinLines, uriOf, workspace } from './helpers';

const URI = uriOf('M.md');

function apply(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const at = edits.map((e) => ({ from: offsetAt(starts, e.range.start, text.length), to: offsetAt(starts, e.range.end, text.length), newText: e.newText }));
  at.sort((a, b) => b.from - a.from);
  let out = text;
  for (const e of at) out = out.slice(0, e.from) + e.newText + out.slice(e.to);
  return out;
}

/** The findings as code and covered text (lines move when a comment goes in). */
function findings(text: string): string[] {
  return workspace({ 'M.md': text }).diagnostics('M.md', TODAY).map((d) => `${d.code} ${JSON.stringify(textAt(text, d.range))}`);
}

/** The lines (of the text before the edit) a suppression edit covers: one line, a block, or all. */
function covered(edits: readonly TextEdit[], d: Diagnostic, title: string): (line: number) => boolean {
  if (/for this file$/.test(title)) return () => true;
  if (edits.length === 1) return (line) => line === d.range.start.line;
  return (line) => line >= edits[0].range.start.line && line < edits[1].range.start.line + (edits[1].newText.startsWith('<') ? 0 : 1);
}

function actionsOf(text: string, d: Diagnostic): CodeAction[] {
  const w = workspace({ 'M.md': text });
  return provideCodeActions({ index: w.index, getText: () => text }, URI, d.range, { diagnostics: [d] }, TODAY);
}

const without = (list: string[], one: string) => {
  const i = list.indexOf(one);
  assert.ok(i >= 0, one);
  return [...list.slice(0, i), ...list.slice(i + 1)];
};

/** Applies `pick` of each finding's actions; checks that exactly that finding is gone. */
function checkEach(text: string, pick: (code: string) => RegExp): number {
  const before = findings(text);
  const diagnostics = workspace({ 'M.md': text }).diagnostics('M.md', TODAY);
  let applied = 0;
  diagnostics.forEach((d, i) => {
    const action = actionsOf(text, d).find((a) => pick(String(d.code)).test(a.title));
    if (!action) return;
    const edits = action.edit!.changes![URI];
    const edited = apply(text, edits);
    const after = findings(edited);
    // Gone: this finding, and every other of its code on the lines the comment covers.
    const inside = covered(edits, d, action.title);
    const gone = diagnostics.map((x, j) => (x.code === d.code && inside(x.range.start.line) ? before[j] : undefined)).filter((x) => x !== undefined);
    assert.ok(gone.includes(before[i]));
    assert.deepEqual([...after].sort(), gone.reduce(without, before).sort(), `${action.title} for ${before[i]}:\n${edited}`);
    applied++;
  });
  return applied;
}

const LINE = (code: string) => new RegExp(`^Disable ${code} for (?:this line|lines )`);
const FILE = (code: string) => new RegExp(`^Disable ${code} for this file$`);

describe('suppression quick fixes', () => {
  const shapes: Record<string, string> = {
    'the line-endings log (LF)': written(LOG_LINES, 'LF'),
    'the line-endings log (CRLF)': written(LOG_LINES, 'CRLF'),
    'the line-endings log (BOM)': written(LOG_LINES, 'BOM'),
    'fields as paragraph lines': joinLines('# Log', '', '### CRIT-001: A', '**Status**: Frobbed', '**Date**: TBD', '**Owner**: see CRIT-404', '', 'End.'),
    'fields as a table, no blank line at the end': ['# Log', '', '### CRIT-001: A', '', '| Field | Value |', '|---|---|', '| **Status** | Frobbed |', '| **Date** | TBD |'].join('\n'),
    'a loose list and a nested one': joinLines('# Log', '', '### CRIT-001: A', '', '- **Status**: Frobbed', '', '- **Date**: TBD', '  - see CRIT-404', '- **Owner**: CRIT-405'),
    'a block quote': joinLines('# Log', '', '### CRIT-001: A', '- **Status**: Open', '', '> See CRIT-404', '> and CRIT-405.'),
    'a resolution table': joinLines('# Log', '', '### CRIT-001: A', '- **Status**: Resolved', '- **Time to Resolution**: 2 hours', '', '## Resolution Times', '', '| Severity | Avg Time | Target SLA |', '|---|---|---|', '| Critical | 5 hours | < 1 hour |'),
  };

  for (const [name, text] of Object.entries(shapes)) {
    it(`for this line: ${name}`, () => {
      const n = checkEach(text, LINE);
      assert.ok(n >= 2, `only ${n} fixes`);
    });
    it(`for this file: ${name}`, () => {
      assert.ok(checkEach(text, FILE) >= 2);
    });
  }

  it('front matter: only the file-wide fix, after the front matter', () => {
    const text = written(FRONT_MATTER_LINES, 'LF');
    const [status] = workspace({ 'M.md': text }).diagnostics('M.md', TODAY).filter((d) => d.code === 'unknown-status');
    assert.deepEqual(actionsOf(text, status).map((a) => a.title).filter((t) => t.startsWith('Disable')), ['Disable unknown-status for this file']);
    assert.equal(checkEach(text, FILE), 2);
    assert.equal(checkEach(text, LINE), 1);
  });

  it('the comment: its own line above, with the line\'s indentation and the document\'s line ending', () => {
    const text = ['# Log', '', '### CRIT-001: A', '- **Status**: Open', '- **Date**: TBD', ''].join('\r\n');
    const [d] = workspace({ 'M.md': text }).diagnostics('M.md', TODAY);
    const edits = actionsOf(text, d).find((a) => LINE('placeholder').test(a.title))!.edit!.changes![URI];
    assert.deepEqual(edits, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: '  <!-- issue-log-disable-next-line placeholder -->\r\n' }]);
  });

  it('a table row: a disable … enable pair around the table', () => {
    const text = shapes['fields as a table, no blank line at the end'];
    const d = workspace({ 'M.md': text }).diagnostics('M.md', TODAY).find((x) => x.code === 'placeholder')!;
    const action = actionsOf(text, d).find((a) => LINE('placeholder').test(a.title))!;
    assert.equal(apply(text, action.edit!.changes![URI]).split('\n').slice(4).join('\n'), ['<!-- issue-log-disable placeholder -->', '| Field | Value |', '|---|---|', '| **Status** | Frobbed |', '| **Date** | TBD |', '<!-- issue-log-enable placeholder -->', ''].join('\n'));
  });

  it('removes an unused suppression: the line, or the one code', () => {
    const text = joinLines('# Log', '', '### CRIT-001: A', '- **Status**: Open', '  <!-- issue-log-disable-next-line undefined-issue, placeholder -->', '- **Date**: TBD', '', '<!-- issue-log-disable-next-line -->', 'End.');
    const w = workspace({ 'M.md': text });
    const unused = w.diagnostics('M.md', TODAY).filter((d) => d.code === 'unused-suppression');
    assert.equal(unused.length, 2);
    const edited = unused.map((d) => {
      const [action] = actionsOf(text, d);
      assert.equal(action.title, 'Remove the unused suppression');
      return apply(text, action.edit!.changes![URI]);
    });
    assert.deepEqual(edited, [text.replace('undefined-issue, ', ''), text.replace('<!-- issue-log-disable-next-line -->\n', '')]);
    for (const e of edited) assert.deepEqual(findings(e).filter((f) => f.startsWith('unused')).length, 1);
  });
});
