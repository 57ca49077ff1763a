/**
 * How a log writes its entries, read from its text so that *New Issue…* and the add-entry quick fix
 * write a new one the same way: the ID prefixes and their digits, the heading (`ID: Title`,
 * `ID — Title`, `[ID] Title`, a bold paragraph), the field syntax (list, paragraph lines, a two-column
 * table), the field names, and the Status and Severity values as written. Read from the text, not from
 * the parsed facts, so that it does not depend on which forms the parser reads; an ID heading counts as
 * the contract's learning rule says (a known prefix, a field under it, or a prefix that heads two).
 */
import { Memo } from '../memo';
import { splitLines } from '../positions';

/** A contract-v2 ID: a prefix in capitals (optional `-PART`s), `-`, digits. */
const ID = String.raw`([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)-(\d+)`;
const ID_TITLE = new RegExp(String.raw`^${ID}(\s*:\s*|\s+[—–]\s+|\s+-\s+)(.*)$`);
const BRACKET_TITLE = new RegExp(String.raw`^\[${ID}\]\s*(.*)$`);
const BOLD_ENTRY = new RegExp(String.raw`^\*\*${ID}(\s*:\s*|\s+[—–]\s+|\s+-\s+)(.*)\*\*\s*$`);
const ANY_ID = new RegExp(String.raw`(?<![A-Za-z0-9_-])${ID}(?![A-Za-z0-9_])`, 'g');
const NUMBERED = /^(Issue|Bug|Incident)\s+(#?)(\d+)\b(\s*:\s*.*)?$/i;
const HEADING = /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const LIST_FIELD = /^[ \t]*([-*+])[ \t]+\*\*([^*]+?)(:?)\*\*(:?)[ \t]*(.*)$/;
const PARA_FIELD = /^\*\*([^*]+?)(:?)\*\*(:?)[ \t]*(.*)$/;
const TABLE_ROW = /^[ \t]*\|(.*)\|[ \t]*$/;

export type HeadingForm = { kind: 'colon' } | { kind: 'dash'; dash: string } | { kind: 'bracket' } | { kind: 'bold'; separator: string };
export type FieldForm = 'list' | 'paragraph' | 'table';

/** One entry of the log as written. */
interface SeenEntry {
  prefix: string;
  digits: string;
  line: number;
  depth?: number;
  heading: HeadingForm;
  fields: { name: string; value: string }[];
  /** How its field lines are written (one vote per line). */
  forms: FieldForm[];
  colonInside: boolean[];
  bullets: string[];
  lineEnds: string[];
  blank: boolean;
  table?: EntryStyle['table'];
}

export interface EntryStyle {
  /** The ID entries' prefixes and how many entries each heads, in the order first seen. */
  readonly prefixes: ReadonlyMap<string, number>;
  /** The digits most written per prefix (`R-01`: 2). */
  readonly widths: ReadonlyMap<string, number>;
  /** The highest number per prefix anywhere in the text (entries and mentions). */
  readonly highest: ReadonlyMap<string, number>;
  readonly entryCount: number;
  /** The heading level most used by the ID entries. */
  readonly depth?: number;
  readonly heading: HeadingForm;
  /** The heading form most used per prefix (a log may write two prefixes two ways). */
  readonly headings: ReadonlyMap<string, HeadingForm>;
  readonly blankAfterHeading: boolean;
  readonly fieldForm: FieldForm;
  /** `**Name:**` rather than `**Name**:`. */
  readonly colonInside: boolean;
  readonly bullet: string;
  /** What ends a paragraph field line: '' (none), two spaces, or a backslash (hard breaks). */
  readonly lineEnd: string;
  /** A field table's header and delimiter rows as written, and whether its names are bold. */
  readonly table?: { readonly header: string; readonly delimiter: string; readonly bold: boolean };
  /** The entries' field names in the order written (the entry with the most fields first), with how many entries have each. */
  readonly names: readonly { readonly name: string; readonly count: number }[];
  readonly statusValues: readonly string[];
  /** The name the log gives severity (`Severity` or `Priority`) and its values as written. */
  readonly severityName: string;
  readonly severityValues: readonly string[];
  /** The numbered-entry heading form, when the log has numbered entries and no ID entries. */
  readonly numbered?: { readonly word: string; readonly hash: boolean; readonly titled: boolean; readonly depth: number; readonly highest: number };
}

/** The ID and title of an ID heading's text (`CRIT-001: Title`, `BUG-2 — Title`, `[ISS-3] Title`). */
export function idHeading(text: string): { prefix: string; digits: string; heading: HeadingForm } | undefined {
  const b = BRACKET_TITLE.exec(text);
  if (b) return { prefix: b[1], digits: b[2], heading: { kind: 'bracket' } };
  const m = ID_TITLE.exec(text);
  if (!m) return undefined;
  const sep = m[3].trim();
  return { prefix: m[1], digits: m[2], heading: sep === ':' ? { kind: 'colon' } : { kind: 'dash', dash: sep } };
}

/** The numbered-entry heading `Issue 3`, `Issue #3: Title`, `Bug #4`? */
export function isNumberedHeading(text: string): boolean {
  return NUMBERED.test(text);
}

/** A field of an entry's first lines, in any of the forms; undefined when the line is not one. */
function fieldLine(line: string): { form: FieldForm; name: string; value: string; colonInside: boolean; bullet?: string; lineEnd: string } | undefined {
  const list = LIST_FIELD.exec(line);
  if (list && (list[3] === ':') !== (list[4] === ':')) return { form: 'list', name: list[2].trim(), value: list[5].trim(), colonInside: list[3] === ':', bullet: list[1], lineEnd: '' };
  const para = PARA_FIELD.exec(line);
  if (para && (para[2] === ':') !== (para[3] === ':')) {
    const lineEnd = / {2,}$/.test(line) ? '  ' : /\\$/.test(line) ? '\\' : '';
    return { form: 'paragraph', name: para[1].trim(), value: para[4].replace(/\\$/, '').trim(), colonInside: para[2] === ':', lineEnd };
  }
  return undefined;
}

const cellsOf = (row: string) => (TABLE_ROW.exec(row)?.[1] ?? '').split('|').map((c) => c.trim());

function mostCommon<T>(values: readonly T[], key: (v: T) => string = String): T | undefined {
  const counts = new Map<string, { v: T; n: number }>();
  for (const v of values) {
    const k = key(v);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { v, n: 1 });
  }
  let best: { v: T; n: number } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.v;
}

