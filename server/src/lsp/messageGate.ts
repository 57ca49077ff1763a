/**
 * The gate between the transport and the connection: every message from the client passes here first,
 * so what the library would answer badly (or not at all) is answered by the protocol's rules:
 * - a value that is not a JSON-RPC message (not an object, a batch array, a method that is not a
 *   string, an id that is neither a number nor a string): InvalidRequest (-32600);
 * - before `initialize`: a request gets ServerNotInitialized (-32002), a notification is dropped
 *   (except `exit`), as LSP says; a second `initialize` gets InvalidRequest;
 * - after `shutdown`: a request gets InvalidRequest, a notification other than `exit` is dropped;
 * - params of the wrong shape (params.ts): a request gets InvalidParams (-32602) naming the part, a
 *   notification is logged and dropped (a handler never sees them).
 * The transport's own problems (framing.ts: bad headers, invalid JSON) arrive as `ProtocolProblem`
 * errors of the inner reader and are answered the same way. Each refusal is logged with its reason.
 */
import { AbstractMessageReader, type DataCallback, type Disposable, type MessageReader, type ResponseMessage } from 'vscode-languageserver-protocol';
import { paramsProblem } from './params';

/** JSON-RPC's and LSP's error codes used here. */
export const ProtocolErrorCodes = {
  ParseError: -32700,
  InvalidRequest: -32600,
  InvalidParams: -32602,
  ServerNotInitialized: -32002,
} as const;

type Id = number | string | null;

/** A message the transport could not read: answered with `code` (to `id`, or null when unknown). */
export class ProtocolProblem extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly id: Id = null,
  ) {
    super(message);
  }
}

/** Where the gate's answers and log lines go. */
export interface GateSink {
  /** Sends a response to the client (around the connection, on the same writer). */
  answer(response: ResponseMessage): void;
  /** Logs why a message was refused or dropped. */
  log(line: string): void;
}

type Phase = 'new' | 'running' | 'shutdown';

const isId = (v: unknown): v is number | string => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const CODE_NAMES: Record<number, string> = {
  [ProtocolErrorCodes.ParseError]: 'ParseError',
  [ProtocolErrorCodes.InvalidRequest]: 'InvalidRequest',
  [ProtocolErrorCodes.InvalidParams]: 'InvalidParams',
  [ProtocolErrorCodes.ServerNotInitialized]: 'ServerNotInitialized',
};

export class MessageGate extends AbstractMessageReader {
  private phase: Phase = 'new';

  constructor(
    private readonly inner: MessageReader,
    private readonly sink: GateSink,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const subscriptions = [
      this.inner.onError((error) => (error instanceof ProtocolProblem ? this.refuse(error.code, error.message, error.id) : this.fireError(error))),
      this.inner.onClose(() => this.fireClose()),
      this.inner.onPartialMessage((info) => this.firePartialMessage(info)),
      this.inner.listen((message) => this.pass(message, callback)),
    ];
    return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
  }

  override dispose(): void {
    super.dispose();
    this.inner.dispose();
  }

  /** Hands `message` to the connection, or answers or drops it. */
  private pass(message: unknown, deliver: DataCallback): void {
    if (Array.isArray(message)) return this.refuseBatch(message);
    if (!isObject(message)) return this.refuse(ProtocolErrorCodes.InvalidRequest, 'a message must be a JSON object');
    const { method, id } = message;
    if (method === undefined) {
      // A response to one of the server's requests: passed on even without a result (some clients
      // leave out `result: null`), or the request it answers would wait for ever.
      if (isId(id) || id === null) return deliver(message as never);
      return this.refuse(ProtocolErrorCodes.InvalidRequest, 'a message without a method must be a response (with an id)');
    }
    if (typeof method !== 'string') return this.refuse(ProtocolErrorCodes.InvalidRequest, 'the method must be a string', isId(id) ? id : null);
    if (id !== undefined && !isId(id)) return this.refuse(ProtocolErrorCodes.InvalidRequest, `${method}: the id must be a number or a string`);
    const isRequest = id !== undefined;
    if (method === 'exit') return deliver(message as never);
    if (this.phase === 'new' && method !== 'initialize') {
      if (isRequest) return this.refuse(ProtocolErrorCodes.ServerNotInitialized, `${method} before initialize`, id);
      return this.sink.log(`Dropped the notification ${method}: it came before initialize.`);
    }
    if (this.phase === 'shutdown') {
      if (isRequest) return this.refuse(ProtocolErrorCodes.InvalidRequest, `${method} after shutdown`, id);
      return this.sink.log(`Dropped the notification ${method}: it came after shutdown.`);
    }
    if (method === 'initialize' && !isRequest) return this.sink.log('Dropped an initialize notification: initialize is a request.');
    if (method === 'initialize' && this.phase !== 'new') return this.refuse(ProtocolErrorCodes.InvalidRequest, 'initialize was already received', id);
    const problem = paramsProblem(method, message.params);
    if (problem) {
      if (isRequest) return this.refuse(ProtocolErrorCodes.InvalidParams, `${method}: ${problem}`, id);
      return this.sink.log(`Ignored the notification ${method}: ${problem}.`);
    }
    if (method === 'initialize') this.phase = 'running';
    else if (method === 'shutdown' && isRequest) this.phase = 'shutdown';
    deliver(message as never);
  }

  /** LSP has no batches: each request in one is refused by its id (one refusal for none). */
  private refuseBatch(batch: unknown[]): void {
    const ids = batch.filter(isObject).map((m) => m.id).filter(isId);
    if (ids.length === 0) return this.refuse(ProtocolErrorCodes.InvalidRequest, 'batches (JSON arrays) are not supported by LSP');
    for (const id of ids) this.refuse(ProtocolErrorCodes.InvalidRequest, 'batches (JSON arrays) are not supported by LSP', id);
  }

  private refuse(code: number, reason: string, id: Id = null): void {
    this.sink.log(`Protocol error ${code} (${CODE_NAMES[code] ?? 'error'}): ${reason}${id === null ? '' : ` (request ${JSON.stringify(id)})`}.`);
    this.sink.answer({ jsonrpc: '2.0', id, error: { code, message: reason } });
  }
}
