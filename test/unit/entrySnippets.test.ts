/** Entry templates from the server (issue 14): the next free ID of the log, its dialect, tab stops instead of `[TBD]`. */
import * as assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-protocol';
import { provideCompletion } from '../../server/src/core/features/completion';
import type { FeatureContext } from '../../server/src/core/features/context';
import { joinLines, uriOf, workspace } from './helpers';

function context(files: Record<string, string>, settings = {}): FeatureContext {
  const ws = workspace(files, settings);
  return { index: ws.index, getText: (uri) => files[Object.keys(files).find((rel) => uriOf(rel) === uri) ?? ''] };
}
const newText = (i: CompletionItem) => (i.textEdit as TextEdit).newText;

describe('entry templates in completion', () => {
  const seed = joinLines('# Log', '', '### CRIT-001: A', '- **Status**: Open', '', '### CRIT-002: B', '- **Status**: Resolved', '', 'cr', '- **Severity**: lo', 'Text cr', '');
  const at = (text: string, line: number, character: number, settings = {}) => provideCompletion(context({ 'log.md': text }, settings), uriOf('log.md'), { line, character }).items;

  it('offers `crit` with the next free ID of the log, its fields as tab stops', () => {
    const items = at(seed, 8, 2).filter((i) => i.label === 'crit');
    assert.equal(items.length, 1);
    const body = newText(items[0]);
    assert.match(body, /^### CRIT-003: \$\{1:Title\}\n/);
    assert.match(body, /- \*\*Status\*\*: \$\{\d+\|Open,In Progress,Blocked\|\}\n/);
    assert.match(body, /- \*\*Date\*\*: \$CURRENT_YEAR-\$CURRENT_MONTH-\$CURRENT_DATE\n/);
    assert.match(body, /- \*\*Phase\*\*: \$\{\d+:Phase\}\n/);
    assert.ok(!body.includes('[TBD]'));
    assert.deepEqual((items[0].textEdit as TextEdit).range, { start: { line: 8, character: 0 }, end: { line: 8, character: 2 } });
  });

  it('offers no template inside a field value, after text on the line, or right under a field', () => {
    assert.ok(!at(seed, 9, 18).some((i) => String(i.label) === 'low'));
    assert.ok(!at(seed, 10, 7).some((i) => String(i.label) === 'crit'));
    const underField = joinLines('### CRIT-001: A', '- **Status**: Open', 'cr');
    assert.ok(!at(underField, 2, 2).some((i) => String(i.label) === 'crit'));
  });

  it('writes the log\'s dialect, with a severity choice for a prefix that implies none', () => {
    const bugs = joinLines('### [BUG-011] Crash', '| Field | Value |', '|---|---|', '| **Priority** | P1 |', '| **Status** | 🔴 Open |', '', 'bu');
    const bug = at(bugs, 6, 2, { prefixes: { BUG: '' } }).find((i) => i.label === 'bug')!;
    assert.ok(bug, 'a template per learnt prefix');
    const body = newText(bug);
    assert.match(body, /^### \[BUG-012\] \$\{1:Title\}\n\| Field \| Value \|\n/);
    assert.match(body, /\| \*\*Priority\*\* \| \$\{\d+\|P0,P1,P2,P3\|\} \|/);
    assert.match(body, /\| \*\*Status\*\* \| \$\{\d+\|🔴 Open\|\} \|/);
  });

  it('offers as Status only the log\'s words that read as open (its legend\'s too), not its resolved ones', () => {
    const legend = joinLines(
      '# Log', '', '## Status Legend', '', '| Status | Meaning |', '|---|---|', '| 🟣 Triage | Awaiting triage |', '| 🚀 Shipped | Fixed and deployed |', '',
      '### CRIT-001: A', '- **Status**: 🔴 Open', '', '### CRIT-002: B', '- **Status**: 🚀 Shipped', '',
      '### CRIT-003: C', '- **Status**: ✅ Fixed', '', '### CRIT-004: D', '- **Status**: 🟣 Triage', '', 'cr', '',
    );
    const crit = at(legend, 21, 2).find((i) => i.label === 'crit')!;
    const choice = /- \*\*Status\*\*: \$\{\d+\|([^}]*)\|\}/.exec(newText(crit))?.[1];
    assert.equal(choice, 'Open,🔴 Open,🟣 Triage');
  });
});
