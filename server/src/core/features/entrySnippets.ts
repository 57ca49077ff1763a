/**
 * Entry templates as completion snippets (`crit`, `high`, `med`, `low`, `open`, `issue`, one per learnt
 * prefix): the entry New Issue… would write (newEntry.ts, in the log's dialect, with the next free ID),
 * its unknown values as tab stops instead of `[TBD]`, Status and Severity as choices, the date as the
 * editor's date variables (the core reads no clock).
 */
import type { CompletionItem, Range } from 'vscode-languageserver-protocol';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-protocol';
import { SEVERITIES, type IssueSeverity } from '../config';
import { isPlaceholder } from '../status';
import type { WorkspaceIndex } from '../workspace';
import type { EntryStyle } from './entryStyle';
import { openStatusText, severityText } from './entryText';
import { entryLinesFor, nextFreeId, numberedEntryLines, prefixForLog } from './newEntry';
import { statsBumpEdits } from './statsBump';

/** What each template is: the severity it implies (none for `open`, `issue` and prefixes that imply none) and its prefix. */
interface Template {
  label: string;
  prefix?: string;
  severity?: IssueSeverity;
  numbered?: boolean;
}

const BY_SEVERITY: [string, IssueSeverity][] = [
  ['crit', 'Critical'],
  ['high', 'High'],
  ['med', 'Medium'],
  ['low', 'Low'],
];

/** The templates of a log: the four severities, `open`, `issue` in a log of numbered entries, and each learnt prefix. */
function templates(index: WorkspaceIndex, style: EntryStyle): Template[] {
  if (style.numbered) return [{ label: 'issue', numbered: true }];
  const out: Template[] = [];
  for (const [label, severity] of BY_SEVERITY) {
    const prefix = prefixForLog(index, style, severity);
    if (prefix) out.push({ label, prefix, severity });
  }
  const known = index.knownPrefixes;
  if (known.has('OPEN')) out.push({ label: 'open', prefix: 'OPEN' });
  for (const [prefix, severity] of known) {
    const label = prefix.toLowerCase();
    if (out.some((t) => t.label === label)) continue;
    out.push({ label, prefix, severity });
  }
  return out;
}

// Sentinels the entry is written with, turned into snippet syntax after the text is escaped.
const TITLE = '\u0001';
const TODAY = '\u0002';
const STOP = '\u0003';

/** Escapes snippet syntax in literal text (`$`, `}`, `\`). */
const escape = (s: string) => s.replace(/[\\$}]/g, '\\$&');
const escapeChoice = (s: string) => s.replace(/[\\$}|,]/g, '\\$&');

/** The field name a line of an entry writes (`- **Status**: x`, `**Status:** x`, `| **Status** | x |`), if any. */
function fieldName(line: string): string | undefined {
  const bold = /\*\*([^*]+?):?\*\*/.exec(line);
  if (bold) return bold[1].trim();
  return /^\|\s*([^|*]+?)\s*\|/.exec(line)?.[1];
}

/**
 * The snippet text of an entry's lines: `[TBD]` values as tab stops named by their field, the title as
 * the first, the Status value as a choice of the log's own words, the Severity value (where the template
 * implies none) as a choice in the log's notation.
 */
function snippetOf(lines: string[], style: EntryStyle, severityChoice: boolean, eol: string): string {
  const stops: string[] = [];
  const stop = (body: string) => `${STOP}${stops.push(body) - 1}${STOP}`;
  const openWord = openStatusText(style);
  const own = style.statusValues.map((v) => v.trim()).filter((v) => v !== '' && !isPlaceholder(v));
  // The log's own words; the plain ones where the log writes plain `Open` (not `🔴 Open`, `OPEN`).
  const statuses = [...new Set([openWord, ...own, ...(openWord === 'Open' ? ['In Progress', 'Resolved'] : [])])].slice(0, 8);
  const severities = SEVERITIES.map((s) => severityText(s, style));
  const marked = lines.map((line, i) => {
    if (i === 0 || line.includes(TITLE)) line = line.replace(TITLE, stop(':Title'));
    const name = fieldName(line);
    if (!name) return line;
    const valueAt = line.indexOf(name) + name.length;
    const head = line.slice(0, valueAt);
    let tail = line.slice(valueAt);
    if (/^status$/i.test(name) && tail.includes(openWord)) tail = tail.replace(openWord, stop(`|${statuses.map(escapeChoice).join(',')}|`));
    else if (severityChoice && /^(severity|priority)$/i.test(name)) {
      const written = severities.find((s) => tail.includes(s));
      if (written) tail = tail.replace(written, stop(`|${severities.map(escapeChoice).join(',')}|`));
    }
    return head + tail.replace(/\[TBD\]/g, () => stop(`:${name.replace(/[^A-Za-z0-9 ]/g, '')}`));
  });
  const text = escape(marked.join(eol) + eol)
    .replace(new RegExp(TODAY, 'g'), '$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE')
    // The stops' bodies were kept out of escape(): their choices are escaped as choices.
    .replace(new RegExp(`${STOP}(\\d+)${STOP}`, 'g'), (_, n: string) => `\${${Number(n) + 1}${stops[Number(n)]}}`);
  return text + '$0';
}

/**
 * The entry templates whose label starts with `word`, as snippet completion items replacing `range` (the
 * typed word at the start of a line), with the next free ID of the log whose text is `text`, and the
 * log's statistics counts the entry changes as `additionalTextEdits` (applied with it: one undo).
 */
export function entrySnippetItems(index: WorkspaceIndex, uri: string, text: string, style: EntryStyle, word: string, range: Range): CompletionItem[] {
  // The statistics edit needs the index's reading of this very text (its offsets); else none.
  const current = index.get(uri)?.length === text.length;
  const eol = /\r\n?|\n/.exec(text)?.[0] ?? '\n';
  const typed = word.toLowerCase();
  const items: CompletionItem[] = [];
  for (const t of templates(index, style)) {
    if (!t.label.startsWith(typed)) continue;
    // Without a severity of its own, the entry writes one (Medium) that becomes a choice.
    const severity = t.severity ?? 'Medium';
    let id: string;
    let lines: string[];
    if (t.numbered) {
      ({ id, lines } = numberedEntryLines(index, style, { title: TITLE, severity, today: TODAY, depth: style.numbered!.depth }));
    } else {
      id = nextFreeId(index, t.prefix!, style);
      lines = entryLinesFor(index, text, { id, title: TITLE, severity, today: TODAY, depth: style.depth ?? 3 }, style);
    }
    items.push({
      label: t.label,
      kind: CompletionItemKind.Snippet,
      detail: `New entry ${id}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: snippetOf(lines, style, t.severity === undefined, eol) },
      filterText: t.label,
      sortText: `0${t.label}`,
      // A severity left to a choice is not counted: Total and Open only.
      additionalTextEdits: current ? statsBumpEdits(index, uri, t.severity) : undefined,
      data: { issueLogEntry: id },
    });
  }
  return items;
}
