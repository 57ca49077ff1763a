/**
 * The rules: every diagnostic code of the contract, computed for one document from the workspace
 * index. Each diagnostic carries in `data` what a quick fix needs.
 */
import type { Diagnostic, DiagnosticRelatedInformation, Range } from 'vscode-languageserver-protocol';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import type { RuleCode, SeverityName, IssueSeverity } from './config';
import type { DocumentFacts } from './document';
import { formatAmount, formatDuration, inUnit, parseCadence, parseIsoDate, reviewDue, formatIsoDate } from './durations';
import type { Duration, FieldFact, StatItem } from './model';
import { rangeOf } from './positions';
import { classifyStatus, isPlaceholder } from './status';
import type { Issue, WorkspaceIndex } from './workspace';

export const DIAGNOSTIC_SOURCE = 'issue-log';

/** What a quick fix needs: the text to write over a range, when there is one. */
export interface DiagnosticData {
  /** Replace `range` (in the same document) by `newText`. */
  fix?: { range: Range; newText: string; title: string };
  /** For undefined-issue: the ID. */
  id?: string;
  written?: string | number;
  computed?: string | number;
  /** For broken-anchor: the closest anchor of the target, and where the link's destination is. */
  suggestion?: string;
  urlRange?: Range;
}

const SEVERITY_VALUE: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface RuleContext {
  /** YYYY-MM-DD: the date review-overdue judges by. */
  today: string;
}

const STAT_LABEL: Record<StatItem['key'], string> = {
  total: 'issues',
  resolved: 'resolved issues',
  open: 'open issues',
  critical: 'Critical issues',
  high: 'High issues',
  medium: 'Medium issues',
  low: 'Low issues',
};

function plural(n: number, word: string): string {
  // `word` is already plural: "issues", "resolved issues".
  return n === 1 ? `${n} ${word.replace(/issues$/, 'issue')}` : `${n} ${word}`;
}

export function relativePath(index: WorkspaceIndex, toUri: string): string {
  return index.relativeToFolder(toUri) ?? URI.parse(toUri).path;
}

/** Counts the issues of a scope the way the statistics block does. */
export function countScope(issues: Issue[]): Record<StatItem['key'], number> {
  const c = { total: 0, resolved: 0, open: 0, critical: 0, high: 0, medium: 0, low: 0 };
  for (const i of issues) {
    c.total++;
    if (i.status === 'resolved') c.resolved++;
    if (i.status === 'open') c.open++;
    if (i.severity) c[i.severity.toLowerCase() as 'critical' | 'high' | 'medium' | 'low']++;
  }
  return c;
}

/** Mean Time to Resolution (minutes) of the resolved issues of a severity that have one. */
export function averageMinutes(issues: Issue[], severity: IssueSeverity): { mean: number; count: number } | undefined {
  let sum = 0;
  let count = 0;
  for (const i of issues) {
    if (i.severity === severity && i.status === 'resolved' && i.timeToResolution) {
      sum += i.timeToResolution.duration.minutes;
      count++;
    }
  }
  return count > 0 ? { mean: sum / count, count } : undefined;
}

/** SLA breaches of the whole workspace, by the document that holds the Time to Resolution field. */
function slaBreaches(index: WorkspaceIndex): Map<string, { field: FieldFact; issue: Issue; sla: Duration }[]> {
  const cache = slaCache.get(index);
  if (cache && cache.version === index.version) return cache.map;
  const map = new Map<string, { field: FieldFact; issue: Issue; sla: Duration }[]>();
  const seen = new Set<FieldFact>();
  for (const log of index.logs()) {
    const slas = new Map<IssueSeverity, Duration>();
    for (const t of log.resolutionTables) for (const r of t.rows) if (r.sla && !slas.has(r.severity)) slas.set(r.severity, r.sla.duration);
    if (slas.size === 0) continue;
    for (const issue of index.scope(log.uri)) {
      const ttr = issue.timeToResolution;
      const sla = issue.severity ? slas.get(issue.severity) : undefined;
      if (!ttr || !sla || seen.has(ttr.field)) continue;
      if (ttr.duration.minutes > sla.minutes + 1e-9) {
        seen.add(ttr.field);
        let list = map.get(ttr.uri);
        if (!list) map.set(ttr.uri, (list = []));
        list.push({ field: ttr.field, issue, sla });
      }
    }
  }
  slaCache.set(index, { version: index.version, map });
  return map;
}
const slaCache = new WeakMap<WorkspaceIndex, { version: number; map: ReturnType<typeof slaBreaches> }>();

