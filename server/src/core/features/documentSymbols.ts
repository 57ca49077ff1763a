/** The outline: every heading, nested by level; issue entries carry their severity and status. */
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { SymbolKind } from 'vscode-languageserver-protocol';
import type { DocumentFacts } from '../document';
import { rangeIn, startOf } from '../documentFacts';
import { statusLabel } from '../issues';
import type { HeadingFact } from '../model';
import { sectionEnd } from '../sections';
import type { FeatureContext } from './context';

/**
 * One heading as the outline shows it, flat: kind, name, detail, depth, then the range and the selection
 * range as line/character numbers. Two documents with equal rows have equal outlines.
 */
type Row = (string | number)[];

/** The headings of a document as outline rows; what the symbols derive from, without building them. */
function outlineRows(ctx: FeatureContext, uri: string, doc: DocumentFacts): Row[] {
  const entries = new Map<HeadingFact, (typeof doc.entries)[number]>(doc.entries.map((e) => [e.heading, e]));
  const issues = new Map<HeadingFact, string>();
  if (doc.entries.length > 0) {
    for (const issue of ctx.index.scopeIssues(uri)) {
      for (const e of issue.entries) {
        if (e.uri !== uri) continue;
        issues.set(e.entry.heading, `${issue.severity ?? 'severity unknown'}, ${statusLabel(issue) ?? issue.status}`);
      }
    }
  }
  // The text these facts were read from, when at hand: a CRLF before the next heading is two characters.
  const current = ctx.getText(uri);
  const text = current !== undefined && current.length === doc.length ? current : undefined;
  return doc.headings.map((h, i) => {
    const next = sectionEnd(doc.headings, i);
    const end = sectionContentEnd(text, next ? startOf(doc, next) : doc.length);
    const entry = entries.get(h);
    const kind = entry ? (entry.kind === 'id' ? SymbolKind.Key : SymbolKind.Event) : SymbolKind.String;
    const range = rangeIn(doc, h, h.start, Math.max(h.end, end - startOf(doc, h, 0)));
    const selection = rangeIn(doc, h, h.textStart, h.textEnd);
    return [
      kind,
      h.text || '(empty heading)',
      issues.get(h) ?? '',
      h.depth,
      range.start.line,
      range.start.character,
      range.end.line,
      range.end.character,
      selection.start.line,
      selection.start.character,
      selection.end.line,
      selection.end.character,
    ];
  });
}

/** Where a section that runs to `end` ends without the line break before the next heading (LF, CRLF or CR). */
function sectionContentEnd(text: string | undefined, end: number): number {
  if (text === undefined) return end - 1;
  if (text[end - 1] === '\n') return text[end - 2] === '\r' ? end - 2 : end - 1;
  return text[end - 1] === '\r' ? end - 1 : end;
}

function sameRows(a: Row[], b: Row[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  }
  return true;
}

function symbolsOf(rows: Row[]): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const stack: { depth: number; symbol: DocumentSymbol }[] = [];
  for (const [kind, name, detail, depth, sl, sc, el, ec, ssl, ssc, sel, sec] of rows as [SymbolKind, string, string, number, ...number[]][]) {
    const symbol: DocumentSymbol = {
      name,
      kind,
      range: { start: { line: sl, character: sc }, end: { line: el, character: ec } },
      selectionRange: { start: { line: ssl, character: ssc }, end: { line: sel, character: sec } },
      children: [],
    };
    if (detail) symbol.detail = detail;
    while (stack.length > 0 && stack[stack.length - 1].depth >= depth) stack.pop();
    if (stack.length > 0) stack[stack.length - 1].symbol.children!.push(symbol);
    else roots.push(symbol);
    stack.push({ depth, symbol });
  }
  return roots;
}

export function provideDocumentSymbols(ctx: FeatureContext, uri: string): DocumentSymbol[] {
  const doc = ctx.index.get(uri);
  return doc ? symbolsOf(outlineRows(ctx, uri, doc)) : [];
}

interface Remembered {
  doc: DocumentFacts;
  /** `index.scopeToken(uri)` when computed: the same object while the issues of the scope are the same. */
  scope: object | undefined;
  rows: Row[];
  symbols: DocumentSymbol[];
}

/**
 * The outline of the last few documents asked for. Asked again for the same facts and scope, it answers
 * without looking at the headings; for a new version whose headings (their lines, texts and the
 * entries' severity and status) did not change, it answers with the same symbols without building them.
 */
export class DocumentSymbolsMemo {
  private readonly byUri = new Map<string, Remembered>();

  constructor(private readonly capacity = 8) {}

  provide(ctx: FeatureContext, uri: string): DocumentSymbol[] {
    const doc = ctx.index.get(uri);
    if (!doc) return [];
    const scope = ctx.index.scopeToken(uri);
    const last = this.byUri.get(uri);
    // Most recently used last, so that the first key is the one to forget.
    this.byUri.delete(uri);
    if (last && last.doc === doc && last.scope === scope) {
      this.byUri.set(uri, last);
      return last.symbols;
    }
    const rows = outlineRows(ctx, uri, doc);
    const symbols = last && sameRows(last.rows, rows) ? last.symbols : symbolsOf(rows);
    this.byUri.set(uri, { doc, scope, rows, symbols });
    if (this.byUri.size > this.capacity) this.byUri.delete(this.byUri.keys().next().value!);
    return symbols;
  }
}
