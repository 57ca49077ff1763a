/**
 * New issue entries: the next free ID of a prefix, the register section an entry belongs under, and the
 * entry's text. Used by the `issueLog/newIssue` request and by the undefined-issue quick fix.
 */
import type { Position, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { IssueSeverity } from '../config';
import { startOf, type DocumentFacts, type SluggedHeading } from '../documentFacts';
import { sectionEnd } from '../sections';
import { positionAt } from '../positions';
import type { WorkspaceIndex } from '../workspace';

/** The prefix that the options give `severity` (`CRIT` for Critical); the default name wins a tie. */
export function prefixForSeverity(index: WorkspaceIndex, severity: IssueSeverity): string | undefined {
  const defaults: Record<IssueSeverity, string> = { Critical: 'CRIT', High: 'HIGH', Medium: 'MED', Low: 'LOW' };
  if (index.options.prefixes.get(defaults[severity]) === severity) return defaults[severity];
  for (const [prefix, sev] of index.options.prefixes) if (sev === severity) return prefix;
  return undefined;
}

/**
 * The next free ID of `prefix` across the workspace: one past the highest number that any entry
 * defines or any text mentions (an ID mentioned but not yet defined is taken). Digits are padded to
 * the widest written, at least three.
 */
export function nextFreeId(index: WorkspaceIndex, prefix: string): string {
  let max = 0;
  let width = 3;
  const consider = (id: string) => {
    const dash = id.lastIndexOf('-');
    if (id.slice(0, dash) !== prefix) return;
    const digits = id.slice(dash + 1);
    max = Math.max(max, Number(digits));
    width = Math.max(width, digits.length);
  };
  for (const id of index.idDefinitions().keys()) consider(id);
  for (const doc of index.documents) for (const m of doc.mentions) consider(m.id);
  return `${prefix}-${String(max + 1).padStart(width, '0')}`;
}

const REGISTER_WORD: Record<IssueSeverity, RegExp> = {
  Critical: /\bcritical\b/i,
  High: /\bhigh\b/i,
  Medium: /\bmedium\b/i,
  Low: /\blow\b/i,
};

function isEntryHeading(doc: DocumentFacts, h: SluggedHeading): boolean {
  return doc.entries.some((e) => e.heading === h);
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
 * Register", "High Priority Issues", …; for an issue without a severity, a section saying Open), else
 * at the end of the document. The level is that of the section's entries, else one below the section.
 */
export function insertionPoint(doc: DocumentFacts, text: string, severity: IssueSeverity | undefined): InsertionPoint {
  const word = severity ? REGISTER_WORD[severity] : /\bopen\b/i;
  const register = doc.headings.find((h) => !isEntryHeading(doc, h) && word.test(h.text) && !/statistic|analysis|summary/i.test(h.text));
  if (register) {
    const next = sectionEnd(doc.headings, doc.headings.indexOf(register));
    const end = next ? startOf(doc, next) : text.length;
    const start = startOf(doc, register);
    const inside = doc.entries.filter((e) => e.kind === 'id' && startOf(doc, e.heading) > start && startOf(doc, e.heading) < end);
    return { offset: end, depth: inside.length > 0 ? inside[inside.length - 1].heading.depth || Math.min(6, register.depth + 1) : Math.min(6, register.depth + 1), register };
  }
  const ids = doc.entries.filter((e) => e.kind === 'id');
  return { offset: text.length, depth: ids.length > 0 ? ids[ids.length - 1].heading.depth || 3 : 3 };
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
 * position that the first line will have after the edit.
 */
export function insertEntry(doc: DocumentFacts, text: string, offset: number, lines: string[]): { newText: string; position: Position; at: Position } {
  const before = text.slice(0, offset);
  let lead = '';
  if (before.length > 0 && !before.endsWith('\n\n')) lead = before.endsWith('\n') ? '\n' : '\n\n';
  const trail = offset < text.length ? '\n' : '';
  const newText = lead + lines.join('\n') + '\n' + trail;
  const at = positionAt(doc.lineStarts, offset);
  const leadLines = lead.length;
  return { newText, at, position: { line: at.line + leadLines, character: 0 } };
}

export interface NewIssuePlan {
  id: string;
  edit: WorkspaceEdit;
  position: Position;
}

/** The `issueLog/newIssue` computation: the next ID for the severity's prefix and the edit that adds it. */
export function planNewIssue(index: WorkspaceIndex, uri: string, text: string, severity: IssueSeverity, title: string, today: string): NewIssuePlan | undefined {
  const doc = index.get(uri);
  if (!doc) return undefined;
  const prefix = prefixForSeverity(index, severity) ?? [...index.options.prefixes.entries()].find(([, s]) => s === undefined)?.[0];
  if (!prefix) return undefined;
  const id = nextFreeId(index, prefix);
  const point = insertionPoint(doc, text, severity);
  const lines = entryLines({ id, title, severity, writeSeverity: index.options.prefixes.get(prefix) !== severity, today, depth: point.depth });
  const ins = insertEntry(doc, text, point.offset, lines);
  return { id, edit: { changes: { [uri]: [{ range: { start: ins.at, end: ins.at }, newText: ins.newText }] } }, position: ins.position };
}
