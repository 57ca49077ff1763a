/**
 * `ignoreLinks` applied (core/ignoredLinks.ts): a glob matches the destination as written (with and
 * without its #fragment, without a leading `./`) or the target's path relative to the workspace
 * folder (with and without the fragment); an ignored link gets neither broken-link nor
 * broken-anchor. And the quick fix "Ignore links to …" (core/features/ignoreLinkFix.ts).
 */
import { strict as assert } from 'node:assert';
import type { CodeAction, CreateFile, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { provideCodeActions } from '../../server/src/core/features/codeActions';
import { globEscape } from '../../server/src/core/features/ignoreLinkFix';
import { readConfigFile } from '../../server/src/core/configFile';
import { resolveOptions, mergeSettings } from '../../server/src/core/config';
import { joinLines, uriOf, workspace } from './helpers';
import { applyEdits } from '../lsp/text';

const LOG = joinLines(
  '# Log',
  '',
  '### LOW-001: First',
  '- **Status**: Open',
  '',
  '[a](../private/notes.md) [b](./archive/old.md#intro) [c](docs/x.md#gone) [d](#nowhere) [e](docs/(draft).md)',
);
const LINKS = { 'sub/docs/x.md': '# X\n' };
const codes = (ignoreLinks: string[]) => workspace({ 'sub/M.md': LOG, ...LINKS }, { ignoreLinks }).diagnostics('sub/M.md').map((d) => `${d.code}:${d.range.start.character}`);

describe('ignoreLinks', () => {
  it('reports every link when nothing is ignored', () => {
    assert.deepEqual(codes([]), ['broken-link:0', 'broken-link:25', 'broken-anchor:53', 'broken-anchor:73', 'broken-link:87']);
  });
  it('matches the destination as written, with and without the fragment and a leading ./', () => {
    assert.deepEqual(codes(['../private/**']), ['broken-link:25', 'broken-anchor:53', 'broken-anchor:73', 'broken-link:87']);
    assert.deepEqual(codes(['archive/old.md']), ['broken-link:0', 'broken-anchor:53', 'broken-anchor:73', 'broken-link:87']);
    assert.deepEqual(codes(['*/old.md#intro']), ['broken-link:0', 'broken-anchor:53', 'broken-anchor:73', 'broken-link:87']);
    assert.deepEqual(codes(['#nowhere']), ['broken-link:0', 'broken-link:25', 'broken-anchor:53', 'broken-link:87']);
  });
  it('matches the target path relative to the workspace root, from any document', () => {
    assert.deepEqual(codes(['private/**']), ['broken-link:25', 'broken-anchor:53', 'broken-anchor:73', 'broken-link:87']);
    assert.deepEqual(codes(['sub/docs/x.md#*']), ['broken-link:0', 'broken-link:25', 'broken-anchor:73', 'broken-link:87']);
    assert.deepEqual(codes(['sub/M.md#nowhere']), ['broken-link:0', 'broken-link:25', 'broken-anchor:53', 'broken-link:87']);
  });
  it('ignores nothing for a glob that matches no form (a part of a path, another folder)', () => {
    assert.deepEqual(codes(['private', 'old.md', 'sub/private/**', 'x.md']), ['broken-link:0', 'broken-link:25', 'broken-anchor:53', 'broken-anchor:73', 'broken-link:87']);
  });
  it('takes the VS Code setting, and the file wins where both say', () => {
    assert.deepEqual(resolveOptions(mergeSettings({ ignoreLinks: ['a/**'] }, {})).ignoreLinks, ['a/**']);
    assert.deepEqual(resolveOptions(mergeSettings({ ignoreLinks: ['a/**'] }, { ignoreLinks: ['b/**'] })).ignoreLinks, ['b/**']);
  });
});

const CONFIG = uriOf('.issue-log.json');

function ignoreActions(config: string | undefined, createFiles: boolean): { actions: CodeAction[]; globs: (string | undefined)[] } {
  const ws = workspace({ 'sub/M.md': LOG, ...LINKS });
  const ds = ws.diagnostics('sub/M.md');
  const ctx = { index: ws.index, createFiles, getText: (uri: string) => (uri === CONFIG ? config : uri === uriOf('sub/M.md') ? LOG : undefined) };
  const actions = ds.flatMap((d) => provideCodeActions(ctx, uriOf('sub/M.md'), d.range, { diagnostics: [d], only: ['quickfix'] }, '2025-08-02').filter((a) => a.title.startsWith('Ignore links to')));
  const globs = actions.map((a) => {
    const edits = a.edit?.changes?.[CONFIG] ?? (a.edit?.documentChanges?.[1] as TextDocumentEdit | undefined)?.edits;
    return readConfigFile(applyEdits(config ?? '', edits as TextEdit[])).settings.ignoreLinks?.at(-1);
  });
  return { actions, globs };
}

describe('quick fix: Ignore links to …', () => {
  it('adds the target path (with the fragment for a broken anchor), glob characters escaped, to an existing file', () => {
    const { globs } = ignoreActions('{\n  // ours\n  "scope": "linked"\n}\n', false);
    assert.deepEqual(globs, ['private/notes.md', 'sub/archive/old.md', 'sub/docs/x.md#gone', 'sub/M.md#nowhere', 'sub/docs/\\(draft\\).md']);
  });
  it('appends to an existing list, and the glob then ignores the link', () => {
    const config = '{ "ignoreLinks": ["https://*"] }';
    const { actions } = ignoreActions(config, false);
    const after = readConfigFile(applyEdits(config, actions[4].edit!.changes![CONFIG] as TextEdit[]));
    assert.deepEqual(after.settings.ignoreLinks, ['https://*', 'sub/docs/\\(draft\\).md']);
    assert.deepEqual(codes(after.settings.ignoreLinks!), ['broken-link:0', 'broken-link:25', 'broken-anchor:53', 'broken-anchor:73']);
  });
  it('creates the file when there is none and the client takes CreateFile; else offers nothing', () => {
    const { actions } = ignoreActions(undefined, true);
    assert.equal(actions.length, 5);
    assert.deepEqual((actions[0].edit!.documentChanges![0] as CreateFile).kind, 'create');
    assert.deepEqual(ignoreActions(undefined, false).actions, []);
  });
  it('offers nothing when the file is broken, or the glob is there already', () => {
    assert.deepEqual(ignoreActions('{ "ignoreLinks": [', false).actions, []);
    assert.equal(ignoreActions('{ "ignoreLinks": ["private/notes.md"] }', false).actions.length, 4);
  });
  it('escapes what picomatch reads as a pattern', () => {
    assert.equal(globEscape('a/[x] (y)+z!.md#h-1'), 'a/\\[x\\] \\(y\\)\\+z\\!.md#h-1');
  });
});
