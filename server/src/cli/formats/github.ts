/**
 * `--format github`: one GitHub Actions workflow command per diagnostic, which the run shows as an
 * annotation on the file and line: `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message`.
 * Information and hints are `::notice`. Escaped as the Actions toolkit does (core/src/command.ts).
 */
import type { CheckResult, Printed } from '../output';

const COMMAND: Record<Printed['severity'], 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** A command's message: `%`, CR and LF escaped (`%` first, so an escape is never escaped again). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` and `,`, which end a value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotation(p: Printed): string {
  const props: [string, string | number][] = [['file', p.file], ['line', p.line]];
  // GitHub takes columns only on a one-line annotation (checks API: "omit … if start_line and end_line differ").
  if (p.endLine === p.line) props.push(['col', p.column], ['endLine', p.endLine], ['endColumn', p.endColumn]);
  else props.push(['endLine', p.endLine]);
  props.push(['title', p.code]);
  return `::${COMMAND[p.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(p.message)}`;
}

export function formatGithub(r: CheckResult): string {
  return r.diagnostics.map((p) => annotation(p) + '\n').join('');
}
