/** Runs the built CLI (dist/cli.js) as a user would: one copy for every CLI test. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO, 'dist', 'cli.js');

/**
 * `env` is added to this process's environment, from which the colour variables are taken out first
 * (a CI that sets FORCE_COLOR must not colour the text the tests compare).
 */
export function runCli(args: string[], cwd = REPO, timeout = 600_000, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const base = { ...process.env };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout, maxBuffer: 256 * 1024 * 1024, env: { ...base, ...env } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
