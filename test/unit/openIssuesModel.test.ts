import { strict as assert } from 'node:assert';
import { resolveOptions } from '../../server/src/core/config';
import { readDocument } from '../../server/src/core/document';
import { localToday } from '../../server/src/core/durations';
import { OpenIssuesAnswers } from '../../server/src/core/openIssues';
import type { OpenIssue, OpenIssuesDelta, OpenIssuesResult } from '../../server/src/protocol';
import {
  applyOpenIssuesAnswer,
  escapeMarkdown,
  fileNameOf,
  groupOpenIssues,
  isGroupBy,
  issueDescription,
  issueLabel,
  headingAnchor,
  markdownLinkText,
  issueWhere,
  isOverdue,
  issueLogTemplate,
  issueTooltipMarkdown,
  logSummaryText,
  NO_PHASE,
  openIssuesText,
  tooltipFields,
  UNASSIGNED,
  validateIssueTitle,
} from '../../client/src/openIssuesModel';
import { joinLines, uriOf, workspace } from './helpers';

const MASTER = 'file:///ws/06-Master/MASTER-ISSUE-LOG.md';

function issue(id: string, props: Partial<OpenIssue> = {}, line = 0): OpenIssue {
  return {
    id,
    title: `Title of ${id}`,
    severity: 'Unknown',
    fields: [],
    uri: MASTER,
    range: { start: { line, character: 0 }, end: { line, character: 20 } },
    ...props,
  };
}

/** The open issues of the seed master log, plus a few to exercise ordering and fallbacks. */
const issues: OpenIssue[] = [
  issue('OPEN-002', { title: 'Slow Aggregation Queries', severity: 'High', phase: 'Database Optimization', assignee: 'Database Team', target: 'Week 1' }, 70),
  issue('OPEN-001', { title: 'Images Not Loading on Slow Networks', severity: 'Medium', phase: 'Frontend Optimization', assignee: 'Frontend Team', target: 'Week 2' }, 61),
  issue('CRIT-010', { severity: 'Critical', phase: 'Backend Optimization', assignee: 'backend team ' }, 30),
  issue('CRIT-002', { severity: 'Critical', phase: 'backend optimization', assignee: 'Backend Team' }, 20),
  issue('Issue 3', { title: 'Retry logic', severity: 'Unknown', uri: 'file:///ws/03-Frontend-Optimization/issues-and-solutions.md', phase: '03-Frontend-Optimization' }, 40),
  issue('LOW-001', { severity: 'Low' }, 90),
];

