/**
 * Code actions from the diagnostics' `data`: stale numbers, an overdue review date, a misspelt
 * fragment, an undefined issue ID (adds an entry stub), an unknown status (adds the word to
 * `.issue-log.json`: configWordFix.ts); and "Fix all stale numbers" for a document.
 */
import type { CodeAction, CodeActionContext, Diagnostic, Range, TextEdit } from 'vscode-languageserver-protocol';
import { CodeActionKind } from 'vscode-languageserver-protocol';
import { DIAGNOSTIC_SOURCE, computeDiagnostics, ruleOptions, type DiagnosticData } from '../rules';
import type { FeatureContext } from './context';
import { entryLinesFor, insertEntry, insertionPoint } from './newEntry';
import { addStatusWordActions } from './configWordFix';
import { brokenLinkFix, writtenDestination } from './linkFix';
import { suppressActions } from './suppressFix';
import { ignoreLinkActions } from './ignoreLinkFix';

/** The source action that applies every stale-stat and stale-average fix of a document. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.issueLog`;

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export function provideCodeActions(ctx: FeatureContext, uri: string, _range: Range, context: CodeActionContext, today: string): CodeAction[] {
  const out: CodeAction[] = [];
  if (wants(context.only, CodeActionKind.QuickFix)) {
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      if (d.code === 'unknown-status') {
        out.push(...addStatusWordActions(ctx, uri, d), ...suppressActions(ctx, uri, d));
        continue;
      }
      const action = quickFix(ctx, uri, d, today);
      if (action) out.push(action);
      out.push(...suppressActions(ctx, uri, d));
      out.push(...ignoreLinkActions(ctx, uri, d));
    }
  }
  if (wants(context.only, FIX_ALL_KIND)) {
    const all = fixAll(ctx, uri, today);
    if (all) out.push(all);
  }
  return out;
}

function quickFix(ctx: FeatureContext, uri: string, d: Diagnostic, today: string): CodeAction | undefined {
  const data = (d.data ?? {}) as DiagnosticData;
  const edit = (edits: TextEdit[], title: string, preferred = true): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: preferred,
    edit: { changes: { [uri]: edits } },
  });
  switch (d.code) {
    case 'stale-stat':
    case 'stale-average':
    case 'review-overdue':
      return data.fix ? edit([{ range: data.fix.range, newText: data.fix.newText }], data.fix.title) : undefined;
    case 'broken-link':
      return brokenLinkFix(ctx, uri, d);
    case 'broken-anchor': {
      const written = writtenDestination(ctx, uri, data);
      const hash = written ? written.url.indexOf('#') : -1;
      if (!written || hash < 0) return undefined;
      return edit([{ range: written.range, newText: `${written.url.slice(0, hash + 1)}${written.suggestion}` }], `Change the fragment to #${written.suggestion}`);
    }
    case 'undefined-issue': {
      if (!data.id) return undefined;
      const doc = ctx.index.get(uri);
      const text = ctx.getText(uri);
      if (!doc || text === undefined) return undefined;
      const prefix = data.id.slice(0, data.id.lastIndexOf('-'));
      const severity = ctx.index.knownPrefixes.get(prefix);
      const point = insertionPoint(doc, text, severity);
      const lines = entryLinesFor(ctx.index, text, { id: data.id, title: '[TBD]', severity, today, depth: point.depth });
      const ins = insertEntry(doc, text, point.offset, lines);
      const where = point.register ? ` under "${point.register.text}"` : ' at the end of the file';
      return edit([{ range: { start: ins.at, end: ins.at }, newText: ins.newText }], `Add an entry for ${data.id}${where}`, false);
    }
    default:
      return undefined;
  }
}

/**
 * Every stale-stat and stale-average fix of the document, as one action (none when nothing is stale).
 * None while the index is partial: the numbers counted from a half-read workspace are not the fix.
 */
export function fixAll(ctx: FeatureContext, uri: string, today: string): CodeAction | undefined {
  if (ctx.partial) return undefined;
  const edits: TextEdit[] = [];
  const fixed: Diagnostic[] = [];
  for (const d of computeDiagnostics(ctx.index, uri, ruleOptions(ctx.index.options, today))) {
    if (d.code !== 'stale-stat' && d.code !== 'stale-average') continue;
    const fix = (d.data as DiagnosticData | undefined)?.fix;
    if (!fix) continue;
    edits.push({ range: fix.range, newText: fix.newText });
    fixed.push(d);
  }
  if (edits.length === 0) return undefined;
  return { title: 'Fix all stale numbers', kind: FIX_ALL_KIND, diagnostics: fixed, edit: { changes: { [uri]: edits } } };
}
