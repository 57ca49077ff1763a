/**
 * The npm package as a user gets it: `npm pack` in a copy of the sources (its `prepack` builds dist/),
 * then the tarball installed into an empty folder, offline (it has no dependencies to fetch), and the
 * installed `issue-log` run with npx: `--version`, and `check` on a small workspace. Child processes
 * only; slow (a production build, a pack and an install: about 20-60 s).
 */
import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveOptions } from '../../server/src/core/config';
import { FactsCache, readFactsEntry } from '../../server/src/node/factsCache';
import { copySources, REPO, run, runOk } from './sourceCopy';

/** What the tarball holds, exactly: the CLI's bundles and its entry point, the schema of .issue-log.json, the docs npm shows. */
const EXPECTED_FILES = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'bin/issue-log.js',
  'dist/cli.js',
  'dist/parseWorker.js',
  'dist/server.js',
  'package.json',
  'schemas/issue-log.schema.json',
];
/** A bound, not a target: the tarball is about a third of this (see the report of `npm pack`). */
const MAX_TARBALL_BYTES = 1_000_000;

const LOG = `# Issue Log

## Issue Summary Statistics
- **Total Issues**: 5
- **Resolved**: 1

### CRIT-001: Pool exhausted
- **Status**: Resolved
- **Severity**: Critical
- **Reference**: [details](missing.md)
`;

/** The cache entries (DIR/ab/<40 hex>) in a --cache-dir. */
/** The cache's entry files (their paths), by name. */
function cacheEntryFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /^[0-9a-f]{40}$/.test(path.basename(f)))
    .sort((a, b) => (path.basename(a) < path.basename(b) ? -1 : 1))
    .map((f) => path.join(dir, f));
}

describe('the npm package (npm pack, installed from the tarball)', function () {
  this.timeout(600_000);
  const version = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
  let tmp: string;
  let src: string;
  let tarball: string;
  let packed: { filename: string; size: number; entryCount: number; files: { path: string }[] };
  let installDir: string;
  let workspace: string;

  before(function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-npm-package-'));
    src = copySources(path.join(tmp, 'src'));
    const packDir = path.join(tmp, 'pack');
    fs.mkdirSync(packDir);
    const r = runOk('npm', ['pack', '--json', '--pack-destination', packDir], src);
    // prepack's output comes first on stdout with older npm; the JSON is the last thing printed.
    const json = r.stdout.slice(r.stdout.indexOf('[\n'));
    [packed] = JSON.parse(json) as (typeof packed)[];
    tarball = path.join(packDir, packed.filename);

    installDir = path.join(tmp, 'install');
    fs.mkdirSync(installDir);
    fs.writeFileSync(path.join(installDir, 'package.json'), JSON.stringify({ name: 'empty', version: '1.0.0', private: true }));
    runOk('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], installDir);

    // The workspace: below the install folder (npx finds the installed bin there), its own root.
    workspace = path.join(installDir, 'ws');
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, '.issue-log.json'), '{}\n');
    fs.writeFileSync(path.join(workspace, 'LOG.md'), LOG);
  });

  after(function () {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('holds the CLI bundles, bin, README, LICENSE, CHANGELOG and the schema: no tests, docs, examples or sources', function () {
    assert.deepEqual(packed.files.map((f) => f.path).sort(), EXPECTED_FILES);
    assert.equal(packed.entryCount, EXPECTED_FILES.length);
    assert.ok(fs.statSync(tarball).size < MAX_TARBALL_BYTES, `tarball is ${fs.statSync(tarball).size} bytes`);
    const manifest = JSON.parse(fs.readFileSync(path.join(installDir, 'node_modules', 'issue-log', 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.dependencies, undefined, 'the bundles hold every library: nothing to install at run time');
  });

  it('installs into an empty folder pulling nothing else', function () {
    const installed = fs.readdirSync(path.join(installDir, 'node_modules')).filter((n) => !n.startsWith('.'));
    assert.deepEqual(installed, ['issue-log']);
    assert.ok(fs.existsSync(path.join(installDir, 'node_modules', '.bin', 'issue-log')));
  });

  it('npx issue-log --version prints the version of package.json', function () {
    const r = run('npx', ['--offline', 'issue-log', '--version'], installDir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `issue-log ${version}\n`);
  });

  it('npx issue-log check reports the workspace\'s problems and exits 1 on an error', function () {
    const r = run('npx', ['--offline', 'issue-log', 'check', '--format', 'json', '--today', '2026-11-28'], workspace);
    assert.equal(r.code, 1, r.stderr);
    const found = (JSON.parse(r.stdout) as { file: string; line: number; column: number; code: string; severity: string }[]).map((d) => ({
      file: path.basename(d.file),
      line: d.line,
      column: d.column,
      code: d.code,
      severity: d.severity,
    }));
    assert.deepEqual(found, [
      { file: 'LOG.md', line: 4, column: 1, code: 'stale-stat', severity: 'warning' },
      { file: 'LOG.md', line: 10, column: 18, code: 'broken-link', severity: 'error' },
    ]);
  });

  it('keys the facts cache by this build: not "dev", and a rebuilt source tree writes its entry anew', function () {
    const cacheDir = path.join(tmp, 'cache');
    const check = (cli: string[]) => run(cli[0], [...cli.slice(1), 'check', '--today', '2026-11-28', '--cache-dir', cacheDir, '.'], workspace);
    const entryBytes = () => cacheEntryFiles(cacheDir).map((f) => fs.readFileSync(f).toString('base64'));
    const installed = ['npx', '--offline', 'issue-log'];
    assert.equal(check(installed).code, 1);
    const first = entryBytes();
    assert.equal(first.length, 1, 'one entry for LOG.md');
    // The unbundled code (tsx) keys with "dev"; the build with its own id, so a dev key does not read it.
    const devKey = new FactsCache(cacheDir, resolveOptions({})).keyOf(fs.readFileSync(path.join(workspace, 'LOG.md')));
    assert.equal(typeof readFactsEntry(cacheEntryFiles(cacheDir)[0], devKey), 'string', 'the entry is not keyed "dev"');
    // The same build again: the entry is reused, not rewritten.
    assert.equal(check(installed).code, 1);
    assert.deepEqual(entryBytes(), first);

    // A change to the server's sources makes another build id (esbuild.mjs), so another entry.
    const bundledId = (file: string) => /"(\d+\.\d+\.\d+[^"]*\+[0-9a-f]{12})"/.exec(fs.readFileSync(file, 'utf8'))?.[1];
    const before = bundledId(path.join(src, 'dist', 'cli.js'));
    assert.ok(before?.startsWith(`${version}+`), `build id ${before}`);
    fs.appendFileSync(path.join(src, 'server', 'src', 'core', 'config.ts'), `\n// ${crypto.randomUUID()}\n`);
    runOk(process.execPath, ['esbuild.mjs'], src);
    const after = bundledId(path.join(src, 'dist', 'cli.js'));
    assert.ok(after?.startsWith(`${version}+`) && after !== before, `build id ${after} after ${before}`);
    assert.equal(check([process.execPath, path.join(src, 'dist', 'cli.js')]).code, 1);
    // One entry per file (node/cacheStore.ts): the rebuilt CLI's key differs, so it wrote the entry anew.
    const second = entryBytes();
    assert.equal(second.length, 1, 'still one entry for LOG.md');
    assert.notDeepEqual(second, first, 'the rebuilt CLI wrote its own entry');
  });
});
