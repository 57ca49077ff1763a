/**
 * Extension-host tests: they run inside a real VS Code (or code-server) with this extension installed
 * and a workspace folder open, and use the real `vscode` API. Run through `index.ts`.
 *
 * The workspace should be `test/extension/workspace` (the seed master log as
 * `06-Master/MASTER-ISSUE-LOG.md`, no phase files), for which the format contract lists the expected
 * diagnostics exactly; those exact checks run only when no phase files are present. Any workspace with
 * a MASTER-ISSUE-LOG.md gets the generic checks. Every wait polls for readiness; nothing sleeps blindly.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IssueLogApi, OpenIssuesGroupSnapshot } from '../../client/src/api';
import { RULE_CODES } from '../../server/src/core/config';
import { waitFor } from './waitFor';

const EXTENSION_ID = 'issue-log.issue-log';
const SEVERITY_ORDER = ['Critical', 'High', 'Medium', 'Low', 'Unknown'];

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

describe('Issue Log extension', function () {
  let api: IssueLogApi;
  let masterUri: vscode.Uri;
  let document: vscode.TextDocument;
  /** True when the workspace is the seed alone (no phase files), so the contract's exact list applies. */
  let seedOnly = false;

  before(async function () {
    const extension = vscode.extensions.getExtension<IssueLogApi>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
    api = await extension.activate();
    const masters = await vscode.workspace.findFiles('**/MASTER-ISSUE-LOG.md', '**/node_modules/**', 1);
    assert.equal(masters.length, 1, 'the workspace has no MASTER-ISSUE-LOG.md; open test/extension/workspace');
    masterUri = masters[0];
    const phaseFiles = await vscode.workspace.findFiles('**/issues-and-solutions.md', '**/node_modules/**', 1);
    seedOnly = phaseFiles.length === 0;
    document = await vscode.workspace.openTextDocument(masterUri);
    await vscode.window.showTextDocument(document);
  });

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('activation', function () {
    it('is active and returns its API', async function () {
      const extension = vscode.extensions.getExtension<IssueLogApi>(EXTENSION_ID);
      assert.ok(extension?.isActive, 'extension is not active');
      assert.equal(typeof api.openIssuesTree, 'function');
      await api.ready;
    });

    it('registers its commands', async function () {
      const commands = await vscode.commands.getCommands(true);
      for (const id of ['issueLog.newIssue', 'issueLog.refresh', 'issueLog.showOutput', 'issueLog.openReference', 'issueLog.groupByPhase', 'issueLog.createLog']) {
        assert.ok(commands.includes(id), `command ${id} is not registered`);
      }
    });
  });

  describe('diagnostics', function () {
    it('reports problems of the master log with the rule codes', async function () {
      const diagnostics = await waitFor(
        'diagnostics on the master log',
        () => vscode.languages.getDiagnostics(masterUri),
        (ds) => ds.length > 0,
      );
      for (const d of diagnostics) assert.ok((RULE_CODES as readonly string[]).includes(codeOf(d) ?? ''), `unexpected code ${codeOf(d)}: ${d.message}`);
    });

    it('reports what the format contract expects for the seed', async function () {
      if (!seedOnly) this.skip();
      const diagnostics = await waitFor(
        'the seed diagnostics',
        () => vscode.languages.getDiagnostics(masterUri),
        (ds) => ['broken-link', 'undefined-issue', 'stale-stat', 'stale-average', 'sla-breach', 'placeholder'].every((code) => ds.some((d) => codeOf(d) === code)),
      );
      const textOf = (d: vscode.Diagnostic) => document.getText(d.range);
      const lineOf = (d: vscode.Diagnostic) => document.lineAt(d.range.start.line).text;

      const undefinedIds = diagnostics.filter((d) => codeOf(d) === 'undefined-issue').map(textOf).sort();
      assert.deepEqual(undefinedIds, ['HIGH-003', 'LOW-002', 'MED-004', 'MED-007']);

      const staleLabels = diagnostics
        .filter((d) => codeOf(d) === 'stale-stat')
        .map((d) => /\*\*([^*]+)\*\*/.exec(lineOf(d))?.[1])
        .sort();
      assert.deepEqual(staleLabels, ['Critical', 'High', 'Medium', 'Open', 'Resolved', 'Total Issues']);

      const average = diagnostics.filter((d) => codeOf(d) === 'stale-average');
      assert.equal(average.length, 1);
      assert.match(lineOf(average[0]), /^\| Critical \|/);

      const breaches = diagnostics.filter((d) => codeOf(d) === 'sla-breach');
      assert.equal(breaches.length, 1);
      assert.match(lineOf(breaches[0]), /Time to Resolution\*\*: 8 hours/);

      assert.equal(diagnostics.filter((d) => codeOf(d) === 'placeholder').length, 5);
      const brokenLinkLines = new Set(diagnostics.filter((d) => codeOf(d) === 'broken-link').map((d) => d.range.start.line));
      assert.equal(brokenLinkLines.size, 7 + 6, 'one broken-link line per Reference and per quick-reference link');
    });

    it('issueLog.trace.server traces the messages to the Issue Log Trace channel, and off stops it', async function () {
      const config = vscode.workspace.getConfiguration('issueLog');
      const hover = () => vscode.commands.executeCommand('vscode.executeHoverProvider', masterUri, new vscode.Position(0, 2));
      await config.update('trace.server', 'messages', vscode.ConfigurationTarget.Global);
      try {
        const before = api.traceLinesWritten();
        await waitFor('trace lines for a hover', async () => (await hover(), api.traceLinesWritten()), (n) => n > before);
      } finally {
        await config.update('trace.server', undefined, vscode.ConfigurationTarget.Global);
      }
      const off = api.traceLinesWritten();
      await hover();
      assert.equal(api.traceLinesWritten(), off);
    });

    it('applies a settings change without a reload', async function () {
      const config = vscode.workspace.getConfiguration('issueLog');
      const previous = config.inspect<Record<string, string>>('rules')?.globalValue;
      await config.update('rules', { ...(previous ?? {}), 'stale-stat': 'off' }, vscode.ConfigurationTarget.Global);
      try {
        await waitFor(
          'stale-stat to go away after turning it off',
          () => vscode.languages.getDiagnostics(masterUri),
          (ds) => ds.length > 0 && !ds.some((d) => codeOf(d) === 'stale-stat'),
        );
      } finally {
        await config.update('rules', previous, vscode.ConfigurationTarget.Global);
      }
      await waitFor(
        'stale-stat to come back',
        () => vscode.languages.getDiagnostics(masterUri),
        (ds) => ds.some((d) => codeOf(d) === 'stale-stat'),
      );
    });
  });

  describe('Open Issues tree', function () {
    async function treeWhenFilled(): Promise<OpenIssuesGroupSnapshot[]> {
      return waitFor(
        'the Open Issues tree to have groups',
        () => api.openIssuesTree(),
        (groups) => groups.length > 0 && api.lastOpenIssues()?.indexing !== true,
      );
    }

    it('groups open issues by severity, in order, with counts', async function () {
      await vscode.commands.executeCommand('issueLog.groupBySeverity');
      assert.equal(api.groupBy(), 'severity');
      const groups = await treeWhenFilled();
      let previousRank = -1;
      for (const group of groups) {
        const m = /^(Critical|High|Medium|Low|Unknown) \((\d+)\)$/.exec(group.label);
        assert.ok(m, `group label ${group.label}`);
        assert.equal(Number(m[2]), group.items.length, `count in ${group.label}`);
        const rank = SEVERITY_ORDER.indexOf(m[1]);
        assert.ok(rank > previousRank, `group ${group.label} out of order`);
        previousRank = rank;
        // Icons of their own, not the problem icons, coloured by our contributed colours.
        const icon = { Critical: 'flame', High: 'arrow-up', Medium: 'dash', Low: 'arrow-down', Unknown: 'question' }[m[1]];
        const color = m[1] === 'Unknown' ? undefined : `issueLog.severity.${m[1].toLowerCase()}`;
        assert.deepEqual([group.icon, group.color], [icon, color], `icon of ${group.label}`);
        for (const item of group.items) {
          assert.deepEqual([item.icon, item.color], [icon, color], `icon of ${item.label}`);
          // Every row says where it is (a phase or a file).
          assert.ok(item.description, `description of ${item.label}`);
        }
      }
      if (seedOnly) {
        assert.deepEqual(
          groups.map((g) => ({ label: g.label, items: g.items.map((i) => [i.label, i.description]) })),
          [
            { label: 'High (1)', items: [['OPEN-002 Slow Aggregation Queries', 'Database Team · Week 1 · Database Optimization']] },
            { label: 'Medium (1)', items: [['OPEN-001 Images Not Loading on Slow Networks', 'Frontend Team · Week 2 · Frontend Optimization']] },
          ],
        );
        const [item] = groups[0].items;
        assert.equal(item.uri, masterUri.toString());
        assert.match(document.lineAt(item.line).text, /^### OPEN-002: /);
      }
    });

    it('regroups by phase and by assignee, and back', async function () {
      try {
        await vscode.commands.executeCommand('issueLog.groupByPhase');
        assert.equal(api.groupBy(), 'phase');
        const byPhase = await treeWhenFilled();
        if (seedOnly) assert.deepEqual(byPhase.map((g) => g.label), ['Database Optimization (1)', 'Frontend Optimization (1)']);
        await vscode.commands.executeCommand('issueLog.groupByAssignee');
        const byAssignee = await treeWhenFilled();
        if (seedOnly) assert.deepEqual(byAssignee.map((g) => g.label), ['Database Team (1)', 'Frontend Team (1)']);
      } finally {
        await vscode.commands.executeCommand('issueLog.groupBySeverity');
      }
    });
  });

  describe('Open Issues tree, regrouping', function () {
    it('regroups several times, each with a refresh on its heels, and the extension host logs no tree error', async function () {
      // The extension host's own log (exthost.log; remoteexthost.log in code-server) is next to ours.
      const logDir = path.dirname(vscode.Uri.parse(api.logUri).fsPath);
      const hostLogs = ['exthost.log', 'remoteexthost.log'].map((name) => path.join(logDir, name));
      const read = () => hostLogs.map((f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '')).join('\n');
      assert.ok(hostLogs.some((f) => fs.existsSync(f)), `no extension host log in ${logDir}`);
      const before = read().length;
      await vscode.commands.executeCommand('issueLog.openIssues.focus');
      try {
        // Meant to regroup while the view still reads the tree before. On code-server 1.139.1 it also passes
        // with rootsChanged firing at once (checked 2026-12-02, with nine other timings and UI clicks): the
        // extension host refreshes a visible tree only after the view has read the last one, so it guards
        // against the error without proving the fix.
        for (let round = 0; round < 4; round++) {
          for (const command of ['issueLog.groupByPhase', 'issueLog.groupByAssignee', 'issueLog.groupBySeverity']) {
            const reads = api.openIssuesRootReads();
            await vscode.commands.executeCommand(command);
            await waitFor('the Open Issues view to read the regrouped tree', () => api.openIssuesRootReads(), (n) => n > reads, 10_000);
          }
          await vscode.commands.executeCommand('issueLog.refresh');
        }
        await waitFor('the Open Issues view to have read its tree', () => api.openIssuesViewSettled(), (settled) => settled, 10_000);
      } finally {
        await vscode.commands.executeCommand('issueLog.groupBySeverity');
      }
      const logged = read()
        .slice(before)
        .split(/\r?\n/)
        .filter((line) => /No tree item with id|issueLog\.openIssues/.test(line));
      assert.deepEqual(logged, []);
    });
  });

  describe('completion', function () {
    it('offers defined issue IDs where one is being typed', async function () {
      const text = document.getText();
      const at = text.indexOf('CRIT-001, HIGH-003');
      assert.ok(at >= 0, 'the master log has no "Connection Issues: CRIT-001, HIGH-003" line');
      const position = document.positionAt(at + 'CRIT-'.length);
      const list = await waitFor(
        'completion items with CRIT-001',
        () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', masterUri, position),
        (l) => (l?.items ?? []).some((item) => labelOf(item) === 'CRIT-001'),
      );
      assert.ok(list.items.some((item) => labelOf(item) === 'CRIT-001'));
    });
  });

  describe('snippets', function () {
    it('offers one `crit` entry template, from the server, with the next free ID', async function () {
      const scratch = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Scratch\n\ncri' });
      try {
        const isCrit = (item: vscode.CompletionItem) => labelOf(item) === 'crit';
        const list = await waitFor(
          'the crit entry template',
          () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', scratch.uri, new vscode.Position(2, 3)),
          (l) => (l?.items ?? []).some(isCrit),
          10_000,
        );
        // The server's only: no static snippet next to it.
        const crits = list.items.filter(isCrit);
        assert.equal(crits.length, 1, crits.map((i) => String(i.detail)).join(', '));
        const crit = crits[0];
        const body = crit.insertText instanceof vscode.SnippetString ? crit.insertText.value : String(crit.insertText ?? '');
        const id = /^### (CRIT-\d+): \$\{1:Title\}/.exec(body)?.[1];
        assert.ok(id, body);
        const master = (await vscode.workspace.openTextDocument(masterUri)).getText();
        assert.ok(!master.includes(`### ${id}:`), `${id} is taken`);
        assert.ok(!body.includes('[TBD]'), body);
      } finally {
        await vscode.window.showTextDocument(scratch);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    });
  });

  describe('a new entry in one edit', function () {
    it('accepting `crit` in a log whose statistics are right adds no problem', async function () {
      this.timeout(60_000);
      const lines = [
        '# Issue Log', '', '## Issue Summary Statistics', '- **Total Issues**: 2', '- **Resolved**: 1', '- **Open**: 1', '- **Critical**: 1', '- **High**: 1', '',
        '## Critical Issues Register', '', '### CRIT-101: Pool', '- **Date**: 2026-11-01', '- **Status**: Open', '', 'crit', '',
        '## High Priority Issues', '', '### HIGH-101: Search', '- **Date**: 2026-11-02', '- **Status**: Resolved', '- **Resolution**: Index',
        // A problem below the new entry: its line moving says the diagnostics of the edited text are in.
        '- **Assigned**: [TBD]', '',
      ];
      const scratch = await vscode.workspace.openTextDocument({ language: 'markdown', content: lines.join('\n') });
      const editor = await vscode.window.showTextDocument(scratch);
      try {
        const marker = lines.indexOf('- **Assigned**: [TBD]');
        const shown = (line: number) => (ds: readonly vscode.Diagnostic[]) => ds.some((d) => d.range.start.line === line);
        const before = await waitFor('the marker diagnostic', () => vscode.languages.getDiagnostics(scratch.uri), shown(marker));
        const wordLine = lines.indexOf('crit');
        const list = await waitFor(
          'the crit entry template',
          () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', scratch.uri, new vscode.Position(wordLine, 4)),
          (l) => (l?.items ?? []).some((item) => labelOf(item) === 'crit'),
          10_000,
        );
        const crit = list.items.find((item) => labelOf(item) === 'crit')!;
        const body = crit.insertText instanceof vscode.SnippetString ? crit.insertText.value : String(crit.insertText);
        // As the user who tabs through: each stop keeps its default, each choice its first.
        const today = new Date().toISOString().slice(0, 10);
        const expanded = body
          .replace(/\$CURRENT_YEAR-\$CURRENT_MONTH-\$CURRENT_DATE/g, today)
          .replace(/\$\{\d+:([^}]*)\}/g, '$1')
          .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
          .replace(/\$0/g, '')
          .replace(/\\([\\$}])/g, '$1');
        const range = crit.range instanceof vscode.Range ? crit.range : crit.range!.replacing;
        const ok = await editor.edit((b) => {
          b.replace(range, expanded);
          for (const e of crit.additionalTextEdits ?? []) b.replace(e.range, e.newText);
        });
        assert.ok(ok);
        const added = expanded.split('\n').length - 1;
        const after = await waitFor('the diagnostics of the edited log', () => vscode.languages.getDiagnostics(scratch.uri), shown(marker + added));
        assert.match(scratch.getText(), /- \*\*Total Issues\*\*: 3\n- \*\*Resolved\*\*: 1\n- \*\*Open\*\*: 2\n- \*\*Critical\*\*: 2\n/);
        assert.deepEqual(after.map(codeOf).sort(), before.map(codeOf).sort());
      } finally {
        await vscode.window.showTextDocument(scratch);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    });
  });

  describe('commands', function () {
    it('Create Issue Log opens an unsaved template, writing no file', async function () {
      const before = await vscode.workspace.findFiles('**/*.md');
      await vscode.commands.executeCommand('issueLog.createLog');
      const editor = await waitFor('an untitled editor', () => vscode.window.activeTextEditor, (e) => e?.document.isUntitled === true);
      assert.ok(editor);
      assert.equal(editor.document.languageId, 'markdown');
      assert.match(editor.document.getText(), /^# Master Issue Log\n/);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      const after = await vscode.workspace.findFiles('**/*.md');
      assert.equal(after.length, before.length);
    });
  });
});
