/**
 * A warm cache of per-file facts on disk, keyed by content: sha1 over a cache-format version, a hash
 * of the settings that affect parsing (the issue-ID prefixes) and the file's bytes. One file per
 * document, `DIR/ab/abcdef…` (v8 serialization, which keeps Map and Set). An entry that cannot be
 * read, is truncated or was written by another format is ignored (and overwritten), never fatal.
 *
 * Used by the CLI (`--cache-dir`) and meant for the language server with its storage folder:
 * `new FactsCache(dir, options)`, then `lookup(bytes, uri)` / `store(key, facts)`.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { IssueLogOptions, IssueLogSettings } from '../core/config';
import type { DocumentFacts } from '../core/document';

/** Bump whenever the shape of DocumentFacts or what the parser reads into it changes. */
export const FACTS_CACHE_FORMAT = 2;

declare const __VERSION__: string | undefined;
const BUILD = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/**
 * The settings that the facts of a document depend on, as settings (so that a worker thread can
 * rebuild the options, RegExps included, with resolveOptions).
 */
export function parseSettingsOf(options: IssueLogOptions): IssueLogSettings {
  const prefixes: Record<string, string> = {};
  for (const [p, s] of options.prefixes) prefixes[p] = s ?? '';
  return { prefixes };
}

/** A hash of the settings that affect parsing. */
export function parseSettingsHash(options: IssueLogOptions): string {
  const entries = [...options.prefixes.entries()].map(([p, s]) => [p, s ?? '']).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return crypto.createHash('sha1').update(JSON.stringify(entries)).digest('hex');
}

interface Entry {
  format: number;
  key: string;
  facts: DocumentFacts;
  /** What decoding the bytes warned about (invalid UTF-8), so that a hit need not decode them. */
  warning?: string;
}

export interface CachedFacts {
  facts: DocumentFacts;
  warning?: string;
}

export interface FactsCacheStats {
  hits: number;
  misses: number;
  /** Entries that existed but could not be used (corrupt, truncated, other format). */
  bad: number;
  writes: number;
  writeFailures: number;
}

export class FactsCache {
  readonly stats: FactsCacheStats = { hits: 0, misses: 0, bad: 0, writes: 0, writeFailures: 0 };
  private readonly prefix: string;

  constructor(
    readonly dir: string,
    options: IssueLogOptions,
  ) {
    this.prefix = `issue-log-facts\u0000${FACTS_CACHE_FORMAT}\u0000${BUILD}\u0000${parseSettingsHash(options)}\u0000`;
  }

  /** The cache key of a file's content. */
  keyOf(bytes: Uint8Array | string): string {
    return crypto.createHash('sha1').update(this.prefix).update(bytes).digest('hex');
  }

  /** Where the entry for `key` lives. */
  fileOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), key);
  }

  /** The cached facts for `key`, with `uri` set, or undefined. */
  get(key: string, uri: string): DocumentFacts | undefined {
    return this.getEntry(key, uri)?.facts;
  }

  /** The cached facts for `key` (with `uri` set) and the decoding warning, or undefined. */
  getEntry(key: string, uri: string): CachedFacts | undefined {
    const facts = readFactsEntry(this.fileOf(key), key);
    if (facts === 'missing') {
      this.stats.misses++;
      return undefined;
    }
    if (facts === 'bad') {
      this.stats.bad++;
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    facts.facts.uri = uri;
    return facts;
  }

  /** Hashes `bytes` and looks the facts up: `{ key, facts }` (facts undefined on a miss). */
  lookup(bytes: Uint8Array | string, uri: string): { key: string; facts?: DocumentFacts; warning?: string } {
    const key = this.keyOf(bytes);
    const hit = this.getEntry(key, uri);
    return { key, facts: hit?.facts, warning: hit?.warning };
  }

  /** Stores facts under `key`; failures are counted, never thrown. */
  put(key: string, facts: DocumentFacts, warning?: string): boolean {
    const ok = writeFactsEntry(this.fileOf(key), key, facts, warning);
    if (ok) this.stats.writes++;
    else this.stats.writeFailures++;
    return ok;
  }
}

/** Reads one entry: the facts, 'missing' (no file) or 'bad' (unusable). */
export function readFactsEntry(file: string, key: string): CachedFacts | 'missing' | 'bad' {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'bad';
  }
  try {
    const entry = v8.deserialize(buf) as Entry;
    if (!entry || entry.format !== FACTS_CACHE_FORMAT || entry.key !== key) return 'bad';
    const f = entry.facts;
    if (!f || !Array.isArray(f.lineStarts) || !Array.isArray(f.headings) || !(f.anchors instanceof Set) || !(f.definitions instanceof Map) || typeof f.isLog !== 'boolean') return 'bad';
    if (entry.warning !== undefined && typeof entry.warning !== 'string') return 'bad';
    return { facts: f, warning: entry.warning };
  } catch {
    return 'bad';
  }
}

/** Writes one entry atomically (a temporary file renamed into place); false when it could not. */
export function writeFactsEntry(file: string, key: string, facts: DocumentFacts, warning?: string): boolean {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const entry: Entry = { format: FACTS_CACHE_FORMAT, key, facts: { ...facts, uri: '' } };
    if (warning !== undefined) entry.warning = warning;
    fs.writeFileSync(tmp, v8.serialize(entry));
    fs.renameSync(tmp, file);
    return true;
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing more to do.
    }
    return false;
  }
}
