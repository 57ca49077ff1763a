/**
 * A small repository for the tests of check's output formats: `.git` at the top (the workspace root),
 * the seed as docs/06-Master/MASTER-ISSUE-LOG.md, a file whose name and messages hold every character
 * a format must escape, a clean file, and a warnings-only log. Files are written here, never compared
 * by message prose: the tests compare each format with `--format json` of the same run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Printed } from '../../server/src/cli';
import { REPO, runCli } from './cliRun';

export const SEED = path.join(REPO, 'test', 'fixtures', 'seed', 'MASTER-ISSUE-LOG.md');
export const TODAY = '2026-11-28';

/** Escaping: `&`, `<`, `>`, `"`, `,` and `:` in the message (the link's path), `,`, `:`, `%` and spaces in the file name. */
export const AWKWARD_FILE = 'docs/notes, v2: 100% draft.md';
const AWKWARD = '### LOW-101: A & B\n- **Status**: Open\n\nSee [gone](./R&D%3Cx%3E%22q%22,a:b.md).\n';

/** Only warnings: a stale count (no link, nothing else). */
export const WARNINGS_ONLY = '### LOW-201: One\n- **Status**: Open\n- **Severity**: Low\n\n## Statistics\n- **Total Issues**: 3\n- **Open**: 2\n';

export function tempDir(name: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `issue-log-${name}-`)));
}

export function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

/** The repository; `extra` adds or replaces files. */
export function outputRepository(extra: Record<string, string> = {}): string {
  const root = tempDir('out');
  fs.mkdirSync(path.join(root, '.git'));
  const files: Record<string, string> = {
    'docs/06-Master/MASTER-ISSUE-LOG.md': fs.readFileSync(SEED, 'utf8'),
    [AWKWARD_FILE]: AWKWARD,
    'docs/clean.md': '# Clean\n\nNothing to report.\n',
    ...extra,
  };
  for (const [rel, text] of Object.entries(files)) write(root, rel, text);
  return root;
}

/** `check` with --today, from `cwd`; `json` parses the output. */
export function check(cwd: string, args: string[], env: Record<string, string> = {}) {
  return runCli(['check', ...args, '--today', TODAY], cwd, 120_000, env);
}

export function checkJson(cwd: string, args: string[] = ['.']): Printed[] {
  const r = check(cwd, [...args, '--format', 'json']);
  if (r.code !== 0 && r.code !== 1) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Printed[];
}
