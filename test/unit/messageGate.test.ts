/**
 * The message gate (server/src/lsp/messageGate.ts) on a fake transport: what reaches the connection,
 * what is answered with which code and id, and what is dropped, for the lifecycle (before initialize,
 * after shutdown), the shape of a message, and params (server/src/lsp/params.ts).
 */
import { strict as assert } from 'node:assert';
import { AbstractMessageReader, Disposable, type DataCallback, type ResponseMessage } from 'vscode-languageserver-protocol';
import { MessageGate, ProtocolProblem } from '../../server/src/lsp/messageGate';
import { CHECKED_METHODS, paramsProblem } from '../../server/src/lsp/params';

class FakeTransport extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    return Disposable.create(() => undefined);
  }
  send(message: unknown): void {
    this.callback!(message as never);
  }
  problem(p: ProtocolProblem): void {
    this.fireError(p);
  }
}

function gate() {
  const transport = new FakeTransport();
  const delivered: unknown[] = [];
  const answers: ResponseMessage[] = [];
  const logs: string[] = [];
  new MessageGate(transport, { answer: (r) => answers.push(r), log: (l) => logs.push(l) }).listen((m) => delivered.push(m));
  const codes = () => answers.map((a) => [a.id, a.error?.code]);
  const methods = () => delivered.map((m) => (m as { method?: string }).method);
  return { transport, delivered, answers, logs, codes, methods };
}

const POS = { textDocument: { uri: 'file:///a.md' }, position: { line: 0, character: 0 } };
const INIT = { processId: null, rootUri: null, capabilities: {} };

