/**
 * The packaging tests build from a copy of the repository's sources in a temporary folder: what a fresh
 * checkout holds (no dist/, no node_modules, nothing .gitignore names), with node_modules linked to the
 * checkout's. So packing proves that it builds what it ships, and the checkout's dist/ is never touched.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');

/** The top-level names .gitignore leaves out (its simple patterns: `name`, `name/`, `*.ext`), and .git. */
function ignoredAtTop(): (name: string) => boolean {
  const patterns = fs
    .readFileSync(path.join(REPO, '.gitignore'), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'))
    .map((l) => l.replace(/^\//, '').replace(/\/$/, ''))
    .filter((l) => !l.includes('/'))
    .map((l) => new RegExp(`^${l.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`));
  return (name) => name === '.git' || patterns.some((p) => p.test(name));
}

/** Copies the sources into `dir` (created) and links node_modules; returns `dir`. */
export function copySources(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const ignored = ignoredAtTop();
  for (const name of fs.readdirSync(REPO)) {
    if (ignored(name)) continue;
    fs.cpSync(path.join(REPO, name), path.join(dir, name), { recursive: true, verbatimSymlinks: true });
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (the harness's timeout bounds the test; this one bounds the command). */
export function run(command: string, args: string[], cwd: string, timeout = 300_000): Ran {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `run`, failing with the command's output when it does not exit 0. */
export function runOk(command: string, args: string[], cwd: string, timeout?: number): Ran {
  const r = run(command, args, cwd, timeout);
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}
