/** The "N references" code lens and the references it counts, on the core alone (inline fixtures). */
import * as assert from 'node:assert/strict';
import type { CodeLens, Location } from 'vscode-languageserver-protocol';
import { provideCodeLenses, referenceCounts, resolveCodeLens, SHOW_REFERENCES_COMMAND } from '../../server/src/core/features/codeLens';
import type { FeatureContext } from '../../server/src/core/features/context';
import { provideReferences } from '../../server/src/core/features/references';
import { readDocument } from '../../server/src/core/document';
import { resolveOptions, type SettingsProblem } from '../../server/src/core/config';
import { joinLines, uriOf, workspace } from './helpers';

const FILES = {
  'log/master.md': joinLines(
    '# Master Issue Log',
    '',
    '## Critical Issues',
    '',
    '### CRIT-001: Pool Exhaustion',
    '- **Status**: Resolved',
    '- **Reference**: [phase](../phase/issues.md#issue-1-pool-exhaustion)',
    '',
    '### CRIT-002: Memory Leak',
    '- **Status**: Open',
    '- **Reference**: [phase](../phase/issues.md#issue-2)',
    '',
    '### CRIT-003: Nobody Cites This',
    '- **Status**: Open',
  ),
  'phase/issues.md': joinLines(
    '# Phase',
    '',
    '## Issue 1: Pool Exhaustion',
    '- **Severity**: Critical',
    '- **Status**: Resolved',
    '',
    'Registered as CRIT-001.',
    '',
    '## Issue 2: Memory Leak',
    '- **Severity**: Critical',
    '- **Status**: Open',
  ),
  'notes.md': joinLines(
    '# Notes',
    '',
    'CRIT-001 came back; see [the entry](log/master.md#crit-001-pool-exhaustion),',
    'and [CRIT-001](log/master.md#crit-001-pool-exhaustion) again, and [the phase](phase/issues.md#issue-1-pool-exhaustion).',
    '',
    '| ID | Status |',
    '|----|--------|',
    '| CRIT-001 | Resolved |',
  ),
};

function context(files: Record<string, string>, settings = {}): FeatureContext {
  const ws = workspace(files, settings);
  return { index: ws.index, getText: () => undefined };
}

async function lenses(ctx: FeatureContext, rel: string): Promise<{ line: number; title: string; lens: CodeLens }[]> {
  const out = [];
  for (const lens of provideCodeLenses(ctx, uriOf(rel))) {
    assert.equal(lens.command, undefined, 'unresolved');
    const resolved = await resolveCodeLens(ctx, lens);
    out.push({ line: lens.range.start.line, title: resolved.command!.title, lens: resolved });
  }
  return out;
}

const where = (locations: Location[]) => locations.map((l) => `${l.uri.slice(uriOf('').length)}:${l.range.start.line}:${l.range.start.character}`).sort();

describe('code lens: references of entries', () => {
  it('gives one unresolved lens per ID and numbered entry heading, counted on resolve', async () => {
    const ctx = context(FILES);
    // CRIT-001: the mention in the phase file, two in the notes (one is the text of a link to it: counted once),
    // the link to its heading, and the register row.
    assert.deepEqual(
      (await lenses(ctx, 'log/master.md')).map((l) => [l.line, l.title]),
      [
        [4, '5 references'],
        [8, '0 references'],
        [12, '0 references'],
      ],
    );
    // Issue 1: CRIT-001's Reference and the notes' link; Issue 2: CRIT-002's Reference, whose `#issue-2` is
    // broken but names the file's only Issue 2 (contract v2, "One issue, one count").
    assert.deepEqual(
      (await lenses(ctx, 'phase/issues.md')).map((l) => [l.line, l.title]),
      [
        [2, '2 references'],
        [8, '1 reference'],
      ],
    );
  });

  it('peeks the references through the client command, with the locations Find All References gives', async () => {
    const ctx = context(FILES);
    const [crit1, crit2] = await lenses(ctx, 'log/master.md');
    const command = crit1.lens.command!;
    assert.equal(command.command, SHOW_REFERENCES_COMMAND);
    const [uri, position, locations] = command.arguments as [string, { line: number; character: number }, Location[]];
    assert.equal(uri, uriOf('log/master.md'));
    assert.deepEqual(position, { line: 4, character: 0 });
    assert.deepEqual(where(locations), ['notes.md:2:0', 'notes.md:2:24', 'notes.md:3:5', 'notes.md:7:2', 'phase/issues.md:6:14']);
    const found = await provideReferences(ctx, uriOf('log/master.md'), { line: 4, character: 6 }, false);
    assert.deepEqual(where(found!), where(locations));
    // Zero is shown, and is not a link.
    assert.equal(crit2.lens.command!.command, '');
  });

  it('Find All References on a numbered entry heading lists the links to it, and its heading as the declaration', async () => {
    const ctx = context(FILES);
    const found = await provideReferences(ctx, uriOf('phase/issues.md'), { line: 2, character: 4 }, true);
    assert.deepEqual(where(found!), ['log/master.md:6:17', 'notes.md:3:66', 'phase/issues.md:2:3']);
  });

  it('gives no lenses when the setting turns them off', () => {
    assert.deepEqual(provideCodeLenses(context(FILES, { codeLens: { references: false } }), uriOf('log/master.md')), []);
    assert.equal(provideCodeLenses(context(FILES), uriOf('log/master.md')).length, 3);
  });

  it('reads the setting issueLog.codeLens.references: a value that is not a boolean is reported and the lenses stay', () => {
    const problems: SettingsProblem[] = [];
    assert.equal(resolveOptions({ codeLens: { references: 'no' as unknown as boolean } }, problems).codeLensReferences, true);
    assert.deepEqual(problems.map((p) => p.setting), ['issueLog.codeLens.references']);
    assert.equal(resolveOptions({ codeLens: { references: false } }).codeLensReferences, false);
    assert.equal(resolveOptions({}).codeLensReferences, true);
  });

  it('resolves the lens of an entry that moved to the nearest one of its key; a gone entry gets an empty title', async () => {
    const ctx = context(FILES);
    const [lens] = provideCodeLenses(ctx, uriOf('log/master.md'));
    const moved = { ...lens, range: { start: { line: 9, character: 0 }, end: { line: 9, character: 5 } } };
    assert.equal((await resolveCodeLens(ctx, moved)).command!.title, '5 references');
    const gone = { ...lens, data: { ...(lens.data as object), key: 'CRIT-099' } };
    assert.equal((await resolveCodeLens(ctx, gone)).command!.title, '');
  });

  it('the counts of a document change with a mention, not with text around it (what codeLens/refresh looks at)', () => {
    const ws = workspace(FILES);
    const notes = uriOf('notes.md');
    const before = referenceCounts(ws.index, ws.index.get(notes)!);
    ws.index.set(readDocument(notes, FILES['notes.md'].replace('came back', 'came back, twice'), ws.index.options));
    assert.equal(referenceCounts(ws.index, ws.index.get(notes)!), before);
    ws.index.set(readDocument(notes, FILES['notes.md'] + 'CRIT-002 too.\n', ws.index.options));
    assert.notEqual(referenceCounts(ws.index, ws.index.get(notes)!), before);
  });
});
