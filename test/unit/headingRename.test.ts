/**
 * Rename on a heading updates the anchors to it (core/features/headingAnchors.ts, through rename.ts),
 * on inline fixtures. Ids as GitHub gives them (github-slugger: lower-case, punctuation dropped,
 * spaces to `-`, repeats `-1`, `-2` in document order), fragments matched without case.
 */
import * as assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-protocol';
import type { FeatureContext } from '../../server/src/core/features/context';
import { prepareRename, provideRename, RenameError } from '../../server/src/core/features/rename';
import { applyEdits } from '../lsp/text';
import { joinLines, uriOf, workspace } from './helpers';

function context(files: Record<string, string>): FeatureContext {
  const ws = workspace(files);
  return { index: ws.index, getText: (uri) => files[uri.slice(uriOf('').length)] };
}

/** Renames at the first occurrence of `at` in `rel`; returns the texts after the edit. */
async function renameAt(files: Record<string, string>, rel: string, at: string, newName: string): Promise<Record<string, string>> {
  const text = files[rel];
  const offset = text.indexOf(at);
  const line = text.slice(0, offset).split('\n').length - 1;
  const position = { line, character: offset - text.lastIndexOf('\n', offset - 1) - 1 };
  const edit = await provideRename(context(files), uriOf(rel), position, newName);
  const out = { ...files };
  for (const [uri, edits] of Object.entries(edit?.changes ?? {})) {
    const r = uri.slice(uriOf('').length);
    out[r] = applyEdits(files[r], edits as TextEdit[]);
  }
  return out;
}

const brokenAnchors = (files: Record<string, string>) => {
  const ws = workspace(files);
  return Object.keys(files).flatMap((rel) => ws.codes(rel).filter((c) => c.startsWith('broken-')).map((c) => `${rel}: ${c}`));
};

const LOG = (extra: string[]) => joinLines('# Log', '', '## CRIT-009: Entry', '- **Status**: Open', '', ...extra);

describe('rename on a heading updates the anchors', () => {
  const files = {
    'a.md': LOG(['## Design notes', '', 'See [notes](#design-notes), [other](#log) and [by name](a.md#Design-Notes).']),
    'b.md': joinLines(
      '# B',
      '',
      '## CRIT-010: Other',
      '- **Status**: Open',
      '',
      '[n](a.md#design-notes) [prefixed](a.md#user-content-design-notes) [line](a.md?plain=1#L3) [log](a.md#log)',
      '',
      '[def]: ./a.md#DESIGN-NOTES',
    ),
  };

  it('prepares the heading text, and renames it and every link to its id, in this and other documents', async () => {
    assert.deepEqual(prepareRename(context(files), uriOf('a.md'), { line: 5, character: 5 }), {
      range: { start: { line: 5, character: 3 }, end: { line: 5, character: 15 } },
      placeholder: 'Design notes',
    });
    assert.deepEqual(brokenAnchors(files), []);
    const after = await renameAt(files, 'a.md', 'Design notes', 'Design decisions');
    assert.equal(after['a.md'], LOG(['## Design decisions', '', 'See [notes](#design-decisions), [other](#log) and [by name](a.md#design-decisions).']));
    assert.equal(
      after['b.md'].split('\n')[5],
      '[n](a.md#design-decisions) [prefixed](a.md#user-content-design-decisions) [line](a.md?plain=1#L3) [log](a.md#log)',
    );
    assert.ok(after['b.md'].includes('[def]: ./a.md#design-decisions'));
    assert.deepEqual(brokenAnchors(after), []);
    // Without the anchor edits the rename breaks them (the check above can fail).
    assert.notDeepEqual(brokenAnchors({ ...files, 'a.md': files['a.md'].replace('## Design notes', '## Design decisions') }), []);
  });

  it('a new text that collides with another heading shifts the repeat suffixes, as GitHub numbers them', async () => {
    const text = LOG(['## Setup', '', '## Usage', '', '## Setup', '', '[1](#setup) [2](#usage) [3](#setup-1)']);
    // ids: setup, usage, setup-1 → after "Usage" becomes "Setup": setup, setup-1, setup-2.
    const after = await renameAt({ 'a.md': text }, 'a.md', 'Usage', 'Setup');
    assert.equal(after['a.md'], LOG(['## Setup', '', '## Setup', '', '## Setup', '', '[1](#setup) [2](#setup-1) [3](#setup-2)']));
    assert.deepEqual(brokenAnchors(after), []);
    // The first one renamed: the third takes the plain id.
    const first = await renameAt({ 'a.md': text }, 'a.md', 'Setup', 'Install');
    assert.equal(first['a.md'], LOG(['## Install', '', '## Usage', '', '## Setup', '', '[1](#install) [2](#usage) [3](#setup)']));
  });

  it('an ID rename whose heading id collides shifts the other heading\'s anchors too', async () => {
    const text = joinLines('# Log', '', '## CRIT-001: Pool', '- **Status**: Open', '', '## CRIT-002: Pool', '- **Status**: Open', '', '[one](#crit-001-pool) [two](#crit-002-pool)');
    const after = await renameAt({ 'log.md': text }, 'log.md', 'CRIT-001', 'CRIT-002');
    assert.equal(after['log.md'].trimEnd().split('\n').at(-1), '[one](#crit-002-pool) [two](#crit-002-pool-1)');
  });

  it('refuses a new text with a line break; no heading under the cursor is no rename', async () => {
    await assert.rejects(renameAt(files, 'a.md', 'Design notes', 'Design\nnotes'), RenameError);
    assert.equal(prepareRename(context(files), uriOf('a.md'), { line: 7, character: 2 }), null);
    assert.equal(await provideRename(context(files), uriOf('a.md'), { line: 7, character: 2 }, 'x'), null);
  });
});
