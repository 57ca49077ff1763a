/**
 * What a command line names: the workspace roots to read (contract v2: the nearest folder above the
 * first PATH with `.issue-log.json` or `.git`), what under them is reported (the PATHs), the base
 * that printed paths are relative to (as before the root rule: the folder given, or the current
 * folder), the settings with `.issue-log.json` merged in, and the index read through the pipeline.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { mergeSettings, resolveOptions, type IssueLogOptions, type IssueLogSettings, type SettingsProblem } from '../core/config';
import { CONFIG_FILE_NAME, type ConfigFileSettings, type ConfigProblem } from '../core/configFile';
import type { WorkspaceIndex } from '../core/workspace';
import { OUTSIDE_REASON, WorkspaceBoundary } from '../node/boundary';
import { loadWorkspaceParallel } from '../node/loadWorkspace';
import type { HostProblem } from '../node/nodeHost';
import { isInside, readConfigAt, workspaceRootOf } from '../node/workspaceRoot';
import { UsageError, type Args } from './args';
import { configPrinted } from './output';

export interface Target {
  /** Workspace roots, read whole (absolute paths). */
  folders: string[];
  /** The files named (absolute paths; parsed whatever the pre-scan says); undefined when none were. */
  only?: Set<string>;
  /** Reported: under a PATH folder or a named file; undefined when every PATH is its root (everything is). */
  reported?: (file: string) => boolean;
  /** A folder was named (not only files). */
  foldersNamed: boolean;
  /** Printed paths are relative to this folder. */
  displayBase: string;
  /** `.issue-log.json` of the first root, when there is one. */
  config?: { path: string; text: string; problems: ConfigProblem[]; settings: ConfigFileSettings };
}

function statPath(p: string): { abs: string; isFolder: boolean } {
  const abs = path.resolve(p);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${p}: ${code === 'ENOENT' ? 'no such file or folder' : code === 'ELOOP' ? 'symbolic link loop' : (err as Error).message}`);
  }
  try {
    if (st.isDirectory()) fs.readdirSync(abs);
    else fs.accessSync(abs, fs.constants.R_OK);
  } catch (err) {
    throw new UsageError(`${p}: cannot read the ${st.isDirectory() ? 'folder' : 'file'} (${(err as Error).message})`);
  }
  return { abs, isFolder: st.isDirectory() };
}

export function resolveTargets(paths: string[]): Target {
  const given = (paths.length > 0 ? paths : ['.']).map(statPath);
  const cwd = process.cwd();
  const dirs = given.filter((g) => g.isFolder).map((g) => g.abs);
  const files = given.filter((g) => !g.isFolder).map((g) => g.abs);

  // Printed paths stay relative to what they were relative to before the root rule: one folder
  // given, or a file's folder (the current folder when the file is in it), else the current folder.
  const named = [...dirs];
  for (const f of files) {
    if (named.some((d) => isInside(f, d))) continue;
    const folder = isInside(f, cwd) ? cwd : path.dirname(f);
    if (!named.includes(folder)) named.push(folder);
  }
  const displayBase = named.length === 1 ? named[0] : cwd;

  const folders: string[] = [];
  for (const g of given) {
    if (folders.some((r) => isInside(g.abs, r))) continue;
    const root = workspaceRootOf(g.abs, g.isFolder, cwd);
    // A root that holds roots found before replaces them.
    for (let i = folders.length - 1; i >= 0; i--) if (isInside(folders[i], root)) folders.splice(i, 1);
    folders.push(root);
  }
  const everything = files.length === 0 && dirs.every((d) => folders.includes(d));
  const only = files.length > 0 ? new Set(files) : undefined;
  const reported = everything ? undefined : (file: string) => only?.has(file) === true || dirs.some((d) => isInside(file, d));

  const read = readConfigInside(workspaceRootOf(given[0].abs, given[0].isFolder, cwd), folders);
  if (read && 'error' in read) throw new UsageError(`${displayPathOf(read.path, displayBase)}: ${read.error}`);
  const config = read ? { path: read.path, text: read.text, problems: read.file.problems, settings: read.file.settings } : undefined;
  return { folders, only, reported, foldersNamed: dirs.length > 0, displayBase, config };
}

/** `.issue-log.json` of a root, read only when its real path is inside the workspace (boundary.ts). */
function readConfigInside(root: string, folders: string[]): ReturnType<typeof readConfigAt> {
  const file = path.join(root, CONFIG_FILE_NAME);
  const where = new WorkspaceBoundary(folders).resolve(file);
  if (!where.ok && where.reason === OUTSIDE_REASON) return { path: file, error: where.reason };
  return readConfigAt(root);
}

/** `file` as printed: relative to the display base, `/`-separated. */
export function displayPathOf(file: string, base: string): string {
  return path.relative(base, file).split(path.sep).join('/');
}

export const displayPath = (file: string, target: Target) => displayPathOf(file, target.displayBase);

function stderrProblem(target: Target) {
  return (p: HostProblem) => {
    const shown = target.folders.some((f) => isInside(p.path, f)) ? displayPath(p.path, target) || '.' : p.path;
    process.stderr.write(`issue-log: ${shown}: ${p.message}\n`);
  };
}

/**
 * The options: the CLI flags, with the root's `.issue-log.json` over them (the file wins where both
 * say). The file's problems go to stderr unless the command prints them as diagnostics (`check`).
 */
export function optionsOf(settings: IssueLogSettings, target: Target, printsConfigProblems = false): IssueLogOptions {
  const config = target.config;
  if (config && !printsConfigProblems) {
    const shown = displayPath(config.path, target);
    for (const p of configPrinted(config.text, config.problems, shown)) process.stderr.write(`issue-log: ${p.file}:${p.line}:${p.column}: ${p.message}\n`);
  }
  const file = config?.settings ?? {};
  const problems: SettingsProblem[] = [];
  const opts = resolveOptions(mergeSettings(settings, file), problems);
  for (const p of problems) process.stderr.write(`issue-log: ${p.setting}: ${p.message}\n`);
  return opts;
}

/**
 * Reads the workspace through the loading pipeline (worker threads, the facts cache when --cache-dir
 * names one). Files named on the command line are parsed whatever the pre-scan says.
 */
export async function loadIndex(args: Args, target: Target, opts: IssueLogOptions): Promise<WorkspaceIndex> {
  const loaded = await loadWorkspaceParallel(target.folders, opts, { onProblem: stderrProblem(target), cacheDir: args.cacheDir, pool: { size: args.jobs }, force: target.only });
  return loaded.index;
}

/** Is `uri` (a document of the index) reported? */
export function isReported(target: Target, uri: string): boolean {
  return !target.reported || target.reported(URI.parse(uri).fsPath);
}
