/**
 * `issue-log list`, `open` and `stats` as users run them (`node dist/cli.js …` in a child process, as
 * cli.test.ts does): the contract's JSON shape, RFC 4180 CSV, the text table, `open` as `list` of the
 * open-like issues, and a PATH without entries said on stderr with nothing on stdout.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ListedIssue } from '../../server/src/cli';
import { CLI, REPO, runCli } from './cliRun';


const run = runCli;

const MASTER = [
  '# Master Issue Log',
  '',
  '## Critical Issues Register',
  '',
  '### CRIT-001: Pool exhausted, "again"',
  '- **Status**: Resolved',
  '- **Owner**: Ann, Bob',
  '- **Reference**: [phase](../01-Phase/issues.md#issue-1)',
  '',
  '## Open Issues Tracker',
  '',
  '### OPEN-001: Slow images',
  '- **Severity**: Medium',
  '- **Assigned**: Frontend',
  '- **Target Resolution**: Week 2',
  '',
  '### HIGH-001: Cache stampede',
  '- **Status**: In Progress',
  '- **Notes**: line one',
  '',
].join('\n');

const PHASE = ['# Phase 1', '', '## Issue 1', '- **Status**: Resolved', '- **Severity**: Critical', '- **Impact**: Outage', ''].join('\n');

/** A workspace (with .git, so it is its own root) holding a master, a phase file and a docs folder without entries. */
function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-list-'));
  fs.mkdirSync(path.join(dir, '.git'));
  fs.mkdirSync(path.join(dir, '06-Master'));
  fs.mkdirSync(path.join(dir, '01-Phase'));
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.writeFileSync(path.join(dir, '06-Master', 'MASTER-ISSUE-LOG.md'), MASTER);
  fs.writeFileSync(path.join(dir, '01-Phase', 'issues.md'), PHASE);
  fs.writeFileSync(path.join(dir, 'docs', 'notes.md'), '# Notes\n\nNothing here is an issue.\n');
  return dir;
}

