/**
 * unknown-status's quick fixes (contract v2: "a quick fix adds the word to `.issue-log.json`"): two
 * actions, the word added to the open words or to the resolved words of the workspace root's file,
 * as a WorkspaceEdit the user accepts. With no file yet, the edit creates it, when the client takes
 * CreateFile operations; otherwise (or when the file is too broken to edit safely) nothing is offered.
 */
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { CodeActionKind } from 'vscode-languageserver-protocol';
import { addStatusWordEdits, CONFIG_FILE_NAME, lineStartsOf, type ConfigEdit } from '../configFile';
import { rangeIn } from '../documentFacts';
import type { FieldFact } from '../model';
import type { DiagnosticData } from '../rules';
import type { FeatureContext } from './context';

export function addStatusWordActions(ctx: FeatureContext, uri: string, d: Diagnostic): CodeAction[] {
  const word = statusWord(ctx, uri, d);
  const folder = ctx.index.folderOf(uri);
  if (!word || !folder) return [];
  const configUri = `${folder.replace(/\/+$/, '')}/${CONFIG_FILE_NAME}`;
  const text = ctx.getText(configUri);
  if (text === undefined && !ctx.createFiles) return [];
  const out: CodeAction[] = [];
  for (const statusClass of ['open', 'resolved'] as const) {
    const edits = addStatusWordEdits(text, statusClass, word);
    if (!edits || edits.length === 0) continue;
    out.push({
      title: `Add '${word}' to the ${statusClass} words of ${CONFIG_FILE_NAME}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: configWorkspaceEdit(configUri, text, edits),
    });
  }
  return out;
}

/** The edits of `.issue-log.json` as a WorkspaceEdit: the file created first when there is none (`text` undefined). */
export function configWorkspaceEdit(configUri: string, text: string | undefined, edits: readonly ConfigEdit[]): WorkspaceEdit {
  const starts = lineStartsOf(text ?? '');
  const position = (offset: number) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    return { line, character: offset - starts[line] };
  };
  const textEdits: TextEdit[] = edits.map((e) => ({ range: { start: position(e.offset), end: position(e.offset + e.length) }, newText: e.content }));
  if (text !== undefined) return { changes: { [configUri]: textEdits } };
  return {
    documentChanges: [
      { kind: 'create', uri: configUri, options: { ignoreIfExists: true } },
      { textDocument: { uri: configUri, version: null }, edits: textEdits },
    ],
  };
}

/** The word to add: the diagnostic's `data.word` (the vocabulary's reading), else the Status field's value without leading symbols. */
function statusWord(ctx: FeatureContext, uri: string, d: Diagnostic): string | undefined {
  const data = (d.data ?? {}) as DiagnosticData & { word?: string };
  if (typeof data.word === 'string' && data.word.trim() !== '') return data.word.trim();
  const doc = ctx.index.get(uri);
  if (!doc) return undefined;
  let field: FieldFact | undefined;
  for (const e of doc.entries) {
    field = e.fields.find((f) => {
      if (f.name.trim().toLowerCase() !== 'status') return false;
      const r = rangeIn(doc, f);
      return r.start.line === d.range.start.line && r.start.character === d.range.start.character;
    });
    if (field) break;
  }
  const word = field?.value.replace(/^[^\p{L}\p{N}]+/u, '').trim();
  return word || undefined;
}
