/**
 * The server with files that the pre-scan defers (no issue log in them), in process on an in-memory
 * workspace (test/lsp/inProcess.ts): they are counted and listed, not parsed; a log's anchors into
 * them are checked as if they were (the linked ones are parsed), also after an edit adds a link, or a
 * file event creates one; a request about one parses it.
 */
import * as assert from 'node:assert/strict';
import { CompletionRequest, DocumentSymbolRequest, FileChangeType, type CompletionList, type Diagnostic, type DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { joinLines } from './helpers';
import { startInProcess, type InProcessClient } from '../lsp/inProcess';
import { InMemoryWorkspace } from '../lsp/inMemoryWorkspace';
import { reverseOrderParser } from '../lsp/fakeParser';

const LOG = 'log.md';
const anchorsOf = (d: Diagnostic[]) => d.filter((x) => x.code === 'broken-anchor').map((x) => x.range.start.line);

function workspace(): InMemoryWorkspace {
  return new InMemoryWorkspace({
    [LOG]: joinLines('### LOW-001: A', '- **Status**: Open', '', '[ok](docs/a.md#setup) [bad](docs/a.md#nope)', ''),
    'docs/a.md': joinLines('# A', '', '## Setup'),
    'docs/b.md': joinLines('# B', '', '## Usage', '', 'See [a](a.md#no-such).'),
    'docs/c.md': joinLines('# C', '', '## Install'),
  });
}

for (const parser of ['this thread', 'a parser'] as const) {
  describe(`server with deferred files (${parser})`, () => {
    let client: InProcessClient | undefined;
    afterEach(async () => {
      await client?.stop();
      client = undefined;
    });
    const start = (ws: InMemoryWorkspace) => startInProcess(ws, parser === 'a parser' ? { createParser: reverseOrderParser(ws).createParser } : {});

    it("checks a log's anchors into deferred files, and counts every file", async () => {
      const ws = workspace();
      client = await start(ws);
      const d = await client.waitForDiagnostics(ws.uri(LOG), (x) => x.length > 0, 'the log diagnostics');
      assert.deepEqual(anchorsOf(d), [3]);
      assert.ok(client.logs.some((l) => /^Indexed 4 Markdown files \(1 issue log\)/.test(l)), client.logs.join('\n'));
      // A README's own broken anchor is not reported: it is not a log.
      assert.equal(client.diagnostics(ws.uri('docs/b.md')), undefined);
    });

    it('checks an anchor into a deferred file once an edit links to it, and completes its headings', async () => {
      const ws = workspace();
      client = await start(ws);
      const log = ws.uri(LOG);
      await client.open(log, ws.read(LOG));
      const version = await client.change(log, ws.read(LOG) + '[c](docs/c.md#nope) [c](docs/c.md#install)\n');
      assert.deepEqual(anchorsOf(await client.waitForVersion(log, version)), [3, 5]);
      const typed = ws.read(LOG) + '[b](docs/b.md#';
      await client.change(log, typed);
      const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: log }, position: { line: 5, character: 14 } })) as CompletionList;
      assert.deepEqual(list.items.map((i) => i.label), ['b', 'usage']);
    });

    it('parses a deferred file that a request is about', async () => {
      const ws = workspace();
      client = await start(ws);
      const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: ws.uri('docs/c.md') } })) as DocumentSymbol[];
      assert.deepEqual(symbols.map((s) => [s.name, s.children?.map((c) => c.name)]), [['C', ['Install']]]);
    });

    it('checks an anchor into a file created after indexing', async () => {
      const ws = workspace();
      client = await start(ws);
      const log = ws.uri(LOG);
      await client.waitForDiagnostics(log, (x) => x.length > 0, 'the log diagnostics');
      ws.write('docs/new.md', joinLines('# New', '', '## Here'));
      ws.write(LOG, ws.read(LOG) + '[n](docs/new.md#here) [n](docs/new.md#gone)\n');
      await client.fileEvents({ uri: ws.uri('docs/new.md'), type: FileChangeType.Created }, { uri: log, type: FileChangeType.Changed });
      const d = await client.waitForDiagnostics(log, (x) => anchorsOf(x).length === 2, 'the broken anchor into the new file');
      assert.deepEqual(anchorsOf(d), [3, 5]);
    });
  });
}
