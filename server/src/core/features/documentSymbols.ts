/** The outline: every heading, nested by level; issue entries carry their severity and status. */
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { SymbolKind } from 'vscode-languageserver-protocol';
import { rangeIn, startOf } from '../documentFacts';
import type { HeadingFact } from '../model';
import { sectionEnd } from '../sections';
import { statusLabel } from '../issues';
import type { FeatureContext } from './context';

export function provideDocumentSymbols(ctx: FeatureContext, uri: string): DocumentSymbol[] {
  const doc = ctx.index.get(uri);
  if (!doc) return [];
  const entries = new Map<HeadingFact, (typeof doc.entries)[number]>(doc.entries.map((e) => [e.heading, e]));
  const issues = new Map<HeadingFact, { severity?: string; status: string }>();
  if (doc.entries.length > 0) {
    for (const issue of ctx.index.scopeIssues(uri)) {
      for (const e of issue.entries) {
        if (e.uri !== uri) continue;
        issues.set(e.entry.heading, { severity: issue.severity, status: statusLabel(issue) ?? issue.status });
      }
    }
  }
  const roots: DocumentSymbol[] = [];
  const stack: { depth: number; symbol: DocumentSymbol }[] = [];
  doc.headings.forEach((h, i) => {
    const next = sectionEnd(doc.headings, i);
    const end = next ? startOf(doc, next) : doc.length;
    const entry = entries.get(h);
    const facts = issues.get(h);
    const symbol: DocumentSymbol = {
      name: h.text || '(empty heading)',
      kind: entry ? (entry.kind === 'id' ? SymbolKind.Key : SymbolKind.Event) : SymbolKind.String,
      // The section, without the line break before the next heading.
      range: rangeIn(doc, h, h.start, Math.max(h.end, end - 1 - startOf(doc, h, 0))),
      selectionRange: rangeIn(doc, h, h.textStart, h.textEnd),
      children: [],
    };
    if (facts) symbol.detail = `${facts.severity ?? 'severity unknown'}, ${facts.status}`;
    while (stack.length > 0 && stack[stack.length - 1].depth >= h.depth) stack.pop();
    if (stack.length > 0) stack[stack.length - 1].symbol.children!.push(symbol);
    else roots.push(symbol);
    stack.push({ depth: h.depth, symbol });
  });
  return roots;
}

