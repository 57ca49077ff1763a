/** The command line, parsed (node:util parseArgs) and checked; a UsageError says what is wrong (exit 2). */
import * as path from 'node:path';
import { parseArgs as parseNodeArgs } from 'node:util';
import { CHECK_LINKS, RULE_CODES, type IssueLogSettings } from '../core/config';
import { localToday, parseIsoDate } from '../core/durations';

export const USAGE = `Usage:
  issue-log check [PATH ...] [options]   Check issue logs; print diagnostics.
  issue-log list [PATH] [options]        List every issue, one per issue (--format text, json or csv).
  issue-log open [PATH] [options]        List the open-like issues (the same formats as list).
  issue-log stats LOG [options]          Print LOG's statistics block and resolution table, computed.
  issue-log fix [PATH ...] [--dry-run]   Apply the safe fixes (stale counts and averages, an overdue Last
                                         Updated) to the files under PATH; --dry-run prints a diff instead.
                                         (list, open, stats: no issue entries under PATH is said on
                                         stderr, with nothing on stdout and exit 0.)
  issue-log lsp --stdio                  Run the language server on standard input/output
                                         (--cache-dir DIR: its cache of parsed files).

PATH is a folder, or Markdown files (default: the current folder). The workspace is the nearest
folder above the first PATH that holds .issue-log.json or .git (else the current folder): all of it
is read, minus node_modules, .git, what .gitignore files ignore and the exclude globs; what lies
under PATH is reported.

Options:
  --format FORMAT              Output format. check: text (default), json, sarif (SARIF 2.1.0),
                               junit (JUnit XML) or github (workflow-command annotations);
                               list and open: text, json or csv; stats: text.
  -o, --output-file FILE       check: write the output to FILE (whole), not to stdout.
  --max-warnings N             check: exit 1 also when more than N warnings are reported.
  --quiet                      check: report errors only (warnings and the rest are not printed or counted).
  --today YYYY-MM-DD           The date review-overdue judges by (default: today).
  --exclude GLOB               Leave out matching files (relative to the folder); repeatable.
  --rule CODE=SEVERITY         Set a rule's severity (error, warning, information, hint, off); repeatable.
  --prefix PREFIX=SEVERITY     Issue-ID prefix and its severity (Critical, High, Medium, Low, or empty);
                               repeatable; replaces the defaults CRIT, HIGH, MED, LOW, OPEN.
  --case-sensitive-anchors     Match #fragments to heading slugs exactly (GitLab) instead of ignoring case.
  --max-file-size MB           Skip files larger than this (default: 5).
  --check-links family|all     Which documents get broken-link and broken-anchor: the issue logs and
                               the documents linked with one (default), or every Markdown file.
  --cache-dir DIR              Keep the facts of each file in DIR, keyed by its content, and reuse them
                               on the next run (default: no cache). Unusable entries are ignored.
  --jobs N                     Parse with N worker threads (default: the number of cores).
  --dry-run                    fix: print the fixes as a unified diff (a/PATH, b/PATH); write nothing.
  --fix                        check: apply the safe fixes first (as fix does), then report what remains.
  --no-gitignore               Check what .gitignore files (and .git/info/exclude) ignore, too; over
                               "gitignore" in .issue-log.json. (Default: left out, as git does.)
  - (as the PATH)              check, list, open, stats: read the text from standard input as the
  --stdin-filename PATH        file PATH of its workspace (needed with -; PATH need not exist).
  --                           Ends the options: what follows is a PATH, even if it starts with -.
  -h, --help                   Show this help.
  -v, --version                Show the version.

.issue-log.json at the workspace root wins over --exclude, --rule, --prefix and --check-links where both say.
Exit status: 0 no errors, 1 an error-severity diagnostic was printed (or more warnings than
--max-warnings), 2 the command could not run.
Colour: on a terminal only; NO_COLOR=1 turns it off, FORCE_COLOR=1 (any value but 0) turns it on;
never in json, sarif, junit, github or an --output-file.
Rule codes: ${RULE_CODES.join(', ')}.`;

export class UsageError extends Error {}

export type Format = 'text' | 'json' | 'csv' | 'sarif' | 'junit' | 'github';

export interface Args {
  command: string;
  paths: string[];
  format: Format;
  today: string;
  settings: IssueLogSettings;
  cacheDir?: string;
  jobs?: number;
  /** check: write the output here (absolute), not to stdout. */
  outputFile?: string;
  /** check: exit 1 when more warnings than this are reported. */
  maxWarnings?: number;
  /** check: errors only, printed and counted. */
  quiet?: boolean;
  /** fix: print a diff, write nothing. */
  dryRun?: boolean;
  /** check: apply the safe fixes first. */
  fix?: boolean;
  /** PATH `-`: the text on standard input stands for this file (absolute; --stdin-filename). */
  stdinFilename?: string;
}

/** The formats each command prints. */
const FORMATS: Record<string, readonly Format[]> = { check: ['text', 'json', 'sarif', 'junit', 'github'], open: ['text', 'json', 'csv'], list: ['text', 'json', 'csv'], stats: ['text'], fix: ['text'] };

