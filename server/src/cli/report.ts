/**
 * The output side of `check`: the result in the chosen format, on stdout or written whole to
 * `--output-file`, and the exit status (1 on an error, or on more warnings than `--max-warnings`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError, type Args } from './args';
import { painter, useColour, type Env } from './formats/colour';
import { formatGithub } from './formats/github';
import { formatJunit } from './formats/junit';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import { countBySeverity, type CheckResult } from './output';

/** The output as one string. Colour only for text going to a terminal (never into a file). */
export function formatted(r: CheckResult, format: Args['format'], colour: boolean): string {
  switch (format) {
    case 'json':
      return JSON.stringify(r.diagnostics, null, 2) + '\n';
    case 'sarif':
      return formatSarif(r);
    case 'junit':
      return formatJunit(r);
    case 'github':
      return formatGithub(r);
    default:
      return formatText(r, painter(colour));
  }
}

/** Writes `text` to `file` whole: into a temporary file beside it, then renamed over it, so a reader never sees half. */
export function writeWhole(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
  } catch (err) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // Nothing was written there (its folder is not one).
    }
    throw new UsageError(`${file}: cannot write the output (${(err as Error).message})`);
  }
}

/** Prints or writes the result; the exit status. */
export function report(r: CheckResult, args: Args, env: Env = process.env): number {
  if (args.outputFile) writeWhole(args.outputFile, formatted(r, args.format, false));
  else process.stdout.write(formatted(r, args.format, useColour(process.stdout.isTTY, env)));
  const n = countBySeverity(r.diagnostics);
  if (n.error > 0) return 1;
  if (args.maxWarnings !== undefined && n.warning > args.maxWarnings) {
    process.stderr.write(`issue-log: ${n.warning} warnings, more than --max-warnings ${args.maxWarnings}\n`);
    return 1;
  }
  return 0;
}
