/** `issue-log check [PATH ...]`: the diagnostics of the files under PATH, as text or JSON. */
import { URI } from 'vscode-uri';
import { computeDiagnostics, ruleOptions } from '../core/rules';
import type { Args } from './args';
import { configPrinted, toPrinted, type Printed } from './output';
import { displayPath, isReported, loadIndex, optionsOf, resolveTargets } from './workspace';

export async function check(args: Args): Promise<number> {
  const target = resolveTargets(args.paths, args.stdinFilename);
  const index = await loadIndex(args, target, optionsOf(args.settings, target, true));
  const printed: Printed[] = [];
  let files = 0;
  let logs = 0;
  for (const doc of index.documents) {
    if (!isReported(target, doc.uri)) continue;
    files++;
    if (doc.isLog) logs++;
    const file = displayPath(URI.parse(doc.uri).fsPath, target);
    for (const d of computeDiagnostics(index, doc.uri, ruleOptions(index.options, args.today))) printed.push(toPrinted(d, file));
  }
  // The root's .issue-log.json is checked with the folder it is in.
  const config = target.config;
  if (config && (!target.reported || target.reported(config.path))) printed.push(...configPrinted(config.text, config.problems, displayPath(config.path, target)));
  printed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : 1)));
  if (args.format === 'json') {
    process.stdout.write(JSON.stringify(printed, null, 2) + '\n');
  } else {
    const lines = printed.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code} ${p.message}`);
    const issues = target.only && !target.foldersNamed ? undefined : index.allIssues().filter((i) => isReported(target, i.entries[0].uri));
    const bySeverity = (s: Printed['severity']) => printed.filter((p) => p.severity === s).length;
    const counts = ['error', 'warning', 'information', 'hint'].map((s) => `${bySeverity(s as Printed['severity'])} ${s === 'error' ? 'errors' : s === 'warning' ? 'warnings' : s === 'hint' ? 'hints' : 'information'}`);
    const issuePart = issues ? `, ${issues.length} issues (${issues.filter((i) => i.status === 'open').length} open)` : '';
    lines.push(`${files} files (${logs} issue logs)${issuePart}; ${printed.length} problems: ${counts.join(', ')}`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  return printed.some((p) => p.severity === 'error') ? 1 : 0;
}