describe('openIssuesModel', () => {
  describe('groupOpenIssues by severity', () => {
    it('orders the groups Critical, High, Medium, Low, Unknown and counts each', () => {
      const groups = groupOpenIssues(issues, 'severity');
      assert.deepEqual(
        groups.map((g) => g.label),
        ['Critical (2)', 'High (1)', 'Medium (1)', 'Low (1)', 'Unknown (1)'],
      );
    });

    it('leaves out empty groups', () => {
      const groups = groupOpenIssues([issues[0], issues[1]], 'severity');
      assert.deepEqual(
        groups.map((g) => g.label),
        ['High (1)', 'Medium (1)'],
      );
    });

    it('orders issues by ID with numbers compared as numbers', () => {
      const critical = groupOpenIssues(issues, 'severity')[0];
      assert.deepEqual(
        critical.issues.map((i) => i.id),
        ['CRIT-002', 'CRIT-010'],
      );
    });

    it('puts an unrecognised severity under Unknown', () => {
      const odd = issue('X-001', { severity: 'Severe' as OpenIssue['severity'] });
      assert.deepEqual(
        groupOpenIssues([odd], 'severity').map((g) => g.label),
        ['Unknown (1)'],
      );
    });

    it('returns no groups for no issues', () => {
      assert.deepEqual(groupOpenIssues([], 'severity'), []);
      assert.deepEqual(groupOpenIssues([], 'phase'), []);
    });
  });

  describe('groupOpenIssues by phase and by assignee', () => {
    it('groups by phase alphabetically, merging case and spaces (first spelling wins), with no phase last', () => {
      const groups = groupOpenIssues(issues, 'phase');
      assert.deepEqual(
        groups.map((g) => g.label),
        ['03-Frontend-Optimization (1)', 'backend optimization (2)', 'Database Optimization (1)', 'Frontend Optimization (1)', `${NO_PHASE} (1)`],
      );
      // Within a group the most severe come first.
      assert.deepEqual(
        groups[1].issues.map((i) => i.id),
        ['CRIT-002', 'CRIT-010'],
      );
    });

    it('groups by assignee with the unassigned last and sorted by severity inside', () => {
      const groups = groupOpenIssues(issues, 'assignee');
      assert.deepEqual(
        groups.map((g) => g.label),
        ['Backend Team (2)', 'Database Team (1)', 'Frontend Team (1)', `${UNASSIGNED} (2)`],
      );
      assert.deepEqual(
        groups[3].issues.map((i) => i.id),
        ['LOW-001', 'Issue 3'],
      );
    });

    it('compares phase numbers numerically', () => {
      const groups = groupOpenIssues([issue('A-001', { phase: '10-Release' }), issue('A-002', { phase: '2-Build' })], 'phase');
      assert.deepEqual(
        groups.map((g) => g.name),
        ['2-Build', '10-Release'],
      );
    });
  });

  describe('labels', () => {
    it('labels an item with its ID and title', () => {
      assert.equal(issueLabel(issues[0]), 'OPEN-002 Slow Aggregation Queries');
      assert.equal(issueLabel(issue('Issue 4', { title: '' })), 'Issue 4');
    });

    it('describes an item with assignee and target, either alone, or nothing', () => {
      assert.equal(issueDescription(issues[0]), 'Database Team · Week 1');
      assert.equal(issueDescription(issue('A-001', { assignee: 'Ops' })), 'Ops');
      assert.equal(issueDescription(issue('A-001', { target: 'Week 3' })), 'Week 3');
      assert.equal(issueDescription(issue('A-001', { assignee: '  ' })), undefined);
    });

    it('adds where the entry is: the phase, or the file for a numbered entry, one without phase, or when grouped by phase', () => {
      const numbered = issue('Issue 3', { phase: '02-Database', assignee: 'Ops' });
      assert.equal(issueWhere(numbered, '02-Database/issues.md', 'severity'), '02-Database/issues.md');
      assert.equal(issueDescription(numbered, issueWhere(numbered, '02-Database/issues.md')), 'Ops · 02-Database/issues.md');
      const withPhase = issue('A-001', { phase: 'Database Optimization' });
      assert.equal(issueWhere(withPhase, 'MASTER.md', 'severity'), 'Database Optimization');
      assert.equal(issueWhere(withPhase, 'MASTER.md', 'phase'), 'MASTER.md');
      assert.equal(issueWhere(issue('A-002', { phase: ' ' }), 'MASTER.md', 'assignee'), 'MASTER.md');
      assert.equal(issueDescription(issues[0], 'Database Optimization'), 'Database Team · Week 1 · Database Optimization');
      assert.equal(issueDescription(issue('A-001', {}), 'MASTER.md'), 'MASTER.md');
    });

    it('makes the Copy Link text: a Markdown link to the heading, relative, its anchor de-duplicated as GitHub does', () => {
      const lines = ['# Log', '### CRIT-001: Pool Exhaustion', '```', '### CRIT-001: Pool Exhaustion', '```', '### CRIT-001: Pool Exhaustion'];
      assert.equal(headingAnchor(lines, 1), 'crit-001-pool-exhaustion');
      assert.equal(headingAnchor(lines, 5), 'crit-001-pool-exhaustion-1');
      assert.equal(headingAnchor(lines, 3), undefined);
      assert.equal(markdownLinkText('CRIT-001', '06-Master/MASTER-ISSUE-LOG.md', 'crit-001-pool-exhaustion'), '[CRIT-001](06-Master/MASTER-ISSUE-LOG.md#crit-001-pool-exhaustion)');
      assert.equal(markdownLinkText('Issue 3', '02 Database\\issues (old).md', undefined), '[Issue 3](02%20Database/issues%20%28old%29.md)');
    });

    it('marks a Target Resolution date before today as overdue, and nothing else', () => {
      const today = '2026-12-02';
      assert.equal(isOverdue(issue('A-001', { target: '2026-12-01' }), today), true);
      assert.equal(isOverdue(issue('A-001', { target: ' 2025-01-31 (moved)' }), today), true);
      assert.equal(isOverdue(issue('A-001', { target: '2026-12-02' }), today), false);
      assert.equal(isOverdue(issue('A-001', { target: '2027-01-01' }), today), false);
      assert.equal(isOverdue(issue('A-001', { target: 'Week 2' }), today), false);
      assert.equal(isOverdue(issue('A-001', {}), today), false);
      assert.equal(issueDescription(issue('A-001', { target: '2026-12-01' }), 'M.md', true), '2026-12-01 (overdue) · M.md');
    });

    it('lists the known fields first, then the others, each once', () => {
      const it1 = issue('OPEN-001', {
        severity: 'Medium',
        status: 'Open',
        phase: 'Frontend Optimization',
        assignee: 'Frontend Team',
        target: 'Week 2',
        fields: [
          { name: 'Current Status', value: 'Implementing retry logic', uri: 'file:///w/log.md' },
          { name: 'phase', value: 'Frontend Optimization', uri: 'file:///w/log.md' },
          { name: 'Empty', value: ' ', uri: 'file:///w/log.md' },
        ],
      });
      assert.deepEqual(
        tooltipFields(it1).map((f) => `${f.name}: ${f.value}`),
        ['Severity: Medium', 'Status: Open', 'Phase: Frontend Optimization', 'Assigned: Frontend Team', 'Target Resolution: Week 2', 'Current Status: Implementing retry logic'],
      );
    });

    it('writes a Markdown tooltip with escaped values and the location', () => {
      const md = issueTooltipMarkdown(issue('OPEN-003', { title: 'Use *stars* [here]', severity: 'High', assignee: 'A|B' }, 9));
      assert.equal(md.split('\n')[0], '**OPEN\\-003 Use \\*stars\\* \\[here\\]**');
      assert.match(md, /- \*\*Assigned\*\*: A\\\|B/);
      assert.match(md, /MASTER\\-ISSUE\\-LOG\\.md, line 10$/);
    });

    it('escapes Markdown and flattens newlines', () => {
      assert.equal(escapeMarkdown('a_b\nc'), 'a\\_b c');
    });

    it('takes the decoded file name of a URI', () => {
      assert.equal(fileNameOf('file:///ws/My%20Log.md#x'), 'My Log.md');
    });

    it('counts in words', () => {
      assert.equal(openIssuesText(1), '1 open issue');
      assert.equal(openIssuesText(3), '3 open issues');
      assert.equal(logSummaryText(2, 1), '$(issues) 2 open · 1 problem');
      assert.equal(logSummaryText(0, 7), '$(issues) 0 open · 7 problems');
    });
  });

  describe('commands helpers', () => {
    it('accepts only known groupings', () => {
      assert.ok(isGroupBy('phase'));
      assert.ok(!isGroupBy('status'));
      assert.ok(!isGroupBy(undefined));
    });

    it('validates titles', () => {
      assert.equal(validateIssueTitle('Connection Pool Exhaustion'), undefined);
      assert.ok(validateIssueTitle('   '));
      assert.ok(validateIssueTitle('### Heading'));
      assert.ok(validateIssueTitle('x'.repeat(121)));
      assert.ok(validateIssueTitle('two\nlines'));
    });

    it('formats the local date', () => {
      assert.equal(localToday(new Date(2026, 0, 5)), '2026-01-05');
    });

    it('offers a template whose statistics are all zero and whose date is today', () => {
      const text = issueLogTemplate('2026-11-28');
      assert.match(text, /^# Master Issue Log\n/);
      assert.match(text, /\*Last Updated: 2026-11-28\*/);
      const stats = [...text.matchAll(/^- \*\*([^*]+)\*\*: (\d+)$/gm)].map((m) => `${m[1]}=${m[2]}`);
      assert.deepEqual(stats, ['Total Issues=0', 'Resolved=0', 'Open=0', 'Critical=0', 'High=0', 'Medium=0', 'Low=0']);
      for (const register of ['Critical Issues Register', 'High Priority Issues', 'Medium Priority Issues', 'Low Priority Issues', 'Open Issues Tracker']) {
        assert.ok(text.includes(`## ${register}\n`), register);
      }
    });
  });
});

describe('open issues answers: version check and delta (server core and client model)', () => {
  const log = (extra = '', status = 'Open') =>
    joinLines(
      '# Master Issue Log',
      '',
      '## Issue Summary Statistics',
      '- **Critical**: 2',
      '',
      '## Critical Issues Register',
      extra,
      '### CRIT-001: Slow Queries',
      `- **Status**: ${status}`,
      '',
      '### CRIT-002: Broken Images',
      '- **Status**: Open',
    );
  const uri = uriOf('06-Master/MASTER-ISSUE-LOG.md');
  const options = resolveOptions({});
  const setup = () => {
    const ws = workspace({ '06-Master/MASTER-ISSUE-LOG.md': log() });
    return { index: ws.index, answers: new OpenIssuesAnswers() };
  };
  const byKey = (r: OpenIssuesResult) => [...r.issues].sort((a, b) => (a.key! < b.key! ? -1 : 1));
  const full = (r: OpenIssuesResult | OpenIssuesDelta): OpenIssuesResult => {
    assert.equal(r.kind, 'full');
    return r as OpenIssuesResult;
  };

  it('answers the whole list without a known version, each issue with a key', () => {
    const { index, answers } = setup();
    const r = full(answers.answer(index, { indexing: false }));
    assert.deepEqual(r.issues.map((i) => i.id), ['CRIT-001', 'CRIT-002']);
    assert.equal(new Set(r.issues.map((i) => i.key)).size, 2);
    assert.equal(typeof r.version, 'number');
  });

  it('answers an empty delta with the same version while nothing changed, and the client keeps its list', () => {
    const { index, answers } = setup();
    const first = full(answers.answer(index, { indexing: false }));
    // A new version of the document that changes no open issue: the answer's version stays.
    index.set(readDocument(uri, log().replace('- **Critical**: 2', '- **Critical**: 3'), options));
    const again = answers.answer(index, { indexing: false, knownVersion: first.version });
    assert.deepEqual(again, { kind: 'delta', base: first.version, version: first.version, changed: [], removed: [], logCount: 1, indexing: false });
    assert.equal(applyOpenIssuesAnswer(first, again), first);
  });

  it('sends what changed, keyed so that an issue moved down by an edit above it is the same issue', () => {
    const { index, answers } = setup();
    const first = full(answers.answer(index, { indexing: false }));
    index.set(readDocument(uri, log('Intro line.\n', 'Resolved'), options));
    const delta = answers.answer(index, { indexing: false, knownVersion: first.version });
    assert.equal(delta.kind, 'delta');
    const d = delta as OpenIssuesDelta;
    assert.notEqual(d.version, first.version);
    assert.deepEqual(d.removed, [first.issues[0].key]);
    // CRIT-002 only moved: a run of one line, not the issue again.
    assert.deepEqual(d.changed, []);
    assert.deepEqual(d.shifted, [{ uri, fromLine: first.issues[1].range.start.line, toLine: first.issues[1].range.start.line, delta: 1 }]);
    // Applied to what the client held, the delta gives the list a fresh whole answer gives.
    const applied = applyOpenIssuesAnswer(first, delta);
    assert.ok(applied);
    const fresh = full(new OpenIssuesAnswers().answer(index, { indexing: false }));
    assert.deepEqual(byKey(applied), byKey(fresh));
    assert.equal(applied.version, d.version);
  });

  it('sends a line inserted above many issues as one run, and a changed issue among them as itself', () => {
    const many = (title: (n: number) => string, extra = '') =>
      joinLines('# Master Issue Log', '', '## Critical Issues Register', extra, ...Array.from({ length: 30 }, (_, n) => `### CRIT-${String(n + 1).padStart(3, '0')}: ${title(n)}\n- **Status**: Open\n`));
    const ws = workspace({ 'log.md': many((n) => `Issue ${n}`) });
    const answers = new OpenIssuesAnswers();
    const first = full(answers.answer(ws.index, { indexing: false }));
    assert.equal(first.issues.length, 30);
    ws.index.set(readDocument(uriOf('log.md'), many((n) => (n === 10 ? 'Renamed' : `Issue ${n}`), 'A new line.\n'), options));
    const d = answers.answer(ws.index, { indexing: false, knownVersion: first.version }) as OpenIssuesDelta;
    assert.deepEqual(d.changed.map((i) => i.id), ['CRIT-011']);
    const line = (id: string) => first.issues.find((i) => i.id === id)!.range.start.line;
    assert.deepEqual(d.shifted, [
      { uri: uriOf('log.md'), fromLine: line('CRIT-001'), toLine: line('CRIT-010'), delta: 1 },
      { uri: uriOf('log.md'), fromLine: line('CRIT-012'), toLine: line('CRIT-030'), delta: 1 },
    ]);
    const applied = applyOpenIssuesAnswer(first, d);
    assert.ok(applied);
    assert.deepEqual(byKey(applied), byKey(full(new OpenIssuesAnswers().answer(ws.index, { indexing: false }))));
  });

  it('answers the whole list to a version it no longer knows; the client refuses a delta from another base', () => {
    const { index, answers } = setup();
    const first = full(answers.answer(index, { indexing: false }));
    index.set(readDocument(uri, log('', 'Resolved'), options));
    const second = answers.answer(index, { indexing: false, knownVersion: first.version });
    index.set(readDocument(uri, log('', 'Open'), options));
    const third = answers.answer(index, { indexing: false, knownVersion: first.version });
    assert.equal(third.kind, 'full');
    assert.deepEqual(full(third).issues.map((i) => i.id), ['CRIT-001', 'CRIT-002']);
    assert.equal(applyOpenIssuesAnswer({ ...first, version: (first.version ?? 0) + 100 }, second), undefined);
  });

  it('changes the version when only the indexing state or the log count changes', () => {
    const { index, answers } = setup();
    const during = full(answers.answer(index, { indexing: true }));
    const after = answers.answer(index, { indexing: false, knownVersion: during.version });
    assert.equal(after.kind, 'delta');
    assert.notEqual(after.version, during.version);
    assert.equal(after.indexing, false);
    const applied = applyOpenIssuesAnswer(during, after);
    assert.ok(applied && applied !== during && applied.indexing === false);
  });
});
