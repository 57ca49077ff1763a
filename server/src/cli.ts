/**
 * `issue-log`: the command-line checker (contract: ../shared/issue-log-format.md, "The CLI contract").
 *
 *   issue-log check [PATH ...] [--format text|json] [--today YYYY-MM-DD]
 *   issue-log stats LOG
 *   issue-log open [PATH] [--format text|json]
 *   issue-log lsp --stdio [--cache-dir DIR]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { resolveOptions, RULE_CODES, type IssueLogSettings, type SettingsProblem } from './core/config';
import { localToday, parseIsoDate } from './core/durations';
import { computeDiagnostics, ruleOptions } from './core/rules';
import { renderStatistics } from './core/statsReport';
import { openIssues } from './core/openIssues';
import { loadWorkspaceParallel } from './node/loadWorkspace';
import type { WorkspaceIndex } from './core/workspace';
import type { IssueLogOptions } from './core/config';
import type { HostProblem } from './node/nodeHost';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

const USAGE = `Usage:
  issue-log check [PATH ...] [options]   Check issue logs; print diagnostics.
  issue-log stats LOG [options]          Print LOG's statistics block and resolution table, computed.
  issue-log open [PATH] [options]        List the open issues.
  issue-log lsp --stdio                  Run the language server on standard input/output
                                         (--cache-dir DIR: its cache of parsed files).

PATH is a workspace folder, or Markdown files in one (default: the current folder).
Every *.md file under the folder is read (minus node_modules, .git and --exclude globs).

Options:
  --format text|json           Output format (default: text).
  --today YYYY-MM-DD           The date review-overdue judges by (default: today).
  --exclude GLOB               Leave out matching files (relative to the folder); repeatable.
  --rule CODE=SEVERITY         Set a rule's severity (error, warning, information, hint, off); repeatable.
  --prefix PREFIX=SEVERITY     Issue-ID prefix and its severity (Critical, High, Medium, Low, or empty);
                               repeatable; replaces the defaults CRIT, HIGH, MED, LOW, OPEN.
  --case-sensitive-anchors     Match #fragments to heading slugs exactly (GitLab) instead of ignoring case.
  --max-file-size MB           Skip files larger than this (default: 5).
  --cache-dir DIR              Keep the facts of each file in DIR, keyed by its content, and reuse them
                               on the next run (default: no cache). Unusable entries are ignored.
  --jobs N                     Parse with N worker threads (default: the number of cores).
  -h, --help                   Show this help.
  -v, --version                Show the version.

Exit status: 0 no errors, 1 an error-severity diagnostic was printed, 2 the command could not run.
Rule codes: ${RULE_CODES.join(', ')}.`;

class UsageError extends Error {}

interface Args {
  command: string;
  paths: string[];
  format: 'text' | 'json';
  today: string;
  settings: IssueLogSettings;
  cacheDir?: string;
  jobs?: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { command: '', paths: [], format: 'text', today: localToday(), settings: {} };
  const rules: Record<string, string> = {};
  const prefixes: Record<string, string> = {};
  const exclude: string[] = [];
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const take = () => {
      if (inline !== undefined) return inline;
      const v = value(i, flag);
      i++;
      return v;
    };
    switch (flag) {
      case '--format': {
        const f = take();
        if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not "${f}"`);
        args.format = f;
        break;
      }
      case '--today': {
        const t = take();
        if (!parseIsoDate(t)) throw new UsageError(`--today must be a date YYYY-MM-DD, not "${t}"`);
        args.today = t;
        break;
      }
      case '--exclude':
        exclude.push(take());
        break;
      case '--rule': {
        const r = take();
        const m = /^([a-z-]+)=(\w+)$/.exec(r);
        if (!m) throw new UsageError(`--rule takes CODE=SEVERITY, not "${r}"`);
        if (!(RULE_CODES as readonly string[]).includes(m[1])) throw new UsageError(`--rule: unknown rule "${m[1]}"; rules: ${RULE_CODES.join(', ')}`);
        if (!['error', 'warning', 'information', 'hint', 'off'].includes(m[2])) throw new UsageError(`--rule: "${m[2]}" is not error, warning, information, hint or off`);
        rules[m[1]] = m[2];
        break;
      }
      case '--prefix': {
        const p = take();
        const m = /^([A-Za-z][A-Za-z0-9]*)=(\w*)$/.exec(p);
        if (!m) throw new UsageError(`--prefix takes PREFIX=SEVERITY, not "${p}"`);
        prefixes[m[1]] = m[2];
        break;
      }
      case '--case-sensitive-anchors':
        args.settings.caseSensitiveAnchors = true;
        break;
      case '--max-file-size': {
        const v = Number(take());
        if (!Number.isFinite(v) || v <= 0) throw new UsageError('--max-file-size takes a positive number of megabytes');
        args.settings.maxFileSizeMB = v;
        break;
      }
      case '--cache-dir':
        args.cacheDir = path.resolve(take());
        break;
      case '--jobs': {
        const v = Number(take());
        if (!Number.isInteger(v) || v < 1) throw new UsageError('--jobs takes a whole number of threads, 1 or more');
        args.jobs = v;
        break;
      }
      case '--stdio':
      case '--node-ipc':
        break;
      case '-h':
      case '--help':
        args.command = 'help';
        break;
      case '-v':
      case '--version':
        args.command = args.command || 'version';
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        if (!args.command) args.command = a;
        else args.paths.push(a);
    }
  }
  if (Object.keys(rules).length) args.settings.rules = rules;
  if (Object.keys(prefixes).length) args.settings.prefixes = prefixes;
  if (exclude.length) args.settings.exclude = exclude;
  return args;
}

interface Target {
  /** Workspace folders (absolute paths). */
  folders: string[];
  /** When files were named: only these are reported. */
  only?: Set<string>;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function resolveTargets(paths: string[]): Target {
  const given = paths.length > 0 ? paths : ['.'];
  const dirs: string[] = [];
  const files: string[] = [];
  for (const p of given) {
    const abs = path.resolve(p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(`${p}: ${code === 'ENOENT' ? 'no such file or folder' : code === 'ELOOP' ? 'symbolic link loop' : (err as Error).message}`);
    }
    if (st.isDirectory()) {
      try {
        fs.readdirSync(abs);
      } catch (err) {
        throw new UsageError(`${p}: cannot read the folder (${(err as Error).message})`);
      }
      dirs.push(abs);
    } else {
      try {
        fs.accessSync(abs, fs.constants.R_OK);
      } catch (err) {
        throw new UsageError(`${p}: cannot read the file (${(err as Error).message})`);
      }
      files.push(abs);
    }
  }
  if (files.length === 0) return { folders: dirs };
  const folders = [...dirs];
  const cwd = process.cwd();
  for (const f of files) {
    if (folders.some((d) => isInside(f, d))) continue;
    // A file names its workspace: the current folder when the file is inside it, else its own folder.
    const root = isInside(f, cwd) ? cwd : path.dirname(f);
    if (!folders.includes(root)) folders.push(root);
  }
  if (dirs.length > 0) return { folders };
  return { folders, only: new Set(files) };
}

