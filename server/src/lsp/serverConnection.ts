/**
 * The server's connection on any transport: vscode-languageserver's `createConnection` with the
 * proposed features, reading through the message gate (messageGate.ts: lifecycle, message shape,
 * params), and with the watch on the client's process given by the caller (node/parentWatch.ts; an
 * inert one in process). node/main.ts and the in-process test harness build it the same way, so the
 * tests see what the binary does. The caller must have loaded a runtime (vscode-languageserver-protocol/node).
 */
import { createConnection, ProposedFeatures, type Connection, type WatchDog } from 'vscode-languageserver';
import { createProtocolConnection, type MessageReader, type MessageWriter } from 'vscode-languageserver-protocol';
import { MessageGate } from './messageGate';

export interface ServerConnectionOptions {
  /** The watch on the client's process; default: none (the process never exits on its own). */
  watchDog?: WatchDog;
  /** Also told each refused or dropped message (the client's console always is): node/main.ts writes it to stderr. */
  log?: (line: string) => void;
}

/** A watch dog that watches nothing and ends nothing (a server in a test process). */
export const inertWatchDog = (): WatchDog => ({ shutdownReceived: false, initialize: () => undefined, exit: () => undefined });

export function createServerConnection(reader: MessageReader, writer: MessageWriter, options: ServerConnectionOptions = {}): Connection {
  // The gate logs through the connection's console, which exists once the connection does.
  const late: { connection?: Connection } = {};
  const gate = new MessageGate(reader, {
    answer: (response) => void writer.write(response).catch(() => undefined),
    log: (line) => {
      options.log?.(line);
      late.connection?.console.error(line);
    },
  });
  const connection = createConnection((logger) => createProtocolConnection(gate, writer, logger), options.watchDog ?? inertWatchDog(), ProposedFeatures.all);
  late.connection = connection;
  return connection;
}
