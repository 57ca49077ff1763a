/**
 * Quick fixes that silence a finding with a suppression comment (contract v2, "Rules"): "Disable CODE
 * for this line" and "Disable CODE for this file" on every rule diagnostic, and "Remove the unused
 * suppression" on an unused-suppression. The comment goes where it does not change how the Markdown
 * reads: on its own line above the finding's, with that line's indentation (or inside the list item
 * before it), in the document's line ending; where a line above would split a table or a paragraph
 * (a table row, a continuation line), a disable … enable pair goes around the whole block instead.
 */
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-protocol';
import { CodeActionKind } from 'vscode-languageserver-protocol';
import { RULE_CODES } from '../config';
import { frontMatterEnd } from '../frontMatter';
import { lineStarts, positionAt } from '../positions';
import { UNUSED_SUPPRESSION, type UnusedSuppressionData } from '../suppressions';
import type { FeatureContext } from './context';

const SUPPRESSIBLE: ReadonlySet<string> = new Set(RULE_CODES);

/** The suppression actions for one issue-log diagnostic (none for codes no comment can silence). */
export function suppressActions(ctx: FeatureContext, uri: string, d: Diagnostic): CodeAction[] {
  const code = String(d.code ?? '');
  if (!SUPPRESSIBLE.has(code)) return [];
  const text = ctx.getText(uri);
  if (text === undefined) return [];
  const action = (title: string, edits: TextEdit[]): CodeAction => ({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: false, edit: { changes: { [uri]: edits } } });
  if (code === UNUSED_SUPPRESSION) {
    const removal = removeUnused(text, d.data as UnusedSuppressionData | undefined);
    return removal ? [action('Remove the unused suppression', [removal])] : [];
  }
  const out: CodeAction[] = [];
  const line = lineSuppression(text, d.range.start.line, code);
  if (line) out.push(action(line.title, line.edits));
  out.push(action(`Disable ${code} for this file`, [fileSuppression(text, code)]));
  return out;
}

interface Lines {
  readonly text: string;
  readonly starts: readonly number[];
  /** The document's line ending (of its first line; LF when it has none). */
  readonly eol: string;
}

function linesOf(text: string): Lines {
  const m = /\r\n?|\n/.exec(text);
  return { text, starts: lineStarts(text), eol: m ? m[0] : '\n' };
}

function lineText(l: Lines, i: number): string {
  const end = i + 1 < l.starts.length ? l.starts[i + 1] : l.text.length;
  return l.text.slice(l.starts[i], end).replace(/\r\n?$|\n$/, '');
}

const blank = (s: string) => /^[ \t>]*$/.test(s);
/** Block quote markers and indentation: what a line inside the same container starts with. */
const prefixOf = (s: string) => /^[ \t]*(?:>[ \t]?)*[ \t]*/.exec(s)![0];
const body = (s: string) => s.slice(prefixOf(s).length);
const isHeading = (s: string) => /^#{1,6}(?:[ \t]|$)/.test(body(s));
/** A line that is a whole HTML comment ends its HTML block: a line after it starts afresh. */
const isComment = (s: string) => /^<!--.*-->[ \t]*$/.test(body(s));
const LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)/;

/**
 * The container prefix for a comment line above line `i`: the line's own, or, for a list item
 * after an earlier item of its list, the earlier item's content indentation (a comment at the
 * item's own indentation would end the list there).
 */
function commentPrefix(l: Lines, i: number): string {
  const s = lineText(l, i);
  const prefix = prefixOf(s);
  const item = LIST_ITEM.exec(s.slice(prefix.length));
  if (!item) return prefix;
  let j = i - 1;
  while (j >= 0 && blank(lineText(l, j))) j--;
  if (j < 0) return prefix;
  const before = lineText(l, j);
  const beforePrefix = prefixOf(before);
  const inList = LIST_ITEM.test(before.slice(beforePrefix.length)) || beforePrefix.length > prefix.length;
  return inList && !isHeading(before) ? prefix + ' '.repeat(item[0].length) : prefix;
}

/** Where a line of a document starts a block: after a blank line, a heading or a comment, or at the top. */
function startsBlock(l: Lines, i: number): boolean {
  if (i === 0 || isHeading(lineText(l, i))) return true;
  const above = lineText(l, i - 1);
  return blank(above) || isHeading(above) || isComment(above);
}

