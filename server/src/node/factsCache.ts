/**
 * A warm cache of per-file facts on disk, keyed by content: sha1 over a cache-format version, a hash
 * of the settings that affect parsing (status and severity words) and the file's bytes. One entry
 * per document, `DIR/ab/abcdef…` named after the document's URI (entryName): a little header with
 * the content key, then the facts in the encoding of factsCodec.ts (which keeps Map, Set and shared
 * objects, and decodes several times faster than v8.deserialize), or v8 serialization when facts
 * hold something that encoding does not take. An entry that cannot be read, is truncated, was
 * written by another format or for other content is ignored (and overwritten), never fatal.
 *
 * Storage (cacheStore.ts): the new facts of a file replace its entry (a temporary file renamed over
 * it, so a reader sees the old entry or the new, never half, and two writers on one folder never
 * corrupt it); a hit touches the entry's mtime at most once an hour; past `maxBytes` (200 MB by
 * default) the least recently used entries are deleted, down to three quarters of it.
 *
 * Used by the CLI (`--cache-dir`) and the language server with its storage folder:
 * `new FactsCache(dir, options)`, then `lookup(bytes, uri)` / `put(key, facts)`.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { CacheStore, DEFAULT_MAX_BYTES, entryName } from './cacheStore';
import { decodeValue, encodeValue, Unsupported } from './factsCodec';
import type { IssueLogOptions, IssueLogSettings } from '../core/config';
import type { DocumentFacts } from '../core/document';

/** Bump whenever the shape of DocumentFacts or what the parser reads into it changes (4: block-relative facts with `at`, `blockStarts`; 7: prefix-independent entries and mentions, bold entries, register rows; 8: fields in every v2 form, with `form` and `plain`; 10: suppression comments). */
export const FACTS_CACHE_FORMAT = 10;

/** The build (esbuild.mjs: version + a hash of the server's sources and lockfile): each build keeps its own entries. */
declare const __BUILD_ID__: string | undefined;
const BUILD = typeof __BUILD_ID__ === 'string' ? __BUILD_ID__ : 'dev';

/**
 * The settings that the facts of a document depend on, as settings (so that a worker thread can
 * rebuild the options, RegExps included, with resolveOptions).
 */
export function parseSettingsOf(options: IssueLogOptions): IssueLogSettings {
  const prefixes: Record<string, string> = {};
  for (const [p, s] of options.prefixes) prefixes[p] = s ?? '';
  // The words of .issue-log.json may change how entries are read.
  return { prefixes, status: options.statusWords, severity: options.severityWords };
}

/** A hash of the settings that affect parsing (not the prefixes: the parse is prefix-independent, the workspace decides which are known). */
export function parseSettingsHash(options: IssueLogOptions): string {
  // The status and severity words count only when there are some (the hash of a setup without them stays).
  const words = [options.statusWords.open, options.statusWords.resolved, ...Object.values(options.severityWords)].some((w) => w.length > 0) ? [options.statusWords, options.severityWords] : undefined;
  return crypto.createHash('sha1').update(JSON.stringify(words ?? [])).digest('hex');
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
  /** Entries of the file's earlier content (a miss; the new facts replace them). */
  stale: number;
  writes: number;
  writeFailures: number;
  /** Entries deleted to keep the cache under its size. */
  pruned: number;
}

export interface FactsCacheLimits {
  /** The cache's size past which the least recently used entries go (bytes; default 200 MB). */
  maxBytes?: number;
}

export class FactsCache {
  readonly stats: FactsCacheStats = { hits: 0, misses: 0, bad: 0, stale: 0, writes: 0, writeFailures: 0, pruned: 0 };
  private readonly prefix: string;
  private readonly store: CacheStore;

  constructor(
    readonly dir: string,
    options: IssueLogOptions,
    limits: FactsCacheLimits = {},
  ) {
    this.prefix = `issue-log-facts\u0000${FACTS_CACHE_FORMAT}\u0000${BUILD}\u0000${parseSettingsHash(options)}\u0000`;
    this.store = new CacheStore(dir, limits.maxBytes ?? DEFAULT_MAX_BYTES, this.stats);
  }

  /** The cache key of a file's content. */
  keyOf(bytes: Uint8Array | string): string {
    return crypto.createHash('sha1').update(this.prefix).update(bytes).digest('hex');
  }

