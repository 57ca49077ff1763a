/**
 * Links follow moves (core/features/fileRename.ts), on inline fixtures: the edit for file and folder
 * renames, applied to the texts, the files moved, and the moved workspace checked for broken links.
 */
import * as assert from 'node:assert/strict';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import type { FeatureContext } from '../../server/src/core/features/context';
import { countEdits, mover, provideFileRenameEdit, type FileMove } from '../../server/src/core/features/fileRename';
import { applyEdits } from '../lsp/text';
import { joinLines, ROOT, uriOf, workspace } from './helpers';

const relOf = (uri: string) => URI.parse(uri).path.slice(ROOT.length + 1);

function context(files: Record<string, string>, extra: string[] = []): FeatureContext {
  const ws = workspace(files, {}, extra);
  return { index: ws.index, getText: (uri) => files[relOf(uri)] };
}

const mv = (from: string, to: string): FileMove => ({ oldUri: uriOf(from), newUri: uriOf(to) });

/** The edit's text edits per relative path. */
function editsOf(edit: WorkspaceEdit | null): Record<string, TextEdit[]> {
  if (!edit) return {};
  if (edit.documentChanges) return Object.fromEntries(edit.documentChanges.map((c) => ('edits' in c ? [relOf(c.textDocument.uri), c.edits as TextEdit[]] : ['', []])));
  return Object.fromEntries(Object.entries(edit.changes ?? {}).map(([u, e]) => [relOf(u), e]));
}

/** Applies the edit to the texts, then moves the files (and the other paths) as the editor would. */
function applyAndMove(files: Record<string, string>, extra: string[], moves: FileMove[], edit: WorkspaceEdit | null): { files: Record<string, string>; extra: string[] } {
  const edits = editsOf(edit);
  const move = mover(moves);
  const place = (rel: string) => relOf(move(uriOf(rel)) ?? uriOf(rel));
  const out: Record<string, string> = {};
  for (const [rel, text] of Object.entries(files)) out[place(rel)] = edits[rel] ? applyEdits(text, edits[rel]) : text;
  return { files: out, extra: extra.map(place) };
}

/** broken-link and broken-anchor findings in every document (each fixture document is a log). */
function brokenLinks(files: Record<string, string>, extra: string[]): string[] {
  const ws = workspace(files, {}, extra);
  return Object.keys(files).flatMap((rel) => ws.codes(rel).filter((c) => c.startsWith('broken-')).map((c) => `${rel}: ${c}`));
}

const MASTER = joinLines(
  '# Master',
  '',
  '## CRIT-001: Pool',
  '- **Status**: Open',
  '- **Reference**: [Phase 1](../phases/phase-1.md#issue-1)',
  '',
  'See [phase](../phases/phase-1.md#crit-002-lock), [dot](./../phases/phase-1.md), [root](/phases/phase-1.md?plain=1#L1),',
  '[spaced](<../phases/my phase.md>), [encoded](../phases/my%20phase.md), [shot](../images/My%20Shot.png),',
  '[other](../phases/other.md), [web](https://example.com/phases/phase-1.md), <https://example.com/phases/phase-1.md>,',
  '[folder](../phases/) and [defined][p1].',
  '',
  '[p1]: ../phases/phase-1.md "Phase one"',
);
const PHASE = joinLines(
  '# Phase 1',
  '',
  '## Issue 1',
  '',
  '## CRIT-002: Lock',
  '- **Status**: Open',
  '',
  'Back to [master](../docs/MASTER.md#crit-001-pool), [sibling](other.md), [dot sibling](./other.md), [self](#issue-1), [self by name](phase-1.md#issue-1) and [top](/docs/MASTER.md).',
);
const OTHER = joinLines('# Other', '', '## CRIT-003: Other', '- **Status**: Open', '', '[phase](phase-1.md#issue-1)');
const MY_PHASE = joinLines('# My phase', '', '## CRIT-004: Mine', '- **Status**: Open');
const FILES = { 'docs/MASTER.md': MASTER, 'phases/phase-1.md': PHASE, 'phases/other.md': OTHER, 'phases/my phase.md': MY_PHASE };
const EXTRA = ['images/My Shot.png'];

