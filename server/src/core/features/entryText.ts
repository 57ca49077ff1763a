/**
 * The text of a new entry in a log's own style (entryStyle.ts): its heading, its fields in the log's
 * syntax and names, its status in the open-like word the log uses most, and its severity in the log's
 * notation (`P1`, `S2`, `🟠 High`, `HIGH`). The seed's style has its own template (newEntry.ts).
 */
import type { IssueSeverity } from '../config';
import { readStatus, type Vocabulary } from '../vocabulary';
import type { EntryStyle } from './entryStyle';
import type { EntryTemplate } from './newEntry';

const SEVERITY_INDEX: Record<IssueSeverity, number> = { Critical: 0, High: 1, Medium: 2, Low: 3 };
const EMOJI = ['🔴', '🟠', '🟡', '🟢'];

type Notation = 'words' | 'upper' | 'p' | 's' | 'emoji-words' | 'emoji';

function notationOf(value: string): Notation {
  if (/^P[0-3]\b/i.test(value)) return 'p';
  if (/^S[1-4]\b/i.test(value)) return 's';
  if (/^[🔴🟠🟡🟢]\uFE0F?$/u.test(value)) return 'emoji';
  if (/^\p{Extended_Pictographic}\uFE0F?\s*\S/u.test(value)) return 'emoji-words';
  if (/^[A-Z]{3,}\b/.test(value) && value.split(/\s/)[0] === value.split(/\s/)[0].toUpperCase()) return 'upper';
  return 'words';
}

/** `severity` as the log writes severities (the notation most of its values use; words when it has none). */
export function severityText(severity: IssueSeverity, style: Pick<EntryStyle, 'severityValues'>): string {
  const counts = new Map<Notation, number>();
  for (const v of style.severityValues) counts.set(notationOf(v), (counts.get(notationOf(v)) ?? 0) + 1);
  let notation: Notation = 'words';
  let best = 0;
  for (const [k, n] of counts) if (n > best) [notation, best] = [k, n];
  const i = SEVERITY_INDEX[severity];
  switch (notation) {
    case 'p':
      return `P${i}`;
    case 's':
      return `S${i + 1}`;
    case 'emoji':
      return EMOJI[i];
    case 'emoji-words':
      return `${EMOJI[i]} ${severity}`;
    case 'upper':
      return severity.toUpperCase();
    default:
      return severity;
  }
}

/** Open-like words a new issue starts in (not `In Progress` or `Blocked`, which say where work stands). */
const INITIAL = /\b(open|new|active|identified|proposed|reported|triaged|planned|unfixed|todo|to do)\b/i;

/** A status value without trailing decoration (` (since May)`, ` - 50%`). */
const bare = (v: string) => v.replace(/\s+(?:\(.*\)|[-—–]\s.*)$/, '').trim();

/**
 * The open-like word the log uses most for a new issue (`🔴 Open`, `OPEN`, `Active`); when it has none,
 * `Open` decorated as its other statuses are (a leading emoji, capitals).
 */
export function openStatusText(style: Pick<EntryStyle, 'statusValues'>, vocab?: Vocabulary): string {
  const values = style.statusValues.map(bare).filter((v) => v !== '');
  const open = values.filter((v) => readStatus(v, vocab) === 'open');
  const initial = open.filter((v) => INITIAL.test(v));
  const pool = initial.length > 0 ? initial : [];
  const counts = new Map<string, number>();
  for (const v of pool) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (!best || n > counts.get(best)!) best = v;
  if (best) return best;
  const emoji = values.filter((v) => /^\p{Extended_Pictographic}/u.test(v)).length;
  const upper = values.filter((v) => /^[^a-z]*[A-Z]{2,}[^a-z]*$/.test(v)).length;
  if (values.length > 0 && emoji * 2 > values.length) return '🔴 Open';
  if (values.length > 0 && upper * 2 > values.length) return 'OPEN';
  return 'Open';
}

/** Fields a new (open) issue does not have yet: they say it is resolved, or repeat the heading. */
const NOT_FOR_NEW = /^(time to resolution|resolution time|closed|resolved|fixed|closed on|resolved on|fixed on|date closed|date resolved|date fixed|closed date|resolved date|fixed date|title)$/i;
const DATE_NAMES = /^(date|reported|opened|created|found|date reported|date opened|date found|date created|reported on|opened on|created on)$/i;

export interface StyledEntry extends EntryTemplate {
  /** Write the title as the log's Title field (numbered entries whose headings carry none). */
  titleField?: boolean;
}

/** The field names a new entry gets: those at least half the log's entries have, Status always, Severity when asked. */
export function newEntryFields(style: EntryStyle, writeSeverity: boolean, titleField = false): string[] {
  const withFields = Math.max(1, ...style.names.map((n) => n.count));
  const names = style.names.filter((n) => (titleField && /^title$/i.test(n.name)) || (n.count * 2 >= withFields && !NOT_FOR_NEW.test(n.name))).map((n) => n.name);
  const isSeverity = (n: string) => /^(severity|priority)$/i.test(n);
  const out = writeSeverity ? [...names] : names.filter((n) => !isSeverity(n));
  if (!out.some((n) => /^status$/i.test(n))) out.splice(out.findIndex((n) => DATE_NAMES.test(n)) + 1, 0, 'Status');
  if (writeSeverity && !out.some(isSeverity)) out.splice(out.findIndex((n) => /^status$/i.test(n)) + 1, 0, style.severityName);
  return out;
}

/** The heading line (or bold paragraph) of a new entry. */
export function headingText(style: EntryStyle, id: string, title: string, depth: number): string {
  const hashes = '#'.repeat(depth);
  const h = style.headings.get(id.slice(0, id.lastIndexOf('-'))) ?? style.heading;
  if (h.kind === 'bracket') return `${hashes} [${id}] ${title}`;
  if (h.kind === 'dash') return `${hashes} ${id} ${h.dash} ${title}`;
  if (h.kind === 'bold') return `**${id}${h.separator}${title}**`;
  return `${hashes} ${id}: ${title}`;
}

/** The new entry's lines in the log's style; unknown values are `[TBD]`. */
export function styledEntryText(style: EntryStyle, t: StyledEntry, vocab?: Vocabulary): string[] {
  const value = (name: string): string => {
    if (/^status$/i.test(name)) return openStatusText(style, vocab);
    if (/^(severity|priority)$/i.test(name)) return t.severity ? severityText(t.severity, style) : '[TBD]';
    if (DATE_NAMES.test(name)) return t.today;
    if (/^title$/i.test(name)) return t.title || '[TBD]';
    return '[TBD]';
  };
  const fields = newEntryFields(style, t.writeSeverity, t.titleField).map((name) => ({ name, value: value(name) }));
  const lines = [headingText(style, t.id, t.title || '[TBD]', t.depth)];
  if (style.blankAfterHeading) lines.push('');
  const named = (name: string) => (style.colonInside ? `**${name}:** ` : `**${name}**: `);
  if (style.fieldForm === 'table') {
    const bold = style.table?.bold ?? true;
    lines.push(style.table?.header ?? '| Field | Value |', style.table?.delimiter ?? '|-------|-------|');
    for (const f of fields) lines.push(`| ${bold ? `**${f.name}**` : f.name} | ${f.value} |`);
  } else if (style.fieldForm === 'paragraph') {
    fields.forEach((f, i) => lines.push(named(f.name) + f.value + (style.lineEnd === '\\' ? (i < fields.length - 1 ? '\\' : '') : style.lineEnd)));
  } else {
    for (const f of fields) lines.push(`${style.bullet} ${named(f.name)}${f.value}`);
  }
  return lines;
}
