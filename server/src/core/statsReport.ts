/** `issue-log stats`: a log's statistics block and resolution table as computed, in Markdown. */
import { SEVERITIES, type IssueSeverity } from './config';
import { formatDuration, inUnit } from './durations';
import type { Duration } from './model';
import { averageOf, type WorkspaceIndex } from './workspace';

/** A readable unit for a mean when the log has no row to copy the unit and precision from. */
function naturalUnit(minutes: number): { unit: Duration['unit']; decimals: number } {
  if (minutes < 120) return { unit: 'minutes', decimals: 0 };
  if (minutes < 48 * 60) return { unit: 'hours', decimals: 1 };
  if (minutes < 14 * 24 * 60) return { unit: 'days', decimals: 1 };
  return { unit: 'weeks', decimals: 1 };
}

export function renderStatistics(index: WorkspaceIndex, uri: string): string {
  const doc = index.get(uri);
  const stats = index.scopeStats(uri);
  const c = stats.counts;
  const lines = [
    '## Issue Summary Statistics',
    `- **Total Issues**: ${c.total}`,
    `- **Resolved**: ${c.resolved}`,
    `- **Open**: ${c.open}`,
    `- **Critical**: ${c.critical}`,
    `- **High**: ${c.high}`,
    `- **Medium**: ${c.medium}`,
    `- **Low**: ${c.low}`,
    '',
    '## Resolution Time Analysis',
    '',
    '| Severity | Avg Resolution Time | Target SLA |',
    '|----------|---------------------|------------|',
  ];
  const written = new Map<IssueSeverity, { unit: Duration['unit']; decimals: number; sla?: Duration }>();
  for (const t of doc?.resolutionTables ?? []) {
    for (const r of t.rows) {
      if (written.has(r.severity)) continue;
      written.set(r.severity, { unit: r.average?.duration.unit ?? 'hours', decimals: r.average?.duration.decimals ?? 1, sla: r.sla?.duration });
    }
  }
  for (const s of SEVERITIES) {
    const mean = averageOf(stats, s);
    const w = written.get(s);
    const fmt = mean ? (w?.unit ? { unit: w.unit, decimals: w.decimals } : naturalUnit(mean.mean)) : undefined;
    const avg = mean && fmt ? formatDuration(inUnit(mean.mean, fmt.unit, fmt.decimals), fmt.unit, fmt.decimals) : 'n/a';
    const sla = w?.sla ? `< ${formatDuration(w.sla.amount, w.sla.unit, w.sla.decimals)}` : '';
    lines.push(`| ${s} | ${avg} | ${sla} |`);
  }
  // The issues whose severity or status cannot be read (the interval rule's u).
  const unknownSeverity = stats.unread.critical;
  const unknownStatus = stats.unread.resolved;
  lines.push('');
  if (unknownSeverity || unknownStatus) {
    lines.push(`<!-- ${unknownSeverity} issue(s) of unknown severity and ${unknownStatus} of unknown status are counted in Total only. -->`);
  }
  return lines.join('\n') + '\n';
}
