/**
 * Suppressions over the protocol (the real server in process): a "Disable CODE for this line" quick
 * fix applied as an editor applies it silences its finding and leaves no unused suppression; every
 * published diagnostic links its rule page; a suppression in the file on disk is honoured.
 */
import * as assert from 'node:assert/strict';
import { CodeActionRequest, type CodeAction } from 'vscode-languageserver-protocol/node';
import { ruleDocUrl } from '../../server/src/core/ruleDocs';
import { joinLines } from '../unit/helpers';
import { InMemoryWorkspace } from './inMemoryWorkspace';
import { startInProcess, type InProcessClient } from './inProcess';
import { applyEdits } from './text';

const LOG = joinLines('# Log', '', '### CRIT-001: A', '- **Status**: Open', '- **Date**: TBD', '', 'See CRIT-404.', '', '<!-- issue-log-disable-next-line -->', 'See CRIT-405.');

describe('LSP suppressions (in process)', function () {
  this.timeout(60_000);
  let client: InProcessClient | undefined;
  let ws: InMemoryWorkspace | undefined;

  afterEach(async () => {
    await client?.stop();
    ws?.dispose();
    client = ws = undefined;
  });

  it('applies "Disable CODE for this line" over the protocol: the finding goes, no unused suppression comes', async () => {
    ws = new InMemoryWorkspace({ 'log.md': LOG });
    client = await startInProcess(ws);
    const uri = ws.uri('log.md');
    const first = await client.waitForDiagnostics(uri, (d) => d.length === 2, 'the placeholder and CRIT-404 (CRIT-405 suppressed)');
    assert.deepEqual(first.map((d) => `${d.code}@${d.range.start.line}`), ['placeholder@4', 'undefined-issue@6']);
    for (const d of first) assert.deepEqual(d.codeDescription, { href: ruleDocUrl(String(d.code)) });

    const placeholder = first[0];
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: placeholder.range, context: { diagnostics: [placeholder] } })) as CodeAction[];
    const disable = actions.find((a) => a.title === 'Disable placeholder for this line');
    assert.ok(disable, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(actions.some((a) => a.title === 'Disable placeholder for this file'));
    const edited = applyEdits(LOG, disable.edit!.changes![uri]);
    assert.ok(edited.includes('  <!-- issue-log-disable-next-line placeholder -->\n- **Date**: TBD'));

    await client.open(uri, LOG);
    const v = await client.change(uri, edited);
    const after = await client.waitForVersion(uri, v);
    assert.deepEqual(after.map((d) => `${d.code}@${d.range.start.line}`), ['undefined-issue@7']);
  });

  it('reports an unused suppression as a faint hint, and its quick fix removes it', async () => {
    const text = LOG.replace('See CRIT-405.', 'No mention here.');
    ws = new InMemoryWorkspace({ 'log.md': text });
    client = await startInProcess(ws);
    const uri = ws.uri('log.md');
    const ds = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'unused-suppression'), 'the unused suppression');
    const unused = ds.find((x) => x.code === 'unused-suppression')!;
    assert.equal(unused.severity, 4);
    assert.deepEqual(unused.tags, [1]);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: unused.range, context: { diagnostics: [unused] } })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ['Remove the unused suppression']);
    assert.equal(applyEdits(text, actions[0].edit!.changes![uri]), text.replace('<!-- issue-log-disable-next-line -->\n', ''));
  });
});
