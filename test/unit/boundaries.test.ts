/**
 * Workspace boundaries on Node (node/boundary.ts, the walk, the reads), for the CLI's pipeline: no
 * symbolic link takes the walk out of the workspace (a link to a folder outside is reported once and
 * not followed, one to a file outside is not read), no file outside is ever read (an fs spy fails the
 * read and records it), and an outside link target is checked for existence only (no broken-anchor).
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { resolveOptions } from '../../server/src/core/config';
import { computeDiagnostics, ruleOptions } from '../../server/src/core/rules';
import { OUTSIDE_REASON, WorkspaceBoundary } from '../../server/src/node/boundary';
import { FileParser } from '../../server/src/node/fileParser';
import { loadWorkspace, loadWorkspaceParallel, nodeSource } from '../../server/src/node/loadWorkspace';
import { LINKS_OUTSIDE, type HostProblem } from '../../server/src/node/nodeHost';
import { isInside } from '../../server/src/node/workspaceRoot';
import { runCli } from './cliRun';
import { makeBoundaryFixture } from './boundaryFixture';
import { spyOnReads, type FsSpy } from './fsSpy';

const options = resolveOptions({});

/**
 * What the spy refuses: reading any file of the outside folder (by its path, through the
 * workspace's links, or by its real path), and listing the folders under it (what a walk would list).
 */
function outsideOf(ws: string, out: string, links: string[]) {
  const read = (p: string) => {
    const abs = path.resolve(p);
    if (isInside(abs, out) || links.some((l) => isInside(abs, path.join(ws, l)))) return true;
    try {
      return isInside(fs.realpathSync.native(abs), out);
    } catch {
      return false;
    }
  };
  const list = (p: string) => [out, ...links.map((l) => path.join(ws, l))].some((base) => isInside(path.resolve(p), path.join(base, 'deep')));
  return { read, list };
}

/** Where each link of LOG.md's line 6 starts: a lo.md, b dir/o.md, c ../out/o.md, d docs/x.md, e alias/x.md. */
const LINK = { a: 4, b: 21, c: 41, d: 64, e: 88 };

const uriOf = (p: string) => URI.file(p).toString();

