/**
 * One parse of Markdown text with unified + remark-parse + remark-gfm, reduced at once to the facts
 * the rules read (model.ts). The syntax tree is dropped when this returns.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Nodes, Parent, Root, Heading, Paragraph, Table, Link } from 'mdast';
import { idRegExp } from './config';
import { idForm } from './entryForms';
import { WHOLE } from './model';
import { baseSlug } from './slugs';
import { fieldsUnder } from './fields';
import { blanked, frontMatterEnd, frontMatterFields } from './frontMatter';
import { blankRanges, findPathological } from './inlineGuards';
import { endOf, linkFact, placeUnpositioned, startOf, textOf } from './nodeFacts';
import { lineEndAt } from './positions';
import { collectSuppressions } from './suppressionComments';
import type {
  FooterLineFact,
  HeadingFact,
  HtmlIdFact,
  MentionFact,
  ParsedFacts,
  ReferenceUse,
  TableFact,
} from './model';

const processor = unified().use(remarkParse).use(remarkGfm);
const AUTOLINK_LITERAL = /@|www\.|:\/\//i;

export function emptyFacts(): ParsedFacts {
  return { headings: [], boldEntries: [], links: [], referenceUses: [], htmlIds: [], mentions: [], tables: [], footer: [], suppressions: [], problems: [] };
}

/** A comment (skipped whole), or an open tag with its attributes (quoted values may hold `>`). */
const HTML_TAG = /<!--[\s\S]*?(?:-->|$)|<[A-Za-z][A-Za-z0-9-]*((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
/** One attribute: its name, and its value double-quoted, single-quoted or bare. */
const HTML_ATTRIBUTE = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const LAST_UPDATED = /^\W*last[ \t]+updated\W*?:\W*?(\S.*?)[\s*_]*$/i;
const NEXT_REVIEW = /^\W*next[ \t]+review\W*?:\W*?(\S.*?)[\s*_]*$/i;

/**
 * Parses `text` and collects its facts. Issue IDs are found with one generic pattern, whatever their
 * prefix (the workspace decides which prefixes are known). Offsets in the result are relative to
 * `text` (block WHOLE); facts at or past `limit` (text appended for cross-block reference
 * definitions) are dropped. `docStart` is where the document's own text begins in `text` (after
 * definitions put before it, blockwise.ts): front matter is read only there.
 */
export function parseFacts(text: string, limit = text.length, docStart = 0): ParsedFacts {
  const deep = tooDeep(text);
  const found = findPathological(deep ? text.slice(0, deep.offset) : text);
  const stop = found.find((p) => !p.blankable);
  if (deep || stop) {
    // micromark's time grows steeply with container nesting (800 indented list levels take about a
    // minute here, 10,000 `- ` on one line overflow the stack after minutes), and with some inline
    // runs (inlineGuards.ts) that cannot be blanked out alone: refuse such text, keeping what stands before it.
    const offset = stop ? stop.start : deep!.offset;
    const before = offset > 0 ? parseFacts(text.slice(0, offset), Math.min(limit, offset), docStart) : emptyFacts();
    before.problems.push({ offset, message: `${stop ? stop.what : deep!.what}; the rest of this section is not checked` });
    return before;
  }
  // A paragraph that would take too long is parsed as blank lines (offsets and the lines around it
  // stay as they were), so the rest of the section is still read.
  const text2 = blankRanges(text, found);
  // Front matter is parsed as blank lines (it must make no heading, link or mention), then read as fields.
  const fmEnd = frontMatterEnd(text2, docStart);
  const src = fmEnd < 0 ? text2 : blanked(text2, docStart, fmEnd);
  const facts = emptyFacts();
  for (const p of found) if (p.start < limit) facts.problems.push({ offset: p.start, message: `${p.what}; this paragraph is not checked` });
  let tree: Root;
  try {
    tree = processor.parse(src) as Root;
  } catch (err) {
    facts.problems.push({ offset: 0, message: `could not be parsed (${(err as Error).message}); its contents are not checked` });
    return facts;
  }
  try {
    // Only GFM autolink literals (an email, `www.`, `http://`) are made without a position.
    if (AUTOLINK_LITERAL.test(src)) placeUnpositioned(tree, src);
    collect(tree, src, facts, limit);
    if (fmEnd >= 0) attachFrontMatter(facts, text, docStart, fmEnd);
  } catch (err) {
    facts.problems.push({ offset: 0, message: `could not be read (${(err as Error).message}); part of its contents is not checked` });
  }
  return facts;
}

/**
 * Gives the front matter's fields to the first heading after it, when that is an H1 (before the
 * fields right under it). blocks.ts keeps that heading in the front matter's block.
 */
function attachFrontMatter(facts: ParsedFacts, text: string, from: number, end: number): void {
  const i = facts.headings.findIndex((h) => h.start >= end);
  const h = facts.headings[i];
  if (!h || h.depth !== 1) return;
  const fields = frontMatterFields(text, from, end);
  if (fields.length === 0) return;
  facts.headings[i] = { ...h, fields: h.fields ? [...fields, ...h.fields] : fields };
}

/** Deeper container nesting than this is not parsed (real documents stay far below it). */
export const MAX_NESTING = 64;
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))+/;

