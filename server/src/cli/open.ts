/** `issue-log open [PATH]`: the open issues, as a text table or JSON. */
import { URI } from 'vscode-uri';
import { openIssues } from '../core/openIssues';
import { UsageError, type Args } from './args';
import { hasEntries, noEntries } from './list';
import { textTable } from './output';
import { displayPath, isReported, loadIndex, optionsOf, resolveTargets } from './workspace';

export async function open(args: Args): Promise<number> {
  if (args.paths.length > 1) throw new UsageError('open takes at most one PATH');
  const target = resolveTargets(args.paths);
  const index = await loadIndex(args, target, optionsOf(args.settings, target));
  if (!hasEntries(index, target)) {
    noEntries(args.paths[0] ?? '.');
    if (args.format === 'json') process.stdout.write('[]\n');
    return 0;
  }
  const issues = openIssues(index).filter((i) => isReported(target, i.uri));
  const where = (uri: string) => displayPath(URI.parse(uri).fsPath, target);
  if (args.format === 'json') {
    const out = issues.map((i) => ({
      id: i.id,
      title: i.title,
      severity: i.severity,
      status: i.status,
      phase: i.phase,
      assignee: i.assignee,
      target: i.target,
      file: where(i.uri),
      line: i.range.start.line + 1,
    }));
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  if (issues.length === 0) {
    process.stdout.write('No open issues.\n');
    return 0;
  }
  const rows = issues.map((i) => [i.id, i.severity, i.title, i.assignee ?? '', i.target ?? '', `${where(i.uri)}:${i.range.start.line + 1}`]);
  const lines = textTable(['ID', 'Severity', 'Title', 'Assigned', 'Target', 'Where'], rows);
  process.stdout.write([...lines, `${issues.length} open issue${issues.length === 1 ? '' : 's'}`].join('\n') + '\n');
  return 0;
}
