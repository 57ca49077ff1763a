/**
 * The CLI as users run it: `node dist/cli.js …` in a child process, on the seed, paths with spaces and
 * bad input. (Generated corpora: corpus.test.ts.) (`npm test` builds dist/ first.)
 */
import { strict as assert } from 'node:assert';
import { spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Printed } from '../../server/src/cli';
import { cliPosition, SEED_SLA_BREACH, SEED_STALE_AVERAGE, SEED_STALE_STATS, SEED_UNDEFINED } from '../fixtures/seedExpectations';
import { CLI, REPO, runCli } from './cliRun';

const SEED = path.join(REPO, 'test', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md');


const run = runCli;

function tmp(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `issue-log-${name}-`));
}

function seedWorkspace(): string {
  const dir = tmp('seed');
  fs.mkdirSync(path.join(dir, '06-Master'));
  fs.copyFileSync(SEED, path.join(dir, '06-Master', 'MASTER-ISSUE-LOG.md'));
  return dir;
}

function countByCode(list: Printed[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of list) out[d.code] = (out[d.code] ?? 0) + 1;
  return out;
}

before(function () {
  this.timeout(120_000);
  if (!fs.existsSync(CLI)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
});

describe('CLI: the seed as 06-Master/MASTER-ISSUE-LOG.md', () => {
  let out: Printed[];
  let code: number | null;
  before(() => {
    // From the workspace: paths are printed relative to the current folder.
    const dir = seedWorkspace();
    const r = run(['check', dir, '--format', 'json', '--today', '2026-11-28'], dir);
    code = r.code;
    out = JSON.parse(r.stdout);
  });

  it('gives exactly the diagnostics the contract lists', () => {
    assert.deepEqual(countByCode(out), {
      'broken-link': 13,
      'undefined-issue': 4,
      'stale-stat': 6,
      'stale-average': 1,
      'sla-breach': 1,
      placeholder: 5,
      'review-overdue': 1,
    });
    assert.equal(code, 1, 'broken links are errors: exit 1');
  });
  it('puts the undefined IDs, the stale numbers and the SLA breach where the contract says', () => {
    const where = (code: string) => out.filter((d) => d.code === code).map((d) => ({ line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn }));
    assert.deepEqual(where('undefined-issue'), SEED_UNDEFINED.map((u) => cliPosition(u.range)));
    assert.deepEqual(where('stale-stat'), SEED_STALE_STATS.map((s) => cliPosition(s.range)));
    assert.deepEqual(where('stale-average'), [cliPosition(SEED_STALE_AVERAGE.range)]);
    assert.deepEqual(where('sla-breach'), [cliPosition(SEED_SLA_BREACH.range)]);
  });
  it('prints 1-based positions, relative paths and the JSON shape of the contract', () => {
    const first = out.find((d) => d.code === 'broken-link')!;
    assert.deepEqual(Object.keys(first).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
    assert.equal(first.file, '06-Master/MASTER-ISSUE-LOG.md');
    assert.deepEqual([first.line, first.column, first.endLine], [23, 18, 23]);
    assert.equal(first.severity, 'error');
    const stat = out.find((d) => d.code === 'stale-stat')!;
    assert.deepEqual([stat.line, stat.column, stat.severity], [7, 1, 'warning']);
    assert.equal(out.find((d) => d.code === 'placeholder')!.severity, 'information');
  });
  it('uses --today for review-overdue', () => {
    const dir = seedWorkspace();
    const notYet = JSON.parse(run(['check', dir, '--format', 'json', '--today', '2025-08-05']).stdout) as Printed[];
    assert.equal(notYet.filter((d) => d.code === 'review-overdue').length, 0);
    const late = JSON.parse(run(['check', dir, '--format', 'json', '--today', '2025-08-09']).stdout) as Printed[];
    assert.equal(late.filter((d) => d.code === 'review-overdue').length, 1);
  });
  it('prints text lines and a summary', () => {
    const r = run(['check', '.', '--today', '2026-11-28'], seedWorkspace());
    const lines = r.stdout.trim().split('\n');
    // One line per diagnostic, in the order of the JSON output: file:line:column severity code message,
    // with the word VS Code's problem matchers know for information (json keeps v1's `information`).
    const json = JSON.parse(run(['check', '.', '--format', 'json', '--today', '2026-11-28'], seedWorkspace()).stdout) as Printed[];
    const word = (s: Printed['severity']) => (s === 'information' ? 'info' : s);
    assert.deepEqual(lines.slice(0, -1), json.map((d) => `${d.file}:${d.line}:${d.column} ${word(d.severity)} ${d.code} ${d.message}`));
    assert.ok(lines.some((l) => / info placeholder /.test(l)));
    assert.equal(lines[0].split(' ').slice(0, 3).join(' '), '06-Master/MASTER-ISSUE-LOG.md:7:1 warning stale-stat');
    assert.equal(lines[lines.length - 1], '1 files (1 issue logs), 7 issues (2 open); 31 problems: 13 errors, 12 warnings, 6 information, 0 hints');
    assert.equal(r.code, 1);
  });
  it('prints the computed statistics with `stats` and the open issues with `open`', () => {
    const dir = seedWorkspace();
    const stats = run(['stats', path.join(dir, '06-Master', 'MASTER-ISSUE-LOG.md')]);
    assert.equal(stats.code, 0);
    assert.match(stats.stdout, /- \*\*Total Issues\*\*: 7\n- \*\*Resolved\*\*: 5\n- \*\*Open\*\*: 2\n- \*\*Critical\*\*: 3\n- \*\*High\*\*: 3\n- \*\*Medium\*\*: 1\n- \*\*Low\*\*: 0/);
    assert.match(stats.stdout, /\| Critical \| 4\.7 hours \| < 4 hours \|/);
    const open = JSON.parse(run(['open', dir, '--format', 'json']).stdout);
    assert.deepEqual(
      // `open` prints list's shape (contract v2: "open is list of the open ones"): the assignee is a field.
      open.map((i: { id: string; severity: string; fields: Record<string, string> }) => [i.id, i.severity, i.fields.Assigned]),
      [
        ['OPEN-002', 'High', 'Database Team'],
        ['OPEN-001', 'Medium', 'Frontend Team'],
      ],
    );
  });
});

describe('CLI: arguments and exit codes', () => {
  it('exits 0 without errors, 2 on bad arguments or paths, with the reason on stderr', () => {
    const dir = tmp('clean');
    fs.writeFileSync(path.join(dir, 'log.md'), '### LOW-001: Fine\n- **Status**: Open\n');
    const ok = run(['check', dir, '--format', 'json']);
    assert.equal(ok.code, 0);
    assert.deepEqual(JSON.parse(ok.stdout), []);
    for (const args of [['check', '--format', 'xml'], ['check', '--today', '2025-13-01'], ['check', path.join(dir, 'missing')], ['frobnicate'], ['check', '--bogus']]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^issue-log: /);
      assert.equal(r.stdout, '');
    }
  });
  it('has --help and --version', () => {
    assert.match(run(['--help']).stdout, /issue-log check \[PATH \.\.\.\]/);
    assert.match(run(['--version']).stdout, /^issue-log \d+\.\d+\.\d+/);
  });
  it('handles paths with spaces, and files named on the command line', () => {
    const dir = tmp('space');
    const sub = path.join(dir, 'My Logs', '06 Master');
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, 'Master Log.md'), '### LOW-001: X\n- **Status**: Open\n\n[runbook](../Run%20Book.md#warm-up) [gone](<../No Such.md>)\n');
    fs.writeFileSync(path.join(dir, 'My Logs', 'Run Book.md'), '# Run Book\n\n## Warm-up\n');
    const all = JSON.parse(run(['check', path.join(dir, 'My Logs'), '--format', 'json'], dir).stdout) as Printed[];
    assert.deepEqual(all.map((d) => [d.file, d.line, d.code]), [['My Logs/06 Master/Master Log.md', 4, 'broken-link']]);
    const inside = JSON.parse(run(['check', '.', '--format', 'json'], path.join(dir, 'My Logs')).stdout) as Printed[];
    assert.deepEqual(inside.map((d) => d.file), ['06 Master/Master Log.md']);
    const one = run(['check', 'My Logs/06 Master/Master Log.md', '--format', 'json'], dir);
    assert.deepEqual((JSON.parse(one.stdout) as Printed[]).map((d) => d.file), ['My Logs/06 Master/Master Log.md']);
    assert.equal(one.code, 1);
  });
  it('applies --rule and --exclude', () => {
    const dir = seedWorkspace();
    const r = JSON.parse(run(['check', dir, '--format', 'json', '--rule', 'broken-link=off', '--rule', 'placeholder=hint', '--today', '2026-11-28']).stdout) as Printed[];
    assert.equal(r.filter((d) => d.code === 'broken-link').length, 0);
    assert.ok(r.filter((d) => d.code === 'placeholder').every((d) => d.severity === 'hint'));
    assert.deepEqual(JSON.parse(run(['check', dir, '--format', 'json', '--exclude', '06-Master/**']).stdout), []);
  });
});

