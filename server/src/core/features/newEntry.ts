/**
 * New issue entries: the prefix and next free ID, the register section an entry belongs under, and the
 * entry's text in the style of the log it goes into (entryStyle.ts reads it, entryText.ts writes it; a
 * log in the seed's style, or one without entries, gets the seed's template; entrySnippetText.ts writes
 * it as a snippet). Used by the `issueLog/newIssue` request and by the undefined-issue quick fix.
 */
import type { Position, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { IssueSeverity } from '../config';
import { startOf, type DocumentFacts, type SluggedHeading } from '../documentFacts';
import { sectionEnd } from '../sections';
import { positionAt } from '../positions';
import { sectionReading, vocabularyOf } from '../vocabulary';
import type { WorkspaceIndex } from '../workspace';
import { entryStyle, idHeading, isNumberedHeading, type EntryStyle } from './entryStyle';
import { entrySnippet, TITLE, TODAY, withoutSentinels } from './entrySnippetText';
import { styledEntryText } from './entryText';
import { statsBumpEdits } from './statsBump';

const DEFAULT_PREFIX: Record<IssueSeverity, string> = { Critical: 'CRIT', High: 'HIGH', Medium: 'MED', Low: 'LOW' };

/**
 * The known prefix that implies `severity`: one the log uses (`style`), else the default name (`CRIT`
 * for Critical), else any; undefined when none does.
 */
export function prefixForSeverity(index: WorkspaceIndex, severity: IssueSeverity, style?: Pick<EntryStyle, 'prefixes'>): string | undefined {
  const known = index.knownPrefixes;
  for (const p of style?.prefixes.keys() ?? []) if (known.get(p) === severity) return p;
  if (known.get(DEFAULT_PREFIX[severity]) === severity) return DEFAULT_PREFIX[severity];
  for (const [prefix, sev] of known) if (sev === severity) return prefix;
  return undefined;
}

/**
 * The prefix of a new entry in the log: where the log's entries use prefixes that imply a severity (the
 * defaults, or configured ones), the one of the chosen severity; else the log's most used prefix that
 * implies none (`BUG`), else its most used; a log without entries, as the first case; else a known
 * prefix that implies no severity (`OPEN`).
 */
export function prefixForLog(index: WorkspaceIndex, style: EntryStyle, severity: IssueSeverity): string | undefined {
  const known = index.knownPrefixes;
  const used = [...style.prefixes].sort((a, b) => b[1] - a[1]).map(([p]) => p);
  if (used.length === 0 || used.some((p) => known.get(p) !== undefined)) {
    const p = prefixForSeverity(index, severity, style);
    if (p) return p;
  }
  return used.find((p) => known.get(p) === undefined) ?? used[0] ?? [...known].find(([, s]) => s === undefined)?.[0];
}

/** The highest number of `prefix` that any entry defines or any text mentions, and the widest digits written. */
function highestOf(index: WorkspaceIndex, prefix: string): { max: number; width: number } {
  let max = 0;
  let width = 0;
  const consider = (id: string) => {
    const dash = id.lastIndexOf('-');
    if (id.slice(0, dash) !== prefix) return;
    const digits = id.slice(dash + 1);
    max = Math.max(max, Number(digits));
    width = Math.max(width, digits.length);
  };
  for (const id of index.idDefinitions().keys()) consider(id);
  for (const doc of index.documents) for (const m of doc.mentions) consider(m.id);
  return { max, width };
}

/**
 * The next free ID of `prefix` across the workspace: one past the highest number that any entry
 * defines or any text mentions (an ID mentioned but not yet defined is taken), or that `style`'s log
 * holds. Digits are padded as the log writes that prefix (`R-01` → `R-02`), else to the widest written,
 * else to three.
 */
export function nextFreeId(index: WorkspaceIndex, prefix: string, style?: Pick<EntryStyle, 'widths' | 'highest'>): string {
  const { max, width } = highestOf(index, prefix);
  const next = Math.max(max, style?.highest.get(prefix) ?? 0) + 1;
  return `${prefix}-${String(next).padStart(style?.widths.get(prefix) ?? (width || 3), '0')}`;
}

/** An entry's heading: an entry of the index, or a heading the style reading takes for one. */
function isEntryHeading(doc: DocumentFacts, h: SluggedHeading): boolean {
  return doc.entries.some((e) => e.heading === h) || idHeading(h.text) !== undefined || isNumberedHeading(h.text);
}

/** Is the section of heading `i` inside one that names a resolved status (`## Resolved Issues`)? */
function underResolved(doc: DocumentFacts, i: number): boolean {
  let depth = doc.headings[i].depth;
  for (let k = i - 1; k >= 0; k--) {
    const h = doc.headings[k];
    if (h.depth >= depth) continue;
    depth = h.depth;
    if (sectionReading(h.text).status === 'resolved') return true;
  }
  return false;
}

export interface InsertionPoint {
  offset: number;
  /** Heading level for the new entry. */
  depth: number;
  /** The register heading it goes under, when one was found. */
  register?: SluggedHeading;
}

/**
 * Where a new entry of `severity` goes: at the end of the matching register section ("Critical Issues
 * Register", "High Priority Issues", as the vocabulary reads registers; one not inside a resolved
 * section first; for an issue without a severity, a section saying Open), else after the log's last
 * entry, else at the end of the document. The level is that of the section's entries, else one below
 * the section, else that of the log's entries.
 */
export function insertionPoint(doc: DocumentFacts, text: string, severity: IssueSeverity | undefined, entryDepth = 3): InsertionPoint {
  const matches = (h: SluggedHeading) => {
    if (isEntryHeading(doc, h) || /statistic|analysis|summary/i.test(h.text)) return false;
    const r = sectionReading(h.text);
    return severity ? r.severity === severity : r.status === 'open';
  };
  const candidates = doc.headings.map((_, i) => i).filter((i) => matches(doc.headings[i]));
  const at = candidates.find((i) => !underResolved(doc, i)) ?? candidates[0];
  if (at !== undefined) {
    const register = doc.headings[at];
    const next = sectionEnd(doc.headings, at);
    const end = next ? startOf(doc, next) : text.length;
    const start = startOf(doc, register);
    const inside = doc.headings.filter((h) => startOf(doc, h) > start && startOf(doc, h) < end && h.depth > register.depth && isEntryHeading(doc, h));
    return { offset: end, depth: inside.length > 0 ? inside[inside.length - 1].depth : Math.min(6, register.depth + 1), register };
  }
  const entries = doc.headings.map((_, i) => i).filter((i) => isEntryHeading(doc, doc.headings[i]));
  if (entries.length === 0) return { offset: text.length, depth: entryDepth };
  const last = entries[entries.length - 1];
  const next = sectionEnd(doc.headings, last);
  return { offset: next ? startOf(doc, next) : text.length, depth: doc.headings[last].depth };
}

export interface EntryTemplate {
  id: string;
  title: string;
  /** Written as a Severity field when the ID's prefix does not imply one. */
  severity?: IssueSeverity;
  writeSeverity: boolean;
  today: string;
  depth: number;
}

/** The entry's lines, with the fields of the seed log; unknown values are `[TBD]`. */
export function entryLines(t: EntryTemplate): string[] {
  const lines = [`${'#'.repeat(t.depth)} ${t.id}: ${t.title || '[TBD]'}`, '- **Phase**: [TBD]', `- **Date**: ${t.today}`, '- **Status**: Open'];
  if (t.writeSeverity && t.severity) lines.push(`- **Severity**: ${t.severity}`);
  lines.push('- **Impact**: [TBD]', '- **Assigned**: [TBD]', '- **Resolution**: [TBD]', '- **Reference**: [TBD]');
  return lines;
}

/**
 * The insertion of `lines` at `offset` of `text`, with blank lines around it as Markdown wants, and the
 * position that the first line will have after the edit; the line breaks put before and after the
 * entry, and the line ending used (for the same insertion as a snippet).
 */
export function insertEntry(doc: DocumentFacts, text: string, offset: number, lines: string[]): { newText: string; position: Position; at: Position; lead: string; trail: string; eol: string } {
  const before = text.slice(0, offset);
  // The entry is written with the log's own line ending (its first one): a LF after a lone CR
  // would make one CRLF of the two.
  const eol = /\r\n?|\n/.exec(text)?.[0] ?? '\n';
  const endsLine = /(?:\r\n?|\n)$/.test(before);
  const leadLines = before.length === 0 || /(?:\r\n|\r(?!\n)|\n){2}$/.test(before) ? 0 : endsLine ? 1 : 2;
  const lead = eol.repeat(leadLines);
  const trail = offset < text.length ? eol : '';
  const newText = lead + lines.join(eol) + eol + trail;
  const at = positionAt(doc.lineStarts, offset);
  return { newText, at, position: { line: at.line + leadLines, character: 0 }, lead, trail, eol };
}

/** A log in the seed's style (default prefixes, `- **Name**: value` lists, `ID: Title`), or one without entries. */
function seedStyle(style: EntryStyle): boolean {
  if (style.entryCount === 0) return style.numbered === undefined;
  const defaults = ['CRIT', 'HIGH', 'MED', 'LOW', 'OPEN'];
  return [...style.prefixes.keys()].every((p) => defaults.includes(p)) && style.fieldForm === 'list' && !style.colonInside && style.heading.kind === 'colon';
}

/** Do most of the log's entries write a Severity (or Priority) field? */
function writesSeverity(style: EntryStyle): boolean {
  const n = style.names.find((x) => /^(severity|priority)$/i.test(x.name))?.count ?? 0;
  return n * 2 > Math.max(1, ...style.names.map((x) => x.count));
}

/**
 * The lines of a new entry for `id` in the log whose text is `text`: the seed's template for a log in
 * the seed's style, else the log's own style. The Severity field is written when the prefix does not
 * imply `severity`, and also, in a log whose entries mostly write one, when it does.
 */
export function entryLinesFor(index: WorkspaceIndex, text: string, t: Omit<EntryTemplate, 'writeSeverity'>, style = entryStyle(text, index.knownPrefixes)): string[] {
  const prefix = t.id.slice(0, t.id.lastIndexOf('-'));
  const implied = index.knownPrefixes.get(prefix);
  const needed = t.severity !== undefined && implied !== t.severity;
  if (seedStyle(style)) return entryLines({ ...t, writeSeverity: needed });
  return styledEntryText(style, { ...t, writeSeverity: needed || writesSeverity(style) }, vocabularyOf(index.options));
}

/**
 * A new numbered entry (`### Issue 4`) of a log of numbered entries only (`style.numbered`): the next
 * number in the log's own heading form; the title in the heading, or in the Title field where the log's
 * entries write one.
 */
export function numberedEntryLines(index: WorkspaceIndex, style: EntryStyle, t: { title: string; severity?: IssueSeverity; today: string; depth: number }): { id: string; lines: string[] } {
  const numbered = style.numbered!;
  const n = numbered.highest + 1;
  const id = `${numbered.word} ${n}`;
  const titleField = !numbered.titled && style.names.some((x) => /^title$/i.test(x.name));
  const heading = `${'#'.repeat(t.depth)} ${numbered.word} ${numbered.hash ? '#' : ''}${n}${titleField || !t.title ? '' : `: ${t.title}`}`;
  return { id, lines: [heading, ...styledEntryText(style, { id, ...t, writeSeverity: true, titleField }, vocabularyOf(index.options)).slice(1)] };
}

export interface NewIssuePlan {
  id: string;
  /** The entry's insertion (first), then the statistics counts it changes: plain text, `[TBD]` for the unknown values. */
  edit: WorkspaceEdit;
  /** The entry's insertion as snippet text: the same text with tab stops for the `[TBD]` values. */
  snippet: string;
  position: Position;
}

/**
 * The `issueLog/newIssue` computation: the log's prefix and next ID, and the edit that adds the entry in
 * the log's style, also as a snippet. The lines are written once, with the title and date sentinels, so
 * the plain text and the snippet are the same entry.
 */
export function planNewIssue(index: WorkspaceIndex, uri: string, text: string, severity: IssueSeverity, title: string, today: string): NewIssuePlan | undefined {
  const doc = index.get(uri);
  if (!doc) return undefined;
  const style = entryStyle(text, index.knownPrefixes);
  const numbered = style.numbered;
  let id: string;
  let lines: string[];
  let point: InsertionPoint;
  if (numbered) {
    // A log of numbered entries only (a phase file): the next `Issue N`.
    point = insertionPoint(doc, text, severity, numbered.depth);
    ({ id, lines } = numberedEntryLines(index, style, { title: TITLE, severity, today: TODAY, depth: point.depth }));
  } else {
    const prefix = prefixForLog(index, style, severity);
    if (!prefix) return undefined;
    id = nextFreeId(index, prefix, style);
    point = insertionPoint(doc, text, severity, style.depth ?? 3);
    lines = entryLinesFor(index, text, { id, title: TITLE, severity, today: TODAY, depth: point.depth }, style);
  }
  // A title holds no sentinel (control characters no one types), or the snippet would read it as one.
  const literal = withoutSentinels(title);
  const plain = lines.map((l) => l.replaceAll(TITLE, literal || '[TBD]').replaceAll(TODAY, today));
  const ins = insertEntry(doc, text, point.offset, plain);
  // The title, the date, Status and Severity as chosen; the unknown values as tab stops.
  const snippet = ins.lead + entrySnippet(lines, style, ins.eol, { title: literal || undefined, today }) + ins.trail;
  // The statistics counts it changes go in the same edit (one undo).
  const edits = [{ range: { start: ins.at, end: ins.at }, newText: ins.newText }, ...statsBumpEdits(index, uri, severity)];
  return { id, edit: { changes: { [uri]: edits } }, snippet, position: ins.position };
}
