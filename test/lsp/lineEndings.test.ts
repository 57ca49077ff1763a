/**
 * The server (in process, inProcess.ts: what is tested is the answers, not the transport) puts every
 * range at the same place in an open document whatever its line endings (LF, CRLF, lone CR, mixed)
 * and with a byte order mark at its start: diagnostics, hover, definition and rename edits. A BOM is
 * the client's character 0 of line 0 (LSP counts the text as the client has it): line 0's ranges are
 * one character further than without it, the other lines' are the same.
 */
import * as assert from 'node:assert/strict';
import { DefinitionRequest, HoverRequest, RenameRequest, type Diagnostic, type LocationLink, type Range, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ENDINGS, FRONT_MATTER_LINES, LOG_LINES, written, type Ending } from '../unit/lineEndingsLog';
import { InMemoryWorkspace } from './inMemoryWorkspace';
import { startInProcess, type InProcessClient } from './inProcess';

/** The entry heading on line 0 (a BOM moves it), its mention and a link to it further down. */
const FEATURE_LINES = ['### CRIT-070: Pool exhausted', '- **Status**: Open', '- **Severity**: Critical', '', '# Notes', '', 'See CRIT-070 and [the entry](#crit-070-pool-exhausted).', ''];

const shift = (ending: Ending, r: Range): string => {
  const p = (x: Range['start']) => `${x.line}:${x.character - (ending === 'BOM' && x.line === 0 ? 1 : 0)}`;
  return `${p(r.start)}-${p(r.end)}`;
};
const placed = (d: readonly Diagnostic[], ending: Ending) => d.map((x) => `${x.code}@${shift(ending, x.range)}`);
/** The text with LF line endings and no BOM. */
const plain = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

describe('LSP: positions with every line ending and a BOM (in process)', function () {
  this.timeout(60_000);
  let ws: InMemoryWorkspace;
  let client: InProcessClient;
  let log: string;
  let feature: string;
  const versions = new Map<string, number>();
  const expected: { log?: string[]; frontMatter?: string[] } = {};

  before(async () => {
    ws = new InMemoryWorkspace({ 'LOG.md': written(LOG_LINES, 'LF'), 'FM.md': written(FRONT_MATTER_LINES, 'LF'), 'FEATURE.md': written(FEATURE_LINES, 'LF') });
    client = await startInProcess(ws);
    log = ws.uri('LOG.md');
    feature = ws.uri('FEATURE.md');
    // The closed LF files, as read from the workspace.
    expected.log = placed(await client.waitForDiagnostics(log, (d) => d.length > 0, 'the LF log'), 'LF');
    expected.frontMatter = placed(await client.waitForDiagnostics(ws.uri('FM.md'), (d) => d.length > 0, 'the LF front matter'), 'LF');
    await client.open(log, written(LOG_LINES, 'LF'));
    await client.open(ws.uri('FM.md'), written(FRONT_MATTER_LINES, 'LF'));
    await client.open(feature, written(FEATURE_LINES, 'LF'));
  });

  after(async () => {
    await client?.stop();
    ws?.dispose();
  });

  it('the closed LF log has the problems of the fixture', () => {
    assert.deepEqual(
      expected.log!.map((d) => d.replace(/:\d+-.*$/, '')),
      ['duplicate-issue@0', 'undefined-issue@6', 'broken-anchor@6', 'undefined-issue@6', 'stale-stat@9', 'unknown-status@15', 'duplicate-issue@22', 'placeholder@24', 'broken-link@25', 'broken-anchor@26', 'review-overdue@28'],
    );
    assert.deepEqual(expected.frontMatter, ['unknown-status@1:0-1:12', 'undefined-issue@7:4-7:12']);
  });

  for (const ending of ENDINGS) {
    describe(`${ending}: the open document`, () => {
      let text: string;
      let doc: TextDocument;
      before(async () => {
        for (const [rel, lines] of [['LOG.md', LOG_LINES], ['FM.md', FRONT_MATTER_LINES]] as const) versions.set(rel, await client.change(ws.uri(rel), written(lines, ending)));
        text = written(FEATURE_LINES, ending);
        doc = TextDocument.create(feature, 'markdown', 1, text);
        versions.set('FEATURE.md', await client.change(feature, text));
      });

      it('diagnostics at the ranges of the LF log', async () => {
        const at = async (rel: string) => placed(await client.waitForVersion(ws.uri(rel), versions.get(rel)!), ending);
        assert.deepEqual(await at('LOG.md'), expected.log);
        assert.deepEqual(await at('FM.md'), expected.frontMatter);
      });

      it('hover on a mention covers the mention', async () => {
        await client.waitForVersion(feature, versions.get('FEATURE.md')!);
        const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: feature }, position: doc.positionAt(text.indexOf('CRIT-070 and') + 3) });
        assert.ok(h?.range);
        assert.equal(doc.getText(h.range), 'CRIT-070');
        assert.equal(shift(ending, h.range), '6:4-6:12');
      });

      it('definition of the mention is the heading on line 0', async () => {
        const r = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: feature }, position: doc.positionAt(text.indexOf('CRIT-070 and') + 3) })) as LocationLink[];
        assert.equal(r.length, 1);
        assert.match(doc.getText(r[0].targetSelectionRange), /^### CRIT-070: Pool exhausted|^CRIT-070: Pool exhausted/);
        assert.equal(r[0].targetSelectionRange.start.line, 0);
      });

      it('rename edits the heading, the mention and the link, and nothing else', async () => {
        const edit = (await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: feature }, position: doc.positionAt(text.indexOf('CRIT-070 and') + 3), newName: 'CRIT-071' })) as WorkspaceEdit;
        const after = TextDocument.applyEdits(doc, edit.changes![feature]);
        assert.equal(plain(after), plain(written(FEATURE_LINES, 'LF')).replace(/CRIT-070|crit-070/g, (m) => (m === 'CRIT-070' ? 'CRIT-071' : 'crit-071')));
        // The line endings and the BOM are the document's still.
        assert.equal(after.replace(/CRIT-071|crit-071/g, (m) => (m === 'CRIT-071' ? 'CRIT-070' : 'crit-070')), text);
      });
    });
  }
});