/** `old → new` texts of the edits in one file, in order. */
function rewrites(files: Record<string, string>, edit: WorkspaceEdit | null, rel: string): string[] {
  const text = files[rel];
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return (editsOf(edit)[rel] ?? []).map((e) => `${text.slice(offset(e.range.start), offset(e.range.end))} → ${e.newText}`);
}

describe('links follow moves (willRenameFiles)', () => {
  it('the fixture has no broken link before the move', () => {
    assert.deepEqual(brokenLinks(FILES, EXTRA), []);
  });

  it('a file rename rewrites the links to it, keeping fragments, query, `./`, a path from the root and reference definitions', () => {
    const moves = [mv('phases/phase-1.md', 'archive/2025/phase-1.md')];
    const edit = provideFileRenameEdit(context(FILES, EXTRA), moves);
    assert.deepEqual(rewrites(FILES, edit, 'docs/MASTER.md'), [
      '../phases/phase-1.md → ../archive/2025/phase-1.md',
      '../phases/phase-1.md → ../archive/2025/phase-1.md',
      './../phases/phase-1.md → ../archive/2025/phase-1.md',
      '/phases/phase-1.md → /archive/2025/phase-1.md',
      '../phases/phase-1.md → ../archive/2025/phase-1.md',
    ]);
    // Links inside the moved file: their folder changes; `#issue-1` and `phase-1.md#…` still hold.
    assert.deepEqual(rewrites(FILES, edit, 'phases/phase-1.md'), ['../docs/MASTER.md → ../../docs/MASTER.md', 'other.md → ../../phases/other.md', './other.md → ../../phases/other.md']);
    assert.deepEqual(rewrites(FILES, edit, 'phases/other.md'), ['phase-1.md → ../archive/2025/phase-1.md']);
    const moved = applyAndMove(FILES, EXTRA, moves, edit);
    assert.ok(moved.files['archive/2025/phase-1.md'].includes('[master](../../docs/MASTER.md#crit-001-pool)'));
    assert.ok(moved.files['docs/MASTER.md'].includes('[root](/archive/2025/phase-1.md?plain=1#L1)'));
    assert.deepEqual(brokenLinks(moved.files, moved.extra), []);
    // Without the edit, the move breaks links (the check above can fail).
    assert.notDeepEqual(brokenLinks(applyAndMove(FILES, EXTRA, moves, null).files, EXTRA), []);
  });

  it('a folder rename rewrites links into it and the links out of the files inside it, not those between them', () => {
    const moves = [mv('phases', 'archive/phases')];
    const edit = provideFileRenameEdit(context(FILES, EXTRA), moves);
    const master = rewrites(FILES, edit, 'docs/MASTER.md');
    assert.ok(master.includes('../phases/my phase.md → ../archive/phases/my phase.md'), master.join('\n'));
    assert.ok(master.includes('../phases/my%20phase.md → ../archive/phases/my%20phase.md'));
    assert.ok(master.includes('../phases/ → ../archive/phases/'));
    assert.ok(master.includes('../phases/other.md → ../archive/phases/other.md'));
    assert.deepEqual(rewrites(FILES, edit, 'phases/other.md'), []);
    assert.deepEqual(rewrites(FILES, edit, 'phases/phase-1.md'), ['../docs/MASTER.md → ../../docs/MASTER.md']);
    const moved = applyAndMove(FILES, EXTRA, moves, edit);
    assert.deepEqual(brokenLinks(moved.files, moved.extra), []);
    assert.deepEqual(countEdits(edit), { links: master.length + 1, files: 2 });
  });

  it('an image (not Markdown) renamed to a name with a space: percent-encoded as the link was', () => {
    const moves = [mv('images/My Shot.png', 'images/old/Shot 2.png')];
    const edit = provideFileRenameEdit(context(FILES, EXTRA), moves);
    assert.deepEqual(rewrites(FILES, edit, 'docs/MASTER.md'), ['../images/My%20Shot.png → ../images/old/Shot%202.png']);
    const moved = applyAndMove(FILES, EXTRA, moves, edit);
    assert.deepEqual(brokenLinks(moved.files, moved.extra), []);
  });

  it('angle brackets keep a space as it is; encoded non-ASCII stays encoded', () => {
    const files = {
      'a.md': joinLines('# A', '', '## CRIT-001: A', '- **Status**: Open', '', '[x](<my phase.md#top>) [y](caf%C3%A9.md) [z](café.md)'),
      'my phase.md': '# P\n',
      'café.md': '# C\n',
    };
    const e1 = provideFileRenameEdit(context(files), [mv('my phase.md', 'your phase.md')]);
    assert.deepEqual(rewrites(files, e1, 'a.md'), ['my phase.md → your phase.md']);
    const e2 = provideFileRenameEdit(context(files), [mv('café.md', 'thé.md')]);
    assert.deepEqual(rewrites(files, e2, 'a.md'), ['caf%C3%A9.md → th%C3%A9.md', 'café.md → thé.md']);
  });

  it('a link that does not point at a moved path is untouched, and nothing to do is null', () => {
    const edit = provideFileRenameEdit(context(FILES, EXTRA), [mv('phases/other.md', 'phases/other-2.md')]);
    // Only the links to other.md (and none inside it: its folder is the same).
    assert.deepEqual(rewrites(FILES, edit, 'docs/MASTER.md'), ['../phases/other.md → ../phases/other-2.md']);
    assert.deepEqual(rewrites(FILES, edit, 'phases/phase-1.md'), ['other.md → other-2.md', './other.md → ./other-2.md']);
    assert.equal(provideFileRenameEdit(context(FILES, EXTRA), [mv('unrelated.md', 'elsewhere.md')]), null);
    // A file renamed in place that nothing links to, with no relative links of its own.
    assert.equal(provideFileRenameEdit(context(FILES, EXTRA), [mv('phases/my phase.md', 'phases/your phase.md')])?.changes?.[uriOf('phases/my phase.md')], undefined);
  });

  it('several files in one request, chained (a → b, then b → c), and a rename to the same name in another case', () => {
    const chained = [mv('phases/phase-1.md', 'phases/tmp.md'), mv('phases/tmp.md', 'done/phase-1.md'), mv('phases/other.md', 'done/other.md')];
    const edit = provideFileRenameEdit(context(FILES, EXTRA), chained);
    const master = rewrites(FILES, edit, 'docs/MASTER.md');
    assert.ok(master.includes('../phases/phase-1.md → ../done/phase-1.md'));
    assert.ok(master.includes('../phases/other.md → ../done/other.md'));
    // Both moved to the same folder: their links to each other stay as written.
    assert.deepEqual(rewrites(FILES, edit, 'phases/other.md'), []);
    const moved = applyAndMove(FILES, EXTRA, chained, edit);
    assert.deepEqual(brokenLinks(moved.files, moved.extra), []);

    const cased = [mv('phases/phase-1.md', 'phases/Phase-1.md')];
    const e2 = provideFileRenameEdit(context(FILES, EXTRA), cased);
    assert.deepEqual(rewrites(FILES, e2, 'phases/other.md'), ['phase-1.md → Phase-1.md']);
    // Its own link by name to itself too.
    assert.deepEqual(rewrites(FILES, e2, 'phases/phase-1.md'), ['phase-1.md → Phase-1.md']);
    const m2 = applyAndMove(FILES, EXTRA, cased, e2);
    assert.deepEqual(brokenLinks(m2.files, m2.extra), []);
  });

  it('versioned document changes name each document at its old place', () => {
    const edit = provideFileRenameEdit(context(FILES, EXTRA), [mv('phases/phase-1.md', 'archive/phase-1.md')], {
      documentChanges: true,
      versionOf: (uri) => (uri === uriOf('docs/MASTER.md') ? 7 : null),
    });
    const docs = (edit?.documentChanges ?? []).map((c) => ('textDocument' in c ? [relOf(c.textDocument.uri), c.textDocument.version] : []));
    assert.deepEqual(docs.sort(), [['docs/MASTER.md', 7], ['phases/other.md', null], ['phases/phase-1.md', null]]);
  });
});
