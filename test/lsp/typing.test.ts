/**
 * Typing in a log as a user does, key by key, asking for completion as VS Code does (on a trigger
 * character; on a word character when no list is open; again at each key while the open list is
 * incomplete): the list must not be in the way where nothing is to be completed, so that Enter ends
 * the line (issue 14).
 */
import * as assert from 'node:assert/strict';
import { CompletionRequest, CompletionTriggerKind, type CompletionContext, type CompletionItem, type CompletionList } from 'vscode-languageserver-protocol/node';
import { COMPLETION_TRIGGER_CHARACTERS } from '../../server/src/core/features/completion';
import type { InMemoryWorkspace } from './inMemoryWorkspace';
import { startOnFeatureWorkspace, type InProcessClient } from './inProcess';
import { MASTER } from './seed';
import { applyEdits } from './text';
import { NewIssueRequest } from '../../server/src/protocol';

/** What the editor shows: the open list's items whose filter text starts with the word before the cursor (case-insensitive). */
function visible(list: CompletionList | null, line: string): CompletionItem[] {
  if (!list) return [];
  const word = /[A-Za-z0-9_-]*$/.exec(line)![0].toLowerCase();
  return list.items.filter((i) => (i.filterText ?? i.label).toLowerCase().startsWith(word));
}

/** The position at the end of `text`. */
function endOf(text: string) {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

const newTextOf = (i: CompletionItem) => (i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : (i.insertText ?? String(i.label)));

describe('typing in a log (in process, seed workspace)', function () {
  let ws: InMemoryWorkspace;
  let client: InProcessClient;

  before(async () => {
    ({ ws, client } = await startOnFeatureWorkspace());
  });
  after(async () => {
    await client?.stop();
    ws?.dispose();
  });

  /** Types `typed` at the end of `uri`'s text key by key; returns the text and every list the server answered, with what was visible at the end. */
  async function type(uri: string, start: string, typed: string) {
    let text = start;
    let open: CompletionList | null = null;
    const answered: CompletionItem[] = [];
    for (const ch of typed) {
      const at = endOf(text);
      await client.edit(uri, [{ range: { start: at, end: at }, text: ch }]);
      text += ch;
      const position = endOf(text);
      const wordChar = /[A-Za-z0-9]/.test(ch);
      let context: CompletionContext | undefined;
      if (COMPLETION_TRIGGER_CHARACTERS.includes(ch)) context = { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: ch };
      else if (wordChar && open?.isIncomplete) context = { triggerKind: CompletionTriggerKind.TriggerForIncompleteCompletions };
      else if (wordChar && !open) context = { triggerKind: CompletionTriggerKind.Invoked };
      else if (!wordChar) open = null;
      if (context) {
        const r = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position, context })) as CompletionList | null;
        answered.push(...(r?.items ?? []));
        open = r && r.items.length > 0 ? r : null;
      }
      if (open && visible(open, text.slice(text.lastIndexOf('\n') + 1)).length === 0) open = null;
    }
    return { text, answered, shown: open ? visible(open, text.slice(text.lastIndexOf('\n') + 1)) : [] };
  }

  it('ends the line on Enter after `- **Severity**: Low`, with no entry template offered on the way', async function () {
    this.timeout(60000);
    const uri = ws.uri(MASTER);
    const start = ws.read(MASTER).replace(/\n*$/, '\n\n');
    await client.open(uri, start);
    try {
      const { text, answered, shown } = await type(uri, start, '- **Severity**: Low');
      assert.deepEqual(shown.map((i) => i.label), [], 'no list open at the Enter point');
      assert.ok(!answered.some((i) => newTextOf(i).includes('###')), 'no entry template offered');
      // Field names were offered after `- **` (where one is expected), IDs nowhere (no prefix letter typed).
      assert.ok(answered.some((i) => i.label === 'Severity'));
      assert.ok(!answered.some((i) => /^[A-Z]+-\d+$/.test(String(i.label))), 'no issue ID for an empty word');
      // Enter with no list open inserts a newline.
      assert.ok((text + '\n').endsWith('\n- **Severity**: Low\n'));
    } finally {
      await client.close(uri);
    }
  });

  it('offers the `crit` entry template as `crit` is typed at the start of a line, with the next free ID', async function () {
    this.timeout(60000);
    const uri = ws.uri(MASTER);
    const start = ws.read(MASTER).replace(/\n*$/, '\n\n');
    await client.open(uri, start);
    try {
      const { shown } = await type(uri, start, 'crit');
      const crit = shown.filter((i) => i.label === 'crit');
      assert.equal(crit.length, 1);
      assert.match(newTextOf(crit[0]), /^### CRIT-004: \$\{1:Title\}\n/);
    } finally {
      await client.close(uri);
    }
  });

  it('issueLog/newIssue updates the statistics in the same edit: no new stale-stat over the protocol', async function () {
    this.timeout(60000);
    // A log whose statistics are right (the seed's are stale on purpose).
    const uri = 'untitled:Stats-1';
    const text = [
      '# Issue Log', '', '## Issue Summary Statistics', '- **Total Issues**: 2', '- **Resolved**: 1', '- **Open**: 1', '- **Critical**: 1', '- **High**: 1', '',
      '## Critical Issues Register', '', '### CRIT-101: Pool', '- **Date**: 2026-11-01', '- **Status**: Open', '',
      '## High Priority Issues', '', '### HIGH-101: Search', '- **Date**: 2026-11-02', '- **Status**: Resolved', '- **Resolution**: Index', '',
    ].join('\n');
    await client.open(uri, text);
    try {
      const staleLines = (d: { code?: unknown; range: { start: { line: number } } }[]) => d.filter((x) => x.code === 'stale-stat').map((x) => x.range.start.line);
      const before = staleLines(await client.waitForVersion(uri, 1));
      const r = await client.connection.sendRequest(NewIssueRequest, { uri, severity: 'Critical', title: 'Disk full', today: '2026-11-28' });
      const edits = r!.edit.changes![uri];
      assert.ok(edits.length > 1, 'the statistics edits come with the entry');
      const version = await client.change(uri, applyEdits(text, edits));
      const after = staleLines(await client.waitForVersion(uri, version));
      assert.deepEqual(before, []);
      assert.deepEqual(after, []);
    } finally {
      await client.close(uri);
    }
  });
});
