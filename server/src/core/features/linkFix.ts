/**
 * The quick fix of a broken link with a suggestion (linkRules.ts, fileSuggest.ts): the path part of
 * the destination replaced by the suggested path, the `?query` and `#fragment` kept, encoded as the
 * link was written (percent-encoded when it was, or when a space would end a destination not in `<…>`).
 */
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-protocol';
import { CodeActionKind } from 'vscode-languageserver-protocol';
import { offsetAt } from '../positions';
import type { DiagnosticData } from '../rules';
import type { FeatureContext } from './context';
import { encodePath } from './completion';

/** The destination text with its path part replaced by `path` (decoded), written as `written` was. */
export function replaceLinkPath(written: string, path: string, inAngleBrackets: boolean): string {
  const cut = written.search(/[?#]/);
  const [oldPath, rest] = cut < 0 ? [written, ''] : [written.slice(0, cut), written.slice(cut)];
  const encoded = /%[0-9A-Fa-f]{2}/.test(oldPath) ? encodePath(path) : inAngleBrackets ? path : path.replace(/ /g, '%20');
  return encoded + rest;
}

/** A link diagnostic's destination as written (its `urlRange`), and the character before it; undefined without a suggestion. */
export function writtenDestination(ctx: FeatureContext, uri: string, data: DiagnosticData): { url: string; before: string; suggestion: string; range: Range } | undefined {
  if (!data.suggestion || !data.urlRange) return undefined;
  const text = ctx.getText(uri);
  const doc = ctx.index.get(uri);
  if (text === undefined || !doc) return undefined;
  const start = offsetAt(doc.lineStarts, data.urlRange.start, text.length);
  const end = offsetAt(doc.lineStarts, data.urlRange.end, text.length);
  return { url: text.slice(start, end), before: text.charAt(start - 1), suggestion: data.suggestion, range: data.urlRange };
}

export function brokenLinkFix(ctx: FeatureContext, uri: string, d: Diagnostic): CodeAction | undefined {
  const data = (d.data ?? {}) as DiagnosticData;
  const written = writtenDestination(ctx, uri, data);
  if (!written) return undefined;
  const newText = replaceLinkPath(written.url, written.suggestion, written.before === '<');
  return {
    title: `Change the link to ${data.suggestion}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    edit: { changes: { [uri]: [{ range: written.range, newText }] } },
  };
}
