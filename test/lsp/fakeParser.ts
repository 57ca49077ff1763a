/**
 * A stand-in for the worker-thread parser of closed files (node/fileParser.ts), for in-process tests of
 * what the server does with one: it parses on this thread, from an in-memory workspace, and answers
 * in reverse order, one file per turn of the event loop, so that the server must put the results back
 * in the walk's order itself. It records the thread counts the server asks for.
 */
import { readDocument } from '../../server/src/core/document';
import type { ServerEnvironment } from '../../server/src/server';
import type { InMemoryWorkspace } from './inMemoryWorkspace';

/** Named through ServerEnvironment, the shape the server promises to keep. */
type CreateParser = NonNullable<ServerEnvironment['createParser']>;
type ServerFileParser = ReturnType<CreateParser>;

export interface FakeParserLog {
  /** The arguments of every setThreads call, in order. */
  setThreads: number[];
  /** How many parsers were created, and how many closed. */
  created: number;
  closed: number;
}

export function reverseOrderParser(ws: InMemoryWorkspace, threads = 2): { createParser: CreateParser; log: FakeParserLog } {
  const log: FakeParserLog = { setThreads: [], created: 0, closed: 0 };
  const createParser = (options: Parameters<CreateParser>[0]): ServerFileParser => {
    log.created++;
    let closed = false;
    return {
      threads,
      setThreads: (n) => void log.setThreads.push(n),
      parseFiles: async (files, onResult, control) => {
        const finished = (async () => {
          for (let i = files.length - 1; i >= 0; i--) {
            await new Promise<void>((resolve) => setImmediate(resolve));
            // A parser that was closed or cancelled answers the rest as not read.
            if (closed || control.cancelled?.()) {
              onResult(i, { ok: false, reason: 'not read: the parser was closed' });
              continue;
            }
            const read = ws.readFile(files[i].path, options.maxFileSize);
            onResult(i, read.ok ? { ok: true, facts: readDocument(files[i].uri, read.text, options), warning: read.warning, cached: false } : read);
          }
        })();
        return { finished };
      },
      close: async () => {
        closed = true;
        log.closed++;
      },
    };
  };
  return { createParser, log };
}
