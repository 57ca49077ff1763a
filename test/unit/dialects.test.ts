/**
 * Contract v2 read right, one dialect at a time: each folder of test/fixtures/dialects is a tiny
 * workspace (its own `.issue-log.json`, so the CLI takes it as the root) in one shape of the survey's
 * tables, with deliberate faults, so a reading that fails shows as a missing or extra diagnostic.
 * `expected.json` gives the exact diagnostics (file, line, code) of `check`, and optionally the issues
 * `list` must print: `id` is an ID, or `file:line` for a numbered entry (whose identity is its anchor);
 * `status` is compared with statusClass, `severity` with severity (null: not read).
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'dialects');

interface Expected {
  shape: string;
  today: string;
  diagnostics: { file: string; line: number; code: string }[];
  issues?: { id: string; status: 'open' | 'resolved' | 'unknown'; severity: string | null }[];
}
interface Listed {
  id: string;
  file: string;
  line: number;
  statusClass: string;
  severity: string | null;
}

/** Runs the CLI in the fixture folder, so printed paths are relative to it. */
function cli(dir: string, args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  return r.stdout;
}

before(function () {
  this.timeout(120_000);
  if (!fs.existsSync(CLI)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
});

describe('dialects: each shape of the survey gives exactly its expected.json', () => {
  const names = fs.readdirSync(FIXTURES).filter((n) => fs.existsSync(path.join(FIXTURES, n, 'expected.json'))).sort();

  it('has a fixture for every shape (at least 40 folders, each its own root)', () => {
    assert.ok(names.length >= 40, `${names.length} fixtures`);
    for (const n of names) assert.ok(fs.existsSync(path.join(FIXTURES, n, '.issue-log.json')), n);
  });

  for (const name of names) {
    const dir = path.join(FIXTURES, name);
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
    it(`${name}: ${expected.shape}`, function () {
      this.timeout(60_000);
      const printed = JSON.parse(cli(dir, ['check', dir, '--format', 'json', '--today', expected.today])) as { file: string; line: number; code: string }[];
      const got = printed.map((d) => `${d.file}:${d.line} ${d.code}`).sort();
      const want = expected.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`).sort();
      assert.deepEqual(got, want, 'diagnostics (file:line code)');
      if (!expected.issues) return;
      const ids = new Set(expected.issues.map((i) => i.id));
      const out = cli(dir, ['list', dir, '--format', 'json']);
      const listed = (out.trim() === '' ? [] : JSON.parse(out)) as Listed[];
      const gotIssues = listed.map((i) => `${ids.has(i.id) ? i.id : `${i.file}:${i.line}`} ${i.statusClass} ${i.severity ?? null}`).sort();
      const wantIssues = expected.issues.map((i) => `${i.id} ${i.status} ${i.severity}`).sort();
      assert.deepEqual(gotIssues, wantIssues, 'issues (id statusClass severity)');
    });
  }
});