describe('message gate', () => {
  it('before initialize: a request gets -32002, a notification is dropped and logged, exit passes', () => {
    const g = gate();
    g.transport.send({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: POS });
    g.transport.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a.md', languageId: 'markdown', version: 1, text: '' } } });
    g.transport.send({ jsonrpc: '2.0', method: 'exit' });
    assert.deepEqual(g.codes(), [[1, -32002]]);
    assert.deepEqual(g.methods(), ['exit']);
    assert.equal(g.logs.length, 2);
  });

  it('after initialize requests pass; a second initialize gets -32600; after shutdown requests get -32600', () => {
    const g = gate();
    g.transport.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: INIT });
    g.transport.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    g.transport.send({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: POS });
    g.transport.send({ jsonrpc: '2.0', id: 3, method: 'initialize', params: INIT });
    g.transport.send({ jsonrpc: '2.0', id: 4, method: 'shutdown' });
    g.transport.send({ jsonrpc: '2.0', id: 5, method: 'textDocument/hover', params: POS });
    g.transport.send({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri: 'file:///a.md' } } });
    g.transport.send({ jsonrpc: '2.0', method: 'exit' });
    assert.deepEqual(g.methods(), ['initialize', 'initialized', 'textDocument/hover', 'shutdown', 'exit']);
    assert.deepEqual(g.codes(), [
      [3, -32600],
      [5, -32600],
    ]);
  });

  it('an initialize with bad params gets -32602 and leaves the server uninitialized', () => {
    const g = gate();
    g.transport.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: 'me' } });
    g.transport.send({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: POS });
    assert.deepEqual(g.codes(), [
      [1, -32602],
      [2, -32002],
    ]);
    assert.deepEqual(g.delivered, []);
  });

  it('what is not a JSON-RPC message gets -32600 (to its id when it has a usable one); a response passes, even without a result', () => {
    const g = gate();
    g.transport.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: INIT });
    for (const bad of [42, 'x', null, true, { jsonrpc: '2.0', result: 2 }, { jsonrpc: '2.0', id: 3, method: 7 }, { jsonrpc: '2.0', id: { x: 1 }, method: 'textDocument/hover' }]) g.transport.send(bad);
    g.transport.send([{ jsonrpc: '2.0', id: 4, method: 'textDocument/hover', params: POS }, { jsonrpc: '2.0', id: 5, method: 'shutdown' }, 'junk']);
    g.transport.send([]);
    g.transport.send({ jsonrpc: '2.0', id: 9, result: null });
    // A response without a result still reaches the request waiting for it.
    g.transport.send({ jsonrpc: '2.0', id: 10 });
    assert.deepEqual(g.codes(), [
      [null, -32600],
      [null, -32600],
      [null, -32600],
      [null, -32600],
      [null, -32600],
      [3, -32600],
      [null, -32600],
      [4, -32600],
      [5, -32600],
      [null, -32600],
    ]);
    assert.deepEqual(
      g.delivered.map((m) => (m as { id: unknown }).id),
      [1, 9, 10],
    );
  });

  it("the transport's problems are answered with their code and id", () => {
    const g = gate();
    g.transport.problem(new ProtocolProblem(-32700, 'bad header'));
    g.transport.problem(new ProtocolProblem(-32600, 'too long', 7));
    assert.deepEqual(g.codes(), [
      [null, -32700],
      [7, -32600],
    ]);
    assert.equal(g.logs.length, 2);
  });

  it('params of the wrong shape: -32602 for a request, dropped and logged for a notification', () => {
    const g = gate();
    g.transport.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: INIT });
    const bad = [
      { textDocument: { uri: 'file:///a.md' }, position: { line: -1, character: 0 } },
      { textDocument: { uri: 5 }, position: { line: 0, character: 0 } },
      { position: { line: 0, character: 0 } },
      { textDocument: { uri: 'file:///a.md' }, position: { line: 0.5, character: 0 } },
      { textDocument: { uri: 'file:///a.md' }, position: { line: 0, character: '1' } },
      'params',
    ];
    bad.forEach((params, i) => g.transport.send({ jsonrpc: '2.0', id: 10 + i, method: 'textDocument/hover', params }));
    g.transport.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a.md', languageId: 'markdown', version: 1, text: 5 } } });
    g.transport.send({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///a.md', version: 2 }, contentChanges: 'x' } });
    g.transport.send({ jsonrpc: '2.0', method: 'workspace/didChangeWatchedFiles', params: { changes: [{ uri: 'file:///a.md', type: 9 }] } });
    assert.deepEqual(
      g.codes(),
      bad.map((_, i) => [10 + i, -32602]),
    );
    assert.deepEqual(g.methods(), ['initialize']);
    assert.equal(g.logs.filter((l) => l.includes('Ignored the notification')).length, 3);
  });

  it('accepts what editors send (a full and a range change, null for optional parts, extra fields)', () => {
    const ok: [string, unknown][] = [
      ['textDocument/didChange', { textDocument: { uri: 'file:///a.md', version: 3 }, contentChanges: [{ text: 'all' }, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, rangeLength: 1, text: '' }] }],
      ['textDocument/codeAction', { textDocument: { uri: 'file:///a.md' }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'm', code: 'stale-stat', data: { x: 1 } }], only: null, triggerKind: 1 } }],
      ['issueLog/openIssues', undefined],
      ['issueLog/openIssues', {}],
      ['initialize', { processId: 12, rootUri: null, workspaceFolders: null, capabilities: {}, trace: 'off', clientInfo: { name: 'x' } }],
      ['workspace/didChangeConfiguration', { settings: null }],
      ['textDocument/references', { ...POS, context: { includeDeclaration: false } }],
    ];
    for (const [method, params] of ok) assert.equal(paramsProblem(method, params), undefined, method);
    // The data of our own diagnostics, echoed back for a quick fix, is read: checked; another source's is not.
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const action = (d: object) => ({ textDocument: { uri: 'file:///a.md' }, range, context: { diagnostics: [{ range, message: 'm', ...d }] } });
    assert.notEqual(paramsProblem('textDocument/codeAction', action({ source: 'issue-log', code: 'undefined-issue', data: { id: 7 } })), undefined);
    assert.notEqual(paramsProblem('textDocument/codeAction', action({ source: 'issue-log', code: 'broken-anchor', data: { suggestion: 'x', urlRange: 'here' } })), undefined);
    assert.equal(paramsProblem('textDocument/codeAction', action({ source: 'other', code: 'undefined-issue', data: { id: 7 } })), undefined);
    assert.equal(paramsProblem('textDocument/codeAction', action({ source: 'issue-log', code: 'undefined-issue', data: { id: 'CRIT-009', extra: 1 } })), undefined);
    // Every checked method refuses params that are not even an object (but the two whose params are optional).
    const optional = new Set(['issueLog/openIssues', 'issueLog/openIssuesChanges']);
    for (const method of CHECKED_METHODS) assert.equal(paramsProblem(method, 42) !== undefined, true, method);
    for (const method of CHECKED_METHODS) assert.equal(paramsProblem(method, undefined) === undefined, optional.has(method), method);
  });
});
