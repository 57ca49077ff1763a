/**
 * Completion in issue logs: issue IDs anywhere in text, the next free ID in a new entry heading, field
 * names after `- **`, Status and Severity values, relative paths after `](`, heading anchors after `#`.
 * Prefixes are those the workspace knows (`knownPrefixes`: configured and learnt); separators, field
 * syntax, status words and severity notation follow the log's own entries (entryStyle.ts).
 */
import type { CompletionContext, CompletionItem, CompletionList, Position, Range } from 'vscode-languageserver-protocol';
import { CompletionItemKind, CompletionTriggerKind, MarkupKind } from 'vscode-languageserver-protocol';
import { URI, Utils } from 'vscode-uri';
import { SEVERITIES } from '../config';
import { computeLineStarts } from '../document';
import { lineEndAt, offsetAt } from '../positions';
import { isPlaceholder, OPEN_STATUSES, RESOLVED_STATUSES } from '../status';
import { issueDetail, issueFieldsMarkdown } from './cards';
import { displayPath, issueOfId, relativeLinkPath, type FeatureContext } from './context';
import { entrySnippetItems } from './entrySnippets';
import { entryStyle } from './entryStyle';
import { severityText } from './entryText';
import { nextFreeId } from './newEntry';

/**
 * A position past the last line or past its line's end (a confused client) read as the end of the
 * line (as LSP says), so that no completion edit falls outside the document.
 */
function insideDocument(lineStarts: readonly number[], text: string, p: Position): Position {
  const line = Math.min(Math.max(0, p.line), lineStarts.length - 1);
  const start = lineStarts[line];
  const next = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
  const length = text.slice(start, next).replace(/(?:\r\n|\r|\n)$/, '').length;
  const character = Math.min(Math.max(0, p.character), length);
  return line === p.line && character === p.character ? p : { line, character };
}

export const COMPLETION_TRIGGER_CHARACTERS = ['-', '*', '(', '#', '/'];

export const FIELD_NAMES = [
  'Phase',
  'Date',
  'Status',
  'Severity',
  'Impact',
  'Resolution',
  'Time to Resolution',
  'Reference',
  'Assigned',
  'Target Resolution',
  'Current Status',
];

/**
 * `context` is the request's: a list for an empty word (a `*` of bold, the `-` of a list item) only
 * where a field name or the next ID is expected, or when the user asked for one (Ctrl+Space).
 */
