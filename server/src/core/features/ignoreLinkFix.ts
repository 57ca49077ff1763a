/**
 * The quick fix "Ignore links to …" on broken-link and broken-anchor: a WorkspaceEdit that adds a glob
 * to `ignoreLinks` in the `.issue-log.json` of the document's workspace folder (created when there is
 * none and the client takes CreateFile operations, as unknown-status's fix does: configWordFix.ts).
 * The glob is the target's path relative to its workspace folder (with `#fragment` for a broken
 * anchor), glob characters escaped, so that it matches this target from any document
 * (ignoredLinks.ts); for a target outside every folder, the destination as written.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { CodeActionKind } from 'vscode-languageserver-protocol';
import { addListItemEdits, CONFIG_FILE_NAME } from '../configFile';
import { rangeIn, type DocumentFacts } from '../documentFacts';
import type { LinkFact } from '../model';
import type { FeatureContext } from './context';
import { configWorkspaceEdit } from './configWordFix';

/** picomatch's special characters, escaped with a backslash (the glob then matches the path as is). */
export function globEscape(path: string): string {
  return path.replace(/[\\*?[\]{}()!+@|]/g, '\\$&');
}

export function ignoreLinkActions(ctx: FeatureContext, uri: string, d: Diagnostic): CodeAction[] {
  if (d.code !== 'broken-link' && d.code !== 'broken-anchor') return [];
  const doc = ctx.index.get(uri);
  const folder = ctx.index.folderOf(uri);
  if (!doc || !folder) return [];
  const link = linkAt(doc, d);
  const glob = link && ignoreGlob(ctx, uri, link, d.code === 'broken-anchor');
  if (!glob) return [];
  const configUri = `${folder.replace(/\/+$/, '')}/${CONFIG_FILE_NAME}`;
  const text = ctx.getText(configUri);
  if (text === undefined && !ctx.createFiles) return [];
  const edits = addListItemEdits(text, ['ignoreLinks'], glob, (s) => s.ignoreLinks);
  if (!edits || edits.length === 0) return [];
  return [{ title: `Ignore links to ${glob} (${CONFIG_FILE_NAME})`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: false, edit: configWorkspaceEdit(configUri, text, edits) }];
}

/** The link a diagnostic is reported at (its range is the link's). */
function linkAt(doc: DocumentFacts, d: Diagnostic): LinkFact | undefined {
  const same = (a: Diagnostic['range']['start'], b: Diagnostic['range']['start']) => a.line === b.line && a.character === b.character;
  return doc.links.find((l) => {
    if (l.kind === 'autolink') return false;
    const r = rangeIn(doc, l);
    return same(r.start, d.range.start) && same(r.end, d.range.end);
  });
}

function ignoreGlob(ctx: FeatureContext, uri: string, link: LinkFact, anchor: boolean): string | undefined {
  const r = ctx.index.resolve(uri, link);
  if (r.kind !== 'internal') return undefined;
  const rel = r.path === '' ? ctx.index.relativeToFolder(uri) : ctx.index.relativeToFolder(r.target);
  const fragment = anchor && r.fragment !== undefined ? `#${r.fragment}` : '';
  if (rel !== undefined) return globEscape(rel + fragment);
  const written = link.url.trim();
  const hash = written.indexOf('#');
  const path = hash >= 0 ? written.slice(0, hash) : written;
  return path === '' ? undefined : globEscape(path + fragment);
}
