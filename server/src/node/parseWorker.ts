/**
 * A worker thread that parses documents for the parse pool (parsePool.ts), bundled to
 * dist/parseWorker.js. The options are rebuilt here from the settings (RegExps do not cross threads
 * as such); the facts go back by structured clone (Map and Set survive it). When the job names a
 * cache file, the facts are written there first (factsCache.ts), off the main thread. An open
 * document's text (`open`) is read as the language server's reader of it would (core/openDocument.ts),
 * and its blocks go back with the facts, for that reader to be seeded with.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { resolveOptions, type IssueLogSettings } from '../core/config';
import { OpenDocument, readDocument } from '../core/document';
import type { SeedUnit } from '../core/openDocument';
import { writeFactsEntry } from './factsCache';

export interface ParseRequest {
  id: number;
  uri: string;
  text: string;
  /** Write the facts to this cache file, under this key. */
  cache?: { file: string; key: string; warning?: string };
  /** An open document's text: answer its blocks too. */
  open?: true;
}

type Facts = ReturnType<typeof readDocument>;
export type ParseReply = { id: number; facts: Facts } | { id: number; open: { units: SeedUnit[]; facts: Facts } } | { id: number; error: string };

const options = resolveOptions((workerData as { settings?: IssueLogSettings } | undefined)?.settings ?? {});

parentPort?.on('message', (req: ParseRequest) => {
  let reply: { id: number; facts: Facts };
  try {
    if (req.open) {
      const reader = new OpenDocument(req.uri, options);
      const facts = reader.update(req.text);
      // One message: the facts and the blocks share their objects (block keys, facts) on arrival too.
      parentPort!.postMessage({ id: req.id, open: { units: reader.exportUnits(), facts } } satisfies ParseReply);
      return;
    }
    reply = { id: req.id, facts: readDocument(req.uri, req.text, options) };
  } catch (err) {
    parentPort!.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies ParseReply);
    return;
  }
  // Written before answering: the pool may terminate this worker as soon as it has the answer.
  if (req.cache) writeFactsEntry(req.cache.file, req.cache.key, reply.facts, req.cache.warning);
  parentPort!.postMessage(reply);
});
