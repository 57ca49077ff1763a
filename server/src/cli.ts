/**
 * `issue-log`: the command-line checker (contract: ../shared/issue-log-format.md, "The CLI contract").
 * One file per command under cli/; this entry point dispatches and turns failures into exit 2.
 *
 *   issue-log check [PATH ...] [--format text|json] [--today YYYY-MM-DD]
 *   issue-log list [PATH] [--format text|json|csv]
 *   issue-log open [PATH] [--format text|json|csv]
 *   issue-log stats LOG
 *   issue-log fix [PATH ...] [--dry-run]
 *   issue-log lsp --stdio [--cache-dir DIR]
 */
import * as path from 'node:path';
import { parseArgs, USAGE, UsageError } from './cli/args';
import { check } from './cli/check';
import { fix } from './cli/fix';
import { list } from './cli/list';
import { open } from './cli/open';
import { stats } from './cli/stats';

export type { Printed } from './cli/output';
export type { ListedIssue } from './cli/list';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

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
      case 'list':
        return await list(args);
      case 'stats':
        return await stats(args);
      case 'open':
        return await open(args);
      case 'fix':
        return await fix(args);
      case 'lsp':
        return 'server';
      case '':
        throw new UsageError('a command is needed: check, list, open, stats, fix or lsp');
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
