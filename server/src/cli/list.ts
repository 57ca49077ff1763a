/**
 * `issue-log list [PATH]` and `issue-log open [PATH]`: every issue under PATH (or only the open-like
 * ones), one per issue as the index merges them ("one issue, one count"), as text, JSON or CSV (RFC 4180,
 * one column per field name, so a team can open its log in a spreadsheet). And the message of list,
 * open and stats for a PATH without entries.
 */
import { URI } from 'vscode-uri';
import { rangeIn } from '../core/documentFacts';
import { describeIssue } from '../core/openIssues';
import { severityRank } from '../core/severity';
import { statusLabel, type WorkspaceIndex } from '../core/workspace';
import { UsageError, type Args } from './args';
import { listCsv, listText } from './output';
import { displayPath, isReported, loadIndex, optionsOf, resolveTargets, type Target } from './workspace';

/** One issue as `list` prints it (the contract's shape). */
export interface ListedIssue {
  id: string;
  title: string;
  /** Relative to the folder paths are printed from, as `check` prints them. */
  file: string;
  /** 1-based line of the entry's heading. */
  line: number;
  /** The status as shown (statusLabel: the Status field as written, else `Open` or `Resolved`); null when unknown. */
  status: string | null;
  statusClass: 'open' | 'resolved' | 'unknown';
  /** Critical, High, Medium or Low; null when it cannot be read. */
  severity: string | null;
  /** Every field of the issue's entries, by name as written (the first value of a name; ID entries first). */
  fields: Record<string, string>;
}

/** Says on stderr that PATH holds no issue entries (nothing to list is not a failure). */
export function noEntries(shown: string): number {
  process.stderr.write(`issue-log: no issue entries found under ${shown}\n`);
  return 0;
}

/**
 * The issues that have an entry in a reported file, by file and line. `file` and `line` are those of
 * the issue's first entry under PATH (ID entries first), so an ID entry in the master and the phase-file
 * entry its Reference names are listed once, at the master's heading, or at the phase file's when only
 * the phase file is under PATH.
 */
export function listIssues(index: WorkspaceIndex, target: Target): ListedIssue[] {
  const out: ListedIssue[] = [];
  for (const issue of index.allIssues()) {
    const at = issue.entries.find((e) => isReported(target, e.uri));
    const doc = at && index.get(at.uri);
    if (!at || !doc) continue;
    const d = describeIssue(index, issue);
    if (!d) continue;
    const fields: Record<string, string> = {};
    for (const f of d.fields) fields[f.name] = f.value;
    out.push({
      id: d.id,
      title: d.title,
      file: displayPath(URI.parse(at.uri).fsPath, target),
      line: rangeIn(doc, at.entry.heading).start.line + 1,
      status: statusLabel(issue) ?? null,
      statusClass: issue.status,
      severity: issue.severity ?? null,
      fields,
    });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

const byId = new Intl.Collator('en', { numeric: true });

/** The open-like issues, most severe first, then by ID (as the Open Issues tree orders them). */
export function openOnly(issues: readonly ListedIssue[]): ListedIssue[] {
  return issues
    .filter((i) => i.statusClass === 'open')
    .sort((a, b) => severityRank((a.severity ?? 'Unknown') as 'Unknown') - severityRank((b.severity ?? 'Unknown') as 'Unknown') || byId.compare(a.id, b.id) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

async function listed(args: Args, which: 'list' | 'open'): Promise<number> {
  if (args.paths.length > 1) throw new UsageError(`${which} takes at most one PATH`);
  const target = resolveTargets(args.paths, args.stdinFilename);
  const index = await loadIndex(args, target, optionsOf(args.settings, target));
  const all = listIssues(index, target);
  if (all.length === 0) {
    noEntries(args.paths[0] ?? '.');
    // The message is for a reader; a script still gets input it can parse (an empty array, a header row).
    if (args.format === 'text') return 0;
  }
  const issues = which === 'open' ? openOnly(all) : all;
  if (args.format === 'json') process.stdout.write(JSON.stringify(issues, null, 2) + '\n');
  else if (args.format === 'csv') process.stdout.write(listCsv(issues));
  else process.stdout.write(listText(issues, which));
  return 0;
}

export const list = (args: Args) => listed(args, 'list');
export const open = (args: Args) => listed(args, 'open');
