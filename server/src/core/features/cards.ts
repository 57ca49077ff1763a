/** Markdown descriptions of issues, shared by hover and completion. */
import { issueField, statusLabel, type Issue } from '../issues';
import type { WorkspaceIndex } from '../workspaceIndex';
import { describeIssue } from '../openIssues';
import { startOf } from '../documentFacts';
import { positionAt } from '../positions';
import { displayPath } from './context';

/** `Connection Pool Exhaustion — Critical, Resolved` */
export function issueDetail(issue: Issue): string {
  const title = issue.entries[0].entry.title;
  const status = statusLabel(issue) ?? 'status unknown';
  return `${title} — ${issue.severity ?? 'severity unknown'}, ${status}`;
}

/** Every field of the issue's entries (the ID entry's first), as a Markdown list. */
export function issueFieldsMarkdown(index: WorkspaceIndex, issue: Issue): string {
  const d = describeIssue(index, issue);
  const fields = d?.fields ?? [];
  return fields.map((f) => `- **${f.name}**: ${f.value}`).join('\n');
}

/** The card that hover shows for an issue ID. */
export function issueCard(index: WorkspaceIndex, issue: Issue, id: string): string {
  const d = describeIssue(index, issue);
  const e = issue.entries[0];
  const lines = [`**${id}**: ${d?.title || e.entry.title}`, ''];
  const facts: string[] = [];
  facts.push(`Severity: **${issue.severity ?? 'unknown'}**`);
  facts.push(`Status: **${d?.status ?? 'unknown'}**`);
  if (d?.phase) facts.push(`Phase: ${d.phase}`);
  if (d?.assignee) facts.push(`Assigned: ${d.assignee}`);
  lines.push(facts.join(' · '));
  // An ID entry merged with its phase entry: each field says which file it came from.
  if (d && new Set(issue.entries.map((x) => x.uri)).size > 1) {
    lines.push('', ...d.fields.map((f) => `- **${f.name}**: ${f.value} — _${displayPath(index, f.uri)}_`));
  }
  const ref = issueField(issue, 'reference')?.field;
  if (d?.reference) lines.push('', `Reference: [${displayPath(index, d.reference.uri)}](${d.reference.uri}#L${d.reference.range.start.line + 1})`);
  else if (ref) lines.push('', `Reference: ${ref.value}`);
  const where = issue.entries.filter((x) => x.entry.kind === 'id').map((x) => {
    const doc = index.get(x.uri);
    const line = doc ? positionAt(doc.lineStarts, startOf(doc, x.entry.heading)).line + 1 : 1;
    return `${displayPath(index, x.uri)}:${line}`;
  });
  if (where.length > 0) lines.push('', `_Defined in ${where.join(', ')}_`);
  return lines.join('\n');
}

