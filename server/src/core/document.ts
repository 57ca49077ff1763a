/**
 * A document's facts: parsed block by block (blocks.ts), shifted to document offsets, then read into
 * issue entries, the statistics block, resolution tables and the footer. Keeps no syntax tree.
 */
import { slug as githubSlug } from 'github-slugger';
import { chunkBlocks, splitBlocks, type Block } from './blocks';
import { parseFacts, emptyFacts } from './parse';
import { severityFromWord, type IssueLogOptions, type IssueSeverity } from './config';
import { parseDuration, parseSla } from './durations';
import type {
  FieldFact,
  Footer,
  HeadingFact,
  IssueEntry,
  LinkFact,
  ParsedFacts,
  ResolutionRow,
  ResolutionTable,
  StatItem,
  StatisticsBlock,
  TableFact,
} from './model';

export interface SluggedHeading extends HeadingFact {
  slug: string;
}

export interface DocumentFacts {
  uri: string;
  /** Length of the text the facts were read from. */
  length: number;
  /** Offsets at which lines start (for offset ↔ line/character). */
  lineStarts: number[];
  headings: SluggedHeading[];
  /** Heading slugs and HTML ids, as written and lower-cased. */
  anchors: Set<string>;
  anchorsLower: Set<string>;
  links: LinkFact[];
  definitions: Map<string, LinkFact>;
  referenceUses: ParsedFacts['referenceUses'];
  htmlIds: ParsedFacts['htmlIds'];
  mentions: ParsedFacts['mentions'];
  entries: IssueEntry[];
  statistics: StatisticsBlock[];
  resolutionTables: ResolutionTable[];
  footer: Footer;
  problems: ParsedFacts['problems'];
  /** Holds at least one issue entry or a statistics block. */
  isLog: boolean;
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Parses a whole text in one go (the reference that block-wise parsing must equal). */
export function parseWhole(text: string, options: IssueLogOptions): ParsedFacts {
  return parseFacts(text, options.idPattern);
}

/** Parses `text` block by block, resolving reference-style links across blocks. */
export function parseBlockwise(text: string, options: IssueLogOptions): ParsedFacts {
  const blocks = chunkBlocks(splitBlocks(text));
  // Definitions from other blocks go before the block (an unclosed fence or HTML block at its end
  // would swallow them after it); the facts of that prefix are dropped and the rest shifted back.
  const parseBlock = (b: Block, prefix = '') => () => (prefix ? withoutPrefix(parseFacts(prefix + b.text, options.idPattern), prefix.length) : parseFacts(b.text, options.idPattern));
  const first = blocks.map((b) => parseBlock(b)());

  // Link reference definitions apply to the whole document: a block that uses a label defined in
  // another block is parsed again with those definitions appended (and the appended part ignored).
  const defs = new Map<string, string>();
  first.forEach((facts, i) => {
    for (const l of facts.links) {
      if (l.kind === 'definition' && l.label !== undefined && !defs.has(l.label)) {
        defs.set(l.label, blocks[i].text.slice(l.start, l.end));
      }
    }
  });
  const results = first.slice();
  if (defs.size > 0) {
    blocks.forEach((b, i) => {
      const own = new Set(first[i].links.filter((l) => l.kind === 'definition').map((l) => l.label));
      const lower = b.text.toLowerCase();
      const needed = [...defs.entries()].filter(
        ([label]) => !own.has(label) && (lower.includes(`[${label}]`) || lowerIncludesLabel(lower, label)),
      );
      if (needed.length === 0) return;
      const prefix = needed.map(([, src]) => src.trim()).join('\n') + '\n\n';
      results[i] = parseBlock(b, prefix)();
    });
  }

  const merged = emptyFacts();
  results.forEach((facts, i) => appendShifted(merged, facts, blocks[i].start));
  return merged;
}

/** The facts of `facts` that start at or after `skip`, shifted back by `skip`. */
function withoutPrefix(facts: ParsedFacts, skip: number): ParsedFacts {
  const after = <T extends { start: number }>(xs: T[]) => xs.filter((x) => x.start >= skip);
  const kept: ParsedFacts = {
    headings: after(facts.headings),
    links: after(facts.links),
    referenceUses: after(facts.referenceUses),
    htmlIds: after(facts.htmlIds),
    mentions: after(facts.mentions),
    tables: after(facts.tables),
    footer: after(facts.footer),
    // A failure of the whole parse is reported at the block's start.
    problems: facts.problems.map((p) => ({ ...p, offset: Math.max(p.offset, skip) })),
  };
  const out = emptyFacts();
  appendShifted(out, kept, -skip);
  return out;
}

function lowerIncludesLabel(lower: string, label: string): boolean {
  // Labels match with whitespace collapsed; a cheap check for `[label]` with any inner whitespace.
  if (!/\s/.test(label)) return false;
  const pattern = label.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
  return new RegExp(`\\[\\s*${pattern}\\s*\\]`).test(lower);
}

function shiftSpan<T extends { start: number; end: number }>(s: T, d: number): T {
  return { ...s, start: s.start + d, end: s.end + d };
}

function shiftLink(l: LinkFact, d: number): LinkFact {
  const out = shiftSpan(l, d);
  if (l.urlStart !== undefined) out.urlStart = l.urlStart + d;
  if (l.urlEnd !== undefined) out.urlEnd = l.urlEnd + d;
  return out;
}

function shiftField(f: FieldFact, d: number): FieldFact {
  return { start: f.start + d, end: f.end + d, name: f.name, value: f.value, valueStart: f.valueStart + d, valueEnd: f.valueEnd + d, links: f.links.map((l) => shiftLink(l, d)) };
}

function shiftTable(t: TableFact, d: number): TableFact {
  return {
    ...shiftSpan(t, d),
    header: t.header.map((c) => shiftSpan(c, d)),
    rows: t.rows.map((r) => ({ ...shiftSpan(r, d), cells: r.cells.map((c) => shiftSpan(c, d)) })),
  };
}

function appendShifted(into: ParsedFacts, f: ParsedFacts, d: number): void {
  for (const h of f.headings) {
    // One literal shape for every heading (spreading objects of different shapes gives each copy a
    // hidden class of its own, and then every property access on headings is slow).
    const out: HeadingFact = { start: h.start + d, end: h.end + d, depth: h.depth, text: h.text, textStart: h.textStart + d, textEnd: h.textEnd + d };
    if (h.fields) out.fields = h.fields.map((x) => shiftField(x, d));
    into.headings.push(out);
  }
  for (const l of f.links) into.links.push(shiftLink(l, d));
  for (const r of f.referenceUses) into.referenceUses.push(shiftSpan(r, d));
  for (const h of f.htmlIds) into.htmlIds.push(shiftSpan(h, d));
  for (const m of f.mentions) into.mentions.push(shiftSpan(m, d));
  for (const t of f.tables) into.tables.push(shiftTable(t, d));
  for (const x of f.footer) into.footer.push({ ...shiftSpan(x, d), valueStart: x.valueStart + d });
  for (const p of f.problems) into.problems.push({ ...p, offset: p.offset + d });
}

/** Moves every offset of `f` by `d`, in place (the facts of a block that an edit moved). */
function shiftInPlace(f: ParsedFacts, d: number): void {
  for (const h of f.headings) {
    h.start += d;
    h.end += d;
    h.textStart += d;
    h.textEnd += d;
    if (h.fields) {
      for (const x of h.fields) {
        x.start += d;
        x.end += d;
        x.valueStart += d;
        x.valueEnd += d;
        if (x.links.length > 0) shiftLinks(x.links, d);
      }
    }
  }
  shiftLinks(f.links, d);
  shiftSpans(f.referenceUses, d);
  shiftSpans(f.htmlIds, d);
  shiftSpans(f.mentions, d);
  for (const t of f.tables) {
    t.start += d;
    t.end += d;
    shiftSpans(t.header, d);
    for (const r of t.rows) {
      r.start += d;
      r.end += d;
      shiftSpans(r.cells, d);
    }
  }
  for (const x of f.footer) {
    x.start += d;
    x.end += d;
    x.valueStart += d;
  }
  for (const p of f.problems) p.offset += d;
}

function shiftSpans(spans: { start: number; end: number }[], d: number): void {
  for (let i = 0; i < spans.length; i++) {
    spans[i].start += d;
    spans[i].end += d;
  }
}

function shiftLinks(links: LinkFact[], d: number): void {
  for (let i = 0; i < links.length; i++) {
    const l = links[i];
    l.start += d;
    l.end += d;
    if (l.urlStart !== undefined) l.urlStart += d;
    if (l.urlEnd !== undefined) l.urlEnd += d;
  }
}

/** One top-level block of an open document, with its facts at document offsets (owned, moved in place). */
interface Unit {
  start: number;
  text: string;
  facts: ParsedFacts;
  /** Link reference definitions of the block: label → source. */
  defs: [string, string][];
  /** The definitions from other blocks that it was parsed with (`''`: none). */
  prefix: string;
  lower?: string;
}

const NO_DEFS: [string, string][] = [];

const FACT_KEYS = ['headings', 'links', 'referenceUses', 'htmlIds', 'mentions', 'tables', 'footer', 'problems'] as const;

function append<T>(into: T[], from: readonly T[]): void {
  for (let j = 0; j < from.length; j++) into.push(from[j]);
}

/**
 * The line starts of `text` from those of the text before the edit (`old`), which it equals before `start` and after `end`
 * (after `end - delta` in the old text): kept before, read in between, moved by `delta` after.
 */
function moveLineStarts(old: number[], text: string, start: number, end: number, delta: number): number[] {
  let lo = 0;
  let hi = old.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (old[mid] <= start) lo = mid + 1;
    else hi = mid;
  }
  const middle: number[] = [];
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) middle.push(i + 1);
  const oldEnd = end - delta;
  let j = lo;
  while (j < old.length && old[j] <= oldEnd) j++;
  // In place: the array is the open document's own.
  if (delta !== 0) for (let k = j; k < old.length; k++) old[k] += delta;
  if (middle.length > 10_000) return [...old.slice(0, lo), ...middle, ...old.slice(j)];
  old.splice(lo, j - lo, ...middle);
  return old;
}