/** One diagnostic as the CLI prints it (the contract's JSON shape). */
export interface Printed {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
  message: string;
}

const SEVERITY_NAMES = ['error', 'error', 'warning', 'information', 'hint'] as const;

function displayPath(file: string, folders: string[]): string {
  if (folders.length === 1) return path.relative(folders[0], file).split(path.sep).join('/');
  return path.relative(process.cwd(), file).split(path.sep).join('/');
}

function stderrProblem(folders: string[]) {
  return (p: HostProblem) => {
    const shown = folders.some((f) => isInside(p.path, f)) ? displayPath(p.path, folders) || '.' : p.path;
    process.stderr.write(`issue-log: ${shown}: ${p.message}\n`);
  };
}

function options(settings: IssueLogSettings) {
  const problems: SettingsProblem[] = [];
  const opts = resolveOptions(settings, problems);
  for (const p of problems) process.stderr.write(`issue-log: ${p.setting}: ${p.message}\n`);
  return opts;
}

/**
 * Reads the workspace through the loading pipeline (worker threads, the facts cache when --cache-dir
 * names one). Files named on the command line are parsed whatever the pre-scan says.
 */
async function loadIndex(args: Args, target: Target, opts: IssueLogOptions): Promise<{ index: WorkspaceIndex }> {
  const folders = target.folders;
  const loaded = await loadWorkspaceParallel(folders, opts, { onProblem: stderrProblem(folders), cacheDir: args.cacheDir, pool: { size: args.jobs }, force: target.only });
  return { index: loaded.index };
}

