/**
 * Protocol robustness over the real binary (`node dist/cli.js lsp --stdio`), spoken to byte by byte
 * (a raw client: the shared LspClient only writes well-formed messages): bad framing is answered and
 * the next request still is; invalid JSON, non-objects and batches; the lifecycle (before initialize,
 * after shutdown); wrong params; a client process that is gone. Then, in process (inProcess.ts, the
 * same connection and gate), every request the server handles with params of the wrong shape.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { StreamMessageReader, type Message } from 'vscode-languageserver-protocol/node';
import { ResponseError } from 'vscode-languageserver-protocol';
import { CHECKED_METHODS } from '../../server/src/lsp/params';
import { startInProcess, seedInMemory, type InProcessClient } from './inProcess';
import { ensureBuilt } from './processServer';
import { REPO } from './seed';

type Response = { id: number | string | null; result?: unknown; error?: { code: number; message: string } };

/** The binary on stdio, written to raw; what it sends is read with vscode-jsonrpc's reader. */
class RawServer {
  readonly child: ChildProcess;
  readonly received: Message[] = [];
  stderr = '';
  exit: number | null | undefined;
  private waiters: (() => void)[] = [];

  constructor(as: { uid?: number; gid?: number } = {}) {
    this.child = spawn(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'lsp', '--stdio'], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'], ...as });
    new StreamMessageReader(this.child.stdout!).listen((m) => {
      this.received.push(m);
      this.poke();
    });
    this.child.stderr!.on('data', (d: Buffer) => {
      this.stderr += d.toString();
      this.poke();
    });
    this.child.on('exit', (code) => {
      this.exit = code;
      this.poke();
    });
  }

  raw(bytes: string | Buffer): void {
    this.child.stdin!.write(bytes);
  }

  send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
    this.raw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  responses(): Response[] {
    return this.received.filter((m) => !('method' in m)) as unknown as Response[];
  }

  /** The answer to request `id`. */
  async answer(id: number): Promise<Response> {
    await this.waitFor(() => this.responses().some((r) => r.id === id), `the answer to ${id}`);
    return this.responses().find((r) => r.id === id)!;
  }