/** The index of the first unit that `test` accepts (`test` is false, then true, along the units), or the count. */
function firstUnit(units: Unit[], test: (u: Unit) => boolean): number {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(units[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * An open document, read again after every edit by parsing only the blocks the edit touched: the
 * blocks before it keep their facts, the blocks after it keep theirs moved by the edit's length
 * difference (in place: facts handed out for an older version move too). The result equals
 * `readDocument` of the same text (tests replay random edits to hold it to that).
 */
export class OpenDocument {
  private units: Unit[] = [];
  private text = '';
  private defsKey = '';
  private current?: DocumentFacts;
  private merged?: ParsedFacts;
  private lineStarts?: number[];
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
        i = firstUnit(old, (u) => u.start + u.text.length > changed.start);
        k = Math.max(i, firstUnit(old, (u) => u.start >= changed.end - delta));
      } else {
        while (i < n && text.startsWith(old[i].text, old[i].start)) i++;
        if (i < n) {
          const firstChanged = old[i].start;
          while (k > i && old[k - 1].start + delta >= firstChanged && text.startsWith(old[k - 1].text, old[k - 1].start + delta)) k--;
        }
      }
      if (i === n && delta === 0) return this.current!;
      // The block before the edit may grow (the edit removed the heading that ended it).
      from = Math.max(0, i - 1);
      regionStart = old[from].start;
      let m = k;
      blocks = splitBlocks(text, regionStart, (pos) => {
        while (m < n && old[m].start + delta < pos) m++;
        return m < n && old[m].start + delta === pos;
      });
      const end = blocks.length > 0 ? blocks[blocks.length - 1].end : regionStart;
      to = k;
      while (to < n && old[to].start + delta < end) to++;
      if (delta !== 0) {
        for (let j = to; j < n; j++) {
          old[j].start += delta;
          shiftInPlace(old[j].facts, delta);
        }
      }
      this.reused += n - (to - from);
    }
    this.text = text;
    const fresh = this.parseUnits(blocks);
    const replaced = old.slice(from, to);
    this.units = from === 0 && to === n ? fresh : [...old.slice(0, from), ...fresh, ...old.slice(to)];
    const others = this.resolveDefinitions(new Set(fresh));
    let merged: ParsedFacts;
    let lineStarts: number[];
    if (n === 0 || others || !this.merged || !this.lineStarts) {
      merged = emptyFacts();
      for (const u of this.units) for (const key of FACT_KEYS) append(merged[key] as unknown[], u.facts[key] as unknown[]);
      lineStarts = computeLineStarts(text);
    } else {
      // The facts of the blocks before and after the edit stay where they are in the lists.
      merged = this.merged;
      for (const key of FACT_KEYS) {
        let at = 0;
        for (let j = 0; j < from; j++) at += old[j].facts[key].length;
        let gone = 0;
        for (const u of replaced) gone += u.facts[key].length;
        const added: unknown[] = [];
        for (const u of fresh) append(added, u.facts[key] as unknown[]);
        const list = merged[key] as unknown[];
        if (added.length > 10_000) (merged[key] as unknown[]) = [...list.slice(0, at), ...added, ...list.slice(at + gone)];
        else if (gone > 0 || added.length > 0) list.splice(at, gone, ...added);
      }
      // (`old[from]` may have moved: an edit before the first block inserts blocks before it.)
      lineStarts = moveLineStarts(this.lineStarts, text, regionStart, blocks.length > 0 ? blocks[blocks.length - 1].end : regionStart, delta);
    }
    this.merged = merged;
    this.lineStarts = lineStarts;
    this.current = buildDocument(this.uri, text, merged, this.options, lineStarts);
    return this.current;
  }

  /** Parses blocks (grouped in chunks, like parseBlockwise) into units with document offsets. */
  private parseUnits(blocks: Block[]): Unit[] {
    const units: Unit[] = [];
    let next = 0;
    for (const chunk of chunkBlocks(blocks)) {
      const abs = emptyFacts();
      appendShifted(abs, parseFacts(chunk.text, this.options.idPattern), chunk.start);
      const inChunk: Block[] = [];
      while (next < blocks.length && blocks[next].end <= chunk.end) inChunk.push(blocks[next++]);
      const parts = inChunk.map((b) => ({ start: b.start, text: b.text, facts: emptyFacts(), defs: NO_DEFS, prefix: '' }) as Unit);
      // Each fact goes to the block it starts in.
      const partOf = (offset: number) => {
        let lo = 0;
        let hi = parts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (parts[mid].start <= offset) lo = mid;
          else hi = mid - 1;
        }
        return parts[lo].facts;
      };
      for (const key of Object.keys(abs) as (keyof ParsedFacts)[]) {
        for (const x of abs[key] as ({ start: number } | { offset: number })[]) {
          (partOf('start' in x ? x.start : x.offset)[key] as unknown[]).push(x);
        }
      }
      for (const u of parts) u.defs = this.definitionsOf(u);
      units.push(...parts);
      this.parsed += parts.length;
    }
    return units;
  }

  private definitionsOf(u: Unit): [string, string][] {
    let out: [string, string][] | undefined;
    for (const l of u.facts.links) {
      if (l.kind === 'definition' && l.label !== undefined) (out ??= []).push([l.label, this.text.slice(l.start, l.end)]);
    }
    return out ?? NO_DEFS;
  }

  /**
   * Link reference definitions apply to the whole document: a block that uses a label defined in
   * another block is parsed again with those definitions before it (as parseBlockwise does). Only the
   * new blocks are looked at, unless the document's definitions changed.
   */
  private resolveDefinitions(fresh: Set<Unit>): boolean {
    let others = false;
    const defs = new Map<string, string>();
    for (const u of this.units) for (const [label, src] of u.defs) if (!defs.has(label)) defs.set(label, src);
    const key = [...defs].map(([l, s]) => `${l}\u0000${s}`).join('\u0001');
    const all = key !== this.defsKey;
    this.defsKey = key;
    if (defs.size === 0 && !all) return false;
    for (const u of this.units) {
      if (!all && !fresh.has(u)) continue;
      let prefix = '';
      if (defs.size > 0) {
        const own = new Set(u.defs.map(([l]) => l));
        const lower = (u.lower ??= u.text.toLowerCase());
        const needed = [...defs].filter(([label]) => !own.has(label) && (lower.includes(`[${label}]`) || lowerIncludesLabel(lower, label)));
        if (needed.length > 0) prefix = needed.map(([, src]) => src.trim()).join('\n') + '\n\n';
      }
      if (prefix === u.prefix) continue;
      const rel = prefix ? withoutPrefix(parseFacts(prefix + u.text, this.options.idPattern), prefix.length) : parseFacts(u.text, this.options.idPattern);
      u.facts = emptyFacts();
      appendShifted(u.facts, rel, u.start);
      u.prefix = prefix;
      this.parsed++;
      if (!fresh.has(u)) others = true;
    }
    return others;
  }
}

