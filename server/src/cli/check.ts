/** `issue-log check [PATH ...]`: the diagnostics of the files under PATH; report.ts prints them. */
import { URI } from 'vscode-uri';
import { computeDiagnostics, ruleOptions } from '../core/rules';
import type { Args } from './args';
import { fixedIndex } from './fix';
import { configPrinted, toPrinted, type CheckResult, type Printed } from './output';
import { report } from './report';
import { displayPathOf, isReported, loadIndex, optionsOf, resolveTargets } from './workspace';

export async function check(args: Args): Promise<number> {
  const target = resolveTargets(args.paths, args.stdinFilename);
  const opts = optionsOf(args.settings, target, true);
  // check --fix (cli/fix.ts): the safe fixes written first; a file that could not be fixed exits 2.
  const fixed = args.fix ? await fixedIndex(args, target, opts) : undefined;
  const index = fixed?.index ?? (await loadIndex(args, target, opts));
  // Paths relative to the current folder (contract v2), so a terminal or a problem matcher opens them.
  const cwd = process.cwd();
  const shown = (file: string) => displayPathOf(file, cwd);
  let printed: Printed[] = [];
  const files: string[] = [];
  let logs = 0;
  for (const doc of index.documents) {
    if (!isReported(target, doc.uri)) continue;
    const file = shown(URI.parse(doc.uri).fsPath);
    files.push(file);
    if (doc.isLog) logs++;
    for (const d of computeDiagnostics(index, doc.uri, ruleOptions(index.options, args.today))) printed.push(toPrinted(d, file));
  }
  // The root's .issue-log.json is checked with the folder it is in.
  const config = target.config;
  if (config && (!target.reported || target.reported(config.path))) {
    files.push(shown(config.path));
    printed.push(...configPrinted(config.text, config.problems, shown(config.path)));
  }
  if (args.quiet) printed = printed.filter((p) => p.severity === 'error');
  printed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const issues = target.only && !target.foldersNamed ? undefined : index.allIssues().filter((i) => isReported(target, i.entries[0].uri));
  const result: CheckResult = {
    diagnostics: printed,
    files,
    logs,
    issues: issues && { total: issues.length, open: issues.filter((i) => i.status === 'open').length },
    cwd,
    root: target.folders[0],
    quiet: args.quiet === true,
  };
  const status = report(result, args);
  return fixed?.failed ? 2 : status;
}