/** Finds a line that opens more than MAX_NESTING containers (by markers or by indentation). */
function tooDeep(text: string): { offset: number; depth: number; what: string } | undefined {
  let pos = 0;
  while (pos < text.length) {
    let eol = lineEndAt(text, pos).eol;
    if (eol < 0) eol = text.length;
    // Cheap test first: only lines that start with white space or a container marker can nest.
    const c = text.charCodeAt(pos);
    if (c === 32 || c === 9 || c === 62 || c === 45 || c === 43 || c === 42 || (c >= 48 && c <= 57)) {
      const line = text.slice(pos, Math.min(eol, pos + 4 * MAX_NESTING + 64));
      const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
      const m = CONTAINER_PREFIX.exec(line);
      const markers = m ? (m[0].match(/>|[-+*]|\d{1,9}[.)]/g)?.length ?? 0) : 0;
      const depth = Math.max(markers, Math.floor(indent / 2));
      if (depth > MAX_NESTING) return { offset: pos, depth, what: `nests lists or quotes more than ${MAX_NESTING} levels deep` };
    }
    pos = eol + 1;
  }
  return undefined;
}

function collect(tree: Root, src: string, facts: ParsedFacts, limit: number): void {
  const idPattern = idRegExp();
  // Iterative walk: documents nested thousands of levels deep must not overflow the stack.
  const stack: { node: Nodes; parent?: Parent; index: number; urlText: boolean }[] = [{ node: tree, index: 0, urlText: false }];
  while (stack.length > 0) {
    const { node, parent, index, urlText } = stack.pop()!;
    if (node.position && startOf(node) >= limit) continue;
    switch (node.type) {
      case 'heading':
        facts.headings.push(headingFact(node, parent, index, src, limit));
        break;
      case 'link':
      case 'image':
      case 'definition':
        facts.links.push(linkFact(node, src));
        break;
      case 'linkReference':
      case 'imageReference':
        facts.referenceUses.push({ start: startOf(node), end: endOf(node), at: WHOLE, label: node.identifier } satisfies ReferenceUse);
        break;
      case 'html':
        collectHtmlIds(node.value, startOf(node), facts.htmlIds);
        // From the source, not node.value: inside a quote or list the value has lost its line prefixes.
        collectSuppressions(src.slice(startOf(node), endOf(node)), startOf(node), facts.suppressions);
        break;
      case 'table':
        // Every table is kept: resolution tables, register tables (IDs in the first column), a Status
        // Legend, and field tables are read from them by documentFacts.ts (contract v2).
        facts.tables.push(tableFact(node));
        break;
      case 'paragraph': {
        collectFooter(node, src, facts.footer);
        const bold = boldEntryFact(node, parent, index, src, limit);
        if (bold) facts.boldEntries.push(bold);
        break;
      }
      case 'text':
        if (!urlText) collectMentions(startOf(node), endOf(node), src, idPattern, facts.mentions);
        break;
      default:
        break;
    }
    if ('children' in node) {
      const children = node.children as Nodes[];
      const childUrlText = urlText || (node.type === 'link' && isUrlLike(node, src));
      for (let i = children.length - 1; i >= 0; i--) {
        stack.push({ node: children[i], parent: node as Parent, index: i, urlText: childUrlText });
      }
    }
  }
  facts.headings.sort((a, b) => a.start - b.start);
  facts.links.sort((a, b) => a.start - b.start);
  facts.mentions.sort((a, b) => a.start - b.start);
  facts.boldEntries.sort((a, b) => a.start - b.start);
}

/** A link whose text is its URL (autolinks, GFM literal links): IDs in it are part of a URL. */
function isUrlLike(node: Link, src: string): boolean {
  const first = src.charAt(startOf(node));
  if (first !== '[') return true;
  const text = textOf(node);
  return text === node.url || `mailto:${text}` === node.url;
}

function headingFact(node: Heading, parent: Parent | undefined, index: number, src: string, limit: number): HeadingFact {
  const children = node.children;
  const textStart = children.length > 0 ? startOf(children[0]) : endOf(node);
  const textEnd = children.length > 0 ? endOf(children[children.length - 1]) : endOf(node);
  const next = blockAfter(parent, index);
  const fields = next && startOf(next) < limit ? fieldsUnder(next, src) : undefined;
  // The id is the slug of the text as rendered, untrimmed: a space that a comment, an image or a badge
  // leaves at either end stays and becomes `-` (`# Name [![CI](b.svg)](…)` is `#name-`), as on GitHub.
  // Entry recognition reads the trimmed text.
  const rendered = textOf(node);
  const text = rendered.trim();
  const fact: HeadingFact = { start: startOf(node), end: endOf(node), at: WHOLE, depth: node.depth, text, slug: baseSlug(rendered), textStart, textEnd, fields };
  return fact;
}

