/**
 * The base protocol reader (server/src/node/framing.ts), fed bytes directly: every bad framing is
 * reported with its code and the next good message is still read; chunk boundaries anywhere change
 * nothing; a header's number never makes it buffer more than arrived.
 */
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { ProtocolProblem } from '../../server/src/lsp/messageGate';
import { FramedMessageReader, JsonValueScanner, MAX_MESSAGE_BYTES } from '../../server/src/node/framing';

const frame = (body: string | object, length?: number) => {
  const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return Buffer.concat([Buffer.from(`Content-Length: ${length ?? bytes.length}\r\n\r\n`), bytes]);
};
const request = (id: number, method = 'textDocument/hover') => ({ jsonrpc: '2.0', id, method, params: { text: 'Content-Length: 12 inside a string' } });

/** A reader with what it delivered and what it refused (code and id). */
function reader() {
  const r = new FramedMessageReader(new PassThrough());
  const messages: unknown[] = [];
  const problems: { code: number; id: number | string | null }[] = [];
  r.onError((e) => {
    assert.ok(e instanceof ProtocolProblem, `not a protocol problem: ${e.message}`);
    problems.push({ code: e.code, id: e.id });
  });
  r.listen((m) => messages.push(m));
  const ids = () => messages.map((m) => (m as { id?: unknown }).id);
  return { r, messages, problems, ids, feed: (...parts: (Buffer | string)[]) => parts.forEach((p) => r.onData(Buffer.from(p))) };
}

describe('framing: the base protocol reader', () => {
  it('reads messages whole, in one chunk or byte by byte', () => {
    const all = Buffer.concat([frame(request(1)), frame(request(2)), Buffer.from('\r\n'), frame(request(3))]);
    const whole = reader();
    whole.feed(all);
    assert.deepEqual(whole.ids(), [1, 2, 3]);
    const bytes = reader();
    for (const b of all) bytes.feed(Buffer.from([b]));
    assert.deepEqual(bytes.ids(), [1, 2, 3]);
    assert.deepEqual([...whole.problems, ...bytes.problems], []);
  });

  it('a header without Content-Length, with a bad or negative one, or over the limit: ParseError, then the next message', () => {
    for (const bad of ['X-Foo: 1\r\n\r\n{}', 'Content-Length: abc\r\n\r\n{}', 'Content-Length: -5\r\n\r\n{}', `Content-Length: ${MAX_MESSAGE_BYTES + 1}\r\n\r\n{}`, 'Content-Length: 1e3\r\n\r\n', 'no colon\r\n\r\n']) {
      const t = reader();
      t.feed(bad, frame(request(1)));
      assert.deepEqual(t.problems, [{ code: -32700, id: null }], bad);
      assert.deepEqual(t.ids(), [1], bad);
    }
  });

  it('a header that never ends: ParseError after 8 KiB, then the next message', () => {
    const t = reader();
    t.feed('X-Junk: ' + 'x'.repeat(10_000), frame(request(4)));
    assert.deepEqual(t.problems, [{ code: -32700, id: null }]);
    assert.deepEqual(t.ids(), [4]);
  });

  it('a body that is not UTF-8 JSON: ParseError with id null; the stream stays in sync', () => {
    for (const bad of [frame('{bad json'), frame(''), Buffer.concat([Buffer.from('Content-Length: 3\r\n\r\n'), Buffer.from([0x22, 0xff, 0x22])])]) {
      const t = reader();
      t.feed(bad, frame(request(5)));
      assert.deepEqual(t.problems, [{ code: -32700, id: null }]);
      assert.deepEqual(t.ids(), [5]);
    }
  });

  it('a Content-Length larger than the message: that request is refused by its id and the next one read', () => {
    const first = JSON.stringify(request(6));
    // In one chunk (the body's bytes include the next message) and in two (the body waits for bytes).
    const oneChunk = reader();
    oneChunk.feed(Buffer.concat([frame(first, first.length + 40), frame(request(7)), frame(request(8))]));
    assert.deepEqual(oneChunk.problems, [{ code: -32600, id: 6 }]);
    assert.deepEqual(oneChunk.ids(), [7, 8]);
    const twoChunks = reader();
    twoChunks.feed(frame(first, first.length + 40 * 1000));
    assert.deepEqual(twoChunks.ids(), []);
    twoChunks.feed(frame(request(7)));
    assert.deepEqual(twoChunks.problems, [{ code: -32600, id: 6 }]);
    assert.deepEqual(twoChunks.ids(), [7]);
  });

  it('a body that cannot start JSON is refused before its length arrives', () => {
    const t = reader();
    t.feed('Content-Length: 1000\r\n\r\nxyz', frame(request(9)));
    assert.deepEqual(t.problems, [{ code: -32700, id: null }]);
    assert.deepEqual(t.ids(), [9]);
  });

  it('a well-framed body of any JSON is delivered as it is (the gate judges its shape)', () => {
    const t = reader();
    t.feed(frame('42'), frame('[1,2]'), frame('null'));
    assert.deepEqual(t.messages, [42, [1, 2], null]);
  });

  it('buffers what arrived, not what a header announces', () => {
    const t = reader();
    t.feed(`Content-Length: ${MAX_MESSAGE_BYTES}\r\n\r\n{"a":`);
    assert.ok(t.r.buffered < 64 * 1024 + 100, `${t.r.buffered} bytes held`);
  });

  it('the scanner finds the end of an object across chunks, passing over brackets in strings', () => {
    const body = Buffer.from('  {"a":"}]\\"{","b":[1,{"c":2}]} tail');
    const s = new JsonValueScanner();
    assert.equal(s.advance(body, 0, 10), -1);
    assert.equal(s.advance(body, 0, body.length), body.indexOf(' tail'));
    assert.equal(new JsonValueScanner().advance(Buffer.from('42'), 0, 2), -2);
  });
});