export function provideCompletion(ctx: FeatureContext, uri: string, position: Position, context?: CompletionContext): CompletionList {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const doc = ctx.index.get(uri);
  const text = ctx.getText(uri);
  if (text === undefined) return empty;
  const lineStarts = doc && doc.length === text.length ? doc.lineStarts : computeLineStarts(text);
  position = insideDocument(lineStarts, text, position);
  const offset = offsetAt(lineStarts, position, text.length);
  const lineStart = lineStarts[Math.min(position.line, lineStarts.length - 1)];
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEndAt(text, offset).eol);
  const rangeBack = (n: number): Range => ({ start: { line: position.line, character: position.character - n }, end: position });
  const items: CompletionItem[] = [];

  // `### CRIT-` (or `### [ISS-`) → the next free ID of that prefix, with the separator the log's entries use.
  const heading = /^#{1,6}[ \t]+(\[?)([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*?)(-\d*)?$/.exec(before);
  if (heading) {
    const typed = heading[2] + (heading[3] ?? '');
    const style = entryStyle(text, ctx.index.knownPrefixes);
    const bracket = heading[1] === '[';
    for (const prefix of ctx.index.knownPrefixes.keys()) {
      const p = prefix.toLowerCase();
      const t = heading[2].toLowerCase();
      if (!p.startsWith(t) && p !== t) continue;
      const form = style.headings.get(prefix) ?? style.heading;
      const sep = bracket ? '] ' : form.kind === 'dash' ? ` ${form.dash} ` : ': ';
      const id = nextFreeId(ctx.index, prefix, style);
      items.push({
        label: id,
        kind: CompletionItemKind.Constant,
        detail: `Next free ${prefix} ID`,
        textEdit: { range: rangeBack(typed.length), newText: after.startsWith(sep.trim()) ? id : `${id}${sep}` },
        // Prefixes this log uses first.
        sortText: style.prefixes.has(prefix) ? '0' : '1',
        preselect: style.prefixes.has(prefix) || style.prefixes.size === 0,
      });
    }
    if (items.length > 0) return { isIncomplete: false, items };
  }

  // `- **Sta` (or `**Sta` at the start of a line in a log of paragraph fields) → field names, closed as the log closes them.
  const field = /^[ \t]*[-*+][ \t]+\*\*([A-Za-z][A-Za-z ]*)?$/.exec(before) ?? /^\*\*([A-Za-z][A-Za-z ]*)?$/.exec(before);
  const fieldStyle = field ? entryStyle(text, ctx.index.knownPrefixes) : undefined;
  if (field && fieldStyle && (/^[ \t]*[-*+]/.test(before) || fieldStyle.fieldForm === 'paragraph')) {
    const typed = field[1] ?? '';
    const closes = after.startsWith('**');
    const close = fieldStyle.colonInside ? ':** ' : '**: ';
    for (const name of FIELD_NAMES) {
      items.push({ label: name, kind: CompletionItemKind.Field, textEdit: { range: rangeBack(typed.length), newText: closes ? name : `${name}${close}` } });
    }
    return { isIncomplete: false, items };
  }

  // `- **Status**: ` (a list item, a paragraph line or a field-table cell) → the log's own status
  // words first, then the built-in ones; `Severity`/`Priority` → severities in the log's notation.
  const value = /^[ \t]*(?:[-*+][ \t]+)?\*\*(status|severity|priority)(?:\*\*:|:\*\*)[ \t]*([^*|]*)$/i.exec(before) ?? /^[ \t]*\|[ \t]*(?:\*\*)?(status|severity|priority)(?:\*\*)?[ \t]*\|[ \t]*([^*|]*)$/i.exec(before);
  if (value) {
    const typed = value[2] ?? '';
    const style = entryStyle(text, ctx.index.knownPrefixes);
    const own = (vs: readonly string[]) => [...new Set(vs.map((v) => v.trim()).filter((v) => v !== '' && !isPlaceholder(v)))];
    const values =
      value[1].toLowerCase() === 'status'
        ? [...new Set([...own(style.statusValues), ...OPEN_STATUSES, ...RESOLVED_STATUSES])]
        : [...new Set([...SEVERITIES.map((sev) => severityText(sev, style)), ...SEVERITIES])];
    // A complete value: nothing, so that Enter ends the line instead of accepting the value again.
    // The list is incomplete so that the editor asks again at each key and learns when it is complete.
    if (values.some((v) => v.toLowerCase() === typed.trim().toLowerCase())) return { isIncomplete: false, items: [] };
    values.forEach((v, i) => items.push({ label: v, kind: CompletionItemKind.EnumMember, sortText: String(i).padStart(3, '0'), textEdit: { range: rangeBack(typed.length), newText: v } }));
    return { isIncomplete: true, items };
  }

  // `](path#frag` → anchors of the same file or of the linked one.
  const anchor = /\]\(([^()\s#]*)#([^()\s]*)$/.exec(before);
  if (anchor) {
    let target = uri;
    if (anchor[1] !== '') {
      const r = ctx.index.resolveLink(uri, anchor[1]);
      if (r.kind !== 'internal') return empty;
      target = r.target;
    }
    const targetDoc = ctx.index.get(target);
    if (!targetDoc) return empty;
    targetDoc.headings.forEach((h, i) => {
      items.push({
        label: h.slug,
        kind: CompletionItemKind.Reference,
        detail: `${'#'.repeat(h.depth)} ${h.text}`,
        filterText: h.slug,
        sortText: String(i).padStart(6, '0'),
        textEdit: { range: rangeBack(anchor[2].length), newText: h.slug },
      });
    });
    return { isIncomplete: false, items };
  }

  // `](../0` → relative paths to the workspace's Markdown files and their folders.
  const path = /\]\(([^()\s#]*)$/.exec(before);
  if (path) {
    const typed = path[1];
    const seen = new Set<string>();
    for (const d of ctx.index.documents) {
      if (d.uri === uri) continue;
      const rel = relativeLinkPath(uri, d.uri);
      if (seen.has(rel)) continue;
      seen.add(rel);
      items.push({
        label: rel,
        kind: CompletionItemKind.File,
        detail: displayPath(ctx.index, d.uri),
        // Written percent-encoded (`Runbook%20Notes.md`), as a link destination must be.
        filterText: encodePath(rel),
        textEdit: { range: rangeBack(typed.length), newText: encodePath(rel) },
        sortText: (rel.startsWith('..') ? '1' : '0') + rel,
      });
      const dir = Utils.dirname(URI.parse(d.uri)).toString();
      const relDir = relativeLinkPath(uri, dir + '/x').replace(/x$/, '');
      if (relDir !== '' && !seen.has(relDir)) {
        seen.add(relDir);
        items.push({ label: relDir, kind: CompletionItemKind.Folder, filterText: encodePath(relDir), textEdit: { range: rangeBack(typed.length), newText: encodePath(relDir) }, sortText: '2' + relDir });
      }
    }
    return { isIncomplete: false, items };
  }

  // `cr` alone at the start of a line after a blank one (outside any entry's fields) → entry templates.
  const lineWord = /^[A-Za-z][A-Za-z0-9]*$/.exec(before);
  if (lineWord && after.trim() === '' && startsBlock(text, lineStarts, position.line)) {
    items.push(...entrySnippetItems(ctx.index, uri, text, entryStyle(text, ctx.index.knownPrefixes), lineWord[0], rangeBack(lineWord[0].length)));
  }

  // Issue IDs anywhere in text.
  const wordMatch = /(?:^|[^A-Za-z0-9_-])([A-Za-z][A-Za-z0-9]*(?:-\d*)?)?$/.exec(before);
  const word = wordMatch?.[1] ?? '';
  // No ID for an empty word (after `**`, `- *`, a space) unless asked for: a prefix letter first.
  if (!wordMatch || (word === '' && context?.triggerKind !== CompletionTriggerKind.Invoked)) return { isIncomplete: false, items };
  const prefixTyped = word.split('-')[0].toLowerCase();
  const matchesPrefix = word === '' || [...ctx.index.knownPrefixes.keys()].some((p) => p.toLowerCase().startsWith(prefixTyped) || prefixTyped.startsWith(p.toLowerCase()));
  if (!matchesPrefix) return { isIncomplete: false, items };
  // A workspace can define tens of thousands of IDs: offer those that start with what was typed, at
  // most MAX_ID_ITEMS of them, and mark the list incomplete so that the editor asks again as the user
  // types on.
  const all = ctx.index.definedIds();
  const typed = word.toUpperCase();
  const matching = all.length <= MAX_ID_ITEMS ? all : all.filter((id) => id.startsWith(typed));
  const incomplete = matching.length > MAX_ID_ITEMS;
  for (const id of matching.slice(0, MAX_ID_ITEMS)) {
    const issue = issueOfId(ctx.index, id);
    if (!issue) continue;
    items.push({
      label: id,
      kind: CompletionItemKind.Reference,
      detail: issueDetail(issue),
      textEdit: { range: rangeBack(word.length), newText: id },
      // The fields are added by completionItem/resolve: a workspace can define thousands of IDs.
      data: { issueLogId: id },
    });
  }
  return { isIncomplete: incomplete, items };
}

/**
 * At most this many issue IDs in one completion list: the editor shows about a dozen and, the list
 * being incomplete, asks again as the user types on. (With 200, sending the answer was a third of a
 * request's cost on 25,700 IDs.)
 */
export const MAX_ID_ITEMS = 50;

/** Adds the entry's fields (as Markdown) to an issue-ID completion item. */
export function resolveCompletion(ctx: FeatureContext, item: CompletionItem): CompletionItem {
  const id = (item.data as { issueLogId?: unknown } | undefined)?.issueLogId;
  if (typeof id !== 'string') return item;
  const issue = issueOfId(ctx.index, id);
  if (!issue) return item;
  return { ...item, documentation: { kind: MarkupKind.Markdown, value: `**${id}**: ${issue.entries[0].entry.title}\n\n${issueFieldsMarkdown(ctx.index, issue)}` } };
}

/** Does line `line` start a block: the first line, or one after a blank line? */
function startsBlock(text: string, lineStarts: readonly number[], line: number): boolean {
  if (line === 0) return true;
  return text.slice(lineStarts[line - 1], lineStarts[line]).trim() === '';
}

/** Percent-encodes each segment of a relative path for a Markdown link destination. */
export function encodePath(rel: string): string {
  return rel
    .split('/')
    .map((seg) => (seg === '..' || seg === '.' ? seg : encodeURIComponent(seg)))
    .join('/');
}