describe('CLI: bad input never crashes or hangs', () => {
  let dir: string;
  let result: ReturnType<typeof run>;
  before(function () {
    this.timeout(120_000);
    dir = tmp('bad');
    const w = (name: string, data: string | Buffer) => fs.writeFileSync(path.join(dir, name), data);
    w('good.md', '### LOW-001: Good\n- **Status**: Open\n\n[bad encoding](./a%zz.md)\n');
    w('binary.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    w('latin1.md', Buffer.concat([Buffer.from('### LOW-002: Caf'), Buffer.from([0xe9]), Buffer.from('\n- **Status**: Open\n')]));
    w('huge.md', '### LOW-003: Huge\n- **Status**: Open\n\n' + 'x'.repeat(20 * 1024 * 1024) + '\n');
    w('nested.md', '### LOW-004: Nested\n- **Status**: Open\n\n' + '- '.repeat(10_000) + 'deep\n');
    w('indented.md', '### LOW-005: Indented\n- **Status**: Open\n\n' + Array.from({ length: 1000 }, (_, i) => ' '.repeat(i * 2) + '- level').join('\n') + '\n');
    w('brackets.md', '### LOW-006: Brackets\n- **Status**: Open\n\n' + '['.repeat(20_000) + '\n');
    w('malformed.md', '### LOW-007: Malformed\n- **Status**: Open\n\n```\nunclosed fence\n<div>\n| a | b\n|---\n[x](\n**bold\n');
    fs.symlinkSync('loop-b', path.join(dir, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(dir, 'loop-b'));
    fs.symlinkSync('.', path.join(dir, 'self'));
    fs.symlinkSync('missing-target.md', path.join(dir, 'dangling.md'));
    fs.mkdirSync(path.join(dir, 'folder.md'));
    result = run(['check', dir, '--format', 'json'], dir, 120_000);
  });

  it('still checks the good files', () => {
    const out = JSON.parse(result.stdout) as Printed[];
    // The link with the invalid percent-encoding (%zz).
    assert.deepEqual(out.map((d) => [d.file, d.code, d.line, d.column, d.endColumn]), [['good.md', 'broken-link', 4, 1, 26]]);
    assert.equal(result.code, 1);
  });
  it('says on stderr what it skipped and why', () => {
    const err = result.stderr;
    assert.match(err, /binary\.md: looks like a binary file/);
    assert.match(err, /latin1\.md: is not valid UTF-8/);
    assert.match(err, /huge\.md: is 20\.0 MB, over the 5\.0 MB limit/);
    assert.match(err, /nested\.md: line 4: nests lists or quotes more than 64 levels deep/);
    assert.match(err, /indented\.md: line \d+: nests lists or quotes more than 64 levels deep/);
    assert.match(err, /brackets\.md: line 4: has 20000 "\[" in one paragraph/);
    assert.match(err, /loop-a: skipped: is a symbolic link loop/);
    assert.match(err, /dangling\.md: skipped: does not exist/);
    assert.doesNotMatch(err, /internal error/);
  });
  it('reads a large file when the limit is raised', function () {
    this.timeout(120_000);
    const r = run(['check', path.join(dir, 'huge.md'), '--max-file-size', '25', '--format', 'json'], REPO, 120_000);
    assert.doesNotMatch(r.stderr, /huge\.md: is/);
    assert.notEqual(r.code, 2);
  });
  it('refuses an unreadable file with a clear message', function () {
    if (process.getuid?.() !== 0) {
      const f = path.join(dir, 'good.md');
      fs.chmodSync(f, 0o000);
      try {
        const r = run(['check', f]);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /cannot read the file/);
      } finally {
        fs.chmodSync(f, 0o644);
      }
      return;
    }
    // As root every file is readable: run the CLI as `nobody` to test a real permission error.
    const locked = tmp('locked');
    fs.chmodSync(locked, 0o755);
    fs.writeFileSync(path.join(locked, 'secret.md'), '### LOW-001: X\n- **Status**: Open\n');
    fs.chmodSync(path.join(locked, 'secret.md'), 0o000);
    fs.writeFileSync(path.join(locked, 'open.md'), '### LOW-002: Y\n- **Status**: Open\n');
    fs.chmodSync(path.join(locked, 'open.md'), 0o644);
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, 'check', locked], { encoding: 'utf8' });
    assert.equal(r.error, undefined, 'setpriv (util-linux) runs');
    assert.match(r.stderr, /secret\.md: cannot be read \(permission denied\)/);
    assert.match(r.stdout, /2 files|1 files/);
    const named = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, 'check', path.join(locked, 'secret.md')], { encoding: 'utf8' });
    assert.equal(named.status, 2);
    assert.match(named.stderr, /cannot read the file/);
  });
});
