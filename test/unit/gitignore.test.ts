/**
 * `.gitignore` files in the Node walk (node/gitignore.ts through nodeSource): the root's and nested
 * ones, negations, directory and anchored patterns, `.git/info/exclude`, exact case, nothing read above
 * the workspace folder; the single-path answer (`isIgnored`) agrees with the walk. And the walk against
 * git itself (`git ls-files --others --exclude-standard`) on fixed and seeded random trees.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeSource } from '../../server/src/node/loadWorkspace';

/** Files (relative path → text) under a fresh temporary folder; returns the folder. */
function tree(files: Record<string, string>, base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-gi-')))): string {
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(base, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return base;
}

/** The Markdown files the walk lists, relative, `/`-separated, sorted. */
function walked(root: string, honoured = true): string[] {
  const source = nodeSource([root]);
  source.readIgnoreFiles(honoured);
  return source
    .walk(root, [], () => undefined)
    .map((p) => path.relative(root, p).split(path.sep).join('/'))
    .sort();
}

const LOGS = ['README.md', 'build/MASTER.md', 'docs/a.md', 'docs/draft.md', 'docs/sub/draft.md', 'docs/sub/s.md', 'notes/n.md', 'notes/keep/k.md', 'top.md', 'docs/top.md', 'a/b/x.md', 'a/b/y.log.md', 'Upper.MD', 'deep/x/d.md'];

describe('.gitignore in the walk (node/gitignore.ts)', function () {
  this.timeout(60_000);
  const made: string[] = [];
  const fixture = (ignores: Record<string, string>) => {
    const root = tree({ ...Object.fromEntries(LOGS.map((f) => [f, `# ${f}\n`])), ...ignores });
    made.push(root);
    return root;
  };
  after(() => {
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });

  it('leaves out what the root .gitignore ignores: a folder pattern, an anchored file, a glob, with exact case', () => {
    const root = fixture({ '.gitignore': 'build/\n/top.md\n*.log.md\nupper.md\n# a comment\n' });
    assert.deepEqual(walked(root), ['README.md', 'Upper.MD', 'a/b/x.md', 'deep/x/d.md', 'docs/a.md', 'docs/draft.md', 'docs/sub/draft.md', 'docs/sub/s.md', 'docs/top.md', 'notes/keep/k.md', 'notes/n.md']);
    // Off: every file again.
    assert.deepEqual(walked(root, false), [...LOGS].sort());
  });

  it('applies a nested .gitignore to its folder and below, with negations, and re-includes a folder an outer one ignores', () => {
    const root = fixture({
      '.gitignore': 'notes/*\n!notes/keep/\na/b/\n*.log.md\n',
      'docs/.gitignore': 'draft.md\n!sub/draft.md\n/top.md\n',
      'a/.gitignore': '!b/\n',
    });
    assert.deepEqual(walked(root), ['README.md', 'Upper.MD', 'a/b/x.md', 'build/MASTER.md', 'deep/x/d.md', 'docs/a.md', 'docs/sub/draft.md', 'docs/sub/s.md', 'notes/keep/k.md', 'top.md']);
  });

  it('reads .git/info/exclude of the root, below its .gitignore', () => {
    const root = fixture({ '.git/info/exclude': 'deep/\nREADME.md\n', '.gitignore': '!README.md\n' });
    assert.deepEqual(walked(root).filter((f) => f.startsWith('deep') || f === 'README.md'), ['README.md']);
  });

  it('reads no .gitignore above the workspace folder', () => {
    const top = fixture({ '.gitignore': 'docs/\n' });
    assert.ok(walked(path.join(top, 'docs')).includes('a.md'));
    assert.ok(!walked(top).some((f) => f.startsWith('docs/')));
  });

  it('answers for one path as the walk does (an open document, a file event, standard input)', () => {
    const root = fixture({ '.gitignore': 'notes/*\n!notes/keep/\nbuild/\n', 'docs/.gitignore': 'draft.md\n!sub/draft.md\n' });
    const source = nodeSource([root]);
    const listed = new Set(walked(root));
    for (const f of LOGS) assert.equal(source.isIgnored(path.join(root, f)), !listed.has(f), f);
    assert.equal(source.isIgnored(path.join(root, 'build'), true), true);
    assert.equal(source.isIgnored(path.join(root, 'build', 'new', 'deeper.md')), true, 'under an ignored folder');
    assert.equal(source.isIgnored(path.join(path.dirname(root), 'elsewhere.md')), false, 'outside the workspace: no .gitignore applies');
    // A walk of an ignored folder (a file event for it) finds nothing.
    assert.deepEqual(source.walk(path.join(root, 'build'), [], () => undefined), []);
  });

  it('reads the files again once told to (a .gitignore changed)', () => {
    const root = fixture({ '.gitignore': 'build/\n' });
    const source = nodeSource([root]);
    assert.equal(source.isIgnored(path.join(root, 'build', 'MASTER.md')), true);
    fs.writeFileSync(path.join(root, '.gitignore'), '# nothing\n');
    assert.equal(source.isIgnored(path.join(root, 'build', 'MASTER.md')), true, 'remembered until told');
    source.readIgnoreFiles(true);
    assert.equal(source.isIgnored(path.join(root, 'build', 'MASTER.md')), false);
  });

  it('reports a .gitignore it cannot read and applies the others', () => {
    const root = fixture({ '.gitignore': 'build/\n' });
    // A symbolic link loop (permissions would not stop root, who runs the tests here).
    fs.symlinkSync('loop', path.join(root, 'docs', '.gitignore'));
    fs.symlinkSync('.gitignore', path.join(root, 'docs', 'loop'));
    const problems: string[] = [];
    const source = nodeSource([root]);
    const files = source.walk(root, [], (p, m) => problems.push(`${path.relative(root, p)}: ${m}`));
    assert.ok(files.some((f) => f.endsWith('docs/draft.md')));
    assert.ok(!files.some((f) => f.includes('build')));
    assert.deepEqual(problems.filter((p) => p.includes('its patterns are not applied')).map((p) => p.split(':')[0]), ['docs/.gitignore']);
  });
});

/** What git lists as neither tracked nor ignored (a fresh repository: every file untracked). */
function gitListed(root: string): string[] {
  const r = spawnSync('git', ['-c', 'core.excludesFile=/dev/null', '-c', 'core.ignoreCase=false', 'ls-files', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout
    .split('\0')
    .filter((f) => /\.md$/i.test(f))
    .sort();
}

/** A seeded generator (mulberry32): the same trees every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['a', 'b', 'docs', 'Log'];
const PATTERNS = ['build/', '/build', 'b/', '*.md', '!*.md', 'a/*', '!a/b/', 'docs/**/x.md', '!x.md', 'x.md', '/a/', '**/b', 'Log', '!Log/', 'b/x.md', '!b/', '*', '!docs/', 'a/**', '!a/**/', 'docs/*/', '\\!x.md', 'x.m?', '[Ll]og/'];

describe('.gitignore: the walk lists what git lists', function () {
  this.timeout(120_000);
  const hasGit = spawnSync('git', ['--version']).status === 0;
  let base: string;
  before(function () {
    if (!hasGit) this.skip();
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-gitcmp-')));
  });
  after(() => {
    if (base) fs.rmSync(base, { recursive: true, force: true });
  });

  it('on 150 seeded random trees of nested .gitignore files', () => {
    const next = random(20261202);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    for (let n = 0; n < 150; n++) {
      const root = path.join(base, `t${n}`);
      const files: Record<string, string> = {};
      for (let i = 0; i < 12; i++) {
        const depth = 1 + Math.floor(next() * 3);
        const dirs = Array.from({ length: depth - 1 }, () => pick(NAMES));
        files[[...dirs, pick(['x.md', 'y.md', 'Log.md', '!x.md'])].join('/')] = '# x\n';
      }
      for (const dir of ['', 'a/', 'docs/', 'a/b/', pick(NAMES) + '/', `${pick(NAMES)}/${pick(NAMES)}/`]) {
        if (next() < 0.7) files[`${dir}.gitignore`] = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(PATTERNS)).join('\n') + '\n';
      }
      tree(files, root);
      assert.equal(spawnSync('git', ['init', '-q', '.'], { cwd: root }).status, 0);
      assert.deepEqual(walked(root), gitListed(root), `tree ${n}: ${JSON.stringify(files)}`);
    }
  });
});
