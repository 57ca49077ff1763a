/**
 * Runs the core over a workspace of texts as the server would: the index, every document's
 * diagnostics, and every language feature at given positions; asserts that each range it hands
 * out is inside its document, and returns the results (for the same-output checks).
 */
import type { Position } from 'vscode-languageserver-protocol';
import { provideCodeActions, fixAll } from '../../server/src/core/features/codeActions';
import { provideCompletion, resolveCompletion } from '../../server/src/core/features/completion';
import type { FeatureContext } from '../../server/src/core/features/context';
import { provideDefinition } from '../../server/src/core/features/definition';
import { provideDocumentLinks } from '../../server/src/core/features/documentLinks';
import { provideDocumentSymbols } from '../../server/src/core/features/documentSymbols';
import { provideHover } from '../../server/src/core/features/hover';
import { logSummary } from '../../server/src/core/features/logSummary';
import { provideReferences } from '../../server/src/core/features/references';
import { prepareRename, provideRename, RenameError } from '../../server/src/core/features/rename';
import { provideWorkspaceSymbols } from '../../server/src/core/features/workspaceSymbols';
import { uriOf, workspace } from '../unit/helpers';
import type { Files } from './corpora';
import { assertRangesInside, lineLengths } from './invariants';

export const TODAY = '2026-11-28';

/** A position asked for: in a file (modulo the number of files), at a line and character (modulo the document's, unless `outside`). */
export interface Probe {
  file: number;
  line: number;
  character: number;
  /** Out of the document (a confused client): the line or the character past the end. */
  outside: boolean;
  newName: string;
}

/** Markdown files first, in the order given; `.issue-log.json` is read as settings by the CLI, not here. */
export const markdownOf = (files: Files): [string, string][] => Object.entries(files).filter(([rel]) => rel.endsWith('.md'));

/** The index and every document's diagnostics (ranges checked), in `order`. */
export function diagnosticsOf(files: Files, order: readonly string[]): { ctx: FeatureContext; texts: Map<string, string>; diagnostics: Record<string, unknown> } {
  const ordered = Object.fromEntries(order.map((rel) => [rel, files[rel]]));
  const ws = workspace(ordered, { scope: 'linked' });
  const texts = new Map(Object.entries(files).map(([rel, text]) => [uriOf(rel), text]));
  const ctx: FeatureContext = { index: ws.index, getText: (uri) => texts.get(uri) };
  const diagnostics: Record<string, unknown> = {};
  for (const rel of [...order].sort()) {
    const ds = ws.diagnostics(rel, TODAY);
    assertRangesInside(ds, uriOf(rel), texts, `diagnostics of ${rel}`);
    diagnostics[rel] = ds;
  }
  return { ctx, texts, diagnostics };
}

function positionOf(text: string, p: Probe): Position {
  const lengths = lineLengths(text);
  const line = p.outside && p.line % 2 === 0 ? lengths.length + (p.line % 3) : p.line % lengths.length;
  const len = lengths[Math.min(line, lengths.length - 1)];
  const character = p.outside && p.line % 2 === 1 ? len + 1 + (p.character % 5) : p.character % (len + 1);
  return { line, character };
}

/** Every feature at every probe, and the document-wide ones for each file; ranges checked. */
export async function exerciseFeatures(ctx: FeatureContext, texts: ReadonlyMap<string, string>, rels: readonly string[], probes: readonly Probe[]): Promise<unknown[]> {
  const out: unknown[] = [];
  // `unordered`: a list whose order says nothing (references, workspace symbols: the client sorts
  // them), compared as a set.
  const check = (result: unknown, uri: string, what: string, unordered = false) => {
    assertRangesInside(result, uri, texts, what);
    out.push(unordered && Array.isArray(result) ? result.map((x) => JSON.stringify(x)).sort() : result);
  };
  for (const rel of rels) {
    const uri = uriOf(rel);
    check(provideDocumentSymbols(ctx, uri), uri, `symbols of ${rel}`);
    check(provideDocumentLinks(ctx, uri), uri, `links of ${rel}`);
    check(fixAll(ctx, uri, TODAY) ?? null, uri, `fix all of ${rel}`);
    check(logSummary(ctx.index, uri, 0), uri, `summary of ${rel}`);
  }
  for (const p of probes) {
    const rel = rels[p.file % rels.length];
    const uri = uriOf(rel);
    const position = positionOf(texts.get(uri)!, p);
    const at = `${rel} ${position.line}:${position.character}`;
    check(provideHover(ctx, uri, position), uri, `hover at ${at}`);
    check(provideDefinition(ctx, uri, position), uri, `definition at ${at}`);
    const completion = provideCompletion(ctx, uri, position);
    check(completion, uri, `completion at ${at}`);
    if (completion.items.length > 0) check(resolveCompletion(ctx, completion.items[p.character % completion.items.length]), uri, `resolved completion at ${at}`);
    check(await provideReferences(ctx, uri, position, p.line % 2 === 0), uri, `references at ${at}`, true);
    check(prepareRename(ctx, uri, position), uri, `prepare rename at ${at}`);
    try {
      check(await provideRename(ctx, uri, position, p.newName), uri, `rename to ${p.newName} at ${at}`);
    } catch (err) {
      // A refused rename (the new ID is not one, or is taken) is an answer, not a crash.
      if (!(err instanceof RenameError)) throw err;
      out.push(`RenameError`);
    }
    const range = { start: position, end: position };
    check(provideCodeActions(ctx, uri, range, { diagnostics: [] }, TODAY), uri, `code actions at ${at}`);
    check(await provideWorkspaceSymbols(ctx, p.newName.slice(0, p.character % 4)), uri, `workspace symbols for ${p.newName}`, true);
  }
  return out;
}

/** The quick fixes of each diagnostic of each file (ranges checked). */
export function exerciseCodeActions(ctx: FeatureContext, texts: ReadonlyMap<string, string>, diagnostics: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  for (const [rel, ds] of Object.entries(diagnostics) as [string, Parameters<typeof provideCodeActions>[3]['diagnostics']][]) {
    const uri = uriOf(rel);
    for (const d of ds) {
      const actions = provideCodeActions(ctx, uri, d.range, { diagnostics: [d] }, TODAY);
      assertRangesInside(actions, uri, texts, `quick fixes of ${String(d.code)} in ${rel}`);
      out.push(actions);
    }
  }
  return out;
}