  /** Where the entry of the document `uri` lives (one entry per document, whatever its content). */
  fileOf(uri: string): string {
    const name = entryName(uri);
    return path.join(this.dir, name.slice(0, 2), name);
  }

  /** The cached facts for `key`, with `uri` set, or undefined. */
  get(key: string, uri: string): DocumentFacts | undefined {
    return this.getEntry(key, uri)?.facts;
  }

  /** The cached facts for `key` (with `uri` set) and the decoding warning, or undefined. */
  getEntry(key: string, uri: string): CachedFacts | undefined {
    const file = this.fileOf(uri);
    const facts = readEntry(file, key, (read, size, mtimeMs) => this.store.seen(file, typeof read === 'object', size, mtimeMs));
    if (facts === 'missing') {
      this.stats.misses++;
      return undefined;
    }
    if (facts === 'bad' || facts === 'stale') {
      this.stats[facts]++;
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    // The facts are this decode's own: the URI is the one asked for (equal content, another file).
    return { ...facts, facts: { ...facts.facts, uri } };
  }

  /** Hashes `bytes` and looks the facts up: `{ key, facts }` (facts undefined on a miss). */
  lookup(bytes: Uint8Array | string, uri: string): { key: string; facts?: DocumentFacts; warning?: string } {
    const key = this.keyOf(bytes);
    const hit = this.getEntry(key, uri);
    return { key, facts: hit?.facts, warning: hit?.warning };
  }

  /** Stores the facts of `facts.uri` under `key`, replacing its entry; failures are counted, never thrown. */
  put(key: string, facts: DocumentFacts, warning?: string): boolean {
    const file = this.fileOf(facts.uri);
    const ok = writeFactsEntry(file, key, facts, warning);
    if (ok) this.written(file);
    else this.stats.writeFailures++;
    return ok;
  }

  /** An entry was written to `file` (here or by a parse worker): counted, and the cache pruned past its size. */
  written(file: string): void {
    this.stats.writes++;
    this.store.written(file);
  }
}

/*
 * An entry file: six little-endian u32s, then a UTF-8 JSON header, then the body.
 *   magic 'ILFC' (factsCodec), format, header bytes, integers on the tape, doubles, 0
 *     header {key, warning?, strings, shapes}; padding to 8; the integers (i32); padding to 8; the doubles (f64)
 *   magic 'ILFV' (v8 fallback), format, header bytes, body bytes, 0, 0
 *     header {key, warning?}; the facts, v8-serialized
 * The integers and doubles are in the machine's byte order; a big-endian machine writes 'ILFV' only.
 */
const MAGIC_CODEC = 0x4346_4c49; // 'ILFC'
const MAGIC_V8 = 0x5646_4c49; // 'ILFV'
const PREAMBLE = 24;
const LITTLE_ENDIAN = os.endianness() === 'LE';

interface Header {
  key: string;
  warning?: string;
  strings?: string[];
  shapes?: string[][];
}

const align8 = (n: number) => (n + 7) & ~7;

/** Reads one entry: the facts, 'missing' (no file) or 'bad' (unusable, or for other content). */
export function readFactsEntry(file: string, key: string): CachedFacts | 'missing' | 'bad' {
  const r = readEntry(file, key);
  return r === 'stale' ? 'bad' : r;
}

type EntryRead = CachedFacts | 'missing' | 'bad' | 'stale';

/**
 * Reads one entry: the facts, 'missing', 'bad', or 'stale' (a good entry for other content: the
 * document's earlier version). `seen` is told what was read, with the file's size and mtime.
 */
function readEntry(file: string, key: string, seen?: (read: EntryRead, size: number, mtimeMs: number) => void): EntryRead {
  let buf: Buffer;
  let st: fs.Stats;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    st = fs.fstatSync(fd);
    buf = fs.readFileSync(fd);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'bad';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  const read = decodeChecked(buf, key);
  seen?.(read, st.size, st.mtimeMs);
  return read;
}

function decodeChecked(buf: Buffer, key: string): Exclude<EntryRead, 'missing'> {
  try {
    const facts = decodeEntryOrStale(buf, key);
    if (!facts || facts === 'stale') return facts ?? 'bad';
    const f = facts.facts;
    if (!f || !Array.isArray(f.lineStarts) || !Array.isArray(f.headings) || !(f.anchors instanceof Set) || !(f.definitions instanceof Map) || typeof f.isLog !== 'boolean') return 'bad';
    if (facts.warning !== undefined && typeof facts.warning !== 'string') return 'bad';
    return facts;
  } catch {
    return 'bad';
  }
}

/** The facts in an entry file's bytes, or undefined when they are not an entry for `key`. */
export function decodeEntry(buf: Buffer, key: string): CachedFacts | undefined {
  const r = decodeEntryOrStale(buf, key);
  return r === 'stale' ? undefined : r;
}

/** decodeEntry, telling a good entry for another key ('stale': the document's earlier content) from bad bytes (undefined). */
function decodeEntryOrStale(buf: Buffer, key: string): CachedFacts | 'stale' | undefined {
  if (buf.length < PREAMBLE) return undefined;
  const magic = buf.readUInt32LE(0);
  if ((magic !== MAGIC_CODEC && magic !== MAGIC_V8) || buf.readUInt32LE(4) !== FACTS_CACHE_FORMAT) return undefined;
  const headerBytes = buf.readUInt32LE(8);
  const a = buf.readUInt32LE(12);
  const b = buf.readUInt32LE(16);
  if (PREAMBLE + headerBytes > buf.length) return undefined;
  const header = JSON.parse(buf.toString('utf8', PREAMBLE, PREAMBLE + headerBytes)) as Header;
  if (!header || typeof header.key !== 'string') return undefined;
  if (header.key !== key) return 'stale';
  const bodyAt = PREAMBLE + headerBytes;
  let facts: unknown;
  if (magic === MAGIC_V8) {
    if (bodyAt + a !== buf.length) return undefined;
    facts = v8.deserialize(buf.subarray(bodyAt));
  } else {
    if (!LITTLE_ENDIAN || !Array.isArray(header.strings) || !Array.isArray(header.shapes)) return undefined;
    const intsAt = align8(bodyAt);
    const doublesAt = align8(intsAt + a * 4);
    if (doublesAt + b * 8 !== buf.length) return undefined;
    // Typed arrays need aligned offsets; readFileSync's buffer normally starts at one.
    const bytes = buf.byteOffset % 8 === 0 ? buf : Buffer.from(buf);
    const ints = new Int32Array(bytes.buffer, bytes.byteOffset + intsAt, a);
    const doubles = new Float64Array(bytes.buffer, bytes.byteOffset + doublesAt, b);
    facts = decodeValue({ strings: header.strings, shapes: header.shapes, ints, doubles });
  }
  return { facts: facts as DocumentFacts, warning: header.warning };
}

/** An entry file's bytes. */
export function encodeEntry(key: string, facts: DocumentFacts, warning?: string): Buffer {
  const stored = { ...facts, uri: '' };
  const header: Header = { key };
  if (warning !== undefined) header.warning = warning;
  let encoded;
  try {
    encoded = LITTLE_ENDIAN ? encodeValue(stored) : undefined;
  } catch (err) {
    if (!(err instanceof Unsupported)) throw err;
  }
  if (!encoded) {
    const head = Buffer.from(JSON.stringify(header));
    const body = v8.serialize(stored);
    const pre = Buffer.alloc(PREAMBLE);
    [MAGIC_V8, FACTS_CACHE_FORMAT, head.length, body.length, 0, 0].forEach((x, i) => pre.writeUInt32LE(x, i * 4));
    return Buffer.concat([pre, head, body]);
  }
  header.strings = encoded.strings;
  header.shapes = encoded.shapes;
  const head = Buffer.from(JSON.stringify(header));
  const intsAt = align8(PREAMBLE + head.length);
  const doublesAt = align8(intsAt + encoded.ints.byteLength);
  const out = Buffer.alloc(doublesAt + encoded.doubles.byteLength);
  [MAGIC_CODEC, FACTS_CACHE_FORMAT, head.length, encoded.ints.length, encoded.doubles.length, 0].forEach((x, i) => out.writeUInt32LE(x, i * 4));
  head.copy(out, PREAMBLE);
  out.set(new Uint8Array(encoded.ints.buffer, encoded.ints.byteOffset, encoded.ints.byteLength), intsAt);
  out.set(new Uint8Array(encoded.doubles.buffer, encoded.doubles.byteOffset, encoded.doubles.byteLength), doublesAt);
  return out;
}

/** Writes one entry atomically (a temporary file renamed into place); false when it could not. */
export function writeFactsEntry(file: string, key: string, facts: DocumentFacts, warning?: string): boolean {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, encodeEntry(key, facts, warning));
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