/** The candidate nearest to `word` (edit distance ≤ 3); ties go to the longer common prefix, then the nearer number. */
function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const num = (x: string) => Number(/(\d+)$/.exec(x)?.[1] ?? NaN);
  const prefix = (x: string) => {
    let i = 0;
    while (i < x.length && i < w.length && x[i] === w[i]) i++;
    return i;
  };
  let best: { c: string; d: number; p: number; n: number } | undefined;
  let checked = 0;
  for (const c of candidates) {
    if (++checked > 5000) break;
    const lc = c.toLowerCase();
    if (Math.abs(lc.length - w.length) > 3) continue;
    const d = editDistance(w, lc, 3);
    if (d > 3) continue;
    const cand = { c, d, p: prefix(lc), n: Math.abs(num(lc) - num(w)) };
    if (!best || d < best.d || (d === best.d && (cand.p > best.p || (cand.p === best.p && cand.n < best.n)))) best = cand;
  }
  return best?.c;
}

function editDistance(a: string, b: string, cap: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Computes the diagnostics of one document. Non-log documents get none. */
export function computeDiagnostics(index: WorkspaceIndex, uri: string, ctx: RuleContext): Diagnostic[] {
  const doc = index.get(uri);
  if (!doc || !doc.isLog) return [];
  const out: Diagnostic[] = [];
  const rules = index.options.rules;
  const range = (start: number, end: number) => rangeOf(doc.lineStarts, start, end);
  const push = (code: RuleCode, start: number, end: number, message: string, data?: DiagnosticData, related?: DiagnosticRelatedInformation[]) => {
    const setting = rules[code];
    if (setting === 'off') return;
    const d: Diagnostic = { range: range(start, end), severity: SEVERITY_VALUE[setting], code, source: DIAGNOSTIC_SOURCE, message };
    if (data) d.data = data;
    if (related && related.length > 0) d.relatedInformation = related;
    out.push(d);
  };
  const on = (code: RuleCode) => rules[code] !== 'off';

  if (on('broken-link') || on('broken-anchor')) checkLinks(index, doc, push);

  if (on('undefined-issue')) {
    const defs = index.idDefinitions();
    for (const m of doc.mentions) {
      if (!defs.has(m.id)) push('undefined-issue', m.start, m.end, `${m.id} is not defined: no entry heading "${m.id}: …" in the workspace`, { id: m.id });
    }
  }

  if (on('duplicate-issue')) {
    const defs = index.idDefinitions();
    for (const e of doc.entries) {
      if (e.kind !== 'id') continue;
      const all = defs.get(e.id) ?? [];
      if (all.length < 2) continue;
      const others = all.filter((o) => o.entry !== e);
      const related = others.map((o) => {
        const od = index.get(o.uri)!;
        return { location: { uri: o.uri, range: rangeOf(od.lineStarts, o.entry.heading.start, o.entry.heading.end) }, message: `${e.id} is also defined here` };
      });
      const where = related.map((r, i) => `${relativePath(index, others[i].uri)}:${r.location.range.start.line + 1}`).join(', ');
      push('duplicate-issue', e.heading.start, e.heading.end, `${e.id} is defined ${all.length} times (also at ${where})`, { id: e.id }, related);
    }
  }

  if (on('stale-stat') && doc.statistics.length > 0) {
    const counts = countScope(index.scope(uri));
    for (const block of doc.statistics) {
      for (const item of block.items) {
        const computed = counts[item.key];
        if (computed === item.written) continue;
        push(
          'stale-stat',
          item.field.start,
          item.field.end,
          `${item.field.name} says ${item.written}; the log has ${plural(computed, STAT_LABEL[item.key])}`,
          {
            written: item.written,
            computed,
            fix: { range: range(item.numberStart, item.numberEnd), newText: String(computed), title: `Write ${computed} (the count over the log's scope)` },
          },
        );
      }
    }
  }

  if (on('stale-average') && doc.resolutionTables.length > 0) {
    const issues = index.scope(uri);
    for (const table of doc.resolutionTables) {
      for (const row of table.rows) {
        const avg = row.average;
        if (!avg) continue;
        const mean = averageMinutes(issues, row.severity);
        if (!mean) continue;
        const { unit, decimals, amount } = avg.duration;
        const computed = inUnit(mean.mean, unit, decimals);
        if (Math.abs(computed - amount) < 1e-9) continue;
        const written = formatDuration(amount, unit, decimals);
        const shown = formatDuration(computed, unit, decimals);
        push(
          'stale-average',
          row.row.start,
          row.row.end,
          `${row.severity} average says ${written}; the ${plural(mean.count, `resolved ${row.severity} issues`)} with a Time to Resolution average ${shown}`,
          {
            written,
            computed: shown,
            fix: { range: range(avg.numberStart, avg.numberEnd), newText: formatAmount(computed, decimals), title: `Write ${shown} (the mean Time to Resolution)` },
          },
        );
      }
    }
  }

  if (on('sla-breach')) {
    for (const b of slaBreaches(index).get(uri) ?? []) {
      const ttr = b.issue.timeToResolution!;
      const id = b.issue.entries[0].entry.id;
      const sla = formatDuration(b.sla.amount, b.sla.unit, b.sla.decimals);
      push('sla-breach', b.field.start, b.field.end, `${id} took ${b.field.value}, over the ${b.issue.severity} Target SLA of < ${sla}`, {
        written: ttr.duration.minutes,
        computed: b.sla.minutes,
      });
    }
  }

  for (const e of doc.entries) {
    for (const f of e.fields) {
      const placeholder = isPlaceholder(f.value);
      if (placeholder) {
        if (on('placeholder')) push('placeholder', f.start, f.end, `${e.id}: ${f.name} is a placeholder (${f.value})`);
        continue;
      }
      if (on('unknown-status') && f.name.toLowerCase() === 'status' && classifyStatus(f.value) === 'unknown') {
        push('unknown-status', f.start, f.end, `${e.id}: Status "${f.value}" is neither open-like (Open, In Progress, Investigating, Blocked, Monitoring, Reopened) nor resolved-like (Resolved, Closed, Fixed, Done, Won't Fix, Duplicate)`);
      }
    }
  }

  if (on('review-overdue') && doc.footer.lastUpdated && doc.footer.nextReview) {
    const last = parseIsoDate(doc.footer.lastUpdated.value);
    const cadence = parseCadence(doc.footer.nextReview.value);
    const today = parseIsoDate(ctx.today);
    if (last && cadence && today) {
      const due = reviewDue(last.date, cadence);
      if (today.date.getTime() > due.getTime()) {
        const line = doc.footer.lastUpdated;
        const dateAt = line.valueStart;
        push(
          'review-overdue',
          line.start,
          line.end,
          `Last Updated ${doc.footer.lastUpdated.value} with a ${cadence} review: the review was due ${formatIsoDate(due)} (today is ${ctx.today})`,
          { written: doc.footer.lastUpdated.value, computed: ctx.today, fix: { range: range(dateAt, dateAt + 10), newText: ctx.today, title: `Set Last Updated to today (${ctx.today})` } },
        );
      }
    }
  }

  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}

type Push = (code: RuleCode, start: number, end: number, message: string, data?: DiagnosticData) => void;

function checkLinks(index: WorkspaceIndex, doc: DocumentFacts, push: Push): void {
  const rules = index.options.rules;
  // An unsaved (untitled) document has no folder: its relative links cannot be resolved yet.
  if (!doc.uri.startsWith('file:')) return;
  for (const link of doc.links) {
    if (link.kind === 'autolink') continue;
    const r = index.resolveLink(doc.uri, link.url);
    if (r.kind !== 'internal') continue;
    if (!r.exists) {
      if (rules['broken-link'] === 'off') continue;
      const what = link.kind === 'image' ? 'image' : 'file or folder';
      const encoding = r.badEncoding ? ' (its percent-encoding is invalid, so it was read as written)' : '';
      push('broken-link', link.start, link.end, `No ${what} ${r.path}${encoding} (looked for ${relativePath(index, r.target)})`);
      continue;
    }
    if (r.fragment === undefined || r.fragment === '' || rules['broken-anchor'] === 'off') continue;
    if (r.exists !== 'file') continue;
    const target = index.get(r.target);
    // Files outside the index (not Markdown, outside the workspace, excluded, too large) are not read.
    if (!target) continue;
    if (index.hasAnchor(target, r.fragment)) continue;
    const suggestion = closest(r.fragment, target.anchors);
    const where = r.target === doc.uri ? 'this file' : r.path;
    push(
      'broken-anchor',
      link.start,
      link.end,
      `No heading or HTML id #${r.fragment} in ${where}${suggestion ? `; did you mean #${suggestion}?` : ''}`,
      suggestion && link.urlStart !== undefined && link.urlEnd !== undefined
        ? { suggestion, urlRange: rangeOf(doc.lineStarts, link.urlStart, link.urlEnd) }
        : undefined,
    );
  }
}