/** The fields right under the entry heading at line `i`, and how they are written. */
function fieldsUnder(lines: readonly string[], i: number, head: Pick<SeenEntry, 'prefix' | 'digits' | 'heading' | 'line' | 'depth'>): SeenEntry {
  const entry: SeenEntry = { ...head, fields: [], forms: [], colonInside: [], bullets: [], lineEnds: [], blank: false };
  let j = i + 1;
  entry.blank = j < lines.length && lines[j].trim() === '';
  if (entry.blank) j++;
  if (j + 1 < lines.length && TABLE_ROW.test(lines[j]) && /^[ \t]*\|[ \t:|-]+\|[ \t]*$/.test(lines[j + 1])) {
    const header = lines[j];
    const delimiter = lines[j + 1];
    let boldNames = 0;
    for (j += 2; j < lines.length && TABLE_ROW.test(lines[j]); j++) {
      const [name, value = ''] = cellsOf(lines[j]);
      const bare = name.replace(/^\*\*(.*)\*\*$/, '$1');
      if (bare !== name) boldNames++;
      entry.fields.push({ name: bare, value });
      entry.forms.push('table');
    }
    if (entry.fields.length > 0) entry.table = { header, delimiter, bold: boldNames * 2 >= entry.fields.length };
    return entry;
  }
  for (; j < lines.length; j++) {
    const fl = fieldLine(lines[j]);
    if (!fl) break;
    entry.fields.push({ name: fl.name, value: fl.value });
    entry.forms.push(fl.form);
    entry.colonInside.push(fl.colonInside);
    if (fl.bullet) entry.bullets.push(fl.bullet);
    if (fl.form === 'paragraph') entry.lineEnds.push(fl.lineEnd);
  }
  return entry;
}

/** The last style read per set of known prefixes, while the text is the same (completion asks on each keystroke). */
const styles = new Memo<ReadonlyMap<string, unknown>, EntryStyle>();

/** Reads the style of a log's entries from its text; `known` are the prefixes the workspace knows. */
export function entryStyle(text: string, known: ReadonlyMap<string, unknown>): EntryStyle {
  return styles.get(known, text, () => readStyle(text, known));
}