const NUMBERED = /^issue\s+#?(\d+)(?:\s*:\s*(.*))?$/i;
const SEVERITY_WORD = /\b(critical|high|medium|low)\b/i;
const STAT_LABELS: Record<string, StatItem['key']> = {
  'total issues': 'total',
  total: 'total',
  resolved: 'resolved',
  open: 'open',
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
};

/** Base slugs (before de-duplication) of heading texts seen lately: headings repeat across versions. */
const baseSlugs = new Map<string, string>();

function baseSlugOf(text: string): string {
  let s = baseSlugs.get(text);
  if (s === undefined) {
    if (baseSlugs.size >= 200_000) baseSlugs.clear();
    baseSlugs.set(text, (s = githubSlug(text)));
  }
  return s;
}

/**
 * GitHub's anchors for a document's headings, in order: github-slugger's slug, de-duplicated the way
 * its GithubSlugger does (`a`, `a-1`, `a-2`, …), with the base slugs remembered across calls.
 */
export function slugHeadings(texts: readonly string[]): string[] {
  const occurrences = new Map<string, number>();
  return texts.map((text) => {
    const original = baseSlugOf(text);
    let result = original;
    while (occurrences.has(result)) {
      const n = occurrences.get(original)! + 1;
      occurrences.set(original, n);
      result = `${original}-${n}`;
    }
    occurrences.set(result, 0);
    return result;
  });
}

