/**
 * LSP's base protocol read from a byte stream (stdio, a socket), in place of vscode-jsonrpc's
 * StreamMessageReader, which stops reading for good after a header without a usable Content-Length.
 * Here a bad message is answered and the stream resynchronises:
 * - a header block without a Content-Length, with a value that is not a decimal integer, over
 *   MAX_MESSAGE_BYTES, or not ended within MAX_HEADER_BYTES: ParseError (-32700, id null), and the
 *   bytes are skipped up to the next `Content-Length:` (as every client writes it);
 * - a body that is not UTF-8 JSON: ParseError (id null); reading resumes at the next `Content-Length:`
 *   *inside* that body if there is one (its length was too large and it swallowed the next message),
 *   else after it;
 * - a Content-Length larger than the message: noticed when a complete JSON value is followed by
 *   another message's `Content-Length:`; that message is refused (InvalidRequest to its id) and the next
 *   one read. A body that is no complete JSON value is waited for, as for a slow client.
 * Nothing is allocated from the header's number: bytes are kept as they arrive, at most
 * MAX_MESSAGE_BYTES of one body. Problems go out as `ProtocolProblem` errors (answered by the gate).
 */
import type { Readable } from 'node:stream';
import { AbstractMessageReader, Disposable, type DataCallback } from 'vscode-languageserver-protocol';
import { ProtocolErrorCodes, ProtocolProblem } from '../lsp/messageGate';

/** The largest message body read (64 MiB): larger ones are refused, never buffered. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** The longest header block (8 KiB). */
export const MAX_HEADER_BYTES = 8 * 1024;

const MARK = Buffer.from('Content-Length:');
const HEADER_END = Buffer.from('\r\n\r\n');
const decoder = new TextDecoder('utf-8', { fatal: true });
const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
/** Bytes a JSON value can start with. */
const JSON_START = new Set([...'{["-0123456789tfn'].map((c) => c.charCodeAt(0)));

/**
 * Finds where the JSON object or array at the start of a body ends, reading each byte once however
 * often it is asked (the body arrives in chunks). Strings and escapes are skipped; nothing is validated.
 */
export class JsonValueScanner {
  /** The next byte to read, relative to the body's start. */
  private at = 0;
  private depth = 0;
  private inString = false;
  private started = false;
  /** Where the value ends (after its closing bracket), relative to the body; -1 while unknown, -2: not an object or array. */
  end = -1;

  /** Reads the body's bytes `buf[bodyStart + this.at .. to)`; returns `end`. */
  advance(buf: Uint8Array, bodyStart: number, to: number): number {
    let i = bodyStart + this.at;
    for (; i < to && this.end === -1; i++) {
      const c = buf[i];
      if (!this.started) {
        if (WS.has(c)) continue;
        if (c !== 0x7b && c !== 0x5b) {
          this.end = -2;
          break;
        }
        this.started = true;
      }
      if (this.inString) {
        if (c === 0x5c) i++;
        else if (c === 0x22) this.inString = false;
      } else if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.depth++;
      else if (c === 0x7d || c === 0x5d) {
        this.depth--;
        if (this.depth === 0) this.end = i + 1 - bodyStart;
      }
    }
    this.at = i - bodyStart;
    return this.end;
  }
}

export class FramedMessageReader extends AbstractMessageReader {
  private buf = Buffer.alloc(0);
  private len = 0;
  /** The body length of the message being read, once its header was read. */
  private expect: number | undefined;
  private bodyStart = 0;
  /** How far the current body was searched for a next message's header. */
  private searched = 0;
  private scanner = new JsonValueScanner();
  /** Skipping bytes up to the next `Content-Length:`. */
  private resyncing = false;
  private callback: DataCallback | undefined;