describe('workspace boundaries (Node host, the CLI pipeline)', function () {
  this.timeout(60_000);
  let top: string;
  let ws: string;
  let out: string;
  let spy: FsSpy | undefined;

  beforeEach(() => {
    ({ top, ws, out } = makeBoundaryFixture());
  });
  afterEach(() => {
    spy?.restore();
    spy = undefined;
    fs.rmSync(top, { recursive: true, force: true });
  });

  it('a symbolic link to / is reported once and not followed; nothing under it is read', async () => {
    fs.symlinkSync('/', path.join(ws, 'root'));
    const problems: HostProblem[] = [];
    const throughRoot = (p: string) => isInside(path.resolve(p), path.join(ws, 'root'));
    spy = spyOnReads({ read: throughRoot, list: throughRoot });
    const loaded = await loadWorkspaceParallel([ws], options, { onProblem: (p) => problems.push(p) });
    spy.restore();
    assert.deepEqual(spy.refused, []);
    assert.deepEqual(
      problems.filter((p) => p.message === LINKS_OUTSIDE),
      [{ path: path.join(ws, 'root'), message: LINKS_OUTSIDE }],
    );
    assert.deepEqual(loaded.files, [path.join(ws, 'LOG.md'), path.join(ws, 'docs', 'x.md')]);
  });

  it('a symbolic link to a folder outside is reported once, not followed, and nothing in it is read', async () => {
    fs.symlinkSync('../out', path.join(ws, 'dir'));
    const problems: HostProblem[] = [];
    spy = spyOnReads(outsideOf(ws, out, ['dir']));
    for (const load of [() => loadWorkspace([ws], options, { onProblem: (p) => problems.push(p) }), () => loadWorkspaceParallel([ws], options, { onProblem: (p) => problems.push(p) })]) {
      problems.length = 0;
      const loaded = await load();
      assert.deepEqual(problems, [{ path: path.join(ws, 'dir'), message: LINKS_OUTSIDE }]);
      assert.ok(!loaded.index.has(uriOf(path.join(ws, 'dir', 'o.md'))));
      // The outside entry is not a second definition of BUG-001.
      const found = computeDiagnostics(loaded.index, uriOf(path.join(ws, 'LOG.md')), ruleOptions(options, '2026-01-01'));
      assert.deepEqual(found.filter((d) => d.code !== 'stale-statistics').map((d) => [d.code, d.range.start.line, d.range.start.character]), [
        ['broken-link', 5, LINK.a],
        ['broken-anchor', 5, LINK.d],
        ['broken-link', 5, LINK.e],
      ]);
    }
    spy.restore();
    assert.deepEqual(spy.refused, []);
  });

  it('a symbolic link to a file outside is checked for existence only: not read, its anchors not judged', async () => {
    fs.symlinkSync('../out/o.md', path.join(ws, 'lo.md'));
    fs.symlinkSync('../out', path.join(ws, 'dir'));
    const problems: HostProblem[] = [];
    spy = spyOnReads(outsideOf(ws, out, ['lo.md', 'dir']));
    const loaded = await loadWorkspaceParallel([ws], options, { onProblem: (p) => problems.push(p) });
    spy.restore();
    assert.deepEqual(spy.refused, []);
    assert.deepEqual(problems.map((p) => [path.relative(ws, p.path), p.message]), [
      ['dir', LINKS_OUTSIDE],
      ['lo.md', LINKS_OUTSIDE],
    ]);
    assert.ok(!loaded.index.has(uriOf(path.join(ws, 'lo.md'))));
    const found = computeDiagnostics(loaded.index, uriOf(path.join(ws, 'LOG.md')), ruleOptions(options, '2026-01-01'));
    // Only the link into the workspace's own docs/x.md (#nope) and the one into a missing alias/ are judged.
    assert.deepEqual(
      found.filter((d) => d.code === 'broken-anchor' || d.code === 'broken-link').map((d) => [d.code, d.range.start.character]),
      [
        ['broken-anchor', LINK.d],
        ['broken-link', LINK.e],
      ],
    );
  });

  it('reads refuse a path inside lexically whose real path is outside, and read the real path otherwise', async () => {
    fs.symlinkSync('../out/o.md', path.join(ws, 'lo.md'));
    fs.symlinkSync('docs/x.md', path.join(ws, 'alias.md'));
    spy = spyOnReads(outsideOf(ws, out, ['lo.md']));
    const source = nodeSource([ws]);
    assert.deepEqual(source.read(path.join(ws, 'lo.md'), 1e6), { ok: false, reason: OUTSIDE_REASON });
    assert.deepEqual(source.read(path.join(out, 'o.md'), 1e6), { ok: false, reason: OUTSIDE_REASON });
    assert.equal(source.read(path.join(ws, 'alias.md'), 1e6).ok, true);
    // Until the server names its folders, everything is outside.
    assert.deepEqual(nodeSource().read(path.join(ws, 'LOG.md'), 1e6), { ok: false, reason: OUTSIDE_REASON });
    const parser = new FileParser(options, { boundary: new WorkspaceBoundary([ws]), pool: { size: 1 } });
    try {
      assert.deepEqual(await parser.parseFile(path.join(ws, 'lo.md')), { ok: false, reason: OUTSIDE_REASON });
    } finally {
      await parser.close();
    }
    spy.restore();
    assert.deepEqual(spy.refused, []);
  });

  it('symbolic links inside the workspace are followed once, loops are reported and skipped', async () => {
    fs.symlinkSync('docs', path.join(ws, 'alias'));
    fs.symlinkSync('.', path.join(ws, 'self'));
    fs.symlinkSync('..', path.join(ws, 'docs', 'up'));
    fs.symlinkSync('loop-b', path.join(ws, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(ws, 'loop-b'));
    const problems: HostProblem[] = [];
    const loaded = await loadWorkspaceParallel([ws], options, { onProblem: (p) => problems.push(p) });
    assert.deepEqual(problems.map((p) => [path.relative(ws, p.path), p.message]), [
      ['loop-a', 'skipped: is a symbolic link loop'],
      ['loop-b', 'skipped: is a symbolic link loop'],
    ]);
    // docs/x.md once, by one of its two paths; the link through alias/ finds it.
    assert.equal(loaded.files.length, 2);
    assert.equal(loaded.files.filter((f) => f.endsWith('x.md')).length, 1);
  });

  it('with several folders, a symbolic link from one into another is inside and followed', async () => {
    const second = path.join(top, 'second');
    fs.mkdirSync(second);
    fs.writeFileSync(path.join(second, 'y.md'), '# Y\n');
    fs.symlinkSync('../second', path.join(ws, 'other'));
    fs.symlinkSync('../out', path.join(ws, 'dir'));
    const problems: HostProblem[] = [];
    const loaded = await loadWorkspaceParallel([ws, second], options, { onProblem: (p) => problems.push(p) });
    assert.deepEqual(problems, [{ path: path.join(ws, 'dir'), message: LINKS_OUTSIDE }]);
    assert.ok(loaded.files.includes(path.join(ws, 'other', 'y.md')), loaded.files.join(' '));
  });

  it('a workspace folder reached through a symbolic link is inside by its real path', async () => {
    const via = path.join(top, 'via');
    fs.symlinkSync('ws', via);
    fs.symlinkSync('../out', path.join(ws, 'dir'));
    const problems: HostProblem[] = [];
    const loaded = await loadWorkspaceParallel([via], options, { onProblem: (p) => problems.push(p) });
    assert.deepEqual(loaded.files, [path.join(via, 'LOG.md'), path.join(via, 'docs', 'x.md')]);
    assert.deepEqual(problems, [{ path: path.join(via, 'dir'), message: LINKS_OUTSIDE }]);
  });

  it('the CLI: check over a link to / ends, says so once, and does not read an outside .issue-log.json', function () {
    fs.symlinkSync('/', path.join(ws, 'root'));
    fs.mkdirSync(path.join(ws, '.git'));
    const r = runCli(['check', ws, '--format', 'json'], ws, 50_000);
    assert.equal(r.code, 1, r.stderr);
    const printed = JSON.parse(r.stdout) as { file: string; code: string; column: number }[];
    assert.deepEqual(printed.map((d) => [d.file, d.code, d.column]), [
      ['LOG.md', 'broken-link', LINK.a + 1],
      ['LOG.md', 'broken-link', LINK.b + 1],
      ['LOG.md', 'broken-anchor', LINK.d + 1],
      ['LOG.md', 'broken-link', LINK.e + 1],
    ]);
    assert.deepEqual(
      r.stderr.split('\n').filter((l) => l.includes(LINKS_OUTSIDE)),
      [`issue-log: root: ${LINKS_OUTSIDE}`],
    );
    fs.writeFileSync(path.join(out, 'shared.json'), '{"exclude": ["docs/**"]}\n');
    fs.symlinkSync('../out/shared.json', path.join(ws, '.issue-log.json'));
    const c = runCli(['check', ws], ws, 50_000);
    assert.equal(c.code, 2);
    assert.ok(c.stderr.includes(OUTSIDE_REASON), c.stderr);
  });
});
