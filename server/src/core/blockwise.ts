/**
 * Parsing a text block by block (blocks.ts), with link reference definitions resolved across blocks,
 * and moving facts to another block or offset (as copies: facts are immutable).
 */
import { BOM, chunkBlocks, splitBlocks, type Block } from './blocks';
import { parseFacts, emptyFacts } from './parse';
import { MAX_PARSE_CHARS, splitLarge, type Piece } from './largeBlocks';
import type { IssueLogOptions } from './config';
import { WHOLE, type BlockKey, type FieldFact, type HeadingFact, type LinkFact, type ParsedFacts, type TableFact } from './model';

/** Parses a whole text in one go (the reference that block-wise parsing must equal). */
export function parseWhole(text: string, _options: IssueLogOptions): ParsedFacts {
  if (text.charCodeAt(0) !== BOM) return parseFacts(text);
  // micromark drops a byte order mark at the start and counts offsets after it: put them back in place.
  const facts = emptyFacts();
  appendPlaced(facts, parseFacts(text.slice(1)), 1, WHOLE);
  return facts;
}

/**
 * Parses `text` block by block, resolving reference-style links across blocks; offsets are the
 * text's (WHOLE). A block too large to parse in one go is parsed in pieces (`split`: largeBlocks.ts).
 */
export function parseBlockwise(text: string, options: IssueLogOptions, split: (b: Block) => Piece[] = splitLarge): ParsedFacts {
  const blocks = chunkBlocks(splitBlocks(text)).flatMap((b) => split(b));
  const first = blocks.map((b) => (b.refused ? refusedFacts() : parseFacts(b.text)));

  // Link reference definitions apply to the whole document: a block that uses a label defined in
  // another block is parsed again with those definitions before it.
  const defs = new Map<string, string>();
  first.forEach((facts, i) => {
    for (const [label, src] of definitionsIn(facts, blocks[i].text)) if (!defs.has(label)) defs.set(label, src);
  });
  const results = first.slice();
  if (defs.size > 0) {
    blocks.forEach((b, i) => {
      if (b.refused) return;
      const prefix = definitionPrefix(b.text.toLowerCase(), new Set(definitionsIn(first[i], b.text).map(([l]) => l)), defs);
      if (prefix) results[i] = parseWithPrefix(prefix, b.text, options);
    });
  }

  const merged = emptyFacts();
  results.forEach((facts, i) => appendPlaced(merged, facts, blocks[i].start, WHOLE));
  return merged;
}

/** The facts of a piece that is not parsed (largeBlocks.ts): none, and a problem at its start. */
export function refusedFacts(): ParsedFacts {
  const facts = emptyFacts();
  const kb = Math.round(MAX_PARSE_CHARS / 1024);
  facts.problems.push({ offset: 0, message: `is part of a list, table or paragraph too long to parse in one piece (over ${kb} KB with no blank line to cut it at); not checked from here to its end` });
  return facts;
}

/** A block's link reference definitions: label → source. */
export function definitionsIn(facts: ParsedFacts, text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const l of facts.links) if (l.kind === 'definition' && l.label !== undefined) out.push([l.label, text.slice(l.start, l.end)]);
  return out;
}

/**
 * The definitions from other blocks that a block (its lower-cased text, its own labels) uses, as
 * text to parse before it; '' when it uses none.
 */
export function definitionPrefix(lower: string, own: ReadonlySet<string>, defs: ReadonlyMap<string, string>): string {
  const needed: string[] = [];
  for (const [label, src] of defs) {
    if (!own.has(label) && (lower.includes(`[${label}]`) || lowerIncludesLabel(lower, label))) needed.push(src.trim());
  }
  return needed.length > 0 ? needed.join('\n') + '\n\n' : '';
}

/**
 * Parses `text` with `prefix` (definitions from other blocks) before it. They go before the block (an
 * unclosed fence or HTML block at its end would swallow them after it); the prefix's facts are
 * dropped and the rest moved back.
 */
