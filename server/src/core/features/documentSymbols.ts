/** The outline: every heading, nested by level; issue entries carry their severity and status. */
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { SymbolKind } from 'vscode-languageserver-protocol';
import { rangeOf } from '../positions';
import type { FeatureContext } from './context';

export function provideDocumentSymbols(ctx: FeatureContext, uri: string): DocumentSymbol[] {
  const doc = ctx.index.get(uri);
  if (!doc) return [];
  const entries = new Map(doc.entries.map((e) => [e.heading.start, e]));
  const issues = new Map<number, { severity?: string; status: string }>();
  if (doc.entries.length > 0) {
    for (const issue of ctx.index.scopeIssues(uri)) {
      for (const e of issue.entries) {
        if (e.uri !== uri) continue;
        issues.set(e.entry.heading.start, { severity: issue.severity, status: issue.statusField?.field.value ?? (issue.status === 'open' ? 'Open' : issue.status) });
      }
    }
  }
  const roots: DocumentSymbol[] = [];
  const stack: { depth: number; symbol: DocumentSymbol }[] = [];
  doc.headings.forEach((h, i) => {
    // A section runs to the next heading of the same or a higher level.
    let end = doc.length;
    for (let j = i + 1; j < doc.headings.length; j++) {
      if (doc.headings[j].depth <= h.depth) {
        end = doc.headings[j].start;
        break;
      }
    }
    const entry = entries.get(h.start);
    const facts = issues.get(h.start);
    const symbol: DocumentSymbol = {
      name: h.text || '(empty heading)',
      kind: entry ? (entry.kind === 'id' ? SymbolKind.Key : SymbolKind.Event) : SymbolKind.String,
      // The section, without the line break before the next heading.
      range: rangeOf(doc.lineStarts, h.start, Math.max(h.end, end - 1)),
      selectionRange: rangeOf(doc.lineStarts, h.textStart, h.textEnd),
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

