/**
 * `issue-log fix` and `check --fix` as users run them (`node dist/cli.js`, cliRun.ts) on temporary
 * copies of the example workspace and of the seed: what is fixed, what is written (atomically, only
 * when changed, mode, BOM and line endings kept), `--dry-run`'s diff (applied back with the diff
 * package), a read-only file, a symbolic link. (`npm test` builds dist/ first.)
 */
import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyPatch, parsePatch } from 'diff';
import type { Printed } from '../../server/src/cli';
import { REPO, runCli } from './cliRun';

const EXAMPLE = path.join(REPO, 'examples', 'workspace');
const SEED = path.join(REPO, 'test', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md');
const MASTER = '06-Master/MASTER-ISSUE-LOG.md';
const TODAY = '2026-12-02';
const SAFE = ['stale-stat', 'stale-average', 'review-overdue'];

const dirs: string[] = [];
function tmp(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `issue-log-fix-${name}-`));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const d of dirs) {
    // A read-only test file must not stop the clean-up.
    fs.rmSync(d, { recursive: true, force: true });
  }
});

function exampleCopy(): string {
  const dir = tmp('example');
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

/** Every file under `dir`: path → sha256, size, mtime and inode. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    const st = fs.statSync(file);
    out.set(path.relative(dir, file), `${crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')} ${st.size} ${st.mtimeMs} ${st.ino}`);
  }
  return out;
}

function codesOf(cwd: string, ...extra: string[]): string[] {
  const r = runCli(['check', '.', '--format', 'json', '--today', TODAY, ...extra], cwd);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return (JSON.parse(r.stdout) as Printed[]).map((p) => `${p.file} ${p.code}`);
}

/** A workspace with the seed as 06-Master/MASTER-ISSUE-LOG.md, its text changed by `edit`. */
function seedWorkspace(edit: (text: string) => string = (t) => t): string {
  const dir = tmp('seed');
  fs.mkdirSync(path.join(dir, '06-Master'));
  fs.writeFileSync(path.join(dir, MASTER), edit(fs.readFileSync(SEED, 'utf8')));
  return dir;
}

describe('issue-log fix', function () {
  this.timeout(120_000);

  it('fixes the example workspace: check then reports no stale-stat, stale-average or review-overdue', () => {
    const ws = exampleCopy();
    const before = codesOf(ws);
    assert.deepEqual(before.filter((c) => SAFE.some((s) => c.endsWith(` ${s}`))).sort(), [`${MASTER} review-overdue`, `${MASTER} stale-stat`]);
    const r = runCli(['fix', '--today', TODAY], ws);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `fixed 2 problems in ${MASTER}\n`);
    const text = fs.readFileSync(path.join(ws, MASTER), 'utf8');
    assert.match(text, /\*\*Resolved\*\*: 20\b/);
    assert.match(text, new RegExp(`Last Updated: ${TODAY}`));
    const after = codesOf(ws);
    assert.deepEqual(after, before.filter((c) => !SAFE.some((s) => c.endsWith(` ${s}`))));
  });

  it('fixes every stale count and average of the seed (interacting fixes settle), from another folder', () => {
    const ws = seedWorkspace();
    // The workspace root (contract v2: the nearest folder with .git or .issue-log.json), not the current folder.
    fs.mkdirSync(path.join(ws, '.git'));
    const r = runCli(['fix', path.join(ws, '06-Master'), '--today', '2026-11-28'], os.tmpdir());
    assert.equal(r.code, 0, r.stderr);
    // 6 counts, 1 average, 1 Last Updated; the path relative to the current folder.
    assert.equal(r.stdout, `fixed 8 problems in ${path.relative(os.tmpdir(), path.join(ws, MASTER)).split(path.sep).join('/')}\n`);
    assert.deepEqual(codesOf(ws, '--today', '2026-11-28').filter((c) => SAFE.some((s) => c.endsWith(` ${s}`))), []);
  });

  it('--dry-run changes no byte, and its diff applied to the originals gives what fix writes', () => {
    const ws = exampleCopy();
    fs.cpSync(path.dirname(SEED), path.join(ws, 'seed'), { recursive: true });
    const before = snapshot(ws);
    const dry = runCli(['fix', '--dry-run', '--today', TODAY], ws);
    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(snapshot(ws), before);
    const patches = parsePatch(dry.stdout);
    assert.deepEqual(patches.map((p) => [p.oldFileName, p.newFileName]), [
      [`a/${MASTER}`, `b/${MASTER}`],
      ['a/seed/MASTER-ISSUE-LOG.md', 'b/seed/MASTER-ISSUE-LOG.md'],
    ]);
    const originals = new Map(patches.map((p) => [p.oldFileName!.slice(2), fs.readFileSync(path.join(ws, p.oldFileName!.slice(2)), 'utf8')]));
    const wet = runCli(['fix', '--today', TODAY], ws);
    assert.equal(wet.code, 0, wet.stderr);
    for (const p of patches) {
      const file = p.oldFileName!.slice(2);
      const applied = applyPatch(originals.get(file)!, p);
      assert.equal(typeof applied, 'string', file);
      assert.equal(applied, fs.readFileSync(path.join(ws, file), 'utf8'), file);
    }
    // Nothing left: a second dry run prints nothing.
    assert.equal(runCli(['fix', '--dry-run', '--today', TODAY], ws).stdout, '');
  });

  it('rewrites only the files whose text changed: a second run rewrites nothing (inode and mtime kept)', () => {
    const ws = exampleCopy();
    const untouched = snapshot(ws);
    assert.equal(runCli(['fix', '--today', TODAY], ws).code, 0);
    const once = snapshot(ws);
    for (const [file, state] of untouched) if (file !== MASTER.split('/').join(path.sep)) assert.equal(once.get(file), state, file);
    assert.notEqual(once.get(MASTER.split('/').join(path.sep)), untouched.get(MASTER.split('/').join(path.sep)));
    const again = runCli(['fix', '--today', TODAY], ws);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, 'nothing to fix\n');
    assert.deepEqual(snapshot(ws), once);
    // No temporary file left beside the log.
    assert.deepEqual(fs.readdirSync(path.join(ws, '06-Master')).sort(), ['MASTER-ISSUE-LOG.md']);
  });

  it('keeps CRLF line endings, a BOM and the file mode', () => {
    const ws = seedWorkspace((t) => '\ufeff' + t.replace(/\r?\n/g, '\r\n'));
    const file = path.join(ws, MASTER);
    fs.chmodSync(file, 0o640);
    const r = runCli(['fix', '--today', '2026-11-28'], ws);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `fixed 8 problems in ${MASTER}\n`);
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    assert.equal(text.split('\n').length, text.split('\r\n').length, 'every LF is part of a CRLF');
    assert.equal(text.split('\r\n').length, fs.readFileSync(SEED, 'utf8').split('\n').length);
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(codesOf(ws, '--today', '2026-11-28').filter((c) => SAFE.some((s) => c.endsWith(` ${s}`))), []);
  });

  it('a read-only file is named on stderr and left as it is, the others are fixed, exit 2', () => {
    const ws = seedWorkspace();
    fs.mkdirSync(path.join(ws, 'other'));
    const other = path.join(ws, 'other', 'LOG.md');
    fs.copyFileSync(SEED, other);
    fs.chmodSync(other, 0o444);
    const before = fs.readFileSync(other);
    const r = runCli(['fix', '--today', '2026-11-28'], ws);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, `fixed 8 problems in ${MASTER}\n`);
    assert.match(r.stderr, /^issue-log: other\/LOG\.md: is read-only; not fixed$/m);
    assert.ok(fs.readFileSync(other).equals(before));
    assert.equal(fs.statSync(other).mode & 0o777, 0o444);
    fs.chmodSync(other, 0o644);
  });

  it('writes through a symbolic link inside the workspace to its file; the link stays a link', function () {
    const ws = seedWorkspace();
    fs.mkdirSync(path.join(ws, 'links'));
    const link = path.join(ws, 'links', 'MASTER.md');
    try {
      fs.symlinkSync(path.join('..', MASTER), link);
    } catch {
      this.skip();
    }
    const r = runCli(['fix', 'links/MASTER.md', '--today', '2026-11-28'], ws);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'fixed 8 problems in links/MASTER.md\n');
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.match(fs.readFileSync(path.join(ws, MASTER), 'utf8'), /Last Updated: 2026-11-28/);
    // The file and the link to it, both under PATH: one file, fixed once (no "changed meanwhile").
    fs.writeFileSync(path.join(ws, MASTER), fs.readFileSync(SEED));
    const both = runCli(['fix', '.', '--today', '2026-11-28'], ws);
    assert.equal(both.code, 0, both.stderr);
    assert.equal(both.stdout, `fixed 8 problems in ${MASTER}\n`);
  });

  it('check --fix writes the fixes, says so on stderr, and reports what remains (exit by what remains)', () => {
    const ws = exampleCopy();
    const before = codesOf(ws);
    const r = runCli(['check', '--fix', '--format', 'json', '--today', TODAY], ws);
    assert.equal(r.stderr, `issue-log: fixed 2 problems in ${MASTER}\n`);
    const remaining = (JSON.parse(r.stdout) as Printed[]).map((p) => `${p.file} ${p.code}`);
    assert.deepEqual(remaining, before.filter((c) => !SAFE.some((s) => c.endsWith(` ${s}`))));
    assert.equal(r.code, remaining.length > 0 && (JSON.parse(r.stdout) as Printed[]).some((p) => p.severity === 'error') ? 1 : 0);
    assert.deepEqual(codesOf(ws), remaining);
  });

  it('--dry-run is for fix, --fix for check', () => {
    assert.equal(runCli(['check', '--dry-run'], os.tmpdir()).code, 2);
    assert.equal(runCli(['fix', '--fix'], os.tmpdir()).code, 2);
  });
});
