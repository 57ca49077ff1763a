/**
 * Entry templates as completion snippets (`crit`, `high`, `med`, `low`, `open`, `issue`, one per learnt
 * prefix): the entry New Issue… would write (newEntry.ts, in the log's dialect, with the next free ID),
 * as snippet text (entrySnippetText.ts): its unknown values and the title as tab stops instead of
 * `[TBD]`, Status (open-like words only) and Severity as choices, the date as the editor's date
 * variables (the core reads no clock).
 */
import type { CompletionItem, Range } from 'vscode-languageserver-protocol';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-protocol';
import type { IssueSeverity } from '../config';
import { isPlaceholder } from '../status';
import { documentVocabulary, readStatus, vocabularyOf } from '../vocabulary';
import type { WorkspaceIndex } from '../workspace';
import { entrySnippet, TITLE, TODAY } from './entrySnippetText';
import type { EntryStyle } from './entryStyle';
import { openStatusText } from './entryText';
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

/**
 * The Status values a template offers besides the one its entry is written with (entrySnippet puts
 * that first): the open-like word a new entry gets, then the log's own words that read as open with the log's vocabulary (configured words and its legend's: as
 * its Open count reads them), and `In Progress` and `Blocked` where the log writes plain `Open`. No
 * resolved word: the template bumps the Open count, so whatever is picked, the statistics stay right.
 */
function openStatusChoices(index: WorkspaceIndex, uri: string, style: EntryStyle): string[] {
  const openWord = openStatusText(style, vocabularyOf(index.options));
  const vocab = documentVocabulary(index.options, index.get(uri));
  const own = style.statusValues.map((v) => v.trim()).filter((v) => v !== '' && !isPlaceholder(v));
  const others = [...own, ...(openWord === 'Open' ? ['In Progress', 'Blocked'] : [])].filter((v) => readStatus(v, vocab) === 'open');
  return [...new Set([openWord, ...others])].slice(0, 8);
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
  const statuses = openStatusChoices(index, uri, style);
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
      textEdit: { range, newText: entrySnippet(lines, style, eol, { statuses, severityChoice: t.severity === undefined }) },
      filterText: t.label,
      sortText: `0${t.label}`,
      // A severity left to a choice is not counted: Total and Open only.
      additionalTextEdits: current ? statsBumpEdits(index, uri, t.severity) : undefined,
      data: { issueLogEntry: id },
    });
  }
  return items;
}