const ONLY_COMMENTS = /^(?:\s*<!--[\s\S]*?-->)+\s*$/;

/**
 * The block after `parent.children[index]`, past HTML that is only comments: they render as nothing,
 * so fields under a suppression comment are still right under their heading.
 */
function blockAfter(parent: Parent | undefined, index: number): Nodes | undefined {
  let i = index + 1;
  while (parent && i < parent.children.length && parent.children[i].type === 'html' && ONLY_COMMENTS.test((parent.children[i] as { value: string }).value)) i++;
  return parent?.children[i] as Nodes | undefined;
}

/**
 * Every `id` and `name` attribute (names in any case) of every tag in raw HTML, as a browser reads
 * them; nothing inside `<!-- … -->`. Each fact spans its tag's start to the attribute's end.
 */
function collectHtmlIds(html: string, offset: number, out: HtmlIdFact[]): void {
  HTML_TAG.lastIndex = 0;
  for (let m = HTML_TAG.exec(html); m; m = HTML_TAG.exec(html)) {
    if (m[0].startsWith('<!--')) continue;
    HTML_ATTRIBUTE.lastIndex = 0;
    const attributes = m[1] ?? '';
    const attributesAt = m.index + m[0].length - attributes.length - /\s*\/?>$/.exec(m[0])![0].length;
    for (let a = HTML_ATTRIBUTE.exec(attributes); a; a = HTML_ATTRIBUTE.exec(attributes)) {
      if (!/^(?:id|name)$/i.test(a[1])) continue;
      const id = a[2] ?? a[3] ?? a[4] ?? '';
      if (id) out.push({ start: offset + m.index, end: offset + attributesAt + a.index + a[0].length, at: WHOLE, id });
    }
  }
}

/**
 * A paragraph whose first line is wholly bold and reads as an ID entry (`**ISSUE-012: Title**`):
 * the head of an entry, as a heading is (depth 0: not a heading, no anchor). Its fields are the block
 * right under it, in any field form.
 */
function boldEntryFact(node: Paragraph, parent: Parent | undefined, index: number, src: string, limit: number): HeadingFact | undefined {
  const strong = node.children[0];
  if (!strong || strong.type !== 'strong') return undefined;
  const after = node.children[1];
  // Only a break, or text that starts a new line, may follow the bold part on its line.
  if (after && !(after.type === 'break' || (after.type === 'text' && /^[ \t]*(?:[\r\n]|$)/.test(after.value)))) return undefined;
  const text = textOf(strong).trim();
  if (!idForm(text)) return undefined;
  const kids = strong.children;
  const next = blockAfter(parent, index);
  const fields = next && startOf(next) < limit ? fieldsUnder(next, src) : undefined;
  return {
    start: startOf(strong),
    end: endOf(strong),
    at: WHOLE,
    depth: 0,
    text,
    slug: '',
    textStart: kids.length > 0 ? startOf(kids[0]) : startOf(strong),
    textEnd: kids.length > 0 ? endOf(kids[kids.length - 1]) : endOf(strong),
    fields,
  };
}

function collectMentions(start: number, end: number, src: string, idPattern: RegExp, out: MentionFact[]): void {
  // Search the source of the text node, so that offsets are exact.
  const raw = src.slice(start, end);
  idPattern.lastIndex = 0;
  for (let m = idPattern.exec(raw); m; m = idPattern.exec(raw)) {
    out.push({ start: start + m.index, end: start + m.index + m[0].length, at: WHOLE, id: m[0] });
  }
}

function collectFooter(para: Paragraph, src: string, out: FooterLineFact[]): void {
  const start = startOf(para);
  const slice = src.slice(start, endOf(para));
  if (!/last\s+updated|next\s+review/i.test(slice)) return;
  let offset = start;
  for (const line of slice.split(/(?<=\r(?!\n)|\n)/)) {
    const clean = line.replace(/\r?\n$|\r$/, '');
    let m = LAST_UPDATED.exec(clean);
    const key = m ? 'lastUpdated' : (m = NEXT_REVIEW.exec(clean)) ? 'nextReview' : undefined;
    if (m && key) {
      const lead = clean.length - clean.trimStart().length;
      const value = m[1].replace(/[*_]+$/, '').trim();
      const at = clean.indexOf(value, clean.search(/:/));
      out.push({ start: offset + lead, end: offset + clean.trimEnd().length, at: WHOLE, key, value, valueStart: offset + Math.max(at, 0) });
    }
    offset += line.length;
  }
}

function cellText(node: Nodes): string {
  return textOf(node).trim();
}

function tableFact(node: Table): TableFact {
  const [header, ...rows] = node.children;
  const cells = (row: typeof header) => row.children.map((c) => ({ start: startOf(c), end: endOf(c), at: WHOLE, text: cellText(c) }));
  return {
    start: startOf(node),
    end: endOf(node),
    at: WHOLE,
    header: cells(header),
    rows: rows.map((r) => ({ start: startOf(r), end: endOf(r), at: WHOLE, cells: cells(r) })),
  };
}
