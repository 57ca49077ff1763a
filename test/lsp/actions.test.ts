/**
 * The features that write, of the real server run in process over an in-memory workspace
 * (inProcess.ts), on the seed log laid out as `06-Master/MASTER-ISSUE-LOG.md` with small phase files:
 * quick fixes and *Fix all*, and the custom requests of the extension (issueLog/openIssues, newIssue,
 * logSummary).
 */
import * as assert from 'node:assert/strict';
import { CodeActionRequest, type CodeAction } from 'vscode-languageserver-protocol/node';
import { issueLogTemplate } from '../../client/src/openIssuesModel';
import { localToday } from '../../server/src/core/durations';
import { LogSummaryRequest, NewIssueRequest, OpenIssuesRequest } from '../../server/src/protocol';
import type { InMemoryWorkspace } from './inMemoryWorkspace';
import { startOnFeatureWorkspace, type InProcessClient } from './inProcess';
import { INFRA, MASTER } from './seed';
import { applyEdits, rangeOf } from './text';

describe('LSP code actions and custom requests (in process, seed workspace)', function () {
  let ws: InMemoryWorkspace;
  let client: InProcessClient;
  let master: string;
  let masterText: string;
  let infra: string;

  before(async () => {
    ({ ws, client } = await startOnFeatureWorkspace());
    master = ws.uri(MASTER);
    masterText = ws.read(MASTER);
    infra = ws.uri(INFRA);
  });

  after(async () => {
    await client?.stop();
    ws?.dispose();
  });

  describe('code actions', () => {
    const actionsFor = async (uri: string, code: string) => {
      const diagnostics = (client.diagnostics(uri) ?? []).filter((d) => d.code === code);
      assert.ok(diagnostics.length > 0, `a ${code} diagnostic`);
      const r = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]] } })) as CodeAction[];
      return r.filter((a) => a.kind === 'quickfix');
    };

    it('writes the count for a stale statistic', async () => {
      const [a] = await actionsFor(master, 'stale-stat');
      const after = applyEdits(masterText, a.edit!.changes![master]);
      assert.match(after, /- \*\*Total Issues\*\*: 7$/m);
    });

    it('writes the mean for a stale average', async () => {
      const [a] = await actionsFor(master, 'stale-average');
      assert.match(applyEdits(masterText, a.edit!.changes![master]), /\| Critical \| 4\.7 hours \| < 4 hours \|/);
    });

    it('sets Last Updated to today for an overdue review', async () => {
      const [a] = await actionsFor(master, 'review-overdue');
      assert.match(applyEdits(masterText, a.edit!.changes![master]), new RegExp(`\\*Last Updated: ${localToday()}\\*`));
    });

    it('replaces a misspelt fragment with the closest heading', async () => {
      const [a] = await actionsFor(infra, 'broken-anchor');
      const infraText = ws.read('05-Infrastructure-Scaling/issues-and-solutions.md');
      assert.deepEqual(a.edit!.changes![infra], [{ range: rangeOf(infraText, '../06-Master/MASTER-ISSUE-LOG.md#issue-summary-statistic'), newText: '../06-Master/MASTER-ISSUE-LOG.md#issue-summary-statistics' }]);
      assert.match(applyEdits(ws.read('05-Infrastructure-Scaling/issues-and-solutions.md'), a.edit!.changes![infra]), /MASTER-ISSUE-LOG\.md#issue-summary-statistics\)/);
    });

    it('adds an entry stub for an undefined ID under its register', async () => {
      const diagnostic = client.diagnostics(master)!.find((d) => d.code === 'undefined-issue' && (d.data as { id: string }).id === 'HIGH-003')!;
      const r = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: master }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
      const a = r.find((x) => x.kind === 'quickfix')!;
      const after = applyEdits(masterText, a.edit!.changes![master]);
      const lines = after.split('\n');
      const at = lines.indexOf('### HIGH-003: [TBD]');
      assert.equal(at, 60);
      assert.equal(lines[at + 2], `- **Date**: ${localToday()}`);
      assert.ok(lines.slice(at, at + 10).includes('- **Status**: Open'));
      assert.equal(lines[lines.indexOf('## Open Issues Tracker') - 1], '');
      assert.ok(lines.indexOf('## Open Issues Tracker') > at);
    });

    it('fixes all stale numbers of a document at once', async () => {
      const r = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: master },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.issueLog'] },
      })) as CodeAction[];
      assert.deepEqual(r.map((a) => a.kind), ['source.fixAll.issueLog']);
      assert.equal(r[0].edit!.changes![master].length, 7);
      const after = applyEdits(masterText, r[0].edit!.changes![master]);
      for (const line of ['- **Total Issues**: 7', '- **Resolved**: 5', '- **Open**: 2', '- **Critical**: 3', '- **High**: 3', '- **Medium**: 1', '| Critical | 4.7 hours | < 4 hours |']) {
        assert.ok(after.includes(line), line);
      }
    });
  });

  describe('custom requests', () => {
    it('issueLog/openIssues lists the open issues', async () => {
      const r = await client.connection.sendRequest(OpenIssuesRequest, {});
      assert.equal(r.indexing, false);
      assert.equal(r.logCount, 3);
      assert.deepEqual(r.issues.map((i) => [i.id, i.severity, i.assignee]), [
        ['OPEN-002', 'High', 'Database Team'],
        ['OPEN-001', 'Medium', 'Frontend Team'],
      ]);
      assert.equal(r.issues[0].uri, master);
      assert.equal(r.issues[0].range.start.line, 70);
      const none = await client.connection.sendRequest(OpenIssuesRequest, { folders: ['file:///nowhere'] });
      assert.deepEqual(none.issues, []);
    });

    it('issueLog/newIssue computes the next ID and the edit under the register', async () => {
      const r = await client.connection.sendRequest(NewIssueRequest, { uri: master, severity: 'High', title: 'Cache stampede', today: '2026-11-28' });
      assert.ok(r);
      assert.equal(r.id, 'HIGH-004');
      const after = applyEdits(masterText, r.edit.changes![master]);
      const lines = after.split('\n');
      assert.equal(lines[r.position.line], '### HIGH-004: Cache stampede');
      assert.equal(lines[r.position.line + 2], '- **Date**: 2026-11-28');
      assert.ok(lines.indexOf('## High Priority Issues') < r.position.line && r.position.line < lines.indexOf('## Open Issues Tracker'));
      const crit = await client.connection.sendRequest(NewIssueRequest, { uri: master, severity: 'Critical', title: 'Disk full', today: '2026-11-28' });
      assert.equal(crit!.id, 'CRIT-004');
      const critLines = applyEdits(masterText, crit!.edit.changes![master]).split('\n');
      assert.equal(critLines[crit!.position.line], '### CRIT-004: Disk full');
      const high = critLines.indexOf('## High Priority Issues');
      assert.ok(high > crit!.position.line && critLines[high - 1] === '' && critLines[high - 2] === '- **Reference**: [TBD]');
      assert.ok(critLines.indexOf('### CRIT-003: Session Persistence Breaking') < crit!.position.line);
      // MED-004 and MED-007 are mentioned, so taken.
      const med = await client.connection.sendRequest(NewIssueRequest, { uri: master, severity: 'Medium', title: 'Slow search', today: '2026-11-28' });
      assert.equal(med!.id, 'MED-008');
    });

    it('issueLog/newIssue gives the entry also as a snippet: the plain entry with tab stops for its [TBD] values', async () => {
      const r = await client.connection.sendRequest(NewIssueRequest, { uri: master, severity: 'High', title: 'Cache $tampede', today: '2026-11-28' });
      const entry = r!.edit.changes![master][0].newText;
      assert.ok(r!.snippet, 'a snippet');
      assert.ok(!r!.snippet.includes('[TBD]'), r!.snippet);
      assert.ok(r!.snippet.includes('### HIGH-004: Cache \\$tampede\n- **Phase**: ${1:Phase}\n- **Date**: 2026-11-28\n- **Status**: Open\n'), r!.snippet);
      assert.equal(r!.snippet.replace(/\$\{\d+:[^}]*\}/g, '[TBD]').replace(/\$0/, '').replace(/\\([\\$}])/g, '$1'), entry);
    });

    it('issueLog/newIssue fills the empty register of a new (untitled) log', async () => {
      const uri = 'untitled:Untitled-1';
      const text = issueLogTemplate('2026-11-28');
      await client.open(uri, text);
      try {
        const r = await client.connection.sendRequest(NewIssueRequest, { uri, severity: 'Low', title: 'Typo in footer', today: '2026-11-28' });
        // LOW-002 is mentioned in the seed master, so the next free Low ID is LOW-003.
        assert.equal(r!.id, 'LOW-003');
        const lines = applyEdits(text, r!.edit.changes![uri]).split('\n');
        const register = lines.indexOf('## Low Priority Issues');
        assert.deepEqual(lines.slice(register, register + 3), ['## Low Priority Issues', '', '### LOW-003: Typo in footer']);
        assert.equal(r!.position.line, register + 2);
        assert.equal(lines[lines.indexOf('## Open Issues Tracker') - 1], '');
      } finally {
        await client.close(uri);
      }
    });

    it('issueLog/logSummary gives the open and problem counts of a log', async () => {
      const r = await client.connection.sendRequest(LogSummaryRequest, { uri: master });
      assert.deepEqual(r, { isLog: true, openCount: 2, problemCount: client.diagnostics(master)!.length, counted: 'scope' });
      const readme = await client.connection.sendRequest(LogSummaryRequest, { uri: ws.uri('README.md') });
      assert.equal(readme.isLog, false);
    });
  });
});
