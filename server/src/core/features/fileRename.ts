/**
 * Links follow moves (`workspace/willRenameFiles`): one edit that keeps every link working after
 * files and folders are renamed. Two kinds of link change: a link whose target is a moved file (or
 * lies inside a moved folder), and a link inside a moved document, whose own folder changes. Each is
 * written again relative to its document after the move, keeping the fragment and query as written
 * and the way the path was written (linkWriting.ts). The edit is applied before the move, so it
 * names each document at its old place.
 */
import type { OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { readDocument, startOf, type DocumentFacts } from '../document';
import type { LinkFact } from '../model';
import { resolvePath, type WorkspaceHost } from '../links';
import { styleOf, writePath } from '../linkWriting';
import { rangeOf } from '../positions';
import type { FeatureContext } from './context';

export interface FileMove {
  readonly oldUri: string;
  readonly newUri: string;
}

export interface FileRenameOptions {
  /** The version of an open document (the edit then applies only to that version); null for a closed one. */
  versionOf?(uri: string): number | null;
  /** Answer with `documentChanges` (versioned) rather than `changes`. */
  documentChanges?: boolean;
}

const NO_HOST: WorkspaceHost = { stat: () => undefined };

/** A URI as the index spells it, without a trailing slash (a folder's URI may come with one). */
export function normalizeUri(uri: string): string {
  return URI.parse(uri).toString().replace(/\/+$/, '');
}

/**
 * Where a URI is after the moves, applied in order (a later move may move what an earlier one
 * moved: `a → b`, then `b → c`); undefined when no move touches it.
 */
export function mover(moves: readonly FileMove[]): (uri: string) => string | undefined {
  const list = moves.map((m) => ({ from: normalizeUri(m.oldUri), to: normalizeUri(m.newUri) })).filter((m) => m.from !== m.to);
  return (uri) => {
    let cur = uri;
    for (const m of list) if (cur === m.from || cur.startsWith(m.from + '/')) cur = m.to + cur.slice(m.from.length);
    return cur === uri ? undefined : cur;
  };
}

/** The written destination of a link: where its path part is, and whether it sits in `<…>`. */
function writtenDestination(text: string, doc: DocumentFacts, link: LinkFact): { start: number; pathEnd: number; path: string; angle: boolean } | undefined {
  if (link.urlStart === undefined || link.urlEnd === undefined) return undefined;
  const start = startOf(doc, link, link.urlStart);
  let end = startOf(doc, link, link.urlEnd);
  const angle = text.charAt(start - 1) === '<';
  if (angle) {
    // `<a b.md>`: the destination runs to the unescaped `>` (spaces included).
    const limit = startOf(doc, link, link.end);
    end = start;
    while (end < limit && text.charAt(end) !== '>' && text.charAt(end) !== '\n') end += text.charAt(end) === '\\' ? 2 : 1;
  }
  const written = text.slice(start, end);
  const cut = written.search(/[?#]/);
  const path = cut < 0 ? written : written.slice(0, cut);
  return { start, pathEnd: start + path.length, path, angle };
}

/** The facts of `doc` that match `text` (an open document's index entry may lag its text: read it again). */
function factsFor(ctx: FeatureContext, doc: DocumentFacts, text: string): DocumentFacts {
  return text.length === doc.length ? doc : readDocument(doc.uri, text, ctx.index.options);
}

/** The edits in one document: links to moved targets, and (when it moves) its links elsewhere. */
function editsIn(ctx: FeatureContext, doc: DocumentFacts, text: string, move: (uri: string) => string | undefined): TextEdit[] {
  const folders = ctx.index.folders;
  const newDoc = move(doc.uri) ?? doc.uri;
  const edits: TextEdit[] = [];
  for (const link of doc.links) {
    if (link.kind === 'autolink') continue;
    const r = ctx.index.resolve(doc.uri, link);
    if (r.kind !== 'internal' || r.path === '') continue;
    const newTarget = move(r.target) ?? r.target;
    if (newTarget === r.target && newDoc === doc.uri) continue;
    const dest = writtenDestination(text, doc, link);
    if (!dest || dest.path === '') continue;
    // What is written must name what the link names (an escape or an entity in the path: left alone).
    if (resolvePath(folders, () => false, NO_HOST, doc.uri, dest.path).target !== r.target) continue;
    // Still right from the new place (a link within a moved folder, a path from the root).
    if (resolvePath(folders, () => false, NO_HOST, newDoc, dest.path).target === newTarget) continue;
    const newText = writePath(folders, newDoc, newTarget, styleOf(dest.path, dest.angle));
    if (newText === dest.path) continue;
    edits.push({ range: rangeOf(doc.lineStarts, dest.start, dest.pathEnd), newText });
  }
  return edits;
}

/** Does `doc` need looking at: it moves, or one of its links points at something that moves? */
function concerned(ctx: FeatureContext, doc: DocumentFacts, move: (uri: string) => string | undefined): boolean {
  if (move(doc.uri) !== undefined) return true;
  for (const link of doc.links) {
    if (link.kind === 'autolink') continue;
    const r = ctx.index.resolve(doc.uri, link);
    if (r.kind === 'internal' && r.path !== '' && move(r.target) !== undefined) return true;
  }
  return false;
}

/**
 * The edit that keeps every link of the indexed documents working after `moves`; null when nothing
 * changes. Documents whose text cannot be read are left out.
 */
export function provideFileRenameEdit(ctx: FeatureContext, moves: readonly FileMove[], options: FileRenameOptions = {}): WorkspaceEdit | null {
  const move = mover(moves);
  const byDoc: { uri: string; edits: TextEdit[] }[] = [];
  for (const indexed of ctx.index.documents) {
    if (!concerned(ctx, indexed, move)) continue;
    const text = ctx.getText(indexed.uri);
    if (text === undefined) continue;
    const doc = factsFor(ctx, indexed, text);
    const edits = editsIn(ctx, doc, text, move);
    if (edits.length > 0) byDoc.push({ uri: indexed.uri, edits });
  }
  if (byDoc.length === 0) return null;
  if (!options.documentChanges) return { changes: Object.fromEntries(byDoc.map((d) => [d.uri, d.edits])) };
  const documentChanges: TextDocumentEdit[] = byDoc.map((d) => {
    const textDocument: OptionalVersionedTextDocumentIdentifier = { uri: d.uri, version: options.versionOf?.(d.uri) ?? null };
    return { textDocument, edits: d.edits };
  });
  return { documentChanges };
}

/** The number of link edits and of documents in an edit (for the client's question, and tests). */
export function countEdits(edit: WorkspaceEdit | null): { links: number; files: number } {
  if (!edit) return { links: 0, files: 0 };
  const lists = edit.documentChanges ? edit.documentChanges.flatMap((c) => ('edits' in c ? [c.edits] : [])) : Object.values(edit.changes ?? {});
  return { links: lists.reduce((n, l) => n + l.length, 0), files: lists.filter((l) => l.length > 0).length };
}

/**
 * Could `text` hold a link to one of the moved paths? A link from elsewhere names the moved file's
 * or folder's own name, as it is or percent-encoded (a cheap test for files not parsed yet; case
 * ignored). Files inside a moved folder need their links read whatever this says.
 */
export function mayLinkTo(moves: readonly FileMove[]): (text: string) => boolean {
  const names = new Set<string>();
  for (const m of moves) {
    const name = URI.parse(normalizeUri(m.oldUri)).path.split('/').pop() ?? '';
    if (name === '') continue;
    for (const form of [name, encodeURIComponent(name), encodeURI(name), name.replace(/ /g, '%20')]) names.add(form.toLowerCase());
  }
  const list = [...names];
  return (text) => {
    const lower = text.toLowerCase();
    return list.some((n) => lower.includes(n));
  };
}

/**
 * What the server asks to hear about (`workspace.fileOperations.willRename`): every file and folder
 * on disk, Markdown or not (logs link to images and folders).
 */
export const FILE_OPERATION_FILTERS: { scheme: string; pattern: { glob: string; matches: 'file' | 'folder' } }[] = [
  { scheme: 'file', pattern: { glob: '**/*', matches: 'file' } },
  { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' } },
];