  async waitFor(check: () => boolean, what: string, ms = 15000): Promise<void> {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.poke();
    }, ms);
    try {
      while (!check()) {
        if (this.exit !== undefined) throw new Error(`the server exited (${this.exit}) before ${what}; stderr:\n${this.stderr}`);
        if (timedOut) throw new Error(`timed out waiting for ${what}; stderr:\n${this.stderr}`);
        await new Promise<void>((resolve) => this.waiters.push(resolve));
      }
    } finally {
      clearTimeout(timer);
    }
  }

  initialize(id: number, processId: number | null = null): void {
    this.send({ id, method: 'initialize', params: { processId, rootUri: null, workspaceFolders: null, capabilities: {} } });
  }

  async stop(): Promise<void> {
    if (this.exit !== undefined) return;
    this.child.kill();
    await this.waitFor(() => this.exit !== undefined, 'the exit');
  }

  private poke(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

const HOVER = { textDocument: { uri: 'file:///nowhere/a.md' }, position: { line: 0, character: 0 } };
const codeOf = (r: Response) => r.error?.code;

describe('protocol robustness (the server binary on stdio)', function () {
  this.timeout(60000);
  let server: RawServer | undefined;

  before(function () {
    this.timeout(120000);
    ensureBuilt();
  });

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('bad framing is answered with ParseError (id null) and the next request is answered', async () => {
    const s = (server = new RawServer());
    s.initialize(1);
    await s.answer(1);
    const bad = ['X-Foo: 1\r\n\r\n{}', 'Content-Length: abc\r\n\r\n{}', 'Content-Length: -5\r\n\r\n{}', 'Content-Length: 99999999999999\r\n\r\n{}', 'Content-Length: 9\r\n\r\n{bad json'];
    let id = 10;
    for (const bytes of bad) {
      const before = s.responses().filter((r) => r.id === null).length;
      s.raw(bytes);
      s.send({ id, method: 'textDocument/hover', params: HOVER });
      assert.deepEqual(await s.answer(id), { jsonrpc: '2.0', id, result: null }, JSON.stringify(bytes));
      const refusals = s.responses().filter((r) => r.id === null);
      assert.deepEqual(refusals.slice(before).map(codeOf), [-32700], JSON.stringify(bytes));
      id++;
    }
    assert.equal(s.stderr.match(/-32700/g)?.length, bad.length, 'each refusal is logged on stderr');
  });

  it('a Content-Length larger than the message: that request gets -32600, the next one its answer', async () => {
    const s = (server = new RawServer());
    s.initialize(1);
    await s.answer(1);
    const body = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: HOVER });
    s.raw(`Content-Length: ${body.length + 1000}\r\n\r\n${body}`);
    s.send({ id: 3, method: 'textDocument/hover', params: HOVER });
    assert.equal(codeOf(await s.answer(2)), -32600);
    assert.deepEqual((await s.answer(3)).result, null);
  });

  it('a non-object body and a batch get -32600; the server goes on', async () => {
    const s = (server = new RawServer());
    s.initialize(1);
    await s.answer(1);
    for (const body of ['42', '"text"', 'null']) s.raw(`Content-Length: ${body.length}\r\n\r\n${body}`);
    const batch = JSON.stringify([{ jsonrpc: '2.0', id: 4, method: 'textDocument/hover', params: HOVER }]);
    s.raw(`Content-Length: ${batch.length}\r\n\r\n${batch}`);
    s.send({ id: 5, method: 'textDocument/hover', params: HOVER });
    assert.equal(codeOf(await s.answer(4)), -32600);
    assert.deepEqual((await s.answer(5)).result, null);
    assert.deepEqual(
      s.responses().filter((r) => r.id === null).map(codeOf),
      [-32600, -32600, -32600],
    );
  });

  it('before initialize a request gets -32002; after shutdown -32600; wrong params -32602; exit ends it with 0', async () => {
    const s = (server = new RawServer());
    s.send({ id: 1, method: 'textDocument/hover', params: HOVER });
    assert.equal(codeOf(await s.answer(1)), -32002);
    s.initialize(2);
    await s.answer(2);
    s.send({ id: 3, method: 'textDocument/hover', params: { ...HOVER, position: { line: -1, character: 0 } } });
    s.send({ id: 4, method: 'textDocument/hover', params: { textDocument: HOVER.textDocument } });
    assert.equal(codeOf(await s.answer(3)), -32602);
    assert.equal(codeOf(await s.answer(4)), -32602);
    s.send({ id: 5, method: 'shutdown' });
    await s.answer(5);
    s.send({ id: 6, method: 'textDocument/hover', params: HOVER });
    assert.equal(codeOf(await s.answer(6)), -32600);
    s.send({ method: 'exit' });
    await s.waitFor(() => s.exit !== undefined, 'the exit');
    assert.equal(s.exit, 0);
  });

  it("a client process that is gone (ESRCH): the server exits 1 and says why on stderr", async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    const s = (server = new RawServer());
    s.initialize(1, gone);
    await s.answer(1);
    await s.waitFor(() => s.exit !== undefined, 'the exit after the parent check');
    assert.equal(s.exit, 1);
    assert.match(s.stderr, new RegExp(`\\b${gone}\\b.*ESRCH`));
  });

  it("a client of another user (EPERM on the probe) is alive: the server says so and keeps answering", async function () {
    // A real EPERM: the server runs as nobody and watches this (root's) process.
    const nobody = 65534;
    if (process.getuid?.() !== 0 || spawnSync(process.execPath, ['-e', `process.kill(${process.pid}, 0)`], { uid: nobody, gid: nobody }).status !== 1) this.skip();
    const s = (server = new RawServer({ uid: nobody, gid: nobody }));
    s.initialize(1, process.pid);
    await s.answer(1);
    await s.waitFor(() => new RegExp(`\\b${process.pid}\\b.*EPERM`).test(s.stderr), 'the first look at the client process');
    s.send({ id: 2, method: 'textDocument/hover', params: HOVER });
    assert.deepEqual((await s.answer(2)).result, null);
    assert.equal(s.exit, undefined);
  });

  it('a client that closes stdin without shutdown: the server exits 1 and says so', async () => {
    const s = (server = new RawServer());
    s.initialize(1);
    await s.answer(1);
    s.child.stdin!.end();
    await s.waitFor(() => s.exit !== undefined, 'the exit');
    assert.equal(s.exit, 1);
    assert.ok(s.stderr.length > 0);
  });
});

describe('wrong params, every request (in process, the same gate)', function () {
  let client: InProcessClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('each request the server handles answers -32602 to params of the wrong shape, and the server goes on', async () => {
    const ws = seedInMemory();
    client = await startInProcess(ws);
    const requests = CHECKED_METHODS.filter((m) => !/did|cancelRequest|setTrace|^initialize$/.test(m));
    assert.equal(requests.length, 18, requests.join());
    for (const method of requests) {
      const error: unknown = await client.connection.sendRequest(method, { textDocument: { uri: 7 }, uri: 7, query: 7, label: 7, folders: 'x' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof ResponseError, method);
      assert.equal(error.code, -32602, method);
    }
    const symbols = await client.connection.sendRequest('workspace/symbol', { query: 'CRIT' });
    assert.ok(Array.isArray(symbols) && symbols.length > 0);
  });
});