async function check(args: Args): Promise<number> {
  const target = resolveTargets(args.paths);
  const { index } = await loadIndex(args, target, options(args.settings));
  const printed: Printed[] = [];
  let files = 0;
  let logs = 0;
  for (const doc of index.documents) {
    const file = URI.parse(doc.uri).fsPath;
    if (target.only && !target.only.has(file)) continue;
    files++;
    if (doc.isLog) logs++;
    for (const d of computeDiagnostics(index, doc.uri, ruleOptions(index.options, args.today))) printed.push(toPrinted(d, displayPath(file, target.folders)));
  }
  printed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : 1)));
  if (args.format === 'json') {
    process.stdout.write(JSON.stringify(printed, null, 2) + '\n');
  } else {
    const lines = printed.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code} ${p.message}`);
    const issues = target.only ? undefined : index.allIssues();
    const bySeverity = (s: Printed['severity']) => printed.filter((p) => p.severity === s).length;
    const counts = ['error', 'warning', 'information', 'hint'].map((s) => `${bySeverity(s as Printed['severity'])} ${s === 'error' ? 'errors' : s === 'warning' ? 'warnings' : s === 'hint' ? 'hints' : 'information'}`);
    const issuePart = issues ? `, ${issues.length} issues (${issues.filter((i) => i.status === 'open').length} open)` : '';
    lines.push(`${files} files (${logs} issue logs)${issuePart}; ${printed.length} problems: ${counts.join(', ')}`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  return printed.some((p) => p.severity === 'error') ? 1 : 0;
}

function toPrinted(d: Diagnostic, file: string): Printed {
  return {
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: SEVERITY_NAMES[d.severity ?? 1],
    code: String(d.code),
    message: typeof d.message === 'string' ? d.message : d.message.value,
  };
}

async function stats(args: Args): Promise<number> {
  if (args.paths.length !== 1) throw new UsageError('stats takes one LOG file');
  const target = resolveTargets(args.paths);
  if (!target.only) throw new UsageError(`${args.paths[0]}: stats takes a log file, not a folder`);
  const { index } = await loadIndex(args, target, options(args.settings));
  const uri = URI.file([...target.only][0]).toString();
  if (!index.has(uri)) throw new UsageError(`${args.paths[0]}: could not be read (see above)`);
  process.stdout.write(renderStatistics(index, uri));
  return 0;
}

async function open(args: Args): Promise<number> {
  if (args.paths.length > 1) throw new UsageError('open takes at most one PATH');
  const target = resolveTargets(args.paths);
  const { index } = await loadIndex(args, target, options(args.settings));
  let issues = openIssues(index);
  if (target.only) issues = issues.filter((i) => target.only!.has(URI.parse(i.uri).fsPath));
  if (args.format === 'json') {
    const out = issues.map((i) => ({
      id: i.id,
      title: i.title,
      severity: i.severity,
      status: i.status,
      phase: i.phase,
      assignee: i.assignee,
      target: i.target,
      file: displayPath(URI.parse(i.uri).fsPath, target.folders),
      line: i.range.start.line + 1,
    }));
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  if (issues.length === 0) {
    process.stdout.write('No open issues.\n');
    return 0;
  }
  const rows = issues.map((i) => [
    i.id,
    i.severity,
    i.title,
    i.assignee ?? '',
    i.target ?? '',
    `${displayPath(URI.parse(i.uri).fsPath, target.folders)}:${i.range.start.line + 1}`,
  ]);
  const header = ['ID', 'Severity', 'Title', 'Assigned', 'Target', 'Where'];
  const widths = header.map((h, c) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[c].length))));
  const fmt = (r: string[]) => r.map((cell, c) => (c === r.length - 1 ? cell : (cell.length > widths[c] ? cell.slice(0, widths[c] - 1) + '…' : cell).padEnd(widths[c]))).join('  ');
  process.stdout.write([fmt(header), ...rows.map(fmt), `${issues.length} open issue${issues.length === 1 ? '' : 's'}`].join('\n') + '\n');
  return 0;
}

/** Runs a command line; the result is the exit status, or 'server' for `lsp`. */
export async function main(argv: string[]): Promise<number | 'server'> {
  try {
    const args = parseArgs(argv);
    switch (args.command) {
      case 'help':
        process.stdout.write(USAGE + '\n');
        return 0;
      case 'version':
        process.stdout.write(`issue-log ${VERSION}\n`);
        return 0;
      case 'check':
        return await check(args);
      case 'stats':
        return await stats(args);
      case 'open':
        return await open(args);
      case 'lsp':
        return 'server';
      case '':
        throw new UsageError('a command is needed: check, stats, open or lsp');
      default:
        throw new UsageError(`unknown command "${args.command}"`);
    }
  } catch (err) {
    return failed(err);
  }
}

function failed(err: unknown): number {
  if (err instanceof UsageError) {
    process.stderr.write(`issue-log: ${err.message}\nRun "issue-log --help" for usage.\n`);
    return 2;
  }
  process.stderr.write(`issue-log: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  return 2;
}

/** Runs the command line of this process. */
export function run(): void {
  void main(process.argv.slice(2)).then((result) => {
    if (result === 'server') {
      // The language server lives in its own bundle beside this one.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a sibling bundle, loaded by Node at run time
      require(path.join(__dirname, 'server.js'));
    } else {
      process.exitCode = result;
    }
  });
}

if (require.main === module) run();
