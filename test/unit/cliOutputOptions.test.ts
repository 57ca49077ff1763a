/**
 * check's output options (`node dist/cli.js check`, a child process): `-o`/`--output-file`,
 * `--max-warnings`, `--quiet`, and colour: the decision as a function of (isTTY, environment), and
 * FORCE_COLOR / NO_COLOR through the binary (its stdout is a pipe here, never a terminal).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Printed } from '../../server/src/cli';
import { painter, useColour } from '../../server/src/cli/formats/colour';
import { check, checkJson, outputRepository, tempDir, WARNINGS_ONLY, write } from './cliOutputFixture';
import { runCli } from './cliRun';

const ESC = '\x1b[';

describe('CLI check -o FILE', function () {
  this.timeout(120_000);
  let root: string;
  before(() => {
    root = outputRepository();
  });

  for (const format of ['text', 'json', 'sarif', 'junit', 'github']) {
    it(`${format}: writes what stdout would have shown, whole; stdout empty; the same exit status`, () => {
      const shown = check(root, ['.', '--format', format]);
      const file = path.join(root, 'out', format, 'nested', `report.${format}`);
      const written = check(root, ['.', '--format', format, '-o', file]);
      assert.equal(written.stdout, '');
      assert.equal(written.code, shown.code);
      assert.equal(written.code, 1);
      assert.equal(fs.readFileSync(file, 'utf8'), shown.stdout);
      assert.deepEqual(fs.readdirSync(path.dirname(file)), [`report.${format}`], 'no temporary file left');
    });
  }
  it('takes --output-file, relative to the current folder, and replaces an older file', () => {
    write(root, 'reports/old.json', 'stale');
    const r = check(path.join(root, 'docs'), ['.', '--format', 'json', '--output-file', '../reports/old.json']);
    assert.equal(r.stdout, '');
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, 'reports', 'old.json'), 'utf8')), checkJson(path.join(root, 'docs')));
  });
  it('exits 2 with the reason when the file cannot be written, or on a command that does not print diagnostics', () => {
    write(root, 'afile', 'x');
    const r = check(root, ['.', '-o', path.join(root, 'afile', 'report.txt')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^issue-log: .*afile\/report\.txt: cannot write/);
    assert.equal(runCli(['list', '.', '-o', 'x.txt'], root).code, 2);
    assert.equal(fs.existsSync(path.join(root, 'x.txt')), false);
  });
});

describe('CLI check --max-warnings and --quiet', function () {
  this.timeout(120_000);
  let warned: string;
  let warnings: number;
  before(() => {
    warned = tempDir('warn');
    fs.mkdirSync(path.join(warned, '.git'));
    write(warned, 'LOG.md', WARNINGS_ONLY);
    const json = checkJson(warned);
    warnings = json.filter((d) => d.severity === 'warning').length;
    assert.ok(warnings >= 2 && json.every((d) => d.severity === 'warning'), 'the fixture has only warnings');
  });

  it('exits 1 only when the warnings exceed N', () => {
    assert.equal(check(warned, ['.']).code, 0, 'warnings alone do not fail');
    assert.equal(check(warned, ['.', '--max-warnings', String(warnings)]).code, 0);
    const over = check(warned, ['.', '--max-warnings', String(warnings - 1), '--format', 'json']);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /more than --max-warnings/);
    assert.equal((JSON.parse(over.stdout) as Printed[]).length, warnings, 'stdout is the same JSON');
    assert.equal(check(warned, ['.', '--max-warnings=0']).code, 1);
  });
  it('refuses a value that is not a whole number', () => {
    for (const v of ['-1', 'x', '1.5', '']) assert.equal(check(warned, ['.', '--max-warnings', v]).code, 2, v);
  });
  it('--quiet prints and counts errors only (warnings then never fail)', () => {
    assert.deepEqual(checkJson(warned, ['.', '--quiet']), []);
    assert.equal(check(warned, ['.', '--quiet', '--max-warnings', '0']).code, 0);
    const root = outputRepository();
    const all = checkJson(root);
    const quiet = checkJson(root, ['.', '--quiet']);
    assert.deepEqual(quiet, all.filter((d) => d.severity === 'error'));
    assert.ok(quiet.length > 0 && quiet.length < all.length);
    const text = check(root, ['.', '--quiet']);
    assert.equal(text.code, 1);
    const lines = text.stdout.trimEnd().split('\n');
    assert.equal(lines.length, quiet.length + 1);
    assert.ok(lines.slice(0, -1).every((l) => / error /.test(l)));
    assert.match(lines[lines.length - 1], new RegExp(`; ${quiet.length} problems .*: ${quiet.length} errors$`));
  });
});

describe('CLI colour', function () {
  this.timeout(120_000);
  it('is on for a terminal only; NO_COLOR turns it off; FORCE_COLOR (not 0/false) wins', () => {
    const cases: [boolean | undefined, Record<string, string>, boolean][] = [
      [true, {}, true],
      [false, {}, false],
      [undefined, {}, false],
      [true, { NO_COLOR: '1' }, false],
      [true, { NO_COLOR: '' }, true],
      [true, { TERM: 'dumb' }, false],
      [false, { FORCE_COLOR: '1' }, true],
      [false, { FORCE_COLOR: '' }, true],
      [false, { FORCE_COLOR: '3' }, true],
      [true, { FORCE_COLOR: '0' }, false],
      [true, { FORCE_COLOR: 'false' }, false],
      [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
    ];
    for (const [tty, env, want] of cases) assert.equal(useColour(tty, env), want, `${tty} ${JSON.stringify(env)}`);
    assert.equal(painter(false)('x', 'red'), 'x');
    assert.equal(painter(true)('x', 'bold', 'red'), '\x1b[1;31mx\x1b[0m');
  });
  it('through the binary: FORCE_COLOR colours text on a pipe; never json, sarif, junit, github or a file', () => {
    const root = outputRepository();
    const plain = check(root, ['.']);
    assert.ok(!plain.stdout.includes(ESC), 'a pipe: no colour');
    const forced = check(root, ['.'], { FORCE_COLOR: '1' });
    assert.ok(forced.stdout.includes(ESC));
    // Colour changes nothing but the escapes.
    assert.equal(forced.stdout.replace(/\x1b\[[0-9;]*m/g, ''), plain.stdout);
    assert.ok(!check(root, ['.'], { FORCE_COLOR: '0' }).stdout.includes(ESC));
    for (const format of ['json', 'sarif', 'junit', 'github']) assert.ok(!check(root, ['.', '--format', format], { FORCE_COLOR: '1' }).stdout.includes(ESC), format);
    const file = path.join(root, 'report.txt');
    check(root, ['.', '-o', file], { FORCE_COLOR: '1' });
    assert.equal(fs.readFileSync(file, 'utf8'), plain.stdout);
  });
});
