/**
 * A new entry's lines as snippet text (LSP / TextMate snippet syntax), the one writing for the entry
 * templates of completion (entrySnippets.ts) and *New Issue…* (newEntry.ts): `[TBD]` values as tab
 * stops named by their field; the title and the date literal or as a stop and the editor's date
 * variables; the Status and Severity values as written or as choices. The lines are written with the
 * sentinels `TITLE` and `TODAY` where the title and date go, so that they are placed after the rest is
 * read and escaped (a title can hold `$`, `**`, `[TBD]`: it is never read as a field or a stop).
 */
import { SEVERITIES } from '../config';
import type { EntryStyle } from './entryStyle';
import { severityText } from './entryText';

/** Where the title goes in the lines (a character no title or log holds). */
export const TITLE = '\u0001';
/** Where the date goes. */
export const TODAY = '\u0002';
const STOP = '\u0003';

/** `text` without the sentinels, for a literal value (a title) that goes into the lines. */
export const withoutSentinels = (text: string) => text.replace(/[\u0001-\u0003]/g, '');

export interface SnippetValues {
  /** The title, written as is; none: the first tab stop, `${1:Title}`. */
  title?: string;
  /** The date, written as is; none: `$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE` (the core reads no clock). */
  today?: string;
  /** Status values to choose from, after the one the lines write; none: the value as written. */
  statuses?: readonly string[];
  /** The Severity (or Priority) value as a choice of the four, in the log's notation; else as written. */
  severityChoice?: boolean;
}

/** Escapes snippet syntax in literal text (`$`, `}`, `\`). */
const escape = (s: string) => s.replace(/[\\$}]/g, '\\$&');
const escapeChoice = (s: string) => s.replace(/[\\$}|,]/g, '\\$&');

/** The field name a line of an entry writes (`- **Status**: x`, `**Status:** x`, `| **Status** | x |`), if any. */
function fieldName(line: string): string | undefined {
  const bold = /\*\*([^*]+?):?\*\*/.exec(line);
  if (bold) return bold[1].trim();
  return /^\|\s*([^|*]+?)\s*\|/.exec(line)?.[1];
}

/** The snippet text of an entry's `lines` (written with `TITLE` and `TODAY`), joined with `eol`, ending in `$0`. */
export function entrySnippet(lines: readonly string[], style: Pick<EntryStyle, 'severityValues'>, eol: string, values: SnippetValues): string {
  const stops: string[] = [];
  const stop = (body: string) => `${STOP}${stops.push(body) - 1}${STOP}`;
  const severities = SEVERITIES.map((s) => severityText(s, style));
  const marked = lines.map((line) => {
    if (values.title === undefined && line.includes(TITLE)) line = line.replace(TITLE, stop(':Title'));
    const name = fieldName(line);
    if (!name) return line;
    const valueAt = line.indexOf(name) + name.length;
    const head = line.slice(0, valueAt);
    let tail = line.slice(valueAt);
    if (values.statuses && /^status$/i.test(name)) {
      // The value as the lines write it (without the field's syntax around it) is the first choice.
      const written = /^[*:\s|]*(.*?)[\s|\\]*$/u.exec(tail)![1];
      if (written !== '') tail = tail.replace(written, stop(`|${[...new Set([written, ...values.statuses])].map(escapeChoice).join(',')}|`));
    } else if (values.severityChoice && /^(severity|priority)$/i.test(name)) {
      const written = severities.find((s) => tail.includes(s));
      if (written) tail = tail.replace(written, stop(`|${severities.map(escapeChoice).join(',')}|`));
    }
    return head + tail.replace(/\[TBD\]/g, () => stop(`:${name.replace(/[^A-Za-z0-9 ]/g, '')}`));
  });
  const today = values.today === undefined ? '$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE' : escape(values.today);
  const title = values.title === undefined ? '' : escape(values.title);
  const text = escape(marked.join(eol) + eol)
    // Function replacers: the replacement texts hold `$`, which a string replacement would read.
    .replace(new RegExp(TODAY, 'g'), () => today)
    .replace(new RegExp(TITLE, 'g'), () => title)
    // The stops' bodies were kept out of escape(): their choices are escaped as choices.
    .replace(new RegExp(`${STOP}(\\d+)${STOP}`, 'g'), (_, n: string) => `\${${Number(n) + 1}${stops[Number(n)]}}`);
  return text + '$0';
}
