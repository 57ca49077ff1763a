/**
 * Extension-host test of the outline: VS Code's own Markdown support gives the outline and the
 * breadcrumbs of a log, and Issue Log adds no second symbol tree (the client turns the server's
 * document symbols off: initializationOptions.documentSymbols, languageClient.ts). Every provider's
 * symbols together must be the headings' own, once each.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { IssueLogApi } from '../../client/src/api';

/** The ATX headings of `text` outside fenced code: their line numbers. */
function headingLines(text: string): number[] {
  const lines: number[] = [];
  let fence: string | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (!fence) fence = f[1][0];
      else if (f[1][0] === fence) fence = undefined;
      return;
    }
    if (!fence && /^ {0,3}#{1,6}(\s|$)/.test(line)) lines.push(i);
  });
  return lines;
}

/** Symbols of every level, depth first. */
function flatten(symbols: readonly (vscode.DocumentSymbol | vscode.SymbolInformation)[]): { name: string; line: number }[] {
  return symbols.flatMap((s) => ('children' in s ? [{ name: s.name, line: s.range.start.line }, ...flatten(s.children)] : [{ name: s.name, line: s.location.range.start.line }]));
}

describe('Issue Log extension: one outline', function () {
  this.timeout(120_000);

  it('a log\'s document symbols are its headings, once each (no second tree from the language server)', async function () {
    const api = await vscode.extensions.getExtension<IssueLogApi>('issue-log.issue-log')!.activate();
    await api.ready;
    const [masterUri] = await vscode.workspace.findFiles('**/MASTER-ISSUE-LOG.md', '**/node_modules/**', 1);
    assert.ok(masterUri, 'the workspace has no MASTER-ISSUE-LOG.md');
    const document = await vscode.workspace.openTextDocument(masterUri);
    await vscode.window.showTextDocument(document);
    const headings = headingLines(document.getText());
    assert.ok(headings.length > 10, `the log has headings (${headings.length})`);

    // The Markdown provider may answer before its extension has read the file: ask until it has symbols.
    const deadline = Date.now() + 60_000;
    let symbols: { name: string; line: number }[] = [];
    for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
      const answer = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>('vscode.executeDocumentSymbolProvider', masterUri);
      symbols = flatten(answer ?? []);
      if (symbols.length >= headings.length || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    const lines = symbols.map((s) => s.line);
    // One symbol per heading, on the heading's line, in the document's order: one tree, nothing doubled.
    assert.deepEqual(lines, headings, `symbols ${JSON.stringify(symbols.slice(0, 20))}`);
    assert.equal(new Set(symbols.map((s) => `${s.line}:${s.name}`)).size, symbols.length, 'no symbol twice');
  });
});