/** The edit that silences `code` on `line`, or undefined where no comment can go (front matter). */
export function lineSuppression(text: string, line: number, code: string): { title: string; edits: TextEdit[] } | undefined {
  const l = linesOf(text);
  if (line < 0 || line >= l.starts.length) return undefined;
  const fm = frontMatterStart(text);
  if (fm >= 0 && l.starts[line] <= fm) return undefined;
  // A byte order mark stays the first character.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const at = (i: number) => positionAt(l.starts, l.starts[i] + (i === 0 ? bom : 0));
  const s = lineText(l, line);
  if (startsBlock(l, line) || LIST_ITEM.test(body(s))) {
    const comment = `${commentPrefix(l, line)}<!-- issue-log-disable-next-line ${code} -->${l.eol}`;
    return { title: `Disable ${code} for this line`, edits: [{ range: { start: at(line), end: at(line) }, newText: comment }] };
  }
  // A table row or a continuation line: around the block it belongs to.
  let first = line;
  while (!startsBlock(l, first)) first--;
  let last = line;
  while (last + 1 < l.starts.length && !blank(lineText(l, last + 1)) && !isHeading(lineText(l, last + 1))) last++;
  const prefix = commentPrefix(l, first);
  const open = `${prefix}<!-- issue-log-disable ${code} -->${l.eol}`;
  const close = `${prefix}<!-- issue-log-enable ${code} -->`;
  const afterLast = last + 1 < l.starts.length ? at(last + 1) : positionAt(l.starts, text.length);
  const closeText = last + 1 < l.starts.length ? close + l.eol : `${l.eol}${close}${l.eol}`;
  return {
    title: `Disable ${code} for lines ${first + 1}-${last + 1}`,
    edits: [
      { range: { start: at(first), end: at(first) }, newText: open },
      { range: { start: afterLast, end: afterLast }, newText: closeText },
    ],
  };
}

/** The edit that silences `code` in the whole file: a comment at the top (after front matter and a byte order mark). */
export function fileSuppression(text: string, code: string): TextEdit {
  const l = linesOf(text);
  const comment = `<!-- issue-log-disable-file ${code} -->`;
  const fmEnd = frontMatterEnd(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (fmEnd >= 0) {
    const at = positionAt(l.starts, fmEnd);
    return { range: { start: at, end: at }, newText: `${l.eol}${comment}` };
  }
  const at = { line: 0, character: text.charCodeAt(0) === 0xfeff ? 1 : 0 };
  return { range: { start: at, end: at }, newText: `${comment}${l.eol}` };
}

/** Where the front matter's closing fence ends (-1: none). */
function frontMatterStart(text: string): number {
  return frontMatterEnd(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
}

/** Takes an unused suppression (or its one unused code) out of the text. */
function removeUnused(text: string, data: UnusedSuppressionData | undefined): TextEdit | undefined {
  if (!data?.comment) return undefined;
  const l = linesOf(text);
  const offset = (p: Range['start']) => l.starts[Math.min(p.line, l.starts.length - 1)] + p.character;
  if (data.code) {
    let start = offset(data.code.start);
    let end = offset(data.code.end);
    const after = /^[\s,]*/.exec(text.slice(end))![0];
    // Before a further code, the separators after it go; else the ones before it.
    if (!text.startsWith('-->', end + after.length)) end += after.length;
    else start -= /[\s,]*$/.exec(text.slice(0, start))![0].length;
    return { range: { start: positionAt(l.starts, start), end: positionAt(l.starts, end) }, newText: '' };
  }
  const start = offset(data.comment.start);
  const end = offset(data.comment.end);
  const first = data.comment.start.line;
  const last = data.comment.end.line;
  const lineStart = l.starts[first];
  const lineEnd = last + 1 < l.starts.length ? l.starts[last + 1] : text.length;
  const rest = text.slice(lineStart, start) + text.slice(end, lineEnd);
  if (blank(rest.replace(/\r\n?$|\n$/, ''))) return { range: { start: positionAt(l.starts, lineStart), end: positionAt(l.starts, lineEnd) }, newText: '' };
  const space = /[ \t]*$/.exec(text.slice(lineStart, start))![0].length;
  return { range: { start: positionAt(l.starts, start - space), end: positionAt(l.starts, end) }, newText: '' };
}