before(function () {
  this.timeout(120_000);
  if (!fs.existsSync(CLI)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
});

describe('CLI: list, open and stats', () => {
  let dir: string;
  before(() => {
    dir = workspace();
  });

  it('list --format json: one object per issue, in the contract shape, the Reference-merged entries once', () => {
    const r = run(['list', '--format', 'json'], dir);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    const issues: ListedIssue[] = JSON.parse(r.stdout);
    for (const i of issues) assert.deepEqual(Object.keys(i), ['id', 'title', 'file', 'line', 'status', 'statusClass', 'severity', 'fields']);
    assert.deepEqual(
      issues.map((i) => [i.id, i.file, i.line, i.status, i.statusClass, i.severity]),
      [
        ['CRIT-001', '06-Master/MASTER-ISSUE-LOG.md', 5, 'Resolved', 'resolved', 'Critical'],
        ['OPEN-001', '06-Master/MASTER-ISSUE-LOG.md', 12, 'Open', 'open', 'Medium'],
        ['HIGH-001', '06-Master/MASTER-ISSUE-LOG.md', 17, 'In Progress', 'open', 'High'],
      ],
    );
    // Every field by name as written, those of the numbered entry the Reference names included.
    assert.deepEqual(issues[0].fields, { Status: 'Resolved', Owner: 'Ann, Bob', Reference: 'phase', Severity: 'Critical', Impact: 'Outage' });
    assert.equal(issues[0].title, 'Pool exhausted, "again"');
  });

  it('prints file relative to the folder it was run from, and lists only what lies under PATH', () => {
    const master = path.join(dir, '06-Master');
    const issues: ListedIssue[] = JSON.parse(run(['list', '.', '--format', 'json'], master).stdout);
    assert.deepEqual(issues.map((i) => i.file), ['MASTER-ISSUE-LOG.md', 'MASTER-ISSUE-LOG.md', 'MASTER-ISSUE-LOG.md']);
    // The phase file's entry is the master's CRIT-001 (its Reference): listed once, at the entry under PATH.
    const phase: ListedIssue[] = JSON.parse(run(['list', '--format', 'json'], path.join(dir, '01-Phase')).stdout);
    assert.deepEqual(phase.map((i) => [i.id, i.file, i.line, i.statusClass]), [['CRIT-001', 'issues.md', 3, 'resolved']]);
  });

  it('list --format csv: RFC 4180 with a header row, CRLF line ends, quoted commas and quotes, one column per field', () => {
    const r = run(['list', '--format', 'csv'], dir);
    assert.equal(r.code, 0);
    assert.ok(r.stdout.endsWith('\r\n'));
    const rows = r.stdout.split('\r\n');
    assert.equal(rows.pop(), '');
    assert.equal(rows.length, 4);
    assert.equal(rows[0], 'id,title,file,line,status,statusClass,severity,Status,Owner,Reference,Severity,Impact,Assigned,Target Resolution,Notes');
    assert.equal(rows[1], 'CRIT-001,"Pool exhausted, ""again""",06-Master/MASTER-ISSUE-LOG.md,5,Resolved,resolved,Critical,Resolved,"Ann, Bob",phase,Critical,Outage,,,');
    assert.equal(rows[2], 'OPEN-001,Slow images,06-Master/MASTER-ISSUE-LOG.md,12,Open,open,Medium,,,,Medium,,Frontend,Week 2,');
  });

  it('list as text: a table and a count line', () => {
    const lines = run(['list'], dir).stdout.trimEnd().split('\n');
    assert.deepEqual(lines[0].split(/\s{2,}/), ['ID', 'Status', 'Severity', 'Title', 'Where']);
    assert.deepEqual(lines[1].split(/\s{2,}/), ['CRIT-001', 'Resolved', 'Critical', 'Pool exhausted, "again"', '06-Master/MASTER-ISSUE-LOG.md:5']);
    assert.equal(lines[lines.length - 1], '3 issues');
  });

  it('open is list of the open-like issues, most severe first, in the same formats', () => {
    const json: ListedIssue[] = JSON.parse(run(['open', '--format', 'json'], dir).stdout);
    assert.deepEqual(json.map((i) => [i.id, i.statusClass]), [['HIGH-001', 'open'], ['OPEN-001', 'open']]);
    assert.deepEqual(Object.keys(json[0]), ['id', 'title', 'file', 'line', 'status', 'statusClass', 'severity', 'fields']);
    const csv = run(['open', '--format', 'csv'], dir).stdout.split('\r\n');
    assert.equal(csv[0], 'id,title,file,line,status,statusClass,severity,Status,Notes,Severity,Assigned,Target Resolution');
    assert.equal(csv.length, 4);
    const text = run(['open'], dir).stdout.trimEnd().split('\n');
    assert.deepEqual(text[0].split(/\s{2,}/), ['ID', 'Severity', 'Title', 'Assigned', 'Target', 'Where']);
    assert.deepEqual(text[2].split(/\s{2,}/), ['OPEN-001', 'Medium', 'Slow images', 'Frontend', 'Week 2', '06-Master/MASTER-ISSUE-LOG.md:12']);
    assert.equal(text[text.length - 1], '2 open issues');
  });

  it('open on entries of which none is open: an empty list, not the no-entries message', () => {
    const r = run(['open', path.join('01-Phase', 'issues.md'), '--format', 'json'], dir);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    assert.deepEqual(JSON.parse(r.stdout), []);
    assert.equal(run(['open', path.join('01-Phase', 'issues.md')], dir).stdout, 'No open issues.\n');
  });

  it('list, open and stats on a PATH without entries: the message on stderr, exit 0; stdout empty, or parseable and empty for json and csv', () => {
    const header = 'id,title,file,line,status,statusClass,severity\r\n';
    const cases: [string[], string][] = [
      [['list', 'docs'], ''],
      [['list', 'docs', '--format', 'json'], '[]\n'],
      [['list', 'docs', '--format', 'csv'], header],
      [['open', 'docs'], ''],
      [['open', 'docs', '--format', 'json'], '[]\n'],
      [['open', 'docs', '--format', 'csv'], header],
      [['stats', path.join('docs', 'notes.md')], ''],
    ];
    for (const [args, stdout] of cases) {
      const r = run(args, dir);
      assert.equal(r.code, 0, args.join(' '));
      assert.equal(r.stdout, stdout, args.join(' '));
      const shown = args[1];
      assert.equal(r.stderr, `issue-log: no issue entries found under ${shown}\n`, args.join(' '));
    }
  });

  it('refuses a second PATH and formats a command does not print (exit 2)', () => {
    for (const args of [['list', 'docs', '01-Phase'], ['open', 'docs', '01-Phase'], ['stats', path.join('06-Master', 'MASTER-ISSUE-LOG.md'), '--format', 'json'], ['check', '--format', 'csv']]) {
      const r = run(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.match(r.stderr, /^issue-log: /);
    }
  });

  it('stats prints the counts of the log', () => {
    const r = run(['stats', path.join('06-Master', 'MASTER-ISSUE-LOG.md')], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /- \*\*Total Issues\*\*: 3\n- \*\*Resolved\*\*: 1\n- \*\*Open\*\*: 2\n- \*\*Critical\*\*: 1\n- \*\*High\*\*: 1\n- \*\*Medium\*\*: 1\n- \*\*Low\*\*: 0\n/);
  });
});
