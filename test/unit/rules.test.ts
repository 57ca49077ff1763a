import { strict as assert } from 'node:assert';
import { readDocument } from '../../server/src/core/document';
import { computeDiagnostics, ruleOptions } from '../../server/src/core/rules';
import type { Range } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { resolveOptions } from '../../server/src/core/config';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { InMemoryWorkspace } from '../lsp/inMemoryWorkspace';
import { joinLines, ROOT, uriOf, workspace } from './helpers';

/** A phase file with numbered entries. */
const phase = joinLines(
  '# Backend: Issues and Solutions',
  '',
  '## Issue 1',
  '- **Title**: Connection Pool Exhaustion',
  '- **Severity**: Critical',
  '- **Status**: Resolved',
  '- **Time to Resolution**: 3 hours',
  '',
  '## Issue 2',
  '- **Title**: Memory Leak',
  '- **Severity**: High',
  '- **Status**: In Progress',
);

function master(...body: string[]) {
  return joinLines('# Master Issue Log', '', ...body);
}

describe('rules', () => {
  describe('broken-link', () => {
    it('fires for a missing file and not for an existing one', () => {
      const ws = workspace({
        'log/MASTER.md': master('### CRIT-001: A', '- **Status**: Resolved', '', 'See [gone](../nope/file.md) and [ok](../phase/issues.md).'),
        'phase/issues.md': phase,
      });
      const d = ws.diagnostics('log/MASTER.md').filter((x) => x.code === 'broken-link');
      assert.equal(d.length, 1);
      assert.equal(ws.textAt('log/MASTER.md', d[0].range), '[gone](../nope/file.md)');
      assert.equal(d[0].range.start.line, 5);
      assert.equal(d[0].range.start.character, 4);
    });
    it('resolves root-relative links against the workspace folder, folders, and %-encoded names', () => {
      const ws = workspace(
        {
          'log/MASTER.md': master(
            '### CRIT-001: A',
            '- **Status**: Resolved',
            '',
            '[root](/README.md) [folder](../phase/) [spaces](../phase/Runbook%20Notes.md#cache) [img](../img/a.png)',
            '[missing root](/nothing.md)',
          ),
          'README.md': '# Readme\n',
          'phase/Runbook Notes.md': '# Runbook\n\n## Cache\n',
        },
        {},
        ['img/a.png'],
      );
      assert.deepEqual(ws.codes('log/MASTER.md'), ['broken-link@7']);
    });
    it('reports a reference-style link at its definition, and ignores links in code and external links', () => {
      const ws = workspace({
        'MASTER.md': master(
          '### CRIT-001: A',
          '- **Status**: Resolved',
          '',
          'Uses [the doc][doc] twice: [again][doc].',
          '',
          '`[x](missing-inline.md)` and <https://example.com/x.md> and [mail](mailto:a@b.c)',
          '',
          '```md',
          '[y](missing-fenced.md)',
          '```',
          '',
          '[doc]: ./missing.md',
        ),
      });
      assert.deepEqual(ws.codes('MASTER.md'), ['broken-link@14']);
    });
    it('says so when the percent-encoding is invalid (%zz), without crashing', () => {
      const ws = workspace({ 'MASTER.md': master('### CRIT-001: A', '- **Status**: Resolved', '', '[bad](./a%zz.md)') });
      const d = ws.diagnostics('MASTER.md');
      assert.equal(d.length, 1);
      assert.equal(d[0].code, 'broken-link');
      assert.equal(ws.textAt('MASTER.md', d[0].range), '[bad](./a%zz.md)');
    });
    it('treats file paths case-sensitively', () => {
      const ws = workspace({ 'MASTER.md': master('### CRIT-001: A', '- **Status**: Resolved', '', '[x](./phase.md)'), 'Phase.md': phase });
      assert.deepEqual(ws.codes('MASTER.md'), ['broken-link@6']);
    });
    it('does not judge the relative links of an unsaved (untitled) document', () => {
      const ws = workspace({});
      const text = master('### CRIT-001: A', '- **Status**: Resolved', '', '[x](./gone.md) [y](#nowhere)');
      ws.index.set(readDocument('untitled:Untitled-1', text, ws.index.options));
      assert.deepEqual(computeDiagnostics(ws.index, 'untitled:Untitled-1', ruleOptions(ws.index.options, '2025-08-02')), []);
    });
    it('reports nothing for documents that are not issue logs', () => {
      const ws = workspace({ 'README.md': '# Readme\n\n[gone](./nope.md) CRIT-999\n' });
      assert.deepEqual(ws.codes('README.md'), []);
    });
  });

  describe('broken-anchor', () => {
    const files = (link: string) => ({
      'log/MASTER.md': master('### CRIT-001: A', '- **Status**: Resolved', `- **Reference**: [x](${link})`, '', '## Notes {#custom}', '<a name="legacy-notes"></a>'),
      'phase/issues.md': phase,
    });
    it('fires for a missing heading in another file, with a suggestion', () => {
      const ws = workspace(files('../phase/issues.md#isue-2'));
      const d = ws.diagnostics('log/MASTER.md');
      assert.deepEqual(d.map((x) => x.code), ['broken-anchor']);
      const data = d[0].data as { suggestion: string; urlRange: Range };
      assert.equal(data.suggestion, 'issue-2');
      assert.equal(ws.textAt('log/MASTER.md', data.urlRange), '../phase/issues.md#isue-2');
    });
    it('suggests no heading of another number: #issue-9 is not a misspelt #issue-2', () => {
      const d = workspace(files('../phase/issues.md#issue-9')).diagnostics('log/MASTER.md');
      assert.deepEqual(d.map((x) => [x.code, x.data]), [['broken-anchor', undefined]]);
    });
    it('suggests the heading of the same entry first when the fragment leaves out its title (contract v2)', () => {
      const titled = joinLines('# Phase', '', '## Issues', '', '### Issue #1: Pool Exhaustion', '- **Status**: Resolved', '', '### Issue #10: Slow Queries', '- **Status**: Open');
      const ws = workspace({ 'log/MASTER.md': master('### CRIT-001: A', '- **Status**: Resolved', '- **Reference**: [x](../phase/titled.md#issue-1)'), 'phase/titled.md': titled });
      const d = ws.diagnostics('log/MASTER.md').filter((x) => x.code === 'broken-anchor');
      assert.deepEqual(d.map((x) => (x.data as { suggestion?: string }).suggestion), ['issue-1-pool-exhaustion']);
    });
    it('matches headings of the target, ignoring case by default, exactly when configured', () => {
      // (Issue 1, as CRIT-001 says, Critical and resolved: Issue 2 would be a status-conflict.)
      assert.deepEqual(workspace(files('../phase/issues.md#issue-1')).codes('log/MASTER.md'), []);
      assert.deepEqual(workspace(files('../phase/issues.md#Issue-1')).codes('log/MASTER.md'), []);
      assert.deepEqual(workspace(files('../phase/issues.md#Issue-1'), { caseSensitiveAnchors: true }).codes('log/MASTER.md'), ['broken-anchor@5']);
    });
    it('matches HTML ids and names, and same-file fragments', () => {
      assert.deepEqual(workspace(files('#legacy-notes')).codes('log/MASTER.md'), []);
      assert.deepEqual(workspace(files('#crit-001-a')).codes('log/MASTER.md'), []);
      assert.deepEqual(workspace(files('#nothing-here')).codes('log/MASTER.md'), ['broken-anchor@5']);
    });
    it('does not judge anchors of files it does not read', () => {
      const ws = workspace(
        { 'MASTER.md': master('### CRIT-001: A', '- **Status**: Resolved', '', '[code](./src/a.ts#L10) [dir](./src/#x)') },
        {},
        ['src/a.ts'],
      );
      assert.deepEqual(ws.codes('MASTER.md'), []);
    });
  });

  describe('GitHub slugs', () => {
    const anchors = (text: string) => [...workspace({ 'a.md': text }).index.get('file:///ws/a.md')!.headings.map((h) => h.slug)];
    it('numbers repeats, drops punctuation, keeps inline code text and lower-cases', () => {
      assert.deepEqual(
        anchors(joinLines('# Root Cause', '# Root Cause', '# Root Cause', '## N+1 Query (Dashboard)', "## Can't Reach Node.js", '## The `pool_size` Setting', '## Symptoms & Impact', '## UPPER case')),
        ['root-cause', 'root-cause-1', 'root-cause-2', 'n1-query-dashboard', 'cant-reach-nodejs', 'the-pool_size-setting', 'symptoms--impact', 'upper-case'],
      );
    });
    it('handles emoji and non-ASCII letters as GitHub does', () => {
      assert.deepEqual(anchors(joinLines('# 🚀 Launch', '# Café Überblick')), ['-launch', 'café-überblick']);
    });
  });

  describe('undefined-issue', () => {
    it('fires for IDs nobody defines, not in code, URLs or autolinks', () => {
      const ws = workspace({
        'MASTER.md': master(
          '### CRIT-001: Defined',
          '- **Status**: Resolved',
          '',
          'Related: CRIT-001, HIGH-404 and LOW-1234.',
          '`CRIT-777` <https://tracker.example.com/CRIT-778> [link](https://x.example.com/CRIT-779) https://y.example.com/CRIT-780',
          '',
          '```',
          'CRIT-781',
          '```',
          'Not an ID: XCRIT-001, CRIT-0012a, Crit-01.',
        ),
      });
      const d = ws.diagnostics('MASTER.md');
      assert.deepEqual(d.map((x) => `${x.code}:${(x.data as { id: string }).id}`), ['undefined-issue:HIGH-404', 'undefined-issue:LOW-1234']);
      assert.equal(d[0].range.start.character, 19);
    });
    it('accepts IDs defined in another file of the workspace and honours configured prefixes', () => {
      const ws = workspace(
        {
          'a.md': joinLines('### BUG-0001: Thing', '- **Status**: Open', '', 'See CRIT-001.'),
          'b.md': joinLines('### CRIT-001: Other', '- **Status**: Open', '', 'See BUG-0001 and BUG-0002.'),
        },
        { prefixes: { BUG: 'High', CRIT: 'Critical' } },
      );
      assert.deepEqual(ws.codes('a.md'), []);
      assert.deepEqual(ws.codes('b.md'), ['undefined-issue@4']);
    });
  });

  describe('duplicate-issue', () => {
    it('reports every heading of an ID defined twice', () => {
      const ws = workspace({
        'a.md': joinLines('### CRIT-001: One', '- **Status**: Open', '', '### CRIT-001: One again', '- **Status**: Open'),
        'b.md': joinLines('### CRIT-001: Elsewhere', '- **Status**: Open', '', '### CRIT-002: Unique', '- **Status**: Open'),
      });
      assert.deepEqual(ws.codes('a.md'), ['duplicate-issue@1', 'duplicate-issue@4']);
      const b = ws.diagnostics('b.md');
      assert.deepEqual(b.map((x) => x.code), ['duplicate-issue']);
      assert.equal((b[0].data as { id: string }).id, 'CRIT-001');
      assert.deepEqual(b[0].relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [[uriOf('a.md'), 0], [uriOf('a.md'), 3]]);
    });
  });

  describe('stale-stat', () => {
    const log = (total: number, extra: string[] = []) =>
      master(
        '## Issue Summary Statistics',
        `- **Total Issues**: ${total}`,
        '- **Resolved**: 1',
        '- **Open**: 1',
        '- **Critical**: 1',
        '- **High**: 1',
        '',
        '## Critical Issues Register',
        '',
        '### CRIT-001: Pool',
        '- **Status**: Resolved',
        '- **Reference**: [x](./phase.md#issue-1)',
        '',
        '## Open Issues Tracker',
        '',
        '### OPEN-001: Leak',
        '- **Severity**: High',
        '- **Reference**: [x](./phase.md#issue-2)',
        ...extra,
      );
    it('counts the scope: own entries plus linked documents, one issue once', () => {
      const ws = workspace({ 'MASTER.md': log(2), 'phase.md': phase });
      assert.deepEqual(ws.codes('MASTER.md'), []);
    });
    it('fires with the written and the computed value, and a fix', () => {
      const ws = workspace({ 'MASTER.md': log(5), 'phase.md': phase });
      const d = ws.diagnostics('MASTER.md');
      assert.deepEqual(d.map((x) => x.code), ['stale-stat']);
      const data = d[0].data as { written: number; computed: number; fix: { newText: string; range: Range } };
      assert.deepEqual([d[0].range.start.line, data.written, data.computed], [3, 5, 2]);
      const fix = data.fix;
      assert.equal(fix.newText, '2');
      assert.deepEqual(fix.range.start, { line: 3, character: 20 });
    });
    it('counts an entry of a linked file that no ID entry references, with scope linked', () => {
      // Contract v2: only `"scope": "linked"` takes in every entry of a linked document (the default,
      // `references`, leaves Issue 3 out: scope.test.ts).
      const ws = workspace(
        {
          'MASTER.md': log(2, ['', 'See [the phase](./phase.md).']),
          'phase.md': phase + joinLines('', '## Issue 3', '- **Severity**: Low', '- **Status**: Blocked'),
        },
        { scope: 'linked' },
      );
      assert.deepEqual(
        ws.diagnostics('MASTER.md').map((x) => [x.code, ws.textAt('MASTER.md', x.range), (x.data as { computed: number }).computed]),
        [
          ['stale-stat', '- **Total Issues**: 2', 3],
          ['stale-stat', '- **Open**: 1', 2],
        ],
      );
    });
    it('does not count issues of unknown status as resolved or open', () => {
      const ws = workspace({
        'MASTER.md': master('## Statistics', '- **Total**: 1', '- **Resolved**: 0', '- **Open**: 0', '', '### LOW-001: X', '- **Status**: Escalated'),
      });
      assert.deepEqual(ws.codes('MASTER.md'), ['unknown-status@9']);
    });
  });

  describe('stale-average and sla-breach', () => {
    const log = (avg: string, ttr2 = '5 hours') =>
      master(
        '### CRIT-001: A',
        '- **Status**: Resolved',
        '- **Time to Resolution**: 3 hours',
        '',
        '### CRIT-002: B',
        '- **Status**: Resolved',
        `- **Time to Resolution**: ${ttr2}`,
        '',
        '### CRIT-003: C (open, not averaged)',
        '- **Status**: Open',
        '- **Time to Resolution**: 100 hours',
        '',
        '## Resolution Time Analysis',
        '',
        '| Severity | Avg Resolution Time | Target SLA |',
        '|----------|-------------------|------------|',
        `| Critical | ${avg} | < 6 hours |`,
        '| High | 12 hours | < 24 hours |',
      );
    it('compares at the written precision and unit', () => {
      for (const avg of ['4 hours', '4.0 hours', '240 minutes', '0.2 days']) assert.deepEqual(workspace({ 'M.md': log(avg) }).codes('M.md'), [], avg);
      assert.deepEqual(workspace({ 'M.md': log('4.5 hours') }).codes('M.md'), ['stale-average@19']);
    });
    it('states the mean exactly, beside the value at the written precision (contract v2)', () => {
      // 3 and 6 hours: the mean is 4.5 hours, which "4 hours" (no decimals) writes as 5 hours.
      const d = workspace({ 'M.md': log('4 hours', '6 hours') }).diagnostics('M.md').filter((x) => x.code === 'stale-average');
      assert.deepEqual(d.map((x) => [(x.data as { computed: string }).computed, (x.data as { mean: string }).mean]), [['5 hours', '4.5 hours']]);
      // 3 hours and 320 minutes: 250 minutes, which no larger unit states exactly.
      const e = workspace({ 'M.md': log('5 hours', '320 minutes') }).diagnostics('M.md').filter((x) => x.code === 'stale-average');
      assert.deepEqual(e.map((x) => (x.data as { mean: string }).mean), ['250 minutes']);
    });
    it('fires with both values and a fix that keeps the unit and precision', () => {
      const d = workspace({ 'M.md': log('4.5 hours', '5 hours') }).diagnostics('M.md').filter((x) => x.code === 'stale-average');
      assert.equal(d.length, 1);
      const data = d[0].data as { written: string; computed: string; fix: { newText: string } };
      assert.deepEqual([data.written, data.computed, data.fix.newText], ['4.5 hours', '4.0 hours', '4.0']);
    });
    it("reports a resolved issue's Time to Resolution over the severity SLA at the field, not at equality", () => {
      const ws = workspace({ 'M.md': log('5 hours', '7 hours') });
      const sla = ws.diagnostics('M.md').filter((x) => x.code === 'sla-breach');
      assert.equal(sla.length, 1);
      assert.equal(sla[0].range.start.line, 8);
      // 7 hours against < 6 hours, in minutes.
      assert.deepEqual(sla[0].data, { written: 420, computed: 360 });
      assert.deepEqual(workspace({ 'M.md': log('4.5 hours', '6 hours') }).codes('M.md').filter((c) => c.startsWith('sla')), []);
    });
    it("leaves an open issue's Time to Resolution alone: it is an estimate (contract v2)", () => {
      // CRIT-003 is open with 100 hours against < 6 hours.
      assert.deepEqual(workspace({ 'M.md': log('4 hours') }).codes('M.md').filter((c) => c.startsWith('sla')), []);
    });
  });

  describe('unknown-status and placeholder', () => {
    it('accepts open-like and resolved-like values in any case, with decoration', () => {
      const statuses = ['Open', 'in progress', 'Investigating', 'BLOCKED', 'Monitoring', 'Reopened', 'resolved', 'Closed', 'Fixed (v2)', 'Done', "Won't Fix", 'Won’t Fix', 'Duplicate', '✅ Resolved'];
      const body = statuses.flatMap((s, i) => [`### LOW-${String(i + 1).padStart(3, '0')}: X`, `- **Status**: ${s}`, '']);
      assert.deepEqual(workspace({ 'M.md': master(...body) }).codes('M.md'), []);
    });
    it('fires on other values; a free-text Current Status is not judged', () => {
      const ws = workspace({ 'M.md': master('### LOW-001: X', '- **Status**: On Hold', '- **Current Status**: waiting on vendor') });
      const d = ws.diagnostics('M.md');
      assert.deepEqual(d.map((x) => x.code), ['unknown-status']);
      assert.equal(ws.textAt('M.md', d[0].range), '- **Status**: On Hold');
    });
    it('flags [TBD], TBD, TODO and ? in any field, case-insensitively', () => {
      const ws = workspace({ 'M.md': master('### LOW-001: X', '- **Date**: [TBD]', '- **Assigned**: tbd', '- **Target Resolution**: TODO', '- **Phase**: ?', '- **Impact**: TBD later') });
      assert.deepEqual(ws.codes('M.md'), ['placeholder@4', 'placeholder@5', 'placeholder@6', 'placeholder@7']);
    });
    it('flags YYYY-MM-DD and dates with XX parts (contract v2), not real dates', () => {
      const ws = workspace({ 'M.md': master('### LOW-001: X', '- **Date**: YYYY-MM-DD', '- **Target Resolution**: 2026-XX-XX', '- **Closed**: 2026-03-xx', '- **Phase**: 2026-03-01', '- **Impact**: XX') });
      assert.deepEqual(ws.codes('M.md'), ['placeholder@4', 'placeholder@5', 'placeholder@6']);
    });
  });

  describe('review-overdue', () => {
    const log = (last: string, cadence: string) => master('### LOW-001: X', '- **Status**: Open', '', '---', `*Last Updated: ${last}*`, `*Next Review: ${cadence}*`);
    it('fires past the cadence, not before, with a fix that writes today', () => {
      assert.deepEqual(workspace({ 'M.md': log('2025-08-01', 'Weekly on Mondays') }).codes('M.md', '2025-08-08'), []);
      const d = workspace({ 'M.md': log('2025-08-01', 'Weekly on Mondays') }).diagnostics('M.md', '2025-08-09');
      assert.deepEqual(d.map((x) => x.code), ['review-overdue']);
      const fix = (d[0].data as { fix: { newText: string; range: { start: { character: number }; end: { character: number } } } }).fix;
      assert.equal(fix.newText, '2025-08-09');
      assert.deepEqual([fix.range.start.character, fix.range.end.character], [15, 25]);
    });
    it('knows daily, monthly and quarterly', () => {
      assert.deepEqual(workspace({ 'M.md': log('2025-08-01', 'Daily') }).codes('M.md', '2025-08-03'), ['review-overdue@7']);
      assert.deepEqual(workspace({ 'M.md': log('2025-08-01', 'Monthly') }).codes('M.md', '2025-09-01'), []);
      assert.deepEqual(workspace({ 'M.md': log('2025-08-01', 'Monthly') }).codes('M.md', '2025-09-02'), ['review-overdue@7']);
      assert.deepEqual(workspace({ 'M.md': log('2025-08-01', 'Quarterly') }).codes('M.md', '2025-10-31'), []);
    });
    it('clamps a month to its end: 01-31 + 1 month is due 02-28 (02-29 in a leap year), 11-30 + a quarter 02-28', () => {
      const codes = (last: string, cadence: string, today: string) => workspace({ 'M.md': log(last, cadence) }).codes('M.md', today);
      assert.deepEqual(codes('2025-01-31', 'Monthly', '2025-02-28'), []);
      assert.deepEqual(codes('2025-01-31', 'Monthly', '2025-03-01'), ['review-overdue@7']);
      assert.deepEqual(codes('2024-01-31', 'Monthly', '2024-02-29'), []);
      assert.deepEqual(codes('2024-01-31', 'Monthly', '2024-03-01'), ['review-overdue@7']);
      assert.deepEqual(codes('2025-11-30', 'Quarterly', '2026-02-28'), []);
      assert.deepEqual(codes('2025-11-30', 'Quarterly', '2026-03-01'), ['review-overdue@7']);
    });
  });

  describe('partial (an index that holds part of the workspace)', () => {
    it('leaves out the rules that need every file, and anchors of files not indexed yet', () => {
      const text = master(
        '## Issue Summary Statistics',
        '- **Total Issues**: 9',
        '',
        '### CRIT-001: A',
        '- **Status**: Resolved',
        '- **Date**: TBD',
        '',
        'See HIGH-009, [gone](./gone.md), [later](../phase/issues.md#issue-7) and [here](#nowhere).',
        '',
        '### CRIT-001: Again',
      );
      const ws = workspace({ 'log/M.md': text, 'phase/issues.md': phase });
      // The same workspace, with only the log indexed so far (the phase file exists on disk).
      const options = resolveOptions({});
      const index = new WorkspaceIndex(options, [URI.file(ROOT).toString()], new InMemoryWorkspace({ 'log/M.md': '', 'phase/issues.md': '' }, ROOT).host());
      index.set(readDocument(uriOf('log/M.md'), text, options));
      const partial = computeDiagnostics(index, uriOf('log/M.md'), ruleOptions(index.options, '2025-08-02', true)).map((d) => `${d.code}@${d.range.start.line + 1}`);
      assert.deepEqual(partial, ['placeholder@8', 'broken-link@10', 'broken-anchor@10']);
      // Complete, the same index reports the rest; what was partial stays.
      assert.deepEqual(ws.codes('log/M.md'), [
        'stale-stat@4',
        'duplicate-issue@6',
        'placeholder@8',
        'undefined-issue@10',
        'broken-link@10',
        'broken-anchor@10',
        'broken-anchor@10',
        'duplicate-issue@12',
      ]);
    });
  });

  describe('settings', () => {
    it('changes a rule severity or turns it off', () => {
      const text = master('### LOW-001: X', '- **Date**: TBD', '', 'See [x](./gone.md).');
      const d = workspace({ 'M.md': text }, { rules: { 'broken-link': 'warning', placeholder: 'off' } }).diagnostics('M.md');
      assert.deepEqual(d.map((x) => [x.code, x.severity]), [['broken-link', 2]]);
    });
  });
});
