/** The language features on the core alone (no server), with inline fixtures. */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, DocumentSymbol, TextEdit } from 'vscode-languageserver-protocol';
import { fixAll } from '../../server/src/core/features/codeActions';
import { encodePath, MAX_ID_ITEMS, provideCompletion } from '../../server/src/core/features/completion';
import type { FeatureContext } from '../../server/src/core/features/context';
import { provideDocumentLinks } from '../../server/src/core/features/documentLinks';
import { provideDocumentSymbols } from '../../server/src/core/features/documentSymbols';
import { nextFreeId, planNewIssue } from '../../server/src/core/features/newEntry';
import { prepareRename, provideRename, RenameError } from '../../server/src/core/features/rename';
import { matchesQuery } from '../../server/src/core/features/workspaceSymbols';
import { joinLines, uriOf, workspace } from './helpers';

function context(files: Record<string, string>, settings = {}): FeatureContext {
  const ws = workspace(files, settings);
  const texts = new Map(Object.entries(files).map(([rel, text]) => [uriOf(rel), text]));
  return { index: ws.index, getText: (uri) => texts.get(uri) };
}

const apply = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
const labels = (items: CompletionItem[]) => items.map((i) => i.label);

describe('features on the core', () => {
  describe('new entries', () => {
    it('takes the next number after every defined or mentioned ID, padded as written', () => {
      const ctx = context({
        'a.md': joinLines('### CRIT-007: A', '- **Status**: Open', '', 'See CRIT-0012 and HIGH-002.'),
      });
      assert.equal(nextFreeId(ctx.index, 'CRIT'), 'CRIT-0013');
      assert.equal(nextFreeId(ctx.index, 'HIGH'), 'HIGH-003');
      assert.equal(nextFreeId(ctx.index, 'LOW'), 'LOW-001');
    });

    it('appends to a log without a register, adding the blank line a file without a final newline lacks', () => {
      const text = '# Log\n\n### LOW-001: First\n- **Status**: Open';
      const ctx = context({ 'log.md': text });
      const plan = planNewIssue(ctx.index, uriOf('log.md'), text, 'Low', 'Second', '2026-11-28')!;
      assert.equal(plan.id, 'LOW-002');
      const lines = apply(text, plan.edit.changes![uriOf('log.md')]).split('\n');
      assert.equal(lines[plan.position.line], '### LOW-002: Second');
      assert.equal(lines[plan.position.line - 1], '');
      assert.equal(lines[plan.position.line - 2], '- **Status**: Open');
    });

    it('writes a Severity field when the prefix implies none', () => {
      const text = joinLines('# Log', '', '## Open Issues', '', '### OPEN-001: First', '- **Status**: Open');
      const ctx = context({ 'log.md': text }, { prefixes: { OPEN: '' } });
      const plan = planNewIssue(ctx.index, uriOf('log.md'), text, 'High', 'Second', '2026-11-28')!;
      assert.equal(plan.id, 'OPEN-002');
      assert.match(apply(text, plan.edit.changes![uriOf('log.md')]), /### OPEN-002: Second\n(?:- .*\n)*- \*\*Severity\*\*: High\n/);
    });
  });

  describe('completion', () => {
    const text = joinLines('### CRIT-001: A', '- **Status**: Open', '', '### CR', '- **Severity**: ', 'Also CRIT');
    const ctx = () => context({ 'log.md': text });
    const at = (line: number, character: number) => provideCompletion(ctx(), uriOf('log.md'), { line, character }).items;

    it('reads the context from the text before the cursor', () => {
      assert.deepEqual(labels(at(3, 6)), ['CRIT-002']);
      assert.deepEqual(labels(at(4, 16)), ['Critical', 'High', 'Medium', 'Low']);
      assert.deepEqual(labels(at(5, 9)), ['CRIT-001']);
      // In the middle of the Status value's line, before the colon: field names.
      assert.ok(labels(at(1, 4)).includes('Status'));
    });

    it('offers a bounded, incomplete list of the IDs that start with what was typed when there are many', () => {
      const entries = Array.from({ length: 450 }, (_, i) => `### LOW-${String(i + 1).padStart(3, '0')}: Entry ${i + 1}\n- **Status**: Open\n`);
      const big = context({ 'log.md': entries.join('\n') + '\nSee LOW-10\nSee L\n' });
      const complete = (line: number, character: number) => provideCompletion(big, uriOf('log.md'), { line, character });
      const lastLine = entries.length * 3;
      const narrow = complete(lastLine, 10);
      assert.equal(narrow.isIncomplete, false);
      assert.deepEqual(labels(narrow.items).slice(0, 3), ['LOW-100', 'LOW-101', 'LOW-102']);
      assert.equal(narrow.items.length, 10);
      const wide = complete(lastLine + 1, 5);
      assert.equal(wide.isIncomplete, true);
      assert.equal(wide.items.length, MAX_ID_ITEMS);
      assert.ok(MAX_ID_ITEMS < 450);
      assert.ok(labels(wide.items).every((l) => String(l).startsWith('LOW-')));
    });

    describe('in the dialect of the log', () => {
      const bugs = joinLines(
        '### [BUG-011] Crash',
        '| Field | Value |',
        '|---|---|',
        '| **Priority** | P1 |',
        '| **Status** | 🔴 Open |',
        '',
        '### [BUG-',
        '| **Status** | ',
        '| **Priority** | ',
        '',
        '### ISS-07 — Slow',
        '- **Status:** Active',
        '',
        '### ISS-',
        '- **Sta',
      );
      const c = () => context({ 'log.md': bugs }, { prefixes: { BUG: '', ISS: '' } });
      const at = (line: number, character: number) => provideCompletion(c(), uriOf('log.md'), { line, character }).items;
      const edits = (items: CompletionItem[]) => items.map((i) => (i.textEdit as TextEdit).newText);

      it('offers the next ID of a known prefix with the separator the log uses, padded as it writes the prefix', () => {
        assert.deepEqual(edits(at(6, 9)), ['BUG-012] ']);
        assert.deepEqual(edits(at(13, 8)), ['ISS-08 — ']);
      });
      it('offers the log\'s own status words first, and severities in its notation', () => {
        assert.equal(labels(at(7, 15))[0], '🔴 Open');
        assert.deepEqual(labels(at(8, 17)).slice(0, 4), ['P0', 'P1', 'P2', 'P3']);
      });
      it('closes a field name as the log does (`**Name:**`)', () => {
        const status = at(14, 7).find((i) => i.label === 'Status')!;
        assert.equal((status.textEdit as TextEdit).newText, 'Status:** ');
      });
    });
  });

  describe('rename', () => {
    const text = joinLines('# Log', '', '## CRIT-001: Pool', '', '## CRIT-001: Pool', '', '[second](#crit-001-pool-1) and [first](#crit-001-pool)');
    it('refuses a name that is not an ID of a known prefix', async () => {
      const ctx = context({ 'log.md': text });
      for (const name of ['CRIT001', 'crit-001', 'CRIT-', 'CRIT-001a', 'CRIT-001: Pool']) {
        await assert.rejects(provideRename(ctx, uriOf('log.md'), { line: 2, character: 4 }, name), RenameError, name);
      }
      await assert.rejects(provideRename(ctx, uriOf('log.md'), { line: 2, character: 4 }, 'BUG-001'), RenameError);
    });

    it('renames IDs of learnt prefixes with any number of digits, and multi-part prefixes (contract v2)', async () => {
      const risks = joinLines('# Risks', '', '### R-01: Vendor lock-in', '- **Status**: Open', '', '### TD-ARCH-003: Monolith', '- **Status**: Open', '', 'See R-01 and TD-ARCH-003.');
      const ctx = context({ 'risks.md': risks });
      const r = (await provideRename(ctx, uriOf('risks.md'), { line: 2, character: 5 }, 'R-02'))!;
      const td = (await provideRename(ctx, uriOf('risks.md'), { line: 5, character: 5 }, 'TD-ARCH-0004'))!;
      assert.equal(apply(risks, r.changes![uriOf('risks.md')]).split('\n')[2], '### R-02: Vendor lock-in');
      assert.equal(apply(risks, r.changes![uriOf('risks.md')]).split('\n')[8], 'See R-02 and TD-ARCH-003.');
      assert.equal(apply(risks, td.changes![uriOf('risks.md')]).split('\n')[8], 'See R-01 and TD-ARCH-0004.');
      // CRIT-01 is an ID too: one or more digits.
      const seed = context({ 'log.md': text });
      assert.ok(await provideRename(seed, uriOf('log.md'), { line: 2, character: 4 }, 'CRIT-01'));
    });

    it('follows repeated slugs of renamed headings', async () => {
      const ctx = context({ 'log.md': text });
      // A heading that is no ID entry renames its text (headingRename.test.ts).
      assert.deepEqual(prepareRename(ctx, uriOf('log.md'), { line: 0, character: 3 }), { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 5 } }, placeholder: 'Log' });
      const edit = (await provideRename(ctx, uriOf('log.md'), { line: 6, character: 1 }, 'CRIT-002'))!;
      // The link texts hold no ID; the cursor on a link is not an ID.
      assert.equal(edit, null);
      const fromHeading = (await provideRename(ctx, uriOf('log.md'), { line: 2, character: 4 }, 'CRIT-002'))!;
      assert.equal(
        apply(text, fromHeading.changes![uriOf('log.md')]),
        joinLines('# Log', '', '## CRIT-002: Pool', '', '## CRIT-002: Pool', '', '[second](#crit-002-pool-1) and [first](#crit-002-pool)'),
      );
    });
  });

  describe('symbols and links', () => {
    it('nests headings by level, even when a level is skipped', () => {
      const ctx = context({ 'log.md': joinLines('# Log', '', '### CRIT-001: Deep', '- **Status**: Open', '', '## Section', '', '#### Deeper') });
      const symbols = provideDocumentSymbols(ctx, uriOf('log.md')) as DocumentSymbol[];
      const shape = (s: DocumentSymbol): unknown => [s.name, (s.children ?? []).map(shape)];
      assert.deepEqual(symbols.map(shape), [['Log', [['CRIT-001: Deep', []], ['Section', [['Deeper', []]]]]]]);
      assert.equal(symbols[0].children![0].detail, 'Critical, Open');
    });

    it('links a same-file fragment to the heading line', () => {
      const ctx = context({ 'log.md': joinLines('# Log', '', 'See [below](#later).', '', '## Later') });
      assert.deepEqual(provideDocumentLinks(ctx, uriOf('log.md')).map((l) => l.target), [`${uriOf('log.md')}#L5`]);
    });

    it('matches workspace-symbol queries by letters in order', () => {
      assert.ok(matchesQuery('CRIT-001: Connection Pool Exhaustion', 'pool exh'));
      assert.ok(matchesQuery('CRIT-001: Connection Pool Exhaustion', 'crit001'));
      assert.ok(!matchesQuery('CRIT-001: Connection Pool Exhaustion', 'zz'));
    });

    it('encodes link paths segment by segment', () => {
      assert.equal(encodePath('../01-Quick Wins/Runbook Notes.md'), '../01-Quick%20Wins/Runbook%20Notes.md');
    });
  });

  describe('fix all', () => {
    it('offers nothing when no number is stale', () => {
      const ctx = context({ 'log.md': joinLines('## Issue Summary Statistics', '- **Total Issues**: 1', '', '### LOW-001: A', '- **Status**: Open') });
      assert.equal(fixAll(ctx, uriOf('log.md'), '2026-11-28'), undefined);
    });
  });
});