/** What an entry heading's text says, by heading text and ID pattern (headings repeat across versions). */
interface HeadingKind {
  id?: RegExpExecArray | null;
  num?: RegExpExecArray | null;
  statistics: boolean;
  severity?: IssueSeverity;
  open: boolean;
}
const headingKinds = new WeakMap<RegExp, Map<string, HeadingKind>>();

function headingKind(idEntry: RegExp, text: string): HeadingKind {
  let byText = headingKinds.get(idEntry);
  if (!byText) headingKinds.set(idEntry, (byText = new Map()));
  let k = byText.get(text);
  if (!k) {
    if (byText.size >= 200_000) byText.clear();
    const id = idEntry.exec(text);
    const num = id ? null : NUMBERED.exec(text);
    const sev = SEVERITY_WORD.exec(text);
    k = { id, num, statistics: /statistics/i.test(text), severity: sev ? severityFromWord(sev[1]) : undefined, open: /\bopen\b/i.test(text) };
    byText.set(text, k);
  }
  return k;
}

const entryPatterns = new WeakMap<IssueLogOptions['prefixes'], RegExp>();

/** An entry made for a heading object before: reused when nothing it holds changed (its `end` is updated). */
const entryOfHeading = new WeakMap<HeadingFact, IssueEntry>();

