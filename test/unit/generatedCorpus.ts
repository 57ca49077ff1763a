/**
 * A corpus written by the project's generator (test/fixtures/corpus/gen-workspace.mjs) into a
 * temporary folder for one test, and the Markdown files of a folder: what the tests that read every
 * file of a corpus share.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from './cliRun';

/** Every `*.md` under `dir` (hidden folders and node_modules left out), in walk order. */
export function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) out.push(...markdownFiles(p));
    else if (e.isFile() && e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

/** Generates a contract-2 corpus with `args` (e.g. `--phases 6 --dialect mixed`), runs `use` on it, then removes it. */
export function withGeneratedCorpus(args: string[], use: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'issue-log-corpus-'));
  try {
    const gen = path.join(REPO, 'test', 'fixtures', 'corpus', 'gen-workspace.mjs');
    const r = spawnSync(process.execPath, [gen, dir, ...args, '--contract', '2'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    use(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
