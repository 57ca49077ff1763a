/** unknown-status's quick fix (contract v2): the word added to the open or resolved words of `.issue-log.json`. */
import { strict as assert } from 'node:assert';
import type { CodeAction, CreateFile, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { provideCodeActions } from '../../server/src/core/features/codeActions';
import { readConfigFile } from '../../server/src/core/configFile';
import { joinLines, uriOf, workspace } from './helpers';
import { applyEdits } from '../lsp/text';

const LOG = joinLines('# Log', '', '### LOW-001: X', '- **Status**: ⏸️ On Hold');
const CONFIG = uriOf('.issue-log.json');

function actions(config: string | undefined, createFiles: boolean, word?: string): CodeAction[] {
  const ws = workspace({ 'M.md': LOG });
  const d = ws.diagnostics('M.md').find((x) => x.code === 'unknown-status')!;
  assert.ok(d, 'the log has an unknown status');
  if (word) d.data = { ...(d.data as object), word };
  const ctx = { index: ws.index, createFiles, getText: (uri: string) => (uri === CONFIG ? config : uri === uriOf('M.md') ? LOG : undefined) };
  // The suppression fixes every diagnostic gets (suppressFix.test.ts) are left out here.
  return provideCodeActions(ctx, uriOf('M.md'), d.range, { diagnostics: [d], only: ['quickfix'] }, '2025-08-02').filter((a) => !a.title.startsWith('Disable '));
}

describe('unknown-status quick fix', () => {
  it('offers two edits of an existing file: the word among the open words, or the resolved words', () => {
    const config = '{\n  // ours\n  "scope": "linked"\n}\n';
    const [open, resolved, ...rest] = actions(config, false);
    assert.equal(rest.length, 0);
    const read = (a: CodeAction) => readConfigFile(applyEdits(config, a.edit!.changes![CONFIG]));
    assert.deepEqual(read(open).settings, { scope: 'linked', status: { open: ['On Hold'] } });
    assert.deepEqual(read(resolved).settings, { scope: 'linked', status: { resolved: ['On Hold'] } });
    assert.equal(read(open).problems.length, 0);
  });
  it("takes the diagnostic's data.word when there is one", () => {
    const [open] = actions('{}', false, 'Hold');
    assert.deepEqual(readConfigFile(applyEdits('{}', open.edit!.changes![CONFIG])).settings, { status: { open: ['Hold'] } });
  });
  it('creates the file when there is none and the client can, else offers nothing', () => {
    assert.deepEqual(actions(undefined, false), []);
    const [open] = actions(undefined, true);
    const [create, edit] = open.edit!.documentChanges! as [CreateFile, TextDocumentEdit];
    assert.deepEqual([create.kind, create.uri], ['create', CONFIG]);
    assert.equal(edit.textDocument.uri, CONFIG);
    assert.deepEqual(readConfigFile(applyEdits('', edit.edits as TextEdit[])).settings, { status: { open: ['On Hold'] } });
  });
  it('offers nothing for a file too broken to edit, and only the other class when the word is there', () => {
    assert.deepEqual(actions('{ "scope": ', false), []);
    const has = actions('{ "status": { "open": ["On Hold"] } }', false);
    assert.equal(has.length, 1);
    assert.deepEqual(readConfigFile(applyEdits('{ "status": { "open": ["On Hold"] } }', has[0].edit!.changes![CONFIG])).settings.status, { open: ['On Hold'], resolved: ['On Hold'] });
  });
});
