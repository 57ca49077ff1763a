/**
 * `--format text`: `file:line:column severity code message` a line (contract v2), with severity one of
 * the words VS Code's problem matchers know (`error`, `warning`, `info`, `hint`: they read
 * `information` as an error), then a summary line. Coloured when the caller says so.
 */
import { countBySeverity, type CheckResult, type Printed } from '../output';
import type { Paint, Style } from './colour';

export const TEXT_SEVERITY: Record<Printed['severity'], string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

const SEVERITY_STYLE: Record<Printed['severity'], Style[]> = { error: ['bold', 'red'], warning: ['bold', 'yellow'], information: ['bold', 'blue'], hint: ['grey'] };

/** A message on one line: a line break would start a line the problem matcher reads as another one. */
const oneLine = (message: string) =>
  message.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\ufffd');

export function textLine(p: Printed, paint: Paint): string {
  const where = paint(p.file, 'underline') + paint(`:${p.line}:${p.column}`, 'dim');
  return `${where} ${paint(TEXT_SEVERITY[p.severity], ...SEVERITY_STYLE[p.severity])} ${paint(p.code, 'cyan')} ${oneLine(p.message)}`;
}

/** The summary: files, issues, problems by severity (the severities other than error left out with --quiet). */
export function summaryLine(r: CheckResult, paint: Paint): string {
  const n = countBySeverity(r.diagnostics);
  const counted = (k: number, what: string, style: Style) => (k > 0 ? paint(what, style) : what);
  const parts = [counted(n.error, `${n.error} errors`, 'red')];
  if (!r.quiet) parts.push(counted(n.warning, `${n.warning} warnings`, 'yellow'), `${n.information} information`, `${n.hint} hints`);
  const issues = r.issues ? `, ${r.issues.total} issues (${r.issues.open} open)` : '';
  return `${r.files.length} files (${r.logs} issue logs)${issues}; ${r.diagnostics.length} problems${r.quiet ? ' (--quiet: errors only)' : ''}: ${parts.join(', ')}`;
}

export function formatText(r: CheckResult, paint: Paint): string {
  return [...r.diagnostics.map((p) => textLine(p, paint)), summaryLine(r, paint)].join('\n') + '\n';
}
