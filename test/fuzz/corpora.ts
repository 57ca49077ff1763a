/**
 * The texts the fuzz suite mutates: the seed (test/fixtures/seed) and small generated corpora
 * (test/fixtures/corpus/gen-workspace.mjs, contract 2, every dialect), written once per process to
 * a temporary folder and read back.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
const GENERATOR = path.join(REPO, 'test', 'fixtures', 'corpus', 'gen-workspace.mjs');
export const SEED_TEXT = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md'), 'utf8');

/** gen-workspace.mjs's dialects (its README): `seed` written for contract 2, and the others. */
export const DIALECTS = ['seed', 'decorated', 'bugs', 'tickets', 'incidents', 'defects', 'mixed'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** A workspace: relative path → file bytes (Markdown and .issue-log.json). */
export type Files = Record<string, string>;

/** Writes a small corpus of `dialect` to `dir` (2 phases of 4 issues, one fault of each kind). */
export function generateCorpus(dir: string, dialect: Dialect, seed = 1): void {
  const r = spawnSync(process.execPath, [GENERATOR, dir, '--phases', '2', '--issues-per-phase', '4', '--faults', '1', '--seed', String(seed), '--dialect', dialect, '--contract', '2'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gen-workspace.mjs ${dialect}: ${r.stderr}`);
  fs.rmSync(path.join(dir, 'expected.json'));
}

/** Every file under `dir`, as text. */
export function readTree(dir: string): Files {
  const out: Files = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out[r] = fs.readFileSync(path.join(dir, r), 'utf8');
    }
  };
  walk('');
  return out;
}

let cached: Map<Dialect, Files> | undefined;

/** The corpus of every dialect (generated on first use). */
export function corpora(): Map<Dialect, Files> {
  if (cached) return cached;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-corpora-'));
  try {
    cached = new Map(
      DIALECTS.map((d) => {
        const dir = path.join(tmp, d);
        generateCorpus(dir, d);
        return [d, readTree(dir)];
      }),
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return cached;
}

/** The Markdown texts of every corpus and the seed: the bases that documents are mutated from. */
export function baseTexts(): string[] {
  const out = [SEED_TEXT];
  for (const files of corpora().values()) for (const [rel, text] of Object.entries(files)) if (rel.endsWith('.md')) out.push(text);
  return out;
}
