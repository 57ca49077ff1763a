/** The open issues of the workspace, as the Open Issues tree and `issue-log open` show them. */
import { URI, Utils } from 'vscode-uri';
import type { OpenIssue } from '../protocol';
import { rangeIn } from './documentFacts';
import { fieldNamed, referenceLink, statusLabel, type Issue } from './issues';
import { severityRank } from './severity';
import type { WorkspaceIndex } from './workspaceIndex';

/** The first non-empty value of the first of `names` that an entry of the issue has. */
function firstField(issue: Issue, ...names: string[]): string | undefined {
  for (const name of names) {
    for (const e of issue.entries) {
      const f = fieldNamed(e.entry, name);
      if (f && f.value) return f.value;
    }
  }
  return undefined;
}

/** Describes one issue for the tree (whatever its status). */
export function describeIssue(index: WorkspaceIndex, issue: Issue): OpenIssue | undefined {
  const primary = issue.entries[0];
  const doc = index.get(primary.uri);
  if (!doc) return undefined;
  const e = primary.entry;
  const folderName = Utils.basename(Utils.dirname(URI.parse(primary.uri)));
  const fields: { name: string; value: string }[] = [];
  const seen = new Set<string>();
  for (const x of issue.entries) {
    for (const f of x.entry.fields) {
      const k = f.name.toLowerCase();
      if (seen.has(k)) continue;
      seen.add(k);
      fields.push({ name: f.name, value: f.value });
    }
  }
  const out: OpenIssue = {
    id: e.id,
    title: e.title || firstField(issue, 'title') || '',
    severity: issue.severity ?? 'Unknown',
    phase: firstField(issue, 'phase') ?? (/^\d+[-_ ]/.test(folderName) ? folderName : undefined),
    assignee: firstField(issue, 'assigned', 'assignee', 'owner'),
    target: firstField(issue, 'target resolution', 'target'),
    status: statusLabel(issue),
    fields,
    uri: primary.uri,
    range: rangeIn(doc, e.heading),
  };
  const link = e.kind === 'id' ? referenceLink(e) : undefined;
  if (link) {
    const r = index.resolve(primary.uri, link);
    if (r.kind === 'internal' && r.exists === 'file') {
      const target = index.get(r.target);
      const heading = target && r.fragment ? index.headingBySlug(target, r.fragment) : undefined;
      out.reference = {
        uri: r.target,
        range: target && heading ? rangeIn(target, heading) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      };
    }
  }
  return out;
}

export function openIssues(index: WorkspaceIndex): OpenIssue[] {
  const out: OpenIssue[] = [];
  for (const issue of index.allIssues()) {
    if (issue.status !== 'open') continue;
    const d = describeIssue(index, issue);
    if (d) out.push(d);
  }
  out.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.id.localeCompare(b.id, 'en', { numeric: true }) || a.uri.localeCompare(b.uri));
  return out;
}
