/**
 * The CLI's input side (contract v2, "Documents and the workspace" and "The CLI contract"): what
 * `.gitignore` files ignore is not read (root and nested files, negations, a folder pattern; a link to
 * an ignored file is not broken; `--no-gitignore` and `"gitignore": false` bring it back); PATH `-`
 * with `--stdin-filename`; `--` before a PATH that starts with `-`; no progress text when stderr is a
 * pipe (and some on a terminal: `script` gives the run one); the same diagnostics from three folders.
 * `node dist/cli.js …` in a child process on temporary folder trees.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Printed } from '../../server/src/cli';
import { markedRoot, workspaceRootOf } from '../../server/src/node/workspaceRoot';
import { joinLines } from './helpers';
import { CLI, REPO } from './cliRun';

const SEED = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md'), 'utf8');
const MASTER = '06-Master/MASTER-ISSUE-LOG.md';

/** Runs the built CLI with `input` on standard input (a pipe, as in CI). */
function run(args: string[], cwd: string, input = ''): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, input, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
/** A folder tree under a fresh temporary folder (relative path → text). */
function tree(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-in-')));
  made.push(root);
  fs.mkdirSync(path.join(root, '.git'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}
after(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

const json = (stdout: string) => JSON.parse(stdout) as Printed[];
const filesOf = (stdout: string) => [...new Set(json(stdout).map((d) => d.file))].sort();
const entry = (id: string) => joinLines(`### ${id}: Entry`, '- **Status**: Open', '- **Severity**: Low', '', 'See [gone](missing.md).', '');

/** The seed's master and a git-ignored copy in build/; a notes/ folder whose own .gitignore keeps one file of two. */
const ignoring = (extra: Record<string, string> = {}) =>
  tree({
    '.gitignore': 'build/\n',
    [MASTER]: SEED + joinLines('', 'The copy: [built](../build/MASTER-ISSUE-LOG.md), [nothing](../build/NOPE.md).', ''),
    'build/MASTER-ISSUE-LOG.md': SEED,
    'notes/.gitignore': '*.md\n!keep.md\n',
    'notes/drop.md': entry('LOW-101'),
    'notes/keep.md': entry('LOW-102'),
    ...extra,
  });

describe('CLI: .gitignore', function () {
  this.timeout(300_000);

  it('leaves out what the root and nested .gitignore files ignore; a link to an ignored file is not broken', () => {
    const root = ignoring();
    const r = run(['check', '--format', 'json'], root);
    assert.deepEqual(filesOf(r.stdout), [MASTER, 'notes/keep.md']);
    const links = json(r.stdout).filter((d) => d.file === MASTER && d.code === 'broken-link' && d.line === SEED.split('\n').length + 1);
    assert.deepEqual(
      links.map((d) => d.column),
      ['The copy: [built](../build/MASTER-ISSUE-LOG.md), '.length + 1],
      'only the link to build/NOPE.md is broken',
    );
    assert.match(run(['check'], root).stdout, /^2 files \(2 issue logs\)/m, 'the two .md files left out are not counted');
  });

  it('--no-gitignore brings them back, and so does "gitignore": false in .issue-log.json; --no-gitignore wins over "gitignore": true', () => {
    const root = ignoring();
    const before = json(run(['check', '--format', 'json'], root).stdout);
    const all = run(['check', '--format', 'json', '--no-gitignore'], root);
    assert.deepEqual(filesOf(all.stdout), [MASTER, 'build/MASTER-ISSUE-LOG.md', 'notes/drop.md', 'notes/keep.md'].sort());
    // The copy's own diagnostics are the master's (a quotation of each issue: no duplicate-issue).
    const shape = (ds: Printed[], file: string) => ds.filter((d) => d.file === file && d.code !== 'broken-link').map((d) => `${d.line}:${d.column} ${d.code}`);
    assert.deepEqual(shape(json(all.stdout), 'build/MASTER-ISSUE-LOG.md'), shape(before, MASTER));
    fs.writeFileSync(path.join(root, '.issue-log.json'), '{ "gitignore": false }\n');
    assert.deepEqual(filesOf(run(['check', '--format', 'json'], root).stdout), filesOf(all.stdout));
    fs.writeFileSync(path.join(root, '.issue-log.json'), '{ "gitignore": true }\n');
    assert.deepEqual(filesOf(run(['check', '--format', 'json'], root).stdout), [MASTER, 'notes/keep.md']);
    assert.deepEqual(filesOf(run(['check', '--format', 'json', '--no-gitignore'], root).stdout), filesOf(all.stdout));
  });

  it('says so when a file named on the command line is ignored, and checks nothing of it', () => {
    const root = ignoring();
    const r = run(['check', 'build/MASTER-ISSUE-LOG.md', '--format', 'json'], root);
    assert.equal(r.code, 0);
    assert.deepEqual(json(r.stdout), []);
    assert.match(r.stderr, /build\/MASTER-ISSUE-LOG\.md: left out of the workspace .*--no-gitignore/);
    assert.ok(json(run(['check', 'build/MASTER-ISSUE-LOG.md', '--format', 'json', '--no-gitignore'], root).stdout).length > 0);
  });
});

describe('CLI: standard input (-) and --', function () {
  this.timeout(300_000);

  it('checks the text on stdin as the file --stdin-filename names, in place of the disk, with that path', () => {
    const root = ignoring();
    const disk = json(run(['check', MASTER, '--format', 'json'], root).stdout);
    const text = SEED + joinLines('', 'Edited: [a broken one](../nowhere.md).', '');
    const r = run(['check', '-', '--stdin-filename', MASTER, '--format', 'json'], root, text);
    const edited = json(r.stdout);
    assert.deepEqual(filesOf(r.stdout), [MASTER]);
    const line = SEED.split('\n').length + 1;
    assert.deepEqual(
      edited.filter((d) => d.line === line).map((d) => d.code),
      ['broken-link'],
    );
    // The rest is what the disk's version without its last lines gives (the seed's own findings).
    const seedPart = (ds: Printed[]) => ds.filter((d) => d.line < SEED.split('\n').length).map((d) => `${d.line}:${d.column} ${d.code}`);
    assert.deepEqual(seedPart(edited), seedPart(disk));
  });

  it('takes a file that is not on disk (a new buffer), its path relative to the current folder', () => {
    const root = ignoring();
    const text = joinLines('# New', '', '### LOW-200: Fresh', '- **Status**: Open', '', 'See [the log](MASTER-ISSUE-LOG.md#no-such-heading) and LOW-102.', '');
    const r = run(['check', '-', '--stdin-filename', 'NEW.md', '--format', 'json'], path.join(root, '06-Master'), text);
    assert.deepEqual(
      json(r.stdout).map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`),
      ['NEW.md:6:5 broken-anchor'],
      'LOW-102 is defined in notes/keep.md: the workspace is read',
    );
    assert.equal(r.code, 1);
  });

  it('leaves out a --stdin-filename that the workspace ignores, saying so', () => {
    const root = ignoring();
    const r = run(['check', '-', '--stdin-filename', 'build/MASTER-ISSUE-LOG.md', '--format', 'json'], root, SEED);
    assert.deepEqual(json(r.stdout), []);
    assert.match(r.stderr, /left out of the workspace/);
  });

  it('refuses - without --stdin-filename, --stdin-filename without -, - with another PATH, and binary input (exit 2)', () => {
    const root = ignoring();
    for (const [args, input, said] of [
      [['check', '-'], '# x\n', /--stdin-filename/],
      [['check', '--stdin-filename', 'x.md'], '', /give - as the PATH/],
      [['check', '-', 'notes', '--stdin-filename', 'x.md'], '', /only PATH/],
      [['check', '-', '--stdin-filename', 'x.md'], 'a\u0000b', /binary/],
      [['check', '-', '--stdin-filename', 'no-such-folder/x.md'], '# x\n', /no-such-folder/],
    ] as const) {
      const r = run([...args], root, input);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, said, args.join(' '));
      assert.equal(r.stdout, '');
    }
  });

  it('takes what follows -- as a PATH, even a file named -x.md', () => {
    const root = tree({ '-x.md': entry('LOW-300') });
    const r = run(['check', '--format', 'json', '--', '-x.md'], root);
    assert.deepEqual(json(r.stdout).map((d) => `${d.file} ${d.code}`), ['-x.md broken-link']);
    assert.equal(run(['check', '-x.md'], root).code, 2, 'without --, an unknown option');
  });
});

describe('CLI: progress on stderr', function () {
  this.timeout(600_000);
  // A log that takes well over a second to parse (about 0.7 MB), beside a small file.
  const big = () => {
    const lines = ['# Big Log', ''];
    for (let i = 1; i <= 4000; i++) lines.push(`### LOW-${i}: Entry ${i}`, '', '- **Status**: Open', '- **Severity**: Low', '', `Text with a [link](#low-${i}-entry-${i}) and **bold** words.`, '');
    return tree({ 'LOG.md': lines.join('\n'), 'README.md': '# Readme\n' });
  };

  it('writes none when stderr is a pipe (JSON and CI logs stay clean), and some on a terminal', function () {
    const root = big();
    const piped = run(['check', '--format', 'json', '--jobs', '1'], root);
    assert.equal(piped.code, 0, piped.stderr);
    assert.deepEqual(JSON.parse(piped.stdout), []);
    assert.equal(piped.stderr, '');
    // The control: the same run on a terminal (script(1) gives it one) shows the line, then wipes it.
    if (spawnSync('script', ['--version']).status !== 0) this.skip();
    const command = [process.execPath, CLI, 'check', '--format', 'json', '--jobs', '1'].map((a) => `'${a}'`).join(' ');
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
    assert.match(tty.stdout, /\rParsing [12] of 2 files…/);
    assert.match(tty.stdout, /\r {21}\r\[\]/, 'wiped before the output');
  });
});

describe('CLI: the same diagnostics from any folder', function () {
  this.timeout(300_000);

  it('from the workspace root, a subfolder, and outside it by an absolute path (paths aside)', () => {
    const root = ignoring();
    const log = path.join(root, MASTER);
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-away-')));
    made.push(outside);
    const runs = [
      { cwd: root, arg: MASTER },
      { cwd: path.join(root, '06-Master'), arg: 'MASTER-ISSUE-LOG.md' },
      { cwd: outside, arg: log },
    ];
    const seen = runs.map(({ cwd, arg }) => {
      const r = run(['check', arg, '--format', 'json'], cwd);
      assert.equal(r.code, 1, r.stderr);
      // Printed paths are relative to the current folder (contract v2); before that change, to the
      // file's folder when it lies outside the current one.
      const absolute = (file: string) => [cwd, path.dirname(log)].map((b) => path.resolve(b, file)).find((p) => fs.existsSync(p));
      return json(r.stdout).map((d) => `${absolute(d.file)}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.code}`);
    });
    assert.ok(seen[0].length > 10);
    assert.ok(seen[0].every((s) => s.startsWith(log + ':')));
    assert.deepEqual(seen[1], seen[0]);
    assert.deepEqual(seen[2], seen[0]);
  });

  it('never takes / or the home folder as the root when no folder has a marker (the PATH\'s folder instead)', () => {
    const bare = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-bare-')));
    made.push(bare);
    if (markedRoot(bare) !== undefined) return assert.fail(`a marker above ${bare}: the test needs a bare temporary folder`);
    const log = path.join(bare, 'docs', 'log.md');
    assert.equal(workspaceRootOf(log, false, '/'), path.dirname(log), 'run from /: not the whole disk');
    assert.equal(workspaceRootOf(log, false, bare), bare, 'the current folder otherwise (contract v2)');
    assert.equal(workspaceRootOf('/', true, '/'), '/', 'unless it is the PATH itself');
    if (isUnder(bare, os.homedir())) assert.equal(workspaceRootOf(log, false, os.homedir()), path.dirname(log));
  });
});

const isUnder = (child: string, parent: string) => !path.relative(parent, child).startsWith('..');
