/**
 * loadWorkspaceParallel (worker threads + the warm facts cache) against loadWorkspace: the same
 * documents in the same order, the same problems in the same order; corrupt cache entries are
 * ignored; a file over the time limit is reported and left out instead of hanging.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { resolveOptions } from '../../server/src/core/config';
import { loadWorkspace, loadWorkspaceParallel } from '../../server/src/node/loadWorkspace';
import { FactsCache } from '../../server/src/node/factsCache';
import { ParsePool } from '../../server/src/node/parsePool';
import type { HostProblem } from '../../server/src/node/nodeHost';

const REPO = path.resolve(__dirname, '..', '..');
const options = resolveOptions({ maxFileSizeMB: 0.5 });

describe('parallel loading and the facts cache', function () {
  this.timeout(120_000);
  let root: string;
  let cacheDir: string;

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-par-')));
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-cache-'));
    const seed = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md'));
    fs.mkdirSync(path.join(root, '06-Master'));
    fs.writeFileSync(path.join(root, '06-Master', 'MASTER-ISSUE-LOG.md'), seed);
    fs.writeFileSync(path.join(root, 'copy.md'), seed);
    fs.writeFileSync(path.join(root, 'latin1.md'), Buffer.from('# Caf\xe9\n\nCRIT-001 mentioned\n', 'latin1'));
    fs.writeFileSync(path.join(root, 'binary.md'), Buffer.from([0x23, 0x20, 0, 1, 2]));
    fs.writeFileSync(path.join(root, 'big.md'), '# big\n' + 'x'.repeat(600 * 1024));
    fs.writeFileSync(path.join(root, 'deep.md'), '# deep CRIT-002\n\n' + '> '.repeat(100) + 'quoted\n');
    fs.writeFileSync(path.join(root, 'empty.md'), '');
    // Not issue logs: read, not parsed (the pre-scan defers them), but one is linked to from a log.
    // (The README links to no Markdown file: one that did could be in a log's family, and would be parsed.)
    fs.writeFileSync(path.join(root, 'README.md'), '# Readme\n\nSee [the site](https://example.com) and [below](#setup).\n\n## Setup\n');
    fs.writeFileSync(path.join(root, 'notes.md'), '# Notes\n\n## Setup\n');
    fs.writeFileSync(path.join(root, 'log.md'), '### LOW-001: A\n- **Status**: Open\n\n[notes](notes.md#setup) [bad](notes.md#nope)\n');
  });
  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  async function both(extra: Parameters<typeof loadWorkspaceParallel>[2] = {}) {
    const seqProblems: HostProblem[] = [];
    const parProblems: HostProblem[] = [];
    const seq = loadWorkspace([root], options, { onProblem: (p) => seqProblems.push(p) });
    const par = await loadWorkspaceParallel([root], options, { onProblem: (p) => parProblems.push(p), pool: { size: 2 }, ...extra });
    return { seq, par, seqProblems, parProblems };
  }

  it('gives the documents and problems of loadWorkspace, in the same order', async () => {
    const { seq, par, seqProblems, parProblems } = await both();
    assert.deepStrictEqual(parProblems, seqProblems);
    assert.deepStrictEqual([...par.index.documents].map((d) => d.uri), [...seq.index.documents].map((d) => d.uri));
    for (const d of seq.index.documents) assert.deepStrictEqual(par.index.get(d.uri), d);
    // The binary, the too large, the deeply nested and the invalid UTF-8 file have their problem.
    assert.deepEqual([...new Set(seqProblems.map((p) => path.basename(p.path)))].sort(), ['big.md', 'binary.md', 'deep.md', 'latin1.md']);
    // Every file is in the index: the deferred ones with placeholders, notes.md (linked from log.md) parsed after the others.
    assert.equal(par.parsed + par.deferred.size + 1, par.index.size);
    assert.deepEqual([...par.deferred.keys()].map((u) => path.basename(u)).sort(), ['README.md', 'empty.md']);
    assert.deepEqual(par.index.get(URI.file(path.join(root, 'notes.md')).toString())?.headings.map((h) => h.slug), ['notes', 'setup']);
  });

  it('reads every file from the cache on the second run, with the same result', async () => {
    const first = await both({ cacheDir });
    assert.equal(first.par.cached, 0);
    const second = await both({ cacheDir });
    assert.equal(second.par.parsed, 0);
    assert.equal(second.par.cached, second.seq.index.size - second.seq.deferred.size - 1);
    assert.deepStrictEqual(second.parProblems, second.seqProblems);
    for (const d of second.seq.index.documents) assert.deepStrictEqual(second.par.index.get(d.uri), d);
  });

  it('ignores corrupt, truncated and foreign cache entries', async () => {
    await both({ cacheDir });
    const entries: string[] = [];
    for (const sub of fs.readdirSync(cacheDir)) for (const f of fs.readdirSync(path.join(cacheDir, sub))) entries.push(path.join(cacheDir, sub, f));
    assert.ok(entries.length >= 4);
    fs.writeFileSync(entries[0], 'not a cache entry');
    fs.truncateSync(entries[1], 10);
    fs.writeFileSync(entries[2], Buffer.alloc(0));
    fs.copyFileSync(entries[3], entries[0] + '.other');
    fs.renameSync(entries[0] + '.other', entries[0]);
    const cache = new FactsCache(cacheDir, options);
    const r = await both({ cache });
    // The copy is a good entry of another document (entries are per document): stale, a miss, or a
    // hit when both documents hold the same content (copy.md and the master); never a wrong result.
    assert.ok(cache.stats.bad >= 2 && cache.stats.bad + cache.stats.stale + cache.stats.hits >= 3, JSON.stringify(cache.stats));
    assert.deepStrictEqual(r.parProblems, r.seqProblems);
    for (const d of r.seq.index.documents) assert.deepStrictEqual(r.par.index.get(d.uri), d);
  });

  it('an unusable cache folder is not fatal', async () => {
    const file = path.join(cacheDir, 'a-file');
    fs.writeFileSync(file, 'x');
    const r = await both({ cacheDir: file });
    assert.deepStrictEqual(r.parProblems, r.seqProblems);
    assert.equal(r.par.index.size, r.seq.index.size);
  });

  it('keys the cache by what changes the facts: not the prefixes (the parse is prefix-independent), the status words', () => {
    const a = new FactsCache(cacheDir, resolveOptions());
    const b = new FactsCache(cacheDir, resolveOptions({ prefixes: { BUG: 'High' } }));
    const c = new FactsCache(cacheDir, resolveOptions({ rules: { 'broken-link': 'off' } }));
    const d = new FactsCache(cacheDir, resolveOptions({ status: { open: ['Triaged'] } }));
    assert.equal(a.keyOf('same'), b.keyOf('same'));
    assert.equal(a.keyOf('same'), c.keyOf('same'));
    assert.notEqual(a.keyOf('same'), d.keyOf('same'));
  });

  it('a file over the time limit is reported and left out; the pool goes on with a new worker', async () => {
    const pool = new ParsePool(options, { size: 1, timeLimitMs: 1, timeLimitPerMBMs: 0 });
    try {
      const big = '# x\n\n' + '- **Status**: Open\n'.repeat(20000);
      const [slow, after] = await Promise.all([pool.parse('file:///slow.md', big), pool.parse('file:///ok.md', '# ok\n')]);
      assert.deepStrictEqual(slow, { ok: false, reason: 'took longer than 0 s to parse; not checked' });
      // The second job may also hit a 1 ms limit on a slow machine; either way the pool answered.
      assert.ok(after.ok || /took longer/.test(after.reason));
      assert.ok(pool.timeouts >= 1);
    } finally {
      await pool.close();
    }
    const pool2 = new ParsePool(options, { size: 1 });
    try {
      const r = await pool2.parse('file:///ok.md', '# ok\n');
      assert.ok(r.ok && r.facts.headings[0].text === 'ok');
    } finally {
      await pool2.close();
    }
  });
});

describe('FileParser (for the language server)', function () {
  this.timeout(60_000);
  it('parses a file on a worker, then serves it from the cache', async () => {
    const { FileParser } = await import('../../server/src/node/fileParser');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-fp-'));
    try {
      const file = path.join(dir, 'a.md');
      fs.writeFileSync(file, '# CRIT-001: Pool\n- **Status**: Open\n');
      const first = new FileParser(options, { cacheDir: path.join(dir, 'cache') });
      const a = await first.parseFile(file);
      await first.close();
      assert.ok(a.ok && !a.cached && a.facts?.entries[0].id === 'CRIT-001');
      const second = new FileParser(options, { cacheDir: path.join(dir, 'cache') });
      const b = await second.parseFile(file);
      await second.close();
      assert.ok(b.ok && b.cached);
      assert.deepStrictEqual(b.ok && b.facts, a.ok && a.facts);
      const missing = await second.parseFile(path.join(dir, 'none.md'));
      assert.deepStrictEqual(missing, { ok: false, reason: 'does not exist' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parses a list of files (parseFiles) as parseFile does each, on a pool whose size changes meanwhile', async () => {
    const { FileParser } = await import('../../server/src/node/fileParser');
    const { URI } = await import('vscode-uri');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-fp-'));
    try {
      const seed = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md'), 'utf8');
      const names = ['a.md', 'b.md', 'binary.md', 'c.md', 'none.md'];
      fs.writeFileSync(path.join(dir, 'a.md'), seed);
      fs.writeFileSync(path.join(dir, 'b.md'), '# CRIT-001: Pool\n- **Status**: Open\n');
      fs.writeFileSync(path.join(dir, 'binary.md'), 'a\u0000b');
      fs.writeFileSync(path.join(dir, 'c.md'), seed + '\n### HIGH-100: More\n');
      const files = names.map((n) => ({ path: path.join(dir, n), uri: URI.file(path.join(dir, n)).toString() }));
      const run = async (parser: InstanceType<typeof FileParser>) => {
        const results: unknown[] = new Array(files.length);
        const { finished } = await parser.parseFiles(files, (i, r) => (results[i] = r));
        parser.pool.setSize(2);
        await finished;
        return results;
      };
      const single = new FileParser(options);
      const expected = await Promise.all(files.map((f) => single.parseFile(f.path, f.uri)));
      await single.close();
      const first = new FileParser(options, { cacheDir: path.join(dir, 'cache'), pool: { size: 1 } });
      assert.deepStrictEqual(await run(first), expected);
      await first.close();
      // From the cache the second time: the same facts, marked cached.
      const second = new FileParser(options, { cacheDir: path.join(dir, 'cache'), pool: { size: 1 } });
      const cached = (await run(second)) as { ok: boolean; cached?: boolean }[];
      await second.close();
      assert.deepStrictEqual(cached.map((r) => r.ok && r.cached), [true, true, false, true, false]);
      assert.deepStrictEqual(cached.map((r) => (r.ok ? { ...r, cached: false } : r)), expected);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