/**
 * Builds a document's facts from its parsed facts. The heading objects of `parsed` become the
 * document's headings (their `slug` is set on them), and an entry is reused for a heading object
 * that it was made for, when it would be the same: an open document re-read after an edit keeps
 * most of its heading objects, so most of its entries stay the same objects.
 */
export function buildDocument(uri: string, text: string, parsed: ParsedFacts, options: IssueLogOptions, lineStarts = computeLineStarts(text)): DocumentFacts {
  const headings = parsed.headings as SluggedHeading[];
  const slugs = slugHeadings(headings.map((h) => h.text));
  headings.forEach((h, i) => (h.slug = slugs[i]));
  const anchors = new Set<string>();
  for (const h of headings) anchors.add(h.slug);
  for (const h of parsed.htmlIds) anchors.add(h.id);
  const anchorsLower = new Set<string>();
  for (const a of anchors) anchorsLower.add(a.toLowerCase());

  const definitions = new Map<string, LinkFact>();
  for (const l of parsed.links) {
    if (l.kind === 'definition' && l.label !== undefined && !definitions.has(l.label)) definitions.set(l.label, l);
  }

  let idEntry = entryPatterns.get(options.prefixes);
  if (!idEntry) {
    const prefixAlternatives = [...options.prefixes.keys()].sort((a, b) => b.length - a.length).join('|');
    entryPatterns.set(options.prefixes, (idEntry = new RegExp(`^(${prefixAlternatives})-(\\d{3,})\\s*:\\s*(.*)$`)));
  }

  const entries: IssueEntry[] = [];
  const statistics: StatisticsBlock[] = [];
  // Enclosing sections: the stack of headings above the current one (depths and kinds).
  const stackDepth: number[] = [];
  const stackKind: HeadingKind[] = [];
  headings.forEach((h, i) => {
    while (stackDepth.length > 0 && stackDepth[stackDepth.length - 1] >= h.depth) {
      stackDepth.pop();
      stackKind.pop();
    }
    const kind = headingKind(idEntry, h.text);
    const idm = kind.id;
    const num = kind.num;
    if (idm || num) {
      let end = text.length;
      for (let j = i + 1; j < headings.length; j++) {
        if (headings[j].depth <= h.depth) {
          end = headings[j].start;
          break;
        }
      }
      let sectionSeverity: IssueSeverity | undefined;
      let sectionOpen = false;
      for (let k = stackKind.length - 1; k >= 0; k--) {
        const s = stackKind[k];
        if (s.id || s.num) continue;
        if (!sectionSeverity && s.severity) sectionSeverity = s.severity;
        if (s.open) sectionOpen = true;
      }
      const id = idm ? `${idm[1]}-${idm[2]}` : `Issue ${Number(num![1])}`;
      const previous = entryOfHeading.get(h);
      if (previous && previous.id === id && previous.slug === h.slug && previous.sectionSeverity === sectionSeverity && previous.sectionOpen === sectionOpen && previous.fields === (h.fields ?? previous.fields)) {
        previous.end = end;
        entries.push(previous);
      } else {
        const entry: IssueEntry = {
          kind: idm ? 'id' : 'numbered',
          id,
          prefix: idm ? idm[1] : undefined,
          number: Number(idm ? idm[2] : num![1]),
          title: ((idm ? idm[3] : num![2]) ?? '').trim(),
          heading: h,
          slug: h.slug,
          fields: h.fields ?? [],
          sectionSeverity,
          sectionOpen,
          end,
        };
        entryOfHeading.set(h, entry);
        entries.push(entry);
      }
    }
    if (kind.statistics && h.fields) {
      const items: StatItem[] = [];
      for (const f of h.fields) {
        const key = STAT_LABELS[f.name.toLowerCase().replace(/\s+/g, ' ')];
        if (!key) continue;
        const m = /\d+/.exec(text.slice(f.valueStart, f.valueEnd));
        if (!m || !/^\D*\d+\D*$/.test(f.value)) continue;
        items.push({ key, field: f, written: Number(m[0]), numberStart: f.valueStart + m.index, numberEnd: f.valueStart + m.index + m[0].length });
      }
      if (items.length > 0) statistics.push({ heading: h, items });
    }
    stackDepth.push(h.depth);
    stackKind.push(kind);
  });

  const resolutionTables: ResolutionTable[] = parsed.tables.map((table) => readResolutionTable(table, text)).filter((t): t is ResolutionTable => !!t);

  const footer: Footer = {};
  for (const line of parsed.footer) footer[line.key] = line;

  return {
    uri,
    length: text.length,
    lineStarts,
    headings,
    anchors,
    anchorsLower,
    links: parsed.links,
    definitions,
    referenceUses: parsed.referenceUses,
    htmlIds: parsed.htmlIds,
    mentions: parsed.mentions,
    entries,
    statistics,
    resolutionTables,
    footer,
    problems: parsed.problems,
    isLog: entries.length > 0 || statistics.length > 0,
  };
}

