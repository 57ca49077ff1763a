/** Test helpers: an in-memory workspace for the core, with inline fixtures. */
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { resolveOptions, type IssueLogSettings } from '../../server/src/core/config';
import { readDocument } from '../../server/src/core/document';
import { computeDiagnostics, ruleOptions } from '../../server/src/core/rules';
import { WorkspaceIndex, type PathKind, type WorkspaceHost } from '../../server/src/core/workspace';

export const joinLines = (...lines: string[]) => lines.join('\n') + '\n';

export const ROOT = '/ws';
export const uriOf = (rel: string) => URI.file(`${ROOT}/${rel}`).toString();

/** A host that knows the given files (and their folders), plus extra non-Markdown paths. */
export class InMemoryHost implements WorkspaceHost {
  private paths = new Map<string, PathKind>();
  constructor(files: string[]) {
    for (const f of files) this.add(f);
  }
  add(rel: string): void {
    this.paths.set(uriOf(rel), 'file');
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) this.paths.set(uriOf(parts.slice(0, i).join('/')), 'dir');
  }
  stat(uri: string): PathKind | undefined {
    return this.paths.get(uri) ?? (uri === URI.file(ROOT).toString() ? 'dir' : undefined);
  }
}

export interface TestWorkspace {
  index: WorkspaceIndex;
  diagnostics(rel: string, today?: string): Diagnostic[];
  /** `code@line` strings (1-based lines), sorted, for compact assertions. */
  codes(rel: string, today?: string): string[];
}

/** Builds an index over `files` (relative path → Markdown); `extra` are other existing paths. */
export function workspace(files: Record<string, string>, settings: IssueLogSettings = {}, extra: string[] = []): TestWorkspace {
  const options = resolveOptions(settings);
  const host = new InMemoryHost([...Object.keys(files), ...extra]);
  const index = new WorkspaceIndex(options, [URI.file(ROOT).toString()], host);
  for (const [rel, text] of Object.entries(files)) index.set(readDocument(uriOf(rel), text, options));
  const diagnostics = (rel: string, today = '2025-08-02') => computeDiagnostics(index, uriOf(rel), ruleOptions(index.options, today));
  return {
    index,
    diagnostics,
    codes: (rel, today) => diagnostics(rel, today).map((d) => `${d.code}@${d.range.start.line + 1}`),
  };
}
