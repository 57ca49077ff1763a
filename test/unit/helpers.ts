/** Test helpers: an index of the core over an in-memory workspace, with inline fixtures. */
import { URI } from 'vscode-uri';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { resolveOptions, type IssueLogOptions, type IssueLogSettings } from '../../server/src/core/config';
import { readDocument } from '../../server/src/core/document';
import { computeDiagnostics, ruleOptions } from '../../server/src/core/rules';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { InMemoryWorkspace } from '../lsp/inMemoryWorkspace';
import { textAt } from '../lsp/text';

export const joinLines = (...lines: string[]) => lines.join('\n') + '\n';

export const ROOT = '/ws';
export const uriOf = (rel: string) => URI.file(`${ROOT}/${rel}`).toString();

export interface IndexedWorkspace {
  index: WorkspaceIndex;
  diagnostics(rel: string, today?: string): Diagnostic[];
  /** `code@line` strings (1-based lines), sorted, for compact assertions. */
  codes(rel: string, today?: string): string[];
  /** The text of `rel` that a range (of a diagnostic, say) covers. */
  textAt(rel: string, range: Range): string;
}

/** The diagnostics of `uri` judged on `today`: the one call of the rules in the tests' helpers. */
export const diagnosticsOf = (index: WorkspaceIndex, uri: string, today: string): Diagnostic[] => computeDiagnostics(index, uri, ruleOptions(index.options, today));

/** The index of every Markdown file of `ws`, read as the server reads them. */
export function indexOf(ws: InMemoryWorkspace, options: IssueLogOptions): WorkspaceIndex {
  const index = new WorkspaceIndex(options, [ws.folderUri], ws.host());
  for (const file of ws.walk(ws.root, options.exclude)) index.set(readDocument(URI.file(file).toString(), ws.read(file.slice(ws.root.length + 1)), options));
  return index;
}

/** Builds an index over `files` (relative path → Markdown) under ROOT; `extra` are other existing paths. */
export function workspace(files: Record<string, string>, settings: IssueLogSettings = {}, extra: string[] = []): IndexedWorkspace {
  const options = resolveOptions(settings);
  const ws = new InMemoryWorkspace({ ...Object.fromEntries(extra.map((rel) => [rel, ''])), ...files }, ROOT);
  const index = new WorkspaceIndex(options, [ws.folderUri], ws.host());
  for (const [rel, text] of Object.entries(files)) index.set(readDocument(uriOf(rel), text, options));
  const diagnostics = (rel: string, today = '2025-08-02') => diagnosticsOf(index, uriOf(rel), today);
  return {
    index,
    diagnostics,
    codes: (rel, today) => diagnostics(rel, today).map((d) => `${d.code}@${d.range.start.line + 1}`),
    textAt: (rel, range) => textAt(files[rel], range),
  };
}