const OPTIONS = {
  format: { type: 'string' },
  today: { type: 'string' },
  exclude: { type: 'string', multiple: true },
  rule: { type: 'string', multiple: true },
  prefix: { type: 'string', multiple: true },
  'case-sensitive-anchors': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  'check-links': { type: 'string' },
  'cache-dir': { type: 'string' },
  jobs: { type: 'string' },
  'output-file': { type: 'string', short: 'o' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  fix: { type: 'boolean' },
  'no-gitignore': { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  stdio: { type: 'boolean' },
  'node-ipc': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function parsed(argv: string[]) {
  try {
    return parseNodeArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (err) {
    // parseArgs's own errors (an unknown option, a missing value) are the user's.
    if ((err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) throw new UsageError((err as Error).message);
    throw err;
  }
}

export function parseArgs(argv: string[]): Args {
  const { values: v, positionals } = parsed(argv);
  const [first = '', ...paths] = positionals;
  const command = v.help ? 'help' : first || (v.version ? 'version' : '');
  const args: Args = { command, paths, format: 'text', today: localToday(), settings: {} };
  if (v.format !== undefined) {
    const allowed = FORMATS[command] ?? ['text', 'json'];
    if (!(allowed as readonly string[]).includes(v.format)) throw new UsageError(`--format must be ${allowed.join(' or ')}, not "${v.format}"`);
    args.format = v.format as Format;
  }
  if (v.today !== undefined) {
    if (!parseIsoDate(v.today)) throw new UsageError(`--today must be a date YYYY-MM-DD, not "${v.today}"`);
    args.today = v.today;
  }
  if (v.exclude?.length) args.settings.exclude = [...v.exclude];
  if (v.rule?.length) {
    const rules: Record<string, string> = {};
    for (const r of v.rule) {
      const m = /^([a-z-]+)=(\w+)$/.exec(r);
      if (!m) throw new UsageError(`--rule takes CODE=SEVERITY, not "${r}"`);
      if (!(RULE_CODES as readonly string[]).includes(m[1])) throw new UsageError(`--rule: unknown rule "${m[1]}"; rules: ${RULE_CODES.join(', ')}`);
      if (!['error', 'warning', 'information', 'hint', 'off'].includes(m[2])) throw new UsageError(`--rule: "${m[2]}" is not error, warning, information, hint or off`);
      rules[m[1]] = m[2];
    }
    args.settings.rules = rules;
  }
  if (v.prefix?.length) {
    const prefixes: Record<string, string> = {};
    for (const p of v.prefix) {
      const m = /^([A-Za-z][A-Za-z0-9]*)=(\w*)$/.exec(p);
      if (!m) throw new UsageError(`--prefix takes PREFIX=SEVERITY, not "${p}"`);
      prefixes[m[1]] = m[2];
    }
    args.settings.prefixes = prefixes;
  }
  if (v['case-sensitive-anchors']) args.settings.caseSensitiveAnchors = true;
  if (v['max-file-size'] !== undefined) {
    const mb = Number(v['max-file-size']);
    if (!Number.isFinite(mb) || mb <= 0) throw new UsageError('--max-file-size takes a positive number of megabytes');
    args.settings.maxFileSizeMB = mb;
  }
  if (v['check-links'] !== undefined) {
    if (!(CHECK_LINKS as readonly string[]).includes(v['check-links'])) throw new UsageError(`--check-links must be family or all, not "${v['check-links']}"`);
    args.settings.checkLinks = v['check-links'];
  }
  if (v['cache-dir'] !== undefined) args.cacheDir = path.resolve(v['cache-dir']);
  if (v.jobs !== undefined) {
    const n = Number(v.jobs);
    if (!Number.isInteger(n) || n < 1) throw new UsageError('--jobs takes a whole number of threads, 1 or more');
    args.jobs = n;
  }
  checkOutputOptions(v, args);
  inputOptions(v, args);
  if (v['dry-run']) {
    if (command !== 'fix') throw new UsageError('--dry-run is an option of fix');
    args.dryRun = true;
  }
  if (v.fix) {
    if (command !== 'check') throw new UsageError('--fix is an option of check (or run issue-log fix)');
    args.fix = true;
  }
  return args;
}

/** -o, --max-warnings and --quiet: what `check` prints where, and when warnings fail (check only). */
function checkOutputOptions(v: ReturnType<typeof parsed>['values'], args: Args): void {
  const given = (['output-file', 'max-warnings', 'quiet'] as const).filter((o) => v[o] !== undefined);
  if (given.length > 0 && args.command !== 'check') throw new UsageError(`--${given[0]} is an option of check only`);
  if (v['output-file'] !== undefined) {
    if (v['output-file'] === '') throw new UsageError('--output-file takes a file name');
    args.outputFile = path.resolve(v['output-file']);
  }
  if (v['max-warnings'] !== undefined) {
    const n = Number(v['max-warnings']);
    if (!/^\d+$/.test(v['max-warnings']) || !Number.isSafeInteger(n)) throw new UsageError(`--max-warnings takes a whole number, 0 or more, not "${v['max-warnings']}"`);
    args.maxWarnings = n;
  }
  if (v.quiet) args.quiet = true;
}

/** The commands that read a PATH of `-` from standard input. */
const STDIN_COMMANDS = ['check', 'list', 'open', 'stats'];

/** --no-gitignore, and `-` with --stdin-filename: what the workspace is read from. */
function inputOptions(v: ReturnType<typeof parsed>['values'], args: Args): void {
  if (v['no-gitignore']) args.settings.useGitignore = false;
  const stdin = args.paths.includes('-');
  const name = v['stdin-filename'];
  if (!stdin && name === undefined) return;
  if (!STDIN_COMMANDS.includes(args.command)) throw new UsageError(`${stdin ? '- (standard input)' : '--stdin-filename'} is for ${STDIN_COMMANDS.join(', ')} only`);
  if (!stdin) throw new UsageError('--stdin-filename names the file that standard input stands for: give - as the PATH');
  if (args.paths.length > 1) throw new UsageError('- (standard input) is the only PATH when given');
  // Without a name there is no place to resolve the text's links from: guessing one would report them broken.
  if (name === undefined || name === '') throw new UsageError('- (standard input) needs --stdin-filename PATH: the file in the workspace that the text stands for');
  args.stdinFilename = path.resolve(name);
}
