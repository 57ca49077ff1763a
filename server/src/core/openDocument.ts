/**
 * An open document, read again after every edit by parsing only the blocks the edit touched. Each
 * version is a new DocumentFacts: the blocks before and after the edit keep their facts (the same,
 * immutable, block-relative objects; only where the later blocks start changes), the touched blocks
 * get new ones. Nothing handed out for an older version changes. The result equals `readDocument` of
 * the same text, fact for fact at document offsets (tests replay random edits to hold it to that).
 */
import { chunkBlocks, splitBlocks, type Block } from './blocks';
import { appendPlaced, definitionPrefix, definitionsIn, parseBlockwise, parseWithPrefix } from './blockwise';
import { MAX_PARSE_CHARS } from './largeBlocks';
import type { IssueLogOptions } from './config';
import { buildDocument, computeLineStarts, type DocumentFacts } from './documentFacts';
import type { BlockKey, ParsedFacts, ParseProblem } from './model';
import { emptyFacts, parseFacts } from './parse';
import { firstWhere } from './search';
import { pushLineStarts } from './positions';

/** One top-level block of an open document: its text and its facts, relative to its start (immutable). */
interface Unit {
  readonly key: BlockKey;
  readonly text: string;
  readonly facts: ParsedFacts;
  /** Link reference definitions of the block: label → source. */
  readonly defs: readonly [string, string][];
  /** The definitions from other blocks that it was parsed with (`''`: none). */
  readonly prefix: string;
}

const FACT_KEYS = ['headings', 'boldEntries', 'links', 'referenceUses', 'htmlIds', 'mentions', 'tables', 'footer', 'suppressions'] as const;
type FactKey = (typeof FACT_KEYS)[number];
type Lists = { [K in FactKey]: readonly ParsedFacts[K][number][] };

/** Block keys are unique in the process (0 is WHOLE). */
let nextBlock = 1;

function append<T>(into: T[], from: readonly T[]): void {
  for (let j = 0; j < from.length; j++) into.push(from[j]);
}

/**
 * The line starts of `text` from those of the text before the edit (`old`), which it equals before
 * `start` and after `end` (after `end - delta` in the old text): kept before, read in between, moved
 * by `delta` after. A new array: the old one belongs to the previous version.
 */
function moveLineStarts(old: readonly number[], text: string, start: number, end: number, delta: number): number[] {
  const lo = firstWhere(0, old.length, (i) => old[i] > start);
  const oldEnd = end - delta;
  const j = firstWhere(lo, old.length, (i) => old[i] > oldEnd);
  const out = old.slice(0, lo);
  pushLineStarts(text, start, end, out);
  for (let k = j; k < old.length; k++) out.push(old[k] + delta);
  return out;
}

/**
 * A copy of `s` that holds no reference to the string it was sliced from. V8 keeps a slice (and every
 * string a parser cuts from it) as a view into its parent, so a kept block's text, headings and field
 * values would keep the whole text of the version it was parsed in alive: one 2 MB text per edit.
 * Slicing a concatenation flattens it into a new string first, whose slice is then the view.
 */
function ownCopy(s: string): string {
  return (' ' + s).slice(1);
}

export class OpenDocument {
  private units: readonly Unit[] = [];
  /** Where each unit starts in the current text (parallel to `units`). */
  private starts: readonly number[] = [];
  private text = '';
  private defsKey = '';
  private current?: DocumentFacts;
  private lists?: Lists;
  /** Blocks parsed, and blocks kept, over the document's life. */
  parsed = 0;
  reused = 0;

  constructor(
    readonly uri: string,
    private readonly options: IssueLogOptions,
  ) {}

