/**
 * A worker thread that parses documents for the parse pool (parsePool.ts), bundled to
 * dist/parseWorker.js. The options are rebuilt here from the settings (RegExps do not cross threads
 * as such); the facts go back by structured clone (Map and Set survive it). When the job names a
 * cache file, the facts are written there first (factsCache.ts), off the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { resolveOptions, type IssueLogSettings } from '../core/config';
import { readDocument } from '../core/document';
import { writeFactsEntry } from './factsCache';

export interface ParseRequest {
  id: number;
  uri: string;
  text: string;
  /** Write the facts to this cache file, under this key. */
  cache?: { file: string; key: string; warning?: string };
}

export type ParseReply = { id: number; facts: ReturnType<typeof readDocument> } | { id: number; error: string };

const options = resolveOptions((workerData as { settings?: IssueLogSettings } | undefined)?.settings ?? {});

parentPort?.on('message', (req: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { id: req.id, facts: readDocument(req.uri, req.text, options) };
  } catch (err) {
    parentPort!.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies ParseReply);
    return;
  }
  // Written before answering: the pool may terminate this worker as soon as it has the answer.
  if (req.cache) writeFactsEntry(req.cache.file, req.cache.key, reply.facts, req.cache.warning);
  parentPort!.postMessage(reply);
});
