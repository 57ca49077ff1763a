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
import { decodeMarkdown, formatSize, type HostProblem } from '../node/nodeHost';
import { isInside, readConfigAt, workspaceRootOf } from '../node/workspaceRoot';
import { UsageError, type Args } from './args';
import { configPrinted } from './output';
import { ProgressLine } from './progress';

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
  /** PATH `-`: the file (absolute) that the text on standard input stands for (--stdin-filename). */
  stdin?: string;
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

/** The file standard input stands for: it need not exist, its folder must (the workspace is found from there). */
function stdinPath(file: string): { abs: string; isFolder: boolean } {
  const folder = statPath(path.dirname(file));
  if (!folder.isFolder) throw new UsageError(`--stdin-filename ${file}: ${path.dirname(file)} is not a folder`);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError(`--stdin-filename ${file}: is a folder, not a file`);
  return { abs: file, isFolder: false };
}

/** `stdinFilename`: PATH was `-` (args.ts checked it), and the text on standard input stands for this file. */
export function resolveTargets(paths: string[], stdinFilename?: string): Target {
  const given = stdinFilename !== undefined ? [stdinPath(stdinFilename)] : (paths.length > 0 ? paths : ['.']).map(statPath);
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
  return { folders, only, reported, foldersNamed: dirs.length > 0, displayBase, config, stdin: stdinFilename };
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

function stderrProblem(target: Target, progress?: ProgressLine) {
  return (p: HostProblem) => {
    const shown = target.folders.some((f) => isInside(p.path, f)) ? displayPath(p.path, target) || '.' : p.path;
    const line = `issue-log: ${shown}: ${p.message}\n`;
    if (progress) progress.write(line);
    else process.stderr.write(line);
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
  const merged = mergeSettings(settings, file);
  // --no-gitignore is asked for this run: it wins over the file's "gitignore" (the repository's default).
  if (settings.useGitignore === false) merged.useGitignore = false;
  const opts = resolveOptions(merged, problems);
  for (const p of problems) process.stderr.write(`issue-log: ${p.setting}: ${p.message}\n`);
  return opts;
}

/**
 * Reads the workspace through the loading pipeline (worker threads, the facts cache when --cache-dir
 * names one), with a progress line on a terminal (progress.ts). Files named on the command line are
 * parsed whatever the pre-scan says; the text on standard input stands for its file (PATH `-`). A
 * named file that the workspace leaves out (exclude globs, .gitignore) is said so on stderr.
 */
export async function loadIndex(args: Args, target: Target, opts: IssueLogOptions): Promise<WorkspaceIndex> {
  const buffers = target.stdin === undefined ? undefined : new Map([[target.stdin, readStdin(opts.maxFileSize)]]);
  const progress = new ProgressLine(process.stderr);
  let loaded;
  try {
    loaded = await loadWorkspaceParallel(target.folders, opts, {
      onProblem: stderrProblem(target, progress),
      onProgress: (done, total) => progress.update(done, total),
      cacheDir: args.cacheDir,
      pool: { size: args.jobs },
      force: target.only,
      buffers,
    });
  } finally {
    progress.clear();
  }
  for (const file of target.only ?? []) {
    if (loaded.index.has(URI.file(file).toString()) || !loaded.isLeftOut(file)) continue;
    const why = opts.useGitignore ? 'an exclude glob, node_modules, .git or a .gitignore file (--no-gitignore checks those)' : 'an exclude glob, node_modules or .git';
    process.stderr.write(`issue-log: ${displayPath(file, target)}: left out of the workspace by ${why}; not checked\n`);
  }
  return loaded.index;
}

/** The text on standard input (PATH `-`), read whole and decoded as a file is; what cannot be read stops the command. */
function readStdin(maxSize: number): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(0);
  } catch (err) {
    throw new UsageError(`standard input: ${(err as Error).message}`);
  }
  if (bytes.length > maxSize) throw new UsageError(`standard input: is ${formatSize(bytes.length)}, over the ${formatSize(maxSize)} limit (--max-file-size)`);
  const read = decodeMarkdown(bytes);
  if (!read.ok) throw new UsageError(`standard input: ${read.reason}`);
  if (read.warning) process.stderr.write(`issue-log: standard input: ${read.warning}\n`);
  return read.text;
}

/** Is `uri` (a document of the index) reported? */
export function isReported(target: Target, uri: string): boolean {
  return !target.reported || target.reported(URI.parse(uri).fsPath);
}