  /**
   * Reads the new text of the document. `changed`, when given, is the part of the new text that may
   * differ from the text of the previous call: before `start` the texts are the same, and so are
   * they after `end` (after the old text's `end - delta`). Without it, the texts are compared.
   */
  update(text: string, changed?: { start: number; end: number }): DocumentFacts {
    if (this.current && (changed ? changed.start === changed.end && text.length === this.text.length : text === this.text)) return this.current;
    const old = this.units;
    const oldStarts = this.starts;
    const n = old.length;
    let from = 0;
    let to = n;
    let delta = 0;
    let regionStart = 0;
    let blocks: Block[];
    if (n === 0) blocks = splitBlocks(text);
    else {
      delta = text.length - this.text.length;
      // Blocks before the edit are unchanged; so are those after it, moved by `delta`.
      let i = 0;
      let k = n;
      if (changed) {
        // The first block that ends after `start`, and the first that starts at or after the old end.
        i = firstWhere(0, n, (u) => oldStarts[u] + old[u].text.length > changed.start);
        k = Math.max(i, firstWhere(0, n, (u) => oldStarts[u] >= changed.end - delta));
      } else {
        while (i < n && text.startsWith(old[i].text, oldStarts[i])) i++;
        if (i < n) {
          const firstChanged = oldStarts[i];
          while (k > i && oldStarts[k - 1] + delta >= firstChanged && text.startsWith(old[k - 1].text, oldStarts[k - 1] + delta)) k--;
        }
      }
      if (i === n && delta === 0) return this.current!;
      // The block before the edit may grow (the edit removed the heading that ended it).
      from = Math.max(0, i - 1);
      regionStart = oldStarts[from];
      let m = k;
      blocks = splitBlocks(text, regionStart, (pos) => {
        while (m < n && oldStarts[m] + delta < pos) m++;
        return m < n && oldStarts[m] + delta === pos;
      });
      const end = blocks.length > 0 ? blocks[blocks.length - 1].end : regionStart;
      to = k;
      while (to < n && oldStarts[to] + delta < end) to++;
      this.reused += n - (to - from);
    }
    this.text = text;
    const fresh = this.parseUnits(blocks);
    const units = old.slice(0, from).concat(fresh, old.slice(to));
    const starts = oldStarts.slice(0, from).concat(blocks.map((b) => b.start));
    for (let j = to; j < n; j++) starts.push(oldStarts[j] + delta);
    const others = this.resolveDefinitions(units, new Set(fresh));
    let lists: Lists;
    let lineStarts: readonly number[];
    if (n === 0 || others || !this.lists || !this.current) {
      lists = this.concatenate(units, 0, units.length);
      lineStarts = computeLineStarts(text);
    } else {
      // The facts of the blocks before and after the edit keep their places in the lists (new lists:
      // the old ones belong to the previous version).
      const previous = this.lists;
      const added = this.concatenate(units, from, from + fresh.length);
      const build = <K extends FactKey>(key: K): Lists[K] => {
        let at = 0;
        for (let j = 0; j < from; j++) at += old[j].facts[key].length;
        let gone = 0;
        for (let j = from; j < to; j++) gone += old[j].facts[key].length;
        const list = previous[key];
        if (gone === 0 && added[key].length === 0) return list;
        return list.slice(0, at).concat(added[key] as never[], list.slice(at + gone)) as unknown as Lists[K];
      };
      lists = { headings: build('headings'), boldEntries: build('boldEntries'), links: build('links'), referenceUses: build('referenceUses'), htmlIds: build('htmlIds'), mentions: build('mentions'), tables: build('tables'), footer: build('footer'), suppressions: build('suppressions') };
      lineStarts = moveLineStarts(this.current.lineStarts, text, regionStart, blocks.length > 0 ? blocks[blocks.length - 1].end : regionStart, delta);
    }
    this.units = units;
    this.starts = starts;
    this.lists = lists;
    const blockStarts = new Map<BlockKey, number>();
    const problems: ParseProblem[] = [];
    units.forEach((u, j) => {
      blockStarts.set(u.key, starts[j]);
      for (const p of u.facts.problems) problems.push({ offset: p.offset + starts[j], message: p.message });
    });
    this.current = buildDocument(this.uri, text, { ...lists, problems }, this.options, lineStarts, blockStarts, this.current);
    return this.current;
  }

  private concatenate(units: readonly Unit[], from: number, to: number): Lists {
    const out = { headings: [], boldEntries: [], links: [], referenceUses: [], htmlIds: [], mentions: [], tables: [], footer: [], suppressions: [] } as { [K in FactKey]: ParsedFacts[K][number][] };
    for (let j = from; j < to; j++) for (const key of FACT_KEYS) append(out[key] as unknown[], units[j].facts[key] as readonly unknown[]);
    return out;
  }

  private unit(text: string, facts: ParsedFacts, prefix: string, key: BlockKey): Unit {
    this.parsed++;
    return { key, text, facts, defs: definitionsIn(facts, text), prefix };
  }

  /** Parses blocks (grouped in chunks, like parseBlockwise) into units, each with its facts relative to its start. */
  private parseUnits(blocks: Block[]): Unit[] {
    const units: Unit[] = [];
    let next = 0;
    for (const chunk of chunkBlocks(blocks)) {
      const own = ownCopy(chunk.text);
      // A chunk too large for one parse (one huge block) is read in pieces, as parseBlockwise reads it.
      const chunkFacts = own.length > MAX_PARSE_CHARS ? parseBlockwise(own, this.options) : parseFacts(own);
      const inChunk: Block[] = [];
      while (next < blocks.length && blocks[next].end <= chunk.end) inChunk.push(blocks[next++]);
      // Each fact goes to the block it starts in.
      const parts = inChunk.map(() => emptyFacts());
      const partOf = (offset: number) => Math.max(0, firstWhere(0, inChunk.length, (p) => inChunk[p].start - chunk.start > offset) - 1);
      for (const key of FACT_KEYS) {
        for (const x of chunkFacts[key]) (parts[partOf(x.start)][key] as unknown[]).push(x);
      }
      for (const p of chunkFacts.problems) parts[partOf(p.offset)].problems.push(p);
      inChunk.forEach((b, p) => {
        const key: BlockKey = { block: nextBlock++ };
        const facts = emptyFacts();
        appendPlaced(facts, parts[p], chunk.start - b.start, key);
        units.push(this.unit(own.slice(b.start - chunk.start, b.end - chunk.start), facts, '', key));
      });
    }
    return units;
  }

