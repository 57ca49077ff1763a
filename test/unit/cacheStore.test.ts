/**
 * The facts cache's storage (node/cacheStore.ts through FactsCache, on a temporary cache folder): one
 * entry per document, replaced by its new facts; the least recently used pruned past the cap; only
 * the cache's own files deleted; two processes writing at once never leave an unreadable entry.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveOptions } from '../../server/src/core/config';
import { readDocument } from '../../server/src/core/document';
import { entryName } from '../../server/src/node/cacheStore';
import { FactsCache } from '../../server/src/node/factsCache';

const options = resolveOptions();
const text = (n: number) => `# Log ${n}\n\n### CRIT-00${n % 10}: Issue ${n}\n- **Status**: Open\n`;

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

function store(cache: FactsCache, uri: string, content: string): void {
  assert.ok(cache.put(cache.keyOf(content), readDocument(uri, content, options)));
}

/** Sets an entry's mtime `hoursAgo` hours back. */
function age(file: string, hoursAgo: number): void {
  const t = new Date(Date.now() - hoursAgo * 3600_000);
  fs.utimesSync(file, t, t);
}

describe('facts cache storage', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-cachestore-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps one entry per document: its new facts replace the old entry', () => {
    const cache = new FactsCache(dir, options);
    store(cache, 'file:///a.md', text(1));
    store(cache, 'file:///a.md', text(2));
    store(cache, 'file:///a.md', text(3));
    const name = entryName('file:///a.md');
    assert.deepEqual(filesUnder(dir), [path.join(name.slice(0, 2), name)]);
    const reader = new FactsCache(dir, options);
    assert.equal(reader.lookup(text(1), 'file:///a.md').facts, undefined);
    assert.equal(reader.lookup(text(3), 'file:///a.md').facts?.headings[0].text, 'Log 3');
    assert.deepEqual([reader.stats.hits, reader.stats.stale, reader.stats.bad], [1, 1, 0]);
    // Two documents with the same content have an entry each.
    store(cache, 'file:///b.md', text(3));
    assert.equal(filesUnder(dir).length, 2);
  });

  it('past its cap, deletes the least recently used entries (a hit counts as a use), down to three quarters', () => {
    const probe = new FactsCache(path.join(dir, 'probe'), options);
    store(probe, 'file:///x.md', text(0));
    const size = fs.statSync(probe.fileOf('file:///x.md')).size;
    fs.rmSync(path.join(dir, 'probe'), { recursive: true });

    // Room for a little more than four entries of about this size.
    const cache = new FactsCache(dir, options, { maxBytes: Math.floor(size * 4.5) });
    for (let i = 0; i < 4; i++) store(cache, `file:///d${i}.md`, text(i));
    assert.equal(filesUnder(dir).length, 4);
    // d0 is the oldest, then d1, …; then d0 is read (a hit touches an entry older than an hour).
    for (let i = 0; i < 4; i++) age(cache.fileOf(`file:///d${i}.md`), 10 - i);
    const reader = new FactsCache(dir, options);
    assert.ok(reader.lookup(text(0), 'file:///d0.md').facts);
    assert.ok(fs.statSync(cache.fileOf('file:///d0.md')).mtimeMs > Date.now() - 3600_000);

    store(cache, 'file:///d4.md', text(4));
    // Five entries were over the cap: d1 and d2, the least recently used, went (three quarters hold three).
    const left = ['d0', 'd3', 'd4'].map((d) => entryName(`file:///${d}.md`));
    assert.deepEqual(filesUnder(dir), left.map((n) => path.join(n.slice(0, 2), n)).sort());
    assert.equal(cache.stats.pruned, 2);
    assert.ok(reader.lookup(text(0), 'file:///d0.md').facts);
  });

  it('deletes only its own files, and temporary files left by a writer that died', () => {
    const name = entryName('file:///a.md');
    const folder = path.join(dir, name.slice(0, 2));
    fs.mkdirSync(folder, { recursive: true });
    const other = entryName('file:///elsewhere.md');
    const foreign = ['notes.md', path.join(name.slice(0, 2), 'README'), path.join('zz', name), path.join(other.slice(0, 2), other)];
    for (const f of foreign) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), 'x'.repeat(10_000));
      age(path.join(dir, f), 100);
    }
    const oldTemp = path.join(folder, `${name}.123.abc.tmp`);
    const newTemp = path.join(folder, `${name}.456.def.tmp`);
    fs.writeFileSync(oldTemp, 'x');
    age(oldTemp, 2);
    fs.writeFileSync(newTemp, 'x');
    const cache = new FactsCache(dir, options, { maxBytes: 1 });
    store(cache, 'file:///a.md', text(1));
    const left = filesUnder(dir);
    // The entries went (the cap is one byte: even the new one); the foreign files stay, whatever their age or size.
    for (const f of foreign.slice(0, 3)) assert.ok(left.includes(f), f);
    assert.ok(!left.includes(foreign[3]), 'an entry of another document is an entry: pruned');
    assert.ok(!left.includes(path.relative(dir, oldTemp)));
    assert.ok(left.includes(path.relative(dir, newTemp)));
  });

  it('two processes writing the same entries at once: every read is a hit or a miss, never a bad entry', async function () {
    this.timeout(120_000);
    const tsx = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
    const writer = path.join(__dirname, 'cacheWriter.ts');
    const exits = [0, 1].map(
      () =>
        new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, [tsx, writer, dir, '40'], { stdio: ['ignore', 'ignore', 'inherit'] });
          child.on('exit', (code) => resolve(code));
        }),
    );
    let running = true;
    void Promise.all(exits).then(() => (running = false));
    const reader = new FactsCache(dir, options);
    let reads = 0;
    while (running || reads === 0) {
      for (let d = 0; d < 8; d++) for (const t of ['# A\n\n### CRIT-001: One\n- **Status**: Open\n', '# B\n\n### CRIT-002: Two\n- **Status**: Resolved\n'.repeat(3)]) reader.lookup(t, `file:///doc${d}.md`);
      reads++;
      await new Promise((r) => setImmediate(r));
    }
    assert.deepEqual(await Promise.all(exits), [0, 0]);
    assert.equal(reader.stats.bad, 0, JSON.stringify(reader.stats));
    assert.ok(reader.stats.hits > 0, JSON.stringify(reader.stats));
    // No temporary file left; one entry per document at most.
    assert.ok(filesUnder(dir).every((f) => /^[0-9a-f]{2}\/[0-9a-f]{40}$/.test(f.split(path.sep).join('/'))), filesUnder(dir).join('\n'));
    assert.ok(filesUnder(dir).length <= 8);
  });
});
