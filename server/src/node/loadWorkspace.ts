/**
 * Builds a workspace index from folders on disk: walk, read defensively, parse, index.
 * Shared by the CLI and the language server's background indexing.
 */
import { URI } from 'vscode-uri';
import type { IssueLogOptions } from '../core/config';
import { readDocument } from '../core/document';
import { WorkspaceIndex } from '../core/workspace';
import { NodeWorkspaceHost, readMarkdownFile, walkMarkdown, type HostProblem } from './nodeHost';
import { positionAt } from '../core/positions';

export interface LoadOptions {
  /** Called for every file that is skipped or read with a warning, and for parse problems. */
  onProblem?: (p: HostProblem) => void;
  /** Called after each file (for progress). */
  onProgress?: (done: number, total: number) => void;
}

export interface LoadedWorkspace {
  index: WorkspaceIndex;
  host: NodeWorkspaceHost;
  files: string[];
}

export function loadWorkspace(folders: string[], options: IssueLogOptions, load: LoadOptions = {}): LoadedWorkspace {
  const host = new NodeWorkspaceHost();
  const index = new WorkspaceIndex(options, folders.map((f) => URI.file(f).toString()), host);
  const files: string[] = [];
  for (const folder of folders) files.push(...walkMarkdown(folder, { exclude: options.exclude, onProblem: load.onProblem }));
  files.forEach((file, i) => {
    indexFile(index, file, options, load.onProblem);
    load.onProgress?.(i + 1, files.length);
  });
  return { index, host, files };
}

/** Reads and indexes one file; returns false when it was skipped. */
export function indexFile(index: WorkspaceIndex, file: string, options: IssueLogOptions, onProblem?: (p: HostProblem) => void): boolean {
  const read = readMarkdownFile(file, options.maxFileSize);
  if (!read.ok) {
    onProblem?.({ path: file, message: read.reason });
    return false;
  }
  if (read.warning) onProblem?.({ path: file, message: read.warning });
  const uri = URI.file(file).toString();
  const doc = readDocument(uri, read.text, options);
  for (const p of doc.problems) {
    const pos = positionAt(doc.lineStarts, p.offset);
    onProblem?.({ path: file, message: `line ${pos.line + 1}: ${p.message}` });
  }
  index.set(doc);
  return true;
}