  /**
   * Link reference definitions apply to the whole document: a block that uses a label defined in
   * another block is parsed again with those definitions before it (as parseBlockwise does); it
   * becomes a new unit in `units`. Only the new blocks are looked at, unless the document's
   * definitions changed. Says whether a block other than the new ones was parsed again.
   */
  private resolveDefinitions(units: Unit[], fresh: Set<Unit>): boolean {
    let others = false;
    const defs = new Map<string, string>();
    for (const u of units) for (const [label, src] of u.defs) if (!defs.has(label)) defs.set(label, src);
    const key = [...defs].map(([l, s]) => `${l}\u0000${s}`).join('\u0001');
    const all = key !== this.defsKey;
    this.defsKey = key;
    if (defs.size === 0 && !all) return false;
    units.forEach((u, j) => {
      if (!all && !fresh.has(u)) return;
      const prefix = defs.size > 0 ? definitionPrefix(u.text.toLowerCase(), new Set(u.defs.map(([l]) => l)), defs) : '';
      if (prefix === u.prefix) return;
      const blockKey: BlockKey = { block: nextBlock++ };
      const facts = emptyFacts();
      appendPlaced(facts, prefix ? parseWithPrefix(prefix, u.text, this.options) : parseFacts(u.text), 0, blockKey);
      units[j] = this.unit(u.text, facts, prefix, blockKey);
      if (!fresh.has(u)) others = true;
      else fresh.add(units[j]);
    });
    return others;
  }

  // ---- Reading a whole text in the background (issue 11): in slices on this thread, or elsewhere ----

  /** The text of the version last read ('' before the first read). */
  textRead(): string {
    return this.text;
  }

  /**
   * The blocks of the version last read, as another reader of the same text takes them (`seed`),
   * possibly on another thread: where each is, not its text (the taker has the text).
   */
  exportUnits(): SeedUnit[] {
    return this.units.map((u, j) => ({ start: this.starts[j], end: this.starts[j] + u.text.length, key: u.key, facts: u.facts, defs: u.defs, prefix: u.prefix }));
  }

  /**
   * Takes the blocks another reader made of `text` (its `exportUnits`, and its facts when it built
   * them): this reader is then where that one was, and the next `update` re-parses only what an edit
   * touches. The blocks are this reader's from now on (their keys are renumbered: they came from
   * another thread, whose numbers may be this one's; the exporter is not used again).
   */
  seed(text: string, exported: readonly SeedUnit[], facts?: DocumentFacts): DocumentFacts {
    const units = exported.map((e) => {
      (e.key as { block: number }).block = nextBlock++;
      return { key: e.key, text: ownCopy(text.slice(e.start, e.end)), facts: e.facts, defs: e.defs, prefix: e.prefix };
    });
    return this.take(text, units, exported.map((e) => e.start), facts);
  }

  /**
   * Reads `text` from nothing (as the first `update` would), parsing a few blocks at a time and
   * calling `next` between them about every `sliceMs`; undefined, and nothing changed, when `next`
   * answers false (cancelled, or out of time).
   */
  async readInSlices(text: string, next: () => Promise<boolean>, sliceMs = 8): Promise<DocumentFacts | undefined> {
    const blocks = splitBlocks(text);
    const units: Unit[] = [];
    let from = 0;
    let slice = Date.now();
    // One chunk (a few blocks, about 12 KB at most) per step: a step's cost is one remark call.
    for (const chunk of chunkBlocks(blocks)) {
      let to = from;
      while (to < blocks.length && blocks[to].end <= chunk.end) to++;
      append(units, this.parseUnits(blocks.slice(from, to)));
      from = to;
      if (Date.now() - slice >= sliceMs) {
        if (!(await next())) return undefined;
        slice = Date.now();
      }
    }
    return this.take(text, units, blocks.map((b) => b.start));
  }

  /** Makes `units` (starting at `starts`) the whole of this reader, as of `text`; `facts` when already built from them. */
  private take(text: string, units: Unit[], starts: number[], facts?: DocumentFacts): DocumentFacts {
    this.text = text;
    this.defsKey = '';
    // Blocks already parsed with their definitions keep them (the prefix is the same); others are parsed again.
    const before = units.slice();
    this.resolveDefinitions(units, new Set(units));
    const reparsed = units.some((u, j) => u !== before[j]);
    this.units = units;
    this.starts = starts;
    this.lists = this.concatenate(units, 0, units.length);
    if (!facts || reparsed) {
      const blockStarts = new Map<BlockKey, number>();
      const problems: ParseProblem[] = [];
      units.forEach((u, j) => {
        blockStarts.set(u.key, starts[j]);
        for (const p of u.facts.problems) problems.push({ offset: p.offset + starts[j], message: p.message });
      });
      facts = buildDocument(this.uri, text, { ...this.lists, problems }, this.options, computeLineStarts(text), blockStarts);
    }
    this.current = facts;
    return facts;
  }
}

/** One block of an open document, as `exportUnits` gives it and `seed` takes it. */
export interface SeedUnit {
  readonly start: number;
  readonly end: number;
  readonly key: BlockKey;
  readonly facts: ParsedFacts;
  readonly defs: readonly [string, string][];
  readonly prefix: string;
}
