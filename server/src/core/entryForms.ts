/**
 * The text forms of an issue entry (contract v2, "Issue entries"), prefix-independent: which heading
 * (or wholly bold paragraph) texts are ID entries, numbered entries, `N. Title` items, and which
 * section headings make a log section. Whether an ID entry's prefix is known is the workspace's
 * business (workspaceIndex.ts), not the parse's.
 */
import { PREFIX_SOURCE } from './config';

/** An ID entry's text as read: `CRIT-001: Title`, `BUG-012 — Title`, `[ISS-004] Title`. */
export interface IdForm {
  readonly id: string;
  readonly prefix: string;
  readonly number: number;
  readonly title: string;
}

/** A numbered entry's text as read: `Issue 3`, `Issue #3: Title`, `Bug #4`, `Incident 2`. */
export interface NumberedForm {
  /** `Issue 3`, `Bug 4`, `Incident 2` (the word capitalised, the number without `#` or zeros). */
  readonly id: string;
  readonly number: number;
  readonly title: string;
}

// A leading status emoji (`🔴 CRIT-001: …`) is decoration, not part of the ID.
const LEAD = '(?:[\\p{Extended_Pictographic}\\u{FE0F}\\u{200D}]+\\s*)?';
const ID = `(${PREFIX_SOURCE})-(\\d+)`;
/** `ID:`, `ID —`, `ID –`, `ID - ` (spaced hyphen), then the title; or `[ID] Title`. */
const ID_ENTRY = new RegExp(`^${LEAD}(?:\\[${ID}\\]\\s*(?:[:\\u2014\\u2013]\\s*|-\\s+)?(.*)|${ID}(?:\\s*[:\\u2014\\u2013]|\\s+-(?=\\s|$))\\s*(.*))$`, 'u');
const NUMBERED = /^(issue|bug|incident)\s+#?(\d+)(?:\s*(?::|[\u2014\u2013]|\s-(?=\s|$))\s*(.*))?$/i;
/** `N. Title` (or `N) Title`): an entry only inside a log section, or with entry fields. */
const LIST_ITEM = /^(\d+)[.)]\s+(\S.*)$/;
/**
 * A log section's heading: it names issues, bugs, incidents, problems, defects or findings in the
 * plural (`Known Issues`, `Open Bugs`, `Findings`), or is an issue, bug or incident log. Singular
 * words (`Incident Response`, `Issue Summary Statistics`) and `Change Log` are not.
 */
const LOG_SECTION = /\b(?:issues|bugs|incidents|problems|defects|findings)\b|\b(?:issue|bug|incident|defect)\s+(?:log|tracker|register)\b/i;
/** The field names of the contract: a heading with one of these under it is an entry's heading. */
const ENTRY_FIELD = /^(?:phase|date|status|severity|priority|impact|resolution|time to resolution|reference|assigned|owner|assignee|target resolution|current status|closed|resolved|fixed)$/i;

/** Reads an ID entry's heading (or bold) text; undefined when it is not one. */
export function idForm(text: string): IdForm | undefined {
  const m = ID_ENTRY.exec(text);
  if (!m) return undefined;
  const prefix = m[1] ?? m[4];
  const digits = m[2] ?? m[5];
  return { id: `${prefix}-${digits}`, prefix, number: Number(digits), title: (m[3] ?? m[6] ?? '').trim() };
}

export function numberedForm(text: string): NumberedForm | undefined {
  const m = NUMBERED.exec(text);
  if (!m) return undefined;
  const word = m[1].charAt(0).toUpperCase() + m[1].slice(1).toLowerCase();
  return { id: `${word} ${Number(m[2])}`, number: Number(m[2]), title: (m[3] ?? '').trim() };
}

/** `N. Title`: its number and title (an entry only where `isLogSection` or with entry fields). */
export function listItemForm(text: string): { readonly number: number; readonly title: string } | undefined {
  const m = LIST_ITEM.exec(text);
  return m ? { number: Number(m[1]), title: m[2].trim() } : undefined;
}

export function isLogSection(text: string): boolean {
  return LOG_SECTION.test(text);
}

/** Is `name` one of the field names the contract reads (so that what it stands under is an entry)? */
export function isEntryField(name: string): boolean {
  return ENTRY_FIELD.test(name.trim());
}