function readStyle(text: string, known: ReadonlyMap<string, unknown>): EntryStyle {
  const lines = splitLines(text);
  const candidates: SeenEntry[] = [];
  const numberedEntries: SeenEntry[] = [];
  let numbered: { word: string; hash: boolean; titled: boolean; depth: number; highest: number } | undefined;
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const f = /^[ \t]*(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (!fence) fence = f[1];
      else if (f[1].startsWith(fence[0]) && f[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (fence) continue;
    const h = HEADING.exec(line);
    const bold = h ? undefined : BOLD_ENTRY.exec(line);
    const id = h ? idHeading(h[2]) : bold ? { prefix: bold[1], digits: bold[2], heading: { kind: 'bold', separator: bold[3] } as HeadingForm } : undefined;
    const n = !id && h ? NUMBERED.exec(h[2]) : null;
    if (!id && !n) continue;
    if (h && n) numbered = { word: n[1], hash: n[2] === '#', titled: n[4] !== undefined, depth: h[1].length, highest: Math.max(numbered?.highest ?? 0, Number(n[3])) };
    const entry = fieldsUnder(lines, i, { ...(id ?? { prefix: '', digits: '', heading: { kind: 'colon' } }), line: i, depth: h ? h[1].length : undefined });
    (id ? candidates : numberedEntries).push(entry);
  }
  // The contract's learning rule, within the log: a known prefix, a field under the heading, or two headings.
  const headed = new Map<string, number>();
  for (const c of candidates) headed.set(c.prefix, (headed.get(c.prefix) ?? 0) + 1);
  const entries = candidates.filter((c) => known.has(c.prefix) || c.fields.length > 0 || (headed.get(c.prefix) ?? 0) >= 2);
  const prefixes = new Map<string, number>();
  const widthsSeen = new Map<string, string[]>();
  for (const e of entries) {
    prefixes.set(e.prefix, (prefixes.get(e.prefix) ?? 0) + 1);
    widthsSeen.set(e.prefix, [...(widthsSeen.get(e.prefix) ?? []), String(e.digits.length)]);
  }
  const widths = new Map([...widthsSeen].map(([p, w]) => [p, Number(mostCommon(w))]));
  const highest = new Map<string, number>();
  for (const m of text.matchAll(ANY_ID)) if (prefixes.has(m[1]) || known.has(m[1])) highest.set(m[1], Math.max(highest.get(m[1]) ?? 0, Number(m[2])));

  // The field syntax and names of the ID entries; of the numbered entries in a log that has only those.
  const withFields = (entries.length > 0 ? entries : numberedEntries).filter((e) => e.fields.length > 0);
  const votes = {
    form: withFields.flatMap((e) => e.forms),
    colon: withFields.flatMap((e) => e.colonInside),
    bullet: withFields.flatMap((e) => e.bullets),
    lineEnd: withFields.flatMap((e) => e.lineEnds),
    blank: withFields.map((e) => e.blank),
  };
  const table = withFields.find((e) => e.table)?.table;
  const names: { name: string; count: number }[] = [];
  const fullest = [...withFields].sort((a, b) => b.fields.length - a.fields.length);
  for (const e of fullest) {
    for (const f of e.fields) {
      const n = names.find((x) => x.name.toLowerCase() === f.name.toLowerCase());
      if (n) n.count++;
      else names.push({ name: f.name, count: 1 });
    }
  }
  const valuesOf = (...wanted: string[]) => withFields.flatMap((e) => e.fields.filter((f) => wanted.includes(f.name.toLowerCase())).map((f) => f.value));
  const severityName = names.find((n) => /^(severity|priority)$/i.test(n.name))?.name ?? 'Severity';
  return {
    prefixes,
    widths,
    highest,
    entryCount: entries.length,
    depth: mostCommon(entries.filter((e) => e.depth !== undefined).map((e) => e.depth!)),
    heading: mostCommon(entries.map((e) => e.heading), (h) => JSON.stringify(h)) ?? { kind: 'colon' },
    headings: new Map([...prefixes.keys()].map((p) => [p, mostCommon(entries.filter((e) => e.prefix === p).map((e) => e.heading), (h) => JSON.stringify(h))!])),
    blankAfterHeading: votes.blank.filter(Boolean).length * 2 > votes.blank.length,
    fieldForm: mostCommon(votes.form) ?? 'list',
    colonInside: votes.colon.filter(Boolean).length * 2 > votes.colon.length,
    bullet: mostCommon(votes.bullet) ?? '-',
    lineEnd: mostCommon(votes.lineEnd) ?? '',
    table,
    names,
    statusValues: valuesOf('status'),
    severityName,
    severityValues: valuesOf('severity', 'priority'),
    numbered: entries.length === 0 ? numbered : undefined,
  };
}