export function parseWithPrefix(prefix: string, text: string, _options: IssueLogOptions): ParsedFacts {
  const skip = prefix.length;
  const facts = parseFacts(prefix + text, undefined, skip);
  const after = <T extends { start: number }>(xs: T[]) => xs.filter((x) => x.start >= skip);
  const kept: ParsedFacts = {
    headings: after(facts.headings),
    boldEntries: after(facts.boldEntries),
    links: after(facts.links),
    referenceUses: after(facts.referenceUses),
    htmlIds: after(facts.htmlIds),
    mentions: after(facts.mentions),
    tables: after(facts.tables),
    footer: after(facts.footer),
    suppressions: after(facts.suppressions),
    // A failure of the whole parse is reported at the block's start.
    problems: facts.problems.map((p) => ({ offset: Math.max(p.offset, skip), message: p.message })),
  };
  const out = emptyFacts();
  appendPlaced(out, kept, -skip, WHOLE);
  return out;
}

function lowerIncludesLabel(lower: string, label: string): boolean {
  // Labels match with whitespace collapsed; a cheap check for `[label]` with any inner whitespace.
  if (!/\s/.test(label)) return false;
  const pattern = label.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
  return new RegExp(`\\[\\s*${pattern}\\s*\\]`).test(lower);
}

// Copies with offsets moved by `d` and relative to `at`. Each kind is made by one object literal, so
// all copies of a kind share a hidden class (property reads on them stay fast).

function placeLink(l: LinkFact, d: number, at: BlockKey): LinkFact {
  return {
    start: l.start + d,
    end: l.end + d,
    at,
    kind: l.kind,
    url: l.url,
    label: l.label,
    urlStart: l.urlStart === undefined ? undefined : l.urlStart + d,
    urlEnd: l.urlEnd === undefined ? undefined : l.urlEnd + d,
  };
}

function placeField(f: FieldFact, d: number, at: BlockKey): FieldFact {
  return {
    start: f.start + d,
    end: f.end + d,
    at,
    name: f.name,
    value: f.value,
    valueStart: f.valueStart + d,
    valueEnd: f.valueEnd + d,
    links: f.links.map((l) => placeLink(l, d, at)),
    plain: f.plain,
    form: f.form,
  };
}

function placeTable(t: TableFact, d: number, at: BlockKey): TableFact {
  const cell = (c: TableFact['header'][number]) => ({ start: c.start + d, end: c.end + d, at, text: c.text });
  return { start: t.start + d, end: t.end + d, at, header: t.header.map(cell), rows: t.rows.map((r) => ({ start: r.start + d, end: r.end + d, at, cells: r.cells.map(cell) })) };
}

function placeHeading(h: HeadingFact, d: number, at: BlockKey): HeadingFact {
  return {
    start: h.start + d,
    end: h.end + d,
    at,
    depth: h.depth,
    text: h.text,
    slug: h.slug,
    textStart: h.textStart + d,
    textEnd: h.textEnd + d,
    fields: h.fields?.map((x) => placeField(x, d, at)),
  };
}

/** Appends copies of the facts of `f`, moved by `d` and relative to block `at`. */
export function appendPlaced(into: ParsedFacts, f: ParsedFacts, d: number, at: BlockKey): void {
  for (const h of f.headings) into.headings.push(placeHeading(h, d, at));
  for (const h of f.boldEntries) into.boldEntries.push(placeHeading(h, d, at));
  for (const l of f.links) into.links.push(placeLink(l, d, at));
  for (const r of f.referenceUses) into.referenceUses.push({ start: r.start + d, end: r.end + d, at, label: r.label });
  for (const h of f.htmlIds) into.htmlIds.push({ start: h.start + d, end: h.end + d, at, id: h.id });
  for (const m of f.mentions) into.mentions.push({ start: m.start + d, end: m.end + d, at, id: m.id });
  for (const t of f.tables) into.tables.push(placeTable(t, d, at));
  for (const x of f.footer) into.footer.push({ start: x.start + d, end: x.end + d, at, key: x.key, value: x.value, valueStart: x.valueStart + d });
  for (const s of f.suppressions) into.suppressions.push({ start: s.start + d, end: s.end + d, at, kind: s.kind, codes: s.codes.map((c) => ({ start: c.start + d, end: c.end + d, at, code: c.code })) });
  for (const p of f.problems) into.problems.push({ offset: p.offset + d, message: p.message });
}

