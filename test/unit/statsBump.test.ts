/** New entries in one edit (issue 14): the statistics block is updated with the entry, so no problem appears. */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-protocol';
import { provideCompletion } from '../../server/src/core/features/completion';
import { planNewIssue } from '../../server/src/core/features/newEntry';
import { diagnosticsOf, joinLines, uriOf, workspace } from './helpers';

const TODAY = '2026-12-02';
const apply = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
const codesOf = (text: string) =>
  diagnosticsOf(workspace({ 'log.md': text }).index, uriOf('log.md'), TODAY)
    .map((d) => String(d.code))
    .sort();

/** The snippet as the editor inserts it when the user only tabs through: each stop's default, each choice's first. */
function expand(snippet: string): string {
  return snippet
    .replace(/\$CURRENT_YEAR-\$CURRENT_MONTH-\$CURRENT_DATE/g, TODAY)
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$0/g, '')
    .replace(/\\([\\$}])/g, '$1');
}

describe('statistics updated with a new entry', () => {
  const log = (open: number) =>
    joinLines(
      '# Master Issue Log',
      '',
      '## Issue Summary Statistics',
      '- **Total Issues**: 2',
      '- **Resolved**: 1',
      `- **Open**: ${open}`,
      '- **Critical**: 1',
      '- **High**: 1',
      '',
      '## Critical Issues Register',
      '',
      '### CRIT-001: Pool exhaustion',
      '- **Date**: 2026-11-01',
      '- **Status**: Open',
      '',
      '## High Priority Issues',
      '',
      '### HIGH-001: Slow search',
      '- **Date**: 2026-11-02',
      '- **Status**: Resolved',
      '- **Resolution**: Index added',
      '',
      '',
    );

  it('New Issue… bumps Total, Open and its severity in the same edit: no stale-stat appears', () => {
    const text = log(1);
    const ws = workspace({ 'log.md': text });
    const plan = planNewIssue(ws.index, uriOf('log.md'), text, 'Critical', 'Disk full', TODAY)!;
    const edits = plan.edit.changes![uriOf('log.md')];
    const after = apply(text, edits);
    assert.match(after, /- \*\*Total Issues\*\*: 3\n- \*\*Resolved\*\*: 1\n- \*\*Open\*\*: 2\n- \*\*Critical\*\*: 2\n- \*\*High\*\*: 1\n/);
    assert.ok(!codesOf(after).includes('stale-stat'), codesOf(after).join(', '));
  });

  it('leaves a count that was stale before to its own diagnostic', () => {
    const text = log(5);
    const ws = workspace({ 'log.md': text });
    const plan = planNewIssue(ws.index, uriOf('log.md'), text, 'High', 'Disk full', TODAY)!;
    const after = apply(text, plan.edit.changes![uriOf('log.md')]);
    assert.match(after, /- \*\*Total Issues\*\*: 3\n- \*\*Resolved\*\*: 1\n- \*\*Open\*\*: 5\n- \*\*Critical\*\*: 1\n- \*\*High\*\*: 2\n/);
  });

  it('the `crit` template adds no diagnostic at all: the statistics as additional edits, tab stops for placeholders', () => {
    const text = log(1);
    const before = codesOf(text);
    const lines = text.split('\n');
    const line = lines.length - 2;
    const withWord = lines.map((l, i) => (i === line ? 'crit' : l)).join('\n');
    const ws = workspace({ 'log.md': withWord });
    const items: CompletionItem[] = provideCompletion({ index: ws.index, getText: () => withWord }, uriOf('log.md'), { line, character: 4 }).items;
    const crit = items.find((i) => i.label === 'crit')!;
    assert.ok(crit, items.map((i) => i.label).join(', '));
    const main = crit.textEdit as TextEdit;
    const after = apply(withWord, [{ ...main, newText: expand(main.newText) }, ...(crit.additionalTextEdits ?? [])]);
    assert.match(after, /### CRIT-002: Title\n/);
    assert.match(after, /- \*\*Total Issues\*\*: 3\n- \*\*Resolved\*\*: 1\n- \*\*Open\*\*: 2\n- \*\*Critical\*\*: 2\n/);
    assert.deepEqual(codesOf(after), before);
  });

  it('whichever Status the `crit` template\'s choice is left at, the bumped Open count is right', () => {
    const text = log(1);
    const lines = text.split('\n');
    const line = lines.length - 2;
    const withWord = lines.map((l, i) => (i === line ? 'crit' : l)).join('\n');
    const ws = workspace({ 'log.md': withWord });
    const crit = provideCompletion({ index: ws.index, getText: () => withWord }, uriOf('log.md'), { line, character: 4 }).items.find((i) => i.label === 'crit')!;
    const main = crit.textEdit as TextEdit;
    const choices = /\$\{\d+\|([^}]*)\|\}/.exec(main.newText)![1].split(',');
    assert.ok(choices.length > 1, choices.join(','));
    for (const status of choices) {
      const picked = main.newText.replace(/\$\{\d+\|[^}]*\|\}/, status);
      const after = apply(withWord, [{ ...main, newText: expand(picked) }, ...(crit.additionalTextEdits ?? [])]);
      assert.ok(!codesOf(after).includes('stale-stat'), `${status}: ${codesOf(after).join(', ')}`);
    }
  });
});
