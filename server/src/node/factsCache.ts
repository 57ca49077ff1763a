/**
 * A warm cache of per-file facts on disk, keyed by content: sha1 over a cache-format version, a hash
 * of the settings that affect parsing (status and severity words) and the file's bytes. One file per
 * document, `DIR/ab/abcdef…`: a little header, then the facts in the encoding of factsCodec.ts
 * (which keeps Map, Set and shared objects, and decodes several times faster than v8.deserialize),
 * or v8 serialization when facts hold something that encoding does not take. An entry that cannot
 * be read, is truncated or was written by another format is ignored (and overwritten), never fatal.
 *
 * Used by the CLI (`--cache-dir`) and meant for the language server with its storage folder:
 * `new FactsCache(dir, options)`, then `lookup(bytes, uri)` / `store(key, facts)`.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { decodeValue, encodeValue, Unsupported } from './factsCodec';
import type { IssueLogOptions, IssueLogSettings } from '../core/config';
import type { DocumentFacts } from '../core/document';

/** Bump whenever the shape of DocumentFacts or what the parser reads into it changes (4: block-relative facts with `at`, `blockStarts`; 7: prefix-independent entries and mentions, bold entries, register rows; 8: fields in every v2 form, with `form` and `plain`). */
export const FACTS_CACHE_FORMAT = 9;

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
    // The facts are this decode's own: the URI is the one asked for (equal content, another file).
    return { ...facts, facts: { ...facts.facts, uri } };
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

/** Reads one entry: the facts, 'missing' (no file) or 'bad' (unusable). */
export function readFactsEntry(file: string, key: string): CachedFacts | 'missing' | 'bad' {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'bad';
  }
  try {
    const facts = decodeEntry(buf, key);
    if (!facts) return 'bad';
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
  if (buf.length < PREAMBLE) return undefined;
  const magic = buf.readUInt32LE(0);
  if ((magic !== MAGIC_CODEC && magic !== MAGIC_V8) || buf.readUInt32LE(4) !== FACTS_CACHE_FORMAT) return undefined;
  const headerBytes = buf.readUInt32LE(8);
  const a = buf.readUInt32LE(12);
  const b = buf.readUInt32LE(16);
  if (PREAMBLE + headerBytes > buf.length) return undefined;
  const header = JSON.parse(buf.toString('utf8', PREAMBLE, PREAMBLE + headerBytes)) as Header;
  if (!header || header.key !== key) return undefined;
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