  constructor(private readonly readable: Readable) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string) => this.onData(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('end', onClose);
    this.readable.on('close', onClose);
    return Disposable.create(() => {
      this.readable.off('data', onData);
      this.readable.off('error', onError);
      this.readable.off('end', onClose);
      this.readable.off('close', onClose);
    });
  }

  /** The bytes allocated for what arrived and is not read yet (never what a header announces). */
  get buffered(): number {
    return this.buf.length;
  }

  /** Takes bytes as they arrive (public for tests that feed a reader directly). */
  onData(chunk: Buffer): void {
    this.append(chunk);
    try {
      while (this.step());
    } catch (error) {
      // A bug here must not make the server deaf: report it and start over at the next header.
      this.fireError(error instanceof Error ? error : new Error(String(error)));
      this.expect = undefined;
      this.resync(Math.min(1, this.len));
    }
  }

  /** Reads one thing from the buffer; false when it needs more bytes. */
  private step(): boolean {
    if (this.resyncing) {
      const at = this.buf.subarray(0, this.len).indexOf(MARK);
      if (at < 0) {
        // Keep what could be the start of a mark cut by the chunk's end.
        this.consume(Math.max(0, this.len - (MARK.length - 1)));
        return false;
      }
      this.consume(at);
      this.resyncing = false;
    }
    if (this.expect === undefined) return this.readHeader();
    return this.readBody();
  }

  private readHeader(): boolean {
    let skip = 0;
    while (skip < this.len && WS.has(this.buf[skip])) skip++;
    if (skip > 0) this.consume(skip);
    if (this.len === 0) return false;
    const window = this.buf.subarray(0, Math.min(this.len, MAX_HEADER_BYTES + HEADER_END.length));
    const end = window.indexOf(HEADER_END);
    if (end < 0) {
      if (this.len <= MAX_HEADER_BYTES) return false;
      this.problem(ProtocolErrorCodes.ParseError, `no end of the header (an empty line) within ${MAX_HEADER_BYTES} bytes`);
      this.resync(1);
      return true;
    }
    const header = this.buf.subarray(0, end).toString('latin1');
    const length = headerLength(header);
    if (typeof length === 'string') {
      this.problem(ProtocolErrorCodes.ParseError, `bad header ${JSON.stringify(header.slice(0, 200))}: ${length}`);
      this.resync(end + HEADER_END.length);
      return true;
    }
    this.expect = length;
    this.bodyStart = end + HEADER_END.length;
    this.searched = this.bodyStart;
    this.scanner = new JsonValueScanner();
    return true;
  }

  private readBody(): boolean {
    const expect = this.expect!;
    const start = this.bodyStart;
    const end = Math.min(this.len, start + expect);
    // A Content-Length larger than the message: a whole JSON value, then the next message's header.
    // (The scanner reads each byte once; a mark inside a string is passed over.)
    let from = Math.max(start, this.searched - (MARK.length - 1));
    this.searched = end;
    const received = this.buf.subarray(0, end);
    for (let next = received.indexOf(MARK, from); next >= 0; next = received.indexOf(MARK, from)) {
      const valueEnd = this.scanner.advance(this.buf, start, next);
      if (valueEnd >= 0) {
        if (!this.onlySpace(start + valueEnd, next)) break;
        this.expect = undefined;
        const id = idOf(this.buf.subarray(start, start + valueEnd));
        this.problem(ProtocolErrorCodes.InvalidRequest, `Content-Length ${expect} is larger than the message (${valueEnd} bytes)`, id);
        this.consume(next);
        return true;
      }
      if (this.scanner.end === -2) break;
      from = next + 1;
    }
    if (this.len - start >= expect) {
      const body = this.buf.subarray(start, start + expect);
      let message: unknown;
      try {
        message = JSON.parse(decoder.decode(body));
      } catch (error) {
        this.expect = undefined;
        this.problem(ProtocolErrorCodes.ParseError, `the body is not UTF-8 JSON (${error instanceof Error ? error.message : String(error)})`);
        // Its Content-Length may have been too large: the next message may start inside it.
        const inside = body.indexOf(MARK);
        this.consume(start + (inside >= 0 ? inside : expect));
        return true;
      }
      this.expect = undefined;
      this.consume(start + expect);
      this.callback?.(message as never);
      return true;
    }
    // Not all there yet. A body that cannot be JSON is refused now, not waited for.
    let first = start;
    while (first < this.len && WS.has(this.buf[first])) first++;
    if (first < this.len && !JSON_START.has(this.buf[first])) {
      this.expect = undefined;
      this.problem(ProtocolErrorCodes.ParseError, 'the body does not start like JSON');
      this.resync(start);
      return true;
    }
    return false;
  }

  private onlySpace(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (!WS.has(this.buf[i])) return false;
    return true;
  }

  private problem(code: number, message: string, id: number | string | null = null): void {
    this.fireError(new ProtocolProblem(code, message, id));
  }

  /** Drops `n` bytes, then skips to the next `Content-Length:`. */
  private resync(n: number): void {
    this.consume(n);
    this.resyncing = true;
  }

  private append(chunk: Buffer): void {
    if (this.len + chunk.length > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + chunk.length, 64 * 1024));
      this.buf.copy(grown, 0, 0, this.len);
      this.buf = grown;
    }
    chunk.copy(this.buf, this.len);
    this.len += chunk.length;
  }

  private consume(n: number): void {
    if (n <= 0) return;
    this.buf.copy(this.buf, 0, n, this.len);
    this.len -= n;
    this.bodyStart = Math.max(0, this.bodyStart - n);
    this.searched = Math.max(0, this.searched - n);
    // A large body read, the buffer shrinks back (a 64 MiB message must not pin 64 MiB for good).
    if (this.buf.length > 1024 * 1024 && this.len < this.buf.length / 4) {
      const smaller = Buffer.allocUnsafe(Math.max(64 * 1024, this.len * 2));
      this.buf.copy(smaller, 0, 0, this.len);
      this.buf = smaller;
    }
  }
}

/** The Content-Length of a header block, or what is wrong with it. */
function headerLength(header: string): number | string {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return `a header line without a name and a colon: ${JSON.stringify(line.slice(0, 80))}`;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') {
      if (!/^\d{1,16}$/.test(value)) return `Content-Length must be a non-negative decimal integer (got ${JSON.stringify(value.slice(0, 40))})`;
      length = Number(value);
      if (length > MAX_MESSAGE_BYTES) return `Content-Length ${value} is over the limit of ${MAX_MESSAGE_BYTES} bytes`;
    } else if (name === 'content-type') {
      const charset = /charset\s*=\s*"?([^;"\s]+)/i.exec(value)?.[1]?.toLowerCase();
      if (charset && charset !== 'utf-8' && charset !== 'utf8') return `only the utf-8 charset is supported (got ${charset})`;
    }
  }
  return length ?? 'no Content-Length';
}

/** The id of a request, from its bytes, if it is JSON with one. */
function idOf(bytes: Buffer): number | string | null {
  try {
    const id = (JSON.parse(decoder.decode(bytes)) as { id?: unknown }).id;
    return typeof id === 'number' || typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}