function readResolutionTable(table: TableFact, text: string): ResolutionTable | undefined {
  const col = (re: RegExp, not?: RegExp) => table.header.findIndex((c) => re.test(c.text) && !(not && not.test(c.text)));
  const sevCol = col(/severity/i);
  const avgCol = col(/\bavg\b|average/i);
  const slaCol = col(/\bsla\b|target/i, /\bavg\b|average/i);
  if (sevCol < 0 || avgCol < 0) return undefined;
  const rows: ResolutionRow[] = [];
  for (const row of table.rows) {
    const sevCell = row.cells[sevCol];
    const severity = sevCell ? severityFromWord(sevCell.text.replace(/^[^A-Za-z]+/, '')) : undefined;
    if (!severity) continue;
    const out: ResolutionRow = { row, severity };
    const avgCell = row.cells[avgCol];
    if (avgCell) {
      const raw = text.slice(avgCell.start, avgCell.end);
      const d = parseDuration(avgCell.text);
      const rd = parseDuration(raw);
      if (d && rd) out.average = { cell: avgCell, duration: d, numberStart: avgCell.start + rd.index, numberEnd: avgCell.start + rd.index + rd.length };
    }
    const slaCell = slaCol >= 0 ? row.cells[slaCol] : undefined;
    if (slaCell) {
      const d = parseSla(slaCell.text);
      if (d) out.sla = { cell: slaCell, duration: d };
    }
    rows.push(out);
  }
  return { table, rows };
}

/** Reads a document: split into blocks, parse, build the facts. */
export function readDocument(uri: string, text: string, options: IssueLogOptions): DocumentFacts {
  return buildDocument(uri, text, parseBlockwise(text, options), options);
}
