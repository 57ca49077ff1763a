/**
 * A document's facts: parsed block by block (blocks.ts), shifted to document offsets, then read into
 * issue entries, the statistics block, resolution tables and the footer. Keeps no syntax tree.
 */
import GithubSlugger from 'github-slugger';
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

/**
 * Remembers the facts of each block of one document by the block's text, so that re-reading the
 * document after an edit parses only the blocks that changed. Holds only the current blocks.
 */
export class BlockCache {
  private map = new Map<string, ParsedFacts>();
  parsed = 0;
  reused = 0;

  take(blocks: { key: string; parse: () => ParsedFacts }[]): ParsedFacts[] {
    const next = new Map<string, ParsedFacts>();
    const out = blocks.map(({ key, parse }) => {
      let facts = this.map.get(key) ?? next.get(key);
      if (facts) this.reused++;
      else {
        facts = parse();
        this.parsed++;
      }
      next.set(key, facts);
      return facts;
    });
    this.map = next;
    return out;
  }
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
export function parseBlockwise(text: string, options: IssueLogOptions, cache?: BlockCache): ParsedFacts {
  const blocks = chunkBlocks(splitBlocks(text));
  // Definitions from other blocks go before the block (an unclosed fence or HTML block at its end
  // would swallow them after it); the facts of that prefix are dropped and the rest shifted back.
  const parseBlock = (b: Block, prefix = '') => () => (prefix ? withoutPrefix(parseFacts(prefix + b.text, options.idPattern), prefix.length) : parseFacts(b.text, options.idPattern));
  const first = cache
    ? cache.take(blocks.map((b) => ({ key: b.text, parse: parseBlock(b) })))
    : blocks.map((b) => parseBlock(b)());

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
      results[i] = cache
        ? cache.take([{ key: prefix + '\u0000' + b.text, parse: parseBlock(b, prefix) }])[0]
        : parseBlock(b, prefix)();
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
  return { ...shiftSpan(f, d), valueStart: f.valueStart + d, valueEnd: f.valueEnd + d, links: f.links.map((l) => shiftLink(l, d)) };
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
    into.headings.push({
      ...shiftSpan(h, d),
      textStart: h.textStart + d,
      textEnd: h.textEnd + d,
      fields: h.fields?.map((x) => shiftField(x, d)),
    });
  }
  for (const l of f.links) into.links.push(shiftLink(l, d));
  for (const r of f.referenceUses) into.referenceUses.push(shiftSpan(r, d));
  for (const h of f.htmlIds) into.htmlIds.push(shiftSpan(h, d));
  for (const m of f.mentions) into.mentions.push(shiftSpan(m, d));
  for (const t of f.tables) into.tables.push(shiftTable(t, d));
  for (const x of f.footer) into.footer.push({ ...shiftSpan(x, d), valueStart: x.valueStart + d });
  for (const p of f.problems) into.problems.push({ ...p, offset: p.offset + d });
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

/** Builds a document's facts from its parsed facts. */
export function buildDocument(uri: string, text: string, parsed: ParsedFacts, options: IssueLogOptions): DocumentFacts {
  const slugger = new GithubSlugger();
  const headings: SluggedHeading[] = parsed.headings.map((h) => ({ ...h, slug: slugger.slug(h.text) }));
  const anchors = new Set<string>();
  for (const h of headings) anchors.add(h.slug);
  for (const h of parsed.htmlIds) anchors.add(h.id);
  const anchorsLower = new Set([...anchors].map((a) => a.toLowerCase()));

  const definitions = new Map<string, LinkFact>();
  for (const l of parsed.links) {
    if (l.kind === 'definition' && l.label !== undefined && !definitions.has(l.label)) definitions.set(l.label, l);
  }

  const prefixAlternatives = [...options.prefixes.keys()].sort((a, b) => b.length - a.length).join('|');
  const idEntry = new RegExp(`^(${prefixAlternatives})-(\\d{3,})\\s*:\\s*(.*)$`);

  const entries: IssueEntry[] = [];
  const statistics: StatisticsBlock[] = [];
  // Enclosing sections: the stack of headings above the current one.
  const stack: SluggedHeading[] = [];
  headings.forEach((h, i) => {
    while (stack.length > 0 && stack[stack.length - 1].depth >= h.depth) stack.pop();
    const idm = idEntry.exec(h.text);
    const num = idm ? undefined : NUMBERED.exec(h.text);
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
      for (let k = stack.length - 1; k >= 0; k--) {
        const s = stack[k];
        if (idEntry.test(s.text) || NUMBERED.test(s.text)) continue;
        if (!sectionSeverity) {
          const m = SEVERITY_WORD.exec(s.text);
          if (m) sectionSeverity = severityFromWord(m[1]);
        }
        if (/\bopen\b/i.test(s.text)) sectionOpen = true;
      }
      entries.push({
        kind: idm ? 'id' : 'numbered',
        id: idm ? `${idm[1]}-${idm[2]}` : `Issue ${Number(num![1])}`,
        prefix: idm ? idm[1] : undefined,
        number: Number(idm ? idm[2] : num![1]),
        title: ((idm ? idm[3] : num![2]) ?? '').trim(),
        heading: h,
        slug: h.slug,
        fields: h.fields ?? [],
        sectionSeverity,
        sectionOpen,
        end,
      });
    }
    if (/statistics/i.test(h.text) && h.fields) {
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
    stack.push(h);
  });

  const resolutionTables: ResolutionTable[] = parsed.tables.map((table) => readResolutionTable(table, text)).filter((t): t is ResolutionTable => !!t);

  const footer: Footer = {};
  for (const line of parsed.footer) footer[line.key] = line;

  return {
    uri,
    length: text.length,
    lineStarts: computeLineStarts(text),
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

/** Reads a document: split into blocks, parse (reusing `cache`), build the facts. */
export function readDocument(uri: string, text: string, options: IssueLogOptions, cache?: BlockCache): DocumentFacts {
  return buildDocument(uri, text, parseBlockwise(text, options, cache), options);
}
